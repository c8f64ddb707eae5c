"""A script typed into any free-text field never runs: not on a page, not in a PDF, not in an .ics.

Table-driven: FIELDS says where a payload is typed (each field gets its own numbered payload, so a failure names
it), PAGES, PDFS and CALENDARS say where it must come out inert. A new area adds its fields and outputs as rows
(e.g. an Atom feed: a row in FEEDS once the news area serves one).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from icalendar import Calendar

from meetapp.extensions import db
from tests.factories import (
    AgendaItemFactory,
    GroupFactory,
    MaterialFactory,
    ParticipantFactory,
    PersonFactory,
    UnitFactory,
    UserFactory,
    VenueFactory,
)
from tests.participants.samples import future_meeting


def payload(n: int) -> str:
    """Breaks out of an attribute, opens a script and an event handler; under 100 characters (name_zh limit)."""
    return f"\"'><script>xss({n})</script><img src=x onerror=xss({n})>"


@dataclass(frozen=True)
class Field:
    name: str
    type_in: Callable[[SimpleNamespace, str], None]
    sanitized: bool = False  # Markdown fields: the sanitizer drops the tags, so the text may not show at all


FIELDS = [
    Field("meeting title", lambda w, p: setattr(w.meeting, "title", p)),
    Field("meeting description", lambda w, p: setattr(w.meeting, "description", p)),
    Field("session title", lambda w, p: setattr(w.meeting.sessions[0], "title", p)),
    Field("venue name", lambda w, p: setattr(w.meeting.venue, "name", p)),
    Field("venue address", lambda w, p: setattr(w.meeting.venue, "address", p)),
    Field("agenda item title", lambda w, p: setattr(w.item, "title", p)),
    Field("agenda item description", lambda w, p: setattr(w.item, "description", p)),
    Field("material file name", lambda w, p: setattr(w.material, "filename", p)),
    Field("person name", lambda w, p: setattr(w.person, "name", p)),
    Field("person Chinese name", lambda w, p: setattr(w.person, "name_zh", p)),
    Field("person title", lambda w, p: setattr(w.person, "title", p)),
    Field("unit name", lambda w, p: setattr(w.unit, "name", p)),
    Field("group name", lambda w, p: setattr(w.group, "name", p)),
    Field("account name", lambda w, p: setattr(w.account, "name", p)),
    Field("news headline", lambda w, p: setattr(w.release, "headline", p)),
    Field("award title", lambda w, p: setattr(w.award, "title", p)),
    Field("minutes decision", lambda w, p: setattr(w, "decision", p)),
    Field("news body", lambda w, p: setattr(w.release, "body", f"First paragraph.\n\n{p}\n"), sanitized=True),
]

PAGES = {
    "meetings list": lambda w: "/meetings/",
    "meeting": lambda w: f"/meetings/{w.meeting.id}",
    "agenda": lambda w: f"/meetings/{w.meeting.id}/agenda/",
    "agenda item": lambda w: f"/meetings/{w.meeting.id}/agenda/items/{w.item.id}/",
    "participants": lambda w: f"/meetings/{w.meeting.id}/participants/",
    "live board": lambda w: f"/meetings/{w.meeting.id}/attendance/",
    "check-in desk": lambda w: f"/meetings/{w.meeting.id}/attendance/desk",
    "desk staff": lambda w: f"/meetings/{w.meeting.id}/attendance/staff",
    "attendance report": lambda w: f"/meetings/{w.meeting.id}/attendance/report",
    "calendar month": lambda w: f"/calendar?year={w.local_start.year}&month={w.local_start.month}",
    "calendar week": lambda w: f"/calendar/week?date={w.local_start.date().isoformat()}",
    "people": lambda w: "/directory/people",
    "person": lambda w: f"/directory/people/{w.person.id}",
    "unit": lambda w: f"/directory/units/{w.unit.id}",
    "group": lambda w: f"/directory/groups/{w.group.id}",
    "accounts": lambda w: "/admin/users/",
    "RSVP page (invitee's link)": lambda w: f"/rsvp/{w.participant.rsvp_token}",
    "ticket (invitee's link)": lambda w: f"/rsvp/{w.participant.rsvp_token}/ticket",
    "news": lambda w: "/news",
    "news release": lambda w: f"/news/{w.release.id}",
    "meeting's news": lambda w: f"/meetings/{w.meeting.id}/news",
    "award programme": lambda w: f"/records/awards/{w.award.program_id}/",
    "award run sheet": lambda w: f"/records/awards/{w.award.program_id}/run-sheet",
    "meeting record": lambda w: f"/records/meetings/{w.meeting.id}",
    "minutes": lambda w: f"/meetings/{w.meeting.id}/minutes",
}
PDFS = {
    "attendance report": lambda w: f"/meetings/{w.meeting.id}/attendance/report.pdf",
    "sign-in sheet": lambda w: f"/meetings/{w.meeting.id}/attendance/sign-in-sheet.pdf",
    "badges": lambda w: f"/meetings/{w.meeting.id}/attendance/badges.pdf",
    "minutes": lambda w: f"/meetings/{w.meeting.id}/minutes.pdf",
}
CALENDARS = {
    "meeting .ics": lambda w: f"/meetings/{w.meeting.id}/calendar.ics",
}
FEEDS = {
    "news Atom feed": lambda w: "/news/feed.atom",
}


@pytest.fixture
def world(app, users):
    organizer = users["admin"]  # sees every page, directory and account lists included
    unit = UnitFactory()
    person = PersonFactory(unit=unit)
    group = GroupFactory()
    group.members.append(person)
    meeting = future_meeting(organizers=[organizer], venue=VenueFactory())
    participant = ParticipantFactory(meeting=meeting, person=person)
    item = AgendaItemFactory(session=meeting.sessions[0], position=0)
    from meetapp.uploads import PDF, store_upload

    stored = store_upload(io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "materials", max_bytes=1024, allowed=[PDF])
    material = MaterialFactory(item=item, stored_name=stored.name)
    account = UserFactory(person=person)
    from meetapp.database import utcnow
    from meetapp.news.models import NewsStatus
    from tests.factories import NewsReleaseFactory

    release = NewsReleaseFactory(meeting=meeting, status=NewsStatus.PUBLISHED, published_at=utcnow())
    from tests.factories import AwardFactory, AwardProgramFactory

    award = AwardFactory(level__program=AwardProgramFactory(presentation_item_id=item.id), recipients=[])
    from zoneinfo import ZoneInfo

    w = SimpleNamespace(organizer=organizer, unit=unit, person=person, group=group, meeting=meeting, item=item,
                        participant=participant, material=material, account=account, release=release, award=award,
                        local_start=meeting.starts_at.astimezone(ZoneInfo(meeting.timezone)))
    for n, field in enumerate(FIELDS):
        field.type_in(w, payload(n))
    db.session.commit()
    from meetapp.minutes import services as minutes

    record = minutes.start_minutes(organizer, meeting)  # prefilled from the record: names, titles, awards
    minutes.save_minutes(organizer, record, body=minutes.current_version(record).body,
                         expected_version=record.current_number, decisions=[w.decision])
    return w


class ScriptFinder(HTMLParser):
    """What a browser would run: inline script text, on* handler attributes, javascript: URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.runnable: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not attrs.get("src"):
            self._in_inline_script = True
        for name, value in attrs.items():
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.runnable.append(value or "")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_inline_script = False

    def handle_data(self, data):
        if self._in_inline_script:
            self.runnable.append(data)


def executed_fields(html: str) -> set[str]:
    finder = ScriptFinder()
    finder.feed(html)
    return {FIELDS[int(n)].name for code in finder.runnable for n in re.findall(r"xss\((\d+)\)", code)}


def shown_fields(text: str) -> set[str]:
    return {FIELDS[int(n)].name for n in re.findall(r"xss\((\d+)\)", text)}


def test_payloads_never_run_on_pages(client, auth, world):
    auth.login_as(world.organizer)
    ran, shown = {}, set()
    for page, url_of in PAGES.items():
        response = client.get(url_of(world))
        assert response.status_code == 200, f"{page}: {response.status_code}"
        html = response.get_data(as_text=True)
        if executed := executed_fields(html):
            ran[page] = sorted(executed)
        shown |= shown_fields(html)
    assert not ran, f"scripts from typed-in text would run: {ran}"
    # The control: every field's text reached some page (escaped), so each row really was tried.
    expected = {field.name for field in FIELDS if not field.sanitized}
    assert shown >= expected, sorted(expected - shown)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_payloads_are_plain_text_in_pdfs(client, auth, world):
    from pypdf import PdfReader

    auth.login_as(world.organizer)
    for name, url_of in PDFS.items():
        response = client.get(url_of(world))
        assert response.status_code == 200 and response.mimetype == "application/pdf", name
        text = squeeze("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages))
        numbers = set(re.findall(r"xss\((\d+)\)", text))
        assert numbers, f"{name}: no typed-in text reached the PDF"
        for n in numbers:  # the tags printed as text (not taken as PDF markup); long text may end in "…"
            assert f"<script>xss({n})" in text, (name, FIELDS[int(n)].name)


def test_payloads_stay_inside_their_property_in_ics(client, auth, world):
    world.meeting.description = "Line one\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:forged\r\nATTENDEE:mailto:x@evil"
    db.session.commit()
    auth.login_as(world.organizer)
    for name, url_of in CALENDARS.items():
        response = client.get(url_of(world))
        assert response.status_code == 200, name
        calendar = Calendar.from_ical(response.data)
        events = list(calendar.walk("VEVENT"))
        assert len(events) == 1, f"{name}: a typed-in line break opened another event"
        (event,) = events
        assert str(event["SUMMARY"]) == world.meeting.title
        assert "END:VEVENT" in str(event["DESCRIPTION"])  # kept as text inside the one property
        assert "x@evil" not in str(event.get("ATTENDEE", ""))


def test_the_finder_sees_what_would_run():
    assert executed_fields(f"<h1>{payload(0)}</h1>") == {"meeting title"}  # unescaped: both would run
    assert executed_fields('<a href="javascript:xss(1)">x</a>') == {"meeting description"}
    from markupsafe import escape

    assert executed_fields(f"<h1>{escape(payload(0))}</h1><p title=\"{escape(payload(1))}\">") == set()


def test_payloads_never_run_in_feeds(client, auth, world):
    """Atom text constructs: type="text" is shown as text; type="html" is HTML the reader renders, so its
    (unescaped) content must hold no runnable script."""
    import xml.etree.ElementTree as ET

    auth.login_as(world.organizer)
    shown = set()
    for name, url_of in FEEDS.items():
        response = client.get(url_of(world))
        assert response.status_code == 200, name
        root = ET.fromstring(response.data)  # noqa: S314  (our own feed; well-formed whatever was typed)
        for element in root.iter():
            text = "".join(element.itertext()) if element.get("type") == "xhtml" else (element.text or "")
            if element.get("type") in ("html", "xhtml"):
                assert not executed_fields(text), (name, element.tag)
            shown |= shown_fields(text)
    assert "news headline" in shown
