"""Every translatable string in the code and templates has a Chinese translation."""

from configparser import ConfigParser
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "meetapp" / "translations" / "zh" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "lazy_ngettext": (1, 2)}


def not_hidden(path: str) -> bool:
    """Like `make extract-messages` (--ignore-dirs '.*'): Babel's default would also skip templates/_macros."""
    return not Path(path).name.startswith(".")


def extracted_messages() -> dict[str, str]:
    """msgid → first place it is used, read from the sources the way `make extract-messages` does."""
    config = ConfigParser()
    config.read(ROOT / "babel.cfg")
    method_map = [(section.split(":", 1)[1].strip(), section.split(":", 1)[0].strip()) for section in config.sections()]
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=method_map, keywords=KEYWORDS, directory_filter=not_hidden
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        found.setdefault(msgid, f"{filename}:{lineno}")
    return found


def test_every_message_has_a_chinese_translation():
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle, locale="zh")
    missing = []
    for msgid, where in sorted(extracted_messages().items()):
        entry = catalog.get(msgid)
        strings = entry.string if entry is not None and isinstance(entry.string, tuple) else (entry and entry.string,)
        if entry is None or entry.fuzzy or not all(strings):
            missing.append(f"{where}: {msgid!r}")
    assert not missing, (
        f"{len(missing)} strings lack a zh translation (run `make extract-messages`, then translate):\n"
        + "\n".join(missing)
    )


def test_a_page_in_chinese(client):
    page = client.get("/login", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).get_data(as_text=True)
    assert '<html lang="zh-CN">' in page
    assert "登录" in page


def test_chinese_pages_put_labels_and_times_in_chinese_punctuation(client, auth, users):
    from flask_babel import force_locale

    from meetapp.meetings.models import Meeting
    from meetapp.participants.invitations import when_text
    from tests.factories import MeetingFactory, UnitFactory

    auth.login_as(users["member"])
    unit = UnitFactory(code="HQ-STD", name="S&T Department")
    page = client.get(f"/directory/units/{unit.id}", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "编码：<code>HQ-STD</code>" in page  # a full-width colon, not "编码: "

    meeting: Meeting = MeetingFactory(timezone="Asia/Shanghai")
    with force_locale("zh"):
        text = when_text(meeting)
    assert text.endswith("（中国时间 (Asia/Shanghai)）") and ", " not in text
