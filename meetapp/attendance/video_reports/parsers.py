"""One reader per platform and layout of a participant report, all giving the same rows: who (name, other names,
email), when (join, leave, aware UTC), how long (seconds, as the report says) and the raw cells.

The platform is recognised from the bytes and the headers (see ``/work/shared/samples/video-reports/README.md`` for
the layouts and where they come from); the organizer may name it, and a file of another platform is then refused.
Times written without a zone are read in the zone given (the meeting's unless the organizer chose another).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

from meetapp.attendance.models import VideoPlatformReport
from meetapp.attendance.video_reports.reading import (
    ReportRefused,
    Table,
    TimeCells,
    decode,
    duration_seconds,
    text_table,
    xlsx_tables,
)

PLATFORM_LABELS = {
    VideoPlatformReport.ZOOM: _l("Zoom"),
    VideoPlatformReport.TEAMS: _l("Microsoft Teams"),
    VideoPlatformReport.TENCENT: _l("Tencent Meeting"),
    VideoPlatformReport.WEBEX: _l("Webex"),
    VideoPlatformReport.FEISHU: _l("Feishu (Lark)"),
}


@dataclass(frozen=True)
class Layout:
    key: str
    platform: VideoPlatformReport
    label: object  # lazy translatable
    per_session: bool = True  # one row per join; else one row per person (first join, last leave, summed time)
    has_times: bool = True  # False: total minutes only (Zoom's "Show unique users")


LAYOUTS = {
    layout.key: layout
    for layout in (
        Layout("zoom_csv", VideoPlatformReport.ZOOM, _l("Zoom participants export")),
        Layout("zoom_csv_legacy", VideoPlatformReport.ZOOM, _l("Zoom participants export (2020–2022 layout)")),
        Layout("zoom_csv_unique", VideoPlatformReport.ZOOM, _l("Zoom participants export, unique users"),
               per_session=False, has_times=False),
        Layout("zoom_api", VideoPlatformReport.ZOOM, _l("Zoom API participants report (JSON)")),
        Layout("teams_activities", VideoPlatformReport.TEAMS, _l("Teams attendance report (in-meeting activities)")),
        Layout("teams_participants", VideoPlatformReport.TEAMS, _l("Teams attendance report (participants)"),
               per_session=False),
        Layout("teams_2021", VideoPlatformReport.TEAMS, _l("Teams attendance report (2021 layout)"),
               per_session=False),
        Layout("teams_2020", VideoPlatformReport.TEAMS, _l("Teams attendance list (2020 joined/left roster)")),
        Layout("webex", VideoPlatformReport.WEBEX, _l("Webex attendee report")),
        Layout("tencent_detail", VideoPlatformReport.TENCENT, _l("Tencent Meeting participant details")),
        Layout("tencent_overview", VideoPlatformReport.TENCENT, _l("Tencent Meeting participant overview"),
               per_session=False),
        Layout("feishu", VideoPlatformReport.FEISHU, _l("Feishu participant list"), per_session=False),
    )
}


@dataclass(frozen=True)
class ReportRow:
    """One row of a report: a join session, or a whole person in per-person layouts."""

    line: int  # 1-based line (text) or row (workbook) number, to find the row in the file again
    name: str  # the name shown in the meeting
    other_names: tuple[str, ...]  # original/account name, nickname: also tried when matching
    email: str  # "" when the report has none
    other_emails: tuple[str, ...]  # Teams' UPN
    joined_at: datetime | None  # aware UTC; None only in layouts without times
    left_at: datetime | None
    duration_seconds: int | None  # as the report says
    open_ended: bool  # still in the meeting when the list was downloaded: left_at is the file's last event
    raw: tuple[str, ...]


@dataclass(frozen=True)
class ParsedReport:
    layout: Layout
    encoding: str
    title: str | None  # the meeting's title as the file names it, to spot a file of another meeting
    rows: list[ReportRow]
    zone_in_file: bool  # every time carries its own offset: the chosen zone is not used

    @property
    def platform(self) -> VideoPlatformReport:
        return self.layout.platform


# --- drafts: rows whose times are read once the whole file is known -----------------------------------


@dataclass
class _Row:
    line: int
    name: str
    other_names: tuple[str, ...]
    email: str
    other_emails: tuple[str, ...]
    join: int | None  # index into the draft's TimeCells
    leave: int | None
    duration: int | None
    raw: tuple[str, ...]
    action: str = ""  # Teams 2020: joined / left


@dataclass
class _Draft:
    layout: Layout
    title: str | None = None
    rows: list[_Row] = field(default_factory=list)
    times: TimeCells = field(default_factory=TimeCells)
    join_label: str = ""


def parse_report(data: bytes, platform: str | None = None, tz: str | ZoneInfo = "UTC",
                 near: datetime | None = None) -> ParsedReport:
    """Read a participant report; refuses (``ReportRefused``, with the line and column where it can) an empty
    file, a file of no known layout, a file of another platform than ``platform``, and unreadable times.
    ``near`` (the session's start) settles formats that read a date two ways (day/month)."""
    if not data or not data.strip(b"\x00\t\r\n \xef\xbb\xbf\xff\xfe"):
        raise ReportRefused(_l("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        draft, encoding = _read_workbook(xlsx_tables(data)), "xlsx"
    else:
        text, encoding = decode(data)
        draft = _read_json(text) if text.lstrip().startswith("{") else _read_text(text_table(text))
    if platform and draft.layout.platform != platform:
        raise ReportRefused(_l("You chose %(chosen)s, but this file is a %(layout)s.",
                               chosen=PLATFORM_LABELS[VideoPlatformReport(platform)], layout=draft.layout.label))
    if not draft.rows:
        raise ReportRefused(_l("The %(layout)s lists nobody.", layout=draft.layout.label))
    zone = tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)
    zone_in_file = draft.times.written_with_offset
    moments = draft.times.read(zone, near)
    return ParsedReport(draft.layout, encoding, draft.title, _finish(draft, moments), zone_in_file)


def _finish(draft: _Draft, moments: list[datetime]) -> list[ReportRow]:
    if draft.layout.key == "teams_2020":
        return _pair_roster_events(draft, moments)
    last = max(moments, default=None)
    rows = []
    for row in draft.rows:
        if draft.layout.has_times and row.join is None:
            raise ReportRefused(_l("Line %(num)d: %(name)s has no join time.", num=row.line, name=row.name))
        joined = moments[row.join] if row.join is not None else None
        left = moments[row.leave] if row.leave is not None else None
        open_ended = joined is not None and left is None
        if open_ended:
            left = max(last, joined)
        if joined is not None and left < joined:
            raise ReportRefused(_l("Line %(num)d: %(name)s leaves before joining.", num=row.line, name=row.name))
        rows.append(ReportRow(row.line, row.name, row.other_names, row.email, row.other_emails, joined, left,
                              row.duration, open_ended, row.raw))
    return rows


# --- finding the header row and the columns ----------------------------------------------------------------


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def _columns(header: list[str], names: dict[str, tuple[str, ...]], positions: dict[str, int] | None = None):
    """field → column index, by header name (case-insensitive, full-width folded), else by ``positions``."""
    keys = [_key(cell) for cell in header]
    found = {}
    for wanted, aliases in names.items():
        for alias in aliases:
            if alias in keys:
                found[wanted] = keys.index(alias)
                break
        else:
            if positions and wanted in positions and positions[wanted] < len(header):
                found[wanted] = positions[wanted]
    return found


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def _find_row(table: Table, test, limit: int = 30) -> int | None:
    for index, row in enumerate(table.rows[:limit]):
        if row and test([_key(cell) for cell in row]):
            return index
    return None


def _data_rows(table: Table, header_index: int, header: list[str]):
    """(index, row) after the header until the first blank row; refuses a row with fewer cells than the header
    (a file cut off in the middle of a line)."""
    width = len(header)
    while width and not header[width - 1]:
        width -= 1
    for index in range(header_index + 1, len(table.rows)):
        row = table.rows[index]
        if not any(row):
            return
        if len(row) < width:
            raise ReportRefused(
                _l("%(where)s has %(got)d cells where the header has %(want)d: the file may be cut off.",
                   where=table.where(index), got=len(row), want=width)
            )
        yield index, row


def _add_row(draft: _Draft, table: Table, index: int, row: list[str], cols: dict, header: list[str], *,
             name: str, other_names=(), plain_unit: int = 60, email_fields=("email",)) -> None:
    emails = [_cell(row, cols.get(f)) for f in email_fields]
    draft.rows.append(_Row(
        line=index + 1,
        name=name,
        other_names=tuple(n for n in other_names if n),
        email=emails[0],
        other_emails=tuple(e for e in emails[1:] if e and e.casefold() != emails[0].casefold()),
        join=draft.times.add(_cell(row, cols.get("join")), table.where(index, _label(header, cols.get("join")))),
        leave=draft.times.add(_cell(row, cols.get("leave")), table.where(index, _label(header, cols.get("leave")))),
        duration=duration_seconds(_cell(row, cols.get("duration")), plain_unit=plain_unit),
        raw=tuple(row),
    ))


def _label(header: list[str], index: int | None) -> str | None:
    return header[index] if index is not None and index < len(header) else None


def split_parenthesised(text: str) -> tuple[str, str | None]:
    """``"Name (Other)"`` → ("Name", "Other") using the last balanced ASCII group at the end; else (text, None).
    Zoom writes the original name there after a rename, Tencent the in-meeting name after the nickname."""
    text = text.strip()
    if not text.endswith(")"):
        return text, None
    depth = 0
    for pos in range(len(text) - 1, -1, -1):
        if text[pos] == ")":
            depth += 1
        elif text[pos] == "(":
            depth -= 1
            if depth == 0:
                return text[:pos].strip(), text[pos + 1 : -1].strip()
    return text, None


# --- text layouts ------------------------------------------------------------------------------------


def _read_text(table: Table) -> _Draft:
    for reader in (_read_teams_current, _read_teams_2021, _read_teams_2020, _read_webex, _read_zoom_csv):
        draft = reader(table)
        if draft is not None:
            return draft
    first = next((" ".join(c for c in row if c) for row in table.rows if any(row)), "")
    raise ReportRefused(
        _l("This file is not a participant report of Zoom, Teams, Tencent Meeting, Webex or Feishu that this "
           "importer knows (its first line is “%(line)s”).", line=first[:80])
    )


ZOOM_COLUMNS = {
    "name": ("name (original name)", "name"),
    "email": ("email", "user email"),
    "join": ("join time",),
    "leave": ("leave time",),
    "duration": ("duration (minutes)", "total duration (minutes)"),
}


def _read_zoom_csv(table: Table) -> _Draft | None:
    header_index = _find_row(table, lambda keys: keys[0].startswith("name (") and len(keys) >= 3)
    if header_index is None:
        return None
    header = table.rows[header_index]
    cols = _columns(header, ZOOM_COLUMNS)
    if "join" in cols and "leave" in cols:
        # 2020–2022 exports wrote Title Case ("Name (Original Name)", "User Email").
        legacy = header[0] == "Name (Original Name)" or "user email" in [_key(c) for c in header]
        layout = LAYOUTS["zoom_csv_legacy" if legacy else "zoom_csv"]
    else:
        layout = LAYOUTS["zoom_csv_unique"]
    draft = _Draft(layout, title=_zoom_title(table, header_index))
    for index, row in _data_rows(table, header_index, header):
        if _key(row[0]).startswith("zoom report"):  # a footer some exports add
            break
        shown, original = split_parenthesised(_cell(row, cols.get("name")))
        _add_row(draft, table, index, row, cols, header, name=shown, other_names=(original,))
    return draft


def _zoom_title(table: Table, header_index: int) -> str | None:
    if header_index >= 2:
        cols = _columns(table.rows[0], {"topic": ("topic",)})
        return _cell(table.rows[1], cols.get("topic")) or None
    return None


TEAMS_SECTION = re.compile(r"^([123])\.\s*\S")


def _read_teams_current(table: Table) -> _Draft | None:
    """1. Summary / 2. Participants / 3. In-Meeting Activities; section titles are localised, so sections are
    found by their number and columns by position when the header names are not the English ones."""
    sections = {}
    for index, row in enumerate(table.rows):
        filled = [cell for cell in row if cell]
        if len(filled) == 1 and (match := TEAMS_SECTION.match(filled[0])):
            sections.setdefault(match.group(1), index)
    if "1" not in sections or "2" not in sections:
        return None
    title = next((row[1] for row in table.rows[sections["1"] + 1 : sections["2"]]
                  if len(row) > 1 and _key(row[0]) in ("meeting title", "会议标题", "会議のタイトル")), None)
    if "3" in sections and sections["3"] + 2 < len(table.rows) and any(table.rows[sections["3"] + 2]):
        draft = _Draft(LAYOUTS["teams_activities"], title=title)
        names = {"name": ("name",), "join": ("join time",), "leave": ("leave time",), "duration": ("duration",),
                 "email": ("email",)}
        positions = {"name": 0, "join": 1, "leave": 2, "duration": 3, "email": 4}
        header_index = sections["3"] + 1
    else:
        draft = _Draft(LAYOUTS["teams_participants"], title=title)
        names = {"name": ("name",), "join": ("first join",), "leave": ("last leave",),
                 "duration": ("in-meeting duration",), "email": ("email",), "upn": ("participant id (upn)",)}
        positions = {"name": 0, "join": 1, "leave": 2, "duration": 3, "email": 4, "upn": 5}
        header_index = sections["2"] + 1
    header = table.rows[header_index] if header_index < len(table.rows) else []
    cols = _columns(header, names, positions)
    for index, row in _data_rows(table, header_index, header):
        if TEAMS_SECTION.match(row[0]) and len([c for c in row if c]) == 1:
            break
        _add_row(draft, table, index, row, cols, header, name=_cell(row, cols["name"]),
                 email_fields=("email", "upn"))
    return draft


def _read_teams_2021(table: Table) -> _Draft | None:
    header_index = _find_row(table, lambda keys: keys[0] == "full name" and len(keys) > 3
                             and keys[1] != "user action")
    if header_index is None:
        return None
    title = next((row[1] for row in table.rows[:header_index] if len(row) > 1 and _key(row[0]) == "meeting title"),
                 None)
    draft = _Draft(LAYOUTS["teams_2021"], title=title)
    header = table.rows[header_index]
    cols = _columns(header, {"name": ("full name",), "join": ("join time",), "leave": ("leave time",),
                             "duration": ("duration",), "email": ("email",), "upn": ("participant id (upn)",)},
                    {"name": 0, "join": 1, "leave": 2, "duration": 3, "email": 4})
    for index, row in _data_rows(table, header_index, header):
        _add_row(draft, table, index, row, cols, header, name=_cell(row, cols["name"]), email_fields=("email", "upn"))
    return draft


ROSTER_JOINED = {"joined", "joined before", "ingressou", "entrou antes de"}
ROSTER_LEFT = {"left", "saiu"}


def _read_teams_2020(table: Table) -> _Draft | None:
    header_index = _find_row(table, lambda keys: len(keys) >= 3 and keys[:3] in (
        ["full name", "user action", "timestamp"], ["nome completo", "atividade", "carimbo de data/hora"]), limit=3)
    if header_index is None:
        return None
    draft = _Draft(LAYOUTS["teams_2020"])
    header = table.rows[header_index]
    for index, row in _data_rows(table, header_index, header):
        action = _key(_cell(row, 1))
        if action not in ROSTER_JOINED | ROSTER_LEFT:
            raise ReportRefused(_l("%(where)s: “%(value)s” is neither joined nor left.",
                                   where=table.where(index, header[1]), value=_cell(row, 1)[:40]))
        draft.rows.append(_Row(index + 1, _cell(row, 0), (), "", (),
                               draft.times.add(_cell(row, 2), table.where(index, header[2])), None, None, tuple(row),
                               action="left" if action in ROSTER_LEFT else "joined"))
    return draft


def _pair_roster_events(draft: _Draft, moments: list[datetime]) -> list[ReportRow]:
    """Joined/Left events → intervals per name. Someone still in the meeting when the list was downloaded has no
    "Left": their interval ends at the list's last event (all we know). A "Left" without a join counts from the
    list's first event."""
    if any(row.join is None for row in draft.rows):
        missing = next(row for row in draft.rows if row.join is None)
        raise ReportRefused(_l("Line %(num)d: the time is missing.", num=missing.line))
    first, last = min(moments), max(moments)
    open_rows: dict[str, tuple[_Row, datetime]] = {}
    rows = []
    for row in sorted(draft.rows, key=lambda r: (moments[r.join], r.line)):
        moment = moments[row.join]
        if row.action == "joined":
            open_rows.setdefault(row.name, (row, moment))
            continue
        opened, since = open_rows.pop(row.name, (row, first))
        rows.append(ReportRow(opened.line, row.name, (), "", (), since, moment,
                              int((moment - since).total_seconds()), False, opened.raw + row.raw))
    for name, (opened, since) in open_rows.items():
        rows.append(ReportRow(opened.line, name, (), "", (), since, last, None, True, opened.raw))
    return sorted(rows, key=lambda r: (r.joined_at, r.line))


def _read_webex(table: Table) -> _Draft | None:
    header_index = _find_row(table, lambda keys: "attendee email" in keys and "join time" in keys, limit=3)
    if header_index is None:
        return None
    header = table.rows[header_index]
    cols = _columns(header, {"name": ("display name", "name"), "email": ("attendee email",),
                             "join": ("join time",), "leave": ("leave time",),
                             "duration": ("attendance duration",), "title": ("meeting name", "event name")})
    draft = _Draft(LAYOUTS["webex"])
    for index, row in _data_rows(table, header_index, header):
        draft.title = draft.title or _cell(row, cols.get("title")) or None
        _add_row(draft, table, index, row, cols, header, name=_cell(row, cols.get("name")))
    return draft


# --- JSON (Zoom API) ---------------------------------------------------------------------------------


def _read_json(text: str) -> _Draft:
    try:
        document = json.loads(text)
    except ValueError as error:
        raise ReportRefused(_l("The JSON file is cut off or damaged (line %(num)d: %(problem)s).",
                               num=getattr(error, "lineno", 0), problem=getattr(error, "msg", str(error)))) from None
    participants = document.get("participants") if isinstance(document, dict) else None
    if not isinstance(participants, list):
        raise ReportRefused(_l("This JSON file is not a Zoom participants report (it has no “participants” list)."))
    draft = _Draft(LAYOUTS["zoom_api"])
    for number, item in enumerate(participants, 1):
        if not isinstance(item, dict):
            raise ReportRefused(_l("Participant %(num)d of the JSON file is not an object.", num=number))
        if item.get("status") == "in_waiting_room":  # waiting to be let in is not attending
            continue
        where = str(_l("participant %(num)d", num=number))
        draft.rows.append(_Row(
            line=number,
            name=str(item.get("name") or "").strip(),
            other_names=(),
            email=str(item.get("user_email") or "").strip(),
            other_emails=(),
            join=draft.times.add(str(item.get("join_time") or ""), f"{where}, join_time"),
            leave=draft.times.add(str(item.get("leave_time") or ""), f"{where}, leave_time"),
            duration=duration_seconds(str(item.get("duration") or ""), plain_unit=1),
            raw=tuple(f"{key}={value}" for key, value in item.items()),
        ))
    return draft


# --- workbooks (Tencent Meeting, Feishu) --------------------------------------------------------------

TENCENT_NAME = "用户昵称(入会昵称)"  # the header after NFKC (the file has full-width parentheses)


def _read_workbook(tables: list[Table]) -> _Draft:
    tencent = [(t, i) for t in tables if (i := _find_row(t, lambda keys: keys[0] == TENCENT_NAME)) is not None]
    if tencent:
        detail = next(((t, i) for t, i in tencent if t.sheet.endswith("明细")), None)
        if detail is None and len(tencent) > 1 and not tencent[1][0].sheet.endswith("概况"):
            detail = tencent[1]
        return _read_tencent(*(detail or tencent[0]), per_session=detail is not None)
    for table in tables:
        header_index = _find_row(table, lambda keys: "参会人" in keys and "入会时间" in keys)
        if header_index is not None:
            return _read_feishu(table, header_index)
    sheets = ", ".join(f"“{t.sheet}”" for t in tables)
    raise ReportRefused(
        _l("This workbook is not a Tencent Meeting or Feishu participant export: none of its sheets (%(sheets)s) "
           "has the columns “用户昵称（入会昵称）” or “参会人 … 入会时间”.", sheets=sheets)
    )


def _read_tencent(table: Table, header_index: int, *, per_session: bool) -> _Draft:
    header = table.rows[header_index]
    cols = _columns(header, {"name": (TENCENT_NAME,), "join": ("入会时间", "首次入会时间"),
                             "leave": ("退会时间", "最后退会时间"), "duration": ("单次参会时长", "累计参会时长")})
    detail = per_session and "入会时间" in [_key(c) for c in header]
    title = next((row[1] for row in table.rows[:header_index] if len(row) > 1 and _key(row[0]) == "会议主题:"), None)
    draft = _Draft(LAYOUTS["tencent_detail" if detail else "tencent_overview"], title=title)
    for index, row in _data_rows(table, header_index, header):
        nickname, in_meeting = split_parenthesised(_cell(row, cols["name"]))
        # "nickname(in-meeting name)": the in-meeting name is what people set (e.g. "李娜-科技部").
        name, other = (in_meeting, nickname) if in_meeting else (nickname, None)
        _add_row(draft, table, index, row, cols, header, name=name, other_names=(other,))
    return draft


def _read_feishu(table: Table, header_index: int) -> _Draft:
    header = table.rows[header_index]
    cols = _columns(header, {"name": ("参会人",), "email": ("邮箱",), "join": ("入会时间",), "leave": ("离会时间",),
                             "duration": ("参会时长",)})
    draft = _Draft(LAYOUTS["feishu"])
    for index, row in _data_rows(table, header_index, header):
        _add_row(draft, table, index, row, cols, header, name=_cell(row, cols["name"]))
    return draft
