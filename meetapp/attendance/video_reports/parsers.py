"""One reader per platform and layout of a participant report, all giving the same rows: who (name, other names,
email), when (join, leave, aware UTC), how long (seconds, as the report says) and the raw cells.

The platform is recognised from the bytes and the headers (see ``/work/shared/samples/video-reports/README.md`` for
the layouts and where they come from); the organizer may name it, and a file of another platform is then refused.
Times written without a zone are read in the zone given (the meeting's unless the organizer chose another).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

from meetapp.attendance.models import VideoPlatformReport
from meetapp.attendance.video_reports.drafts import (
    LAYOUTS,
    PLATFORM_LABELS,
    Draft,
    DraftRow,
    Layout,
    split_parenthesised,
)
from meetapp.attendance.video_reports.layouts import read_json, read_text, read_workbook
from meetapp.attendance.video_reports.reading import ReportRefused, decode, text_table, xlsx_tables

__all__ = ["LAYOUTS", "PLATFORM_LABELS", "Layout", "ParsedReport", "ReportRow", "parse_report", "split_parenthesised"]


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


def parse_report(data: bytes, platform: str | None = None, tz: str | ZoneInfo = "UTC",
                 near: datetime | None = None) -> ParsedReport:
    """Read a participant report; refuses (``ReportRefused``, with the line and column where it can) an empty
    file, a file of no known layout, a file of another platform than ``platform``, and unreadable times.
    ``near`` (the session's start) settles formats that read a date two ways (day/month)."""
    if not data or not data.strip(b"\x00\t\r\n \xef\xbb\xbf\xff\xfe"):
        raise ReportRefused(_l("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        draft, encoding = read_workbook(xlsx_tables(data)), "xlsx"
    else:
        text, encoding = decode(data)
        draft = read_json(text) if text.lstrip().startswith("{") else read_text(text_table(text))
    if platform and draft.layout.platform != platform:
        raise ReportRefused(_l("You chose %(chosen)s, but this file is a %(layout)s.",
                               chosen=PLATFORM_LABELS[VideoPlatformReport(platform)], layout=draft.layout.label))
    if not draft.rows:
        raise ReportRefused(_l("The %(layout)s lists nobody.", layout=draft.layout.label))
    zone = tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)
    zone_in_file = draft.times.written_with_offset
    moments = draft.times.read(zone, near)
    return ParsedReport(draft.layout, encoding, draft.title, _finish(draft, moments), zone_in_file)


def _finish(draft: Draft, moments: list[datetime]) -> list[ReportRow]:
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


def _pair_roster_events(draft: Draft, moments: list[datetime]) -> list[ReportRow]:
    """Joined/Left events → intervals per name. Someone still in the meeting when the list was downloaded has no
    "Left": their interval ends at the list's last event (all we know). A "Left" without a join counts from the
    list's first event."""
    if any(row.join is None for row in draft.rows):
        missing = next(row for row in draft.rows if row.join is None)
        raise ReportRefused(_l("Line %(num)d: the time is missing.", num=missing.line))
    first, last = min(moments), max(moments)
    open_rows: dict[str, tuple[DraftRow, datetime]] = {}
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


