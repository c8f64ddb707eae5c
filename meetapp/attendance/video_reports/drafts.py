"""What every report layout builds while it reads a file: the layout it is, rows whose times are still text (read
together once the whole file is known), and the helpers that find a header row and its columns."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from meetapp.attendance.models import VideoPlatformReport
from meetapp.attendance.video_reports.reading import ReportRefused, Table, TimeCells, duration_seconds

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


@dataclass
class DraftRow:
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
class Draft:
    layout: Layout
    title: str | None = None
    rows: list[DraftRow] = field(default_factory=list)
    times: TimeCells = field(default_factory=TimeCells)
    join_label: str = ""



# --- finding the header row and the columns ----------------------------------------------------------------


def header_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def columns(header: list[str], names: dict[str, tuple[str, ...]], positions: dict[str, int] | None = None):
    """field → column index, by header name (case-insensitive, full-width folded), else by ``positions``."""
    keys = [header_key(cell) for cell in header]
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


def cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def find_row(table: Table, test, limit: int = 30) -> int | None:
    for index, row in enumerate(table.rows[:limit]):
        if row and test([header_key(cell) for cell in row]):
            return index
    return None


def preamble_value(rows: list[list[str]], labels: tuple[str, ...]) -> str | None:
    """The value beside the first of ``labels`` in a file's preamble (label in the first cell, value in the next)."""
    return next((row[1] for row in rows if len(row) > 1 and header_key(row[0]) in labels and row[1]), None)


def data_rows(table: Table, header_index: int, header: list[str]):
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


def add_row(draft: Draft, table: Table, index: int, row: list[str], cols: dict, header: list[str], *,
             name: str, other_names=(), plain_unit: int = 60, email_fields=("email",)) -> None:
    emails = [cell(row, cols.get(f)) for f in email_fields]
    draft.rows.append(DraftRow(
        line=index + 1,
        name=name,
        other_names=tuple(n for n in other_names if n),
        email=emails[0],
        other_emails=tuple(e for e in emails[1:] if e and e.casefold() != emails[0].casefold()),
        join=draft.times.add(cell(row, cols.get("join")), table.where(index, _label(header, cols.get("join")))),
        leave=draft.times.add(cell(row, cols.get("leave")), table.where(index, _label(header, cols.get("leave")))),
        duration=duration_seconds(cell(row, cols.get("duration")), plain_unit=plain_unit),
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


