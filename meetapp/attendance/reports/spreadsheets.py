"""The attendance report as CSV (UTF-8 with a byte-order mark, so Excel reads Chinese names right) and as an XLSX
workbook: a summary sheet and one sheet per session. Times are wall-clock times in the meeting's time zone."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from meetapp.attendance.reports.data import MeetingReport, ReportRow, SessionReport
from meetapp.meetings.models import Meeting
from meetapp.timefmt import show_datetime, to_local_naive

TIME_FORMAT = "%Y-%m-%d %H:%M"
# Spreadsheet programs run a cell starting with one of these as a formula: such text is written as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _local(moment: datetime | None, meeting: Meeting) -> datetime | None:
    return to_local_naive(moment, meeting.timezone) if moment is not None else None


@dataclass(frozen=True)
class Column:
    header: object
    value: Callable[[ReportRow, Meeting, str], object]  # times: naive wall-clock datetimes in the meeting's zone
    width: int
    zoned: bool = False  # the header names the time zone


COLUMNS = (
    Column(_l("Full name"), lambda row, meeting, locale: row.name(locale), 22),
    Column(_l("Title or position"), lambda row, meeting, locale: row.title(locale), 24),
    Column(_l("Unit"), lambda row, meeting, locale: row.unit(locale), 30),
    Column(_l("Roles"), lambda row, meeting, locale: row.roles(), 20),
    Column(_l("Status"), lambda row, meeting, locale: row.status_text(), 22),
    Column(_l("Late"), lambda row, meeting, locale: row.wording.yes if row.late else "", 7),
    Column(_l("Left early"), lambda row, meeting, locale: row.wording.yes if row.left_early else "", 9),
    Column(_l("Mode"), lambda row, meeting, locale: row.mode_text(), 22),
    Column(_l("Venue"), lambda row, meeting, locale: row.venue_text(locale), 22),
    Column(_l("Checked in"), lambda row, meeting, locale: _local(row.checked_in_at, meeting), 17, zoned=True),
    Column(_l("Left"), lambda row, meeting, locale: _local(row.left_at, meeting), 17, zoned=True),
    Column(_l("Minutes attended"), lambda row, meeting, locale: row.minutes, 9),
    Column(_l("Delegate"), lambda row, meeting, locale: row.delegate(locale), 22),
    Column(_l("Apology reason"), lambda row, meeting, locale: row.reason(), 30),
)


def _headers(meeting: Meeting) -> list[str]:
    return [
        _("%(column)s (%(zone)s)", column=column.header, zone=meeting.timezone) if column.zoned else str(column.header)
        for column in COLUMNS
    ]


def _values(row: ReportRow, meeting: Meeting, locale: str) -> list:
    return [column.value(row, meeting, locale) for column in COLUMNS]


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime(TIME_FORMAT)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


# --- CSV -------------------------------------------------------------------------------------------------------


def report_csv(report: MeetingReport, locale: str) -> bytes:
    """One row per invitee and session, with the session in the first column."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    meeting = report.meeting
    writer.writerow([_("Session"), *_headers(meeting)])
    for session_report in report.sessions:
        title = _as_text(session_report.session.title)
        for row in session_report.rows:
            writer.writerow([title, *(_as_text(value) for value in _values(row, meeting, locale))])
    return buffer.getvalue().encode("utf-8-sig")


# --- XLSX ------------------------------------------------------------------------------------------------------

SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(title: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook (case-insensitively)."""
    base = SHEET_NAME_FORBIDDEN.sub(" ", title).strip().strip("'") or _("Session")
    candidate, number = base[:31], 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


def _cell(sheet, value, bold: bool = False, time: bool = False):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, not a formula
    if bold:
        cell.font = Font(bold=True)
    if time:
        cell.number_format = "yyyy-mm-dd hh:mm"
    return cell


SUMMARY_COLUMNS = (
    (_l("Session"), 30),
    (_l("Starts"), 17),
    (_l("Ends"), 17),
    (_l("Invited"), 9),
    (_l("Present"), 9),
    (_l("of whom late"), 9),
    (_l("of whom left early"), 9),
    (_l("Represented by a delegate"), 11),
    (_l("Absent with apology"), 11),
    (_l("Absent without apology"), 11),
)


def _summary_sheet(workbook: Workbook, report: MeetingReport, locale: str, taken: set[str]) -> None:
    meeting = report.meeting
    sheet = workbook.create_sheet(_sheet_title(_("Summary"), taken))
    for index, (_header, width) in enumerate(SUMMARY_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append([_cell(sheet, meeting.title, bold=True)])
    sheet.append([_("Time zone"), meeting.timezone])
    if meeting.venue is not None:
        sheet.append([_("Venue"), meeting.venue.display_name(locale)])
    sheet.append([_("Report made"), show_datetime(report.generated_at, meeting)])
    sheet.append([])
    sheet.append([_cell(sheet, str(header), bold=True) for header, _width in SUMMARY_COLUMNS])
    for session_report in report.sessions:
        session, counts = session_report.session, session_report.counts
        sheet.append([
            _cell(sheet, session.title),
            _cell(sheet, _local(session.starts_at, meeting), time=True),
            _cell(sheet, _local(session.ends_at, meeting), time=True),
            counts["invited"], counts["present"], counts["late"], counts["left_early"],
            counts["represented"], counts["apology"], counts["absent"],
        ])
    quorums = [(s.session, entry, recorded) for s in report.sessions for entry in s.resolutions
               for recorded in entry.snapshots]
    if quorums:
        sheet.append([])
        sheet.append([_cell(sheet, header, bold=True) for header in (
            _("Session"), _("Resolution"), _("Recorded"), _("Members"), _("Present"), _("Needed"), _("Quorum"),
        )])
        for session, entry, recorded in quorums:
            snapshot = recorded.snapshot
            sheet.append([
                _cell(sheet, session.title), _cell(sheet, entry.item.title),
                _cell(sheet, _local(snapshot.recorded_at, meeting), time=True),
                snapshot.members, snapshot.present, snapshot.required,
                _("Quorum met") if snapshot.met else _("Quorum not met"),
            ])


def _session_sheet(workbook: Workbook, session_report: SessionReport, meeting: Meeting, locale: str,
                   taken: set[str]) -> None:
    sheet = workbook.create_sheet(_sheet_title(session_report.session.title, taken))
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.append([_cell(sheet, header, bold=True) for header in _headers(meeting)])
    for row in session_report.rows:
        # Plain values (a cell object each would double the time); openpyxl gives datetimes a date format itself.
        sheet.append([
            _cell(sheet, value) if isinstance(value, str) and value.startswith("=") else value
            for value in _values(row, meeting, locale)
        ])


def report_xlsx(report: MeetingReport, locale: str) -> bytes:
    """A summary sheet (counts per session, recorded quorums), then one sheet per session with the full list."""
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    _summary_sheet(workbook, report, locale, taken)
    for session_report in report.sessions:
        _session_sheet(workbook, session_report, report.meeting, locale, taken)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
