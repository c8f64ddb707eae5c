"""Reading a report file's bytes: its encoding, its table of cells, its time and duration cells.

Video platforms export UTF-16 tab-separated text (Teams, Webex), UTF-8 CSV with or without a BOM (Zoom), xlsx
(Tencent Meeting, Feishu) and JSON (Zoom's API). Hand-edited Chinese CSV files are often GB18030. Nothing here
knows a platform; ``parsers`` does.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

from meetapp.errors import DomainError

# A meeting of several thousand people rejoining a few times stays far below this; a bigger file is not a report.
MAX_ROWS = 50_000
EMPTY_CELLS = {"", "-", "--", "—"}


class ReportRefused(DomainError):
    """The file cannot be imported; the message says why and, where it can, at which line and column."""

    message = _l("This file cannot be imported.")


# --- where a cell is --------------------------------------------------------------------------------


@dataclass
class Table:
    """The cells of a text file or of one sheet, as strings, with what a person needs to find a row again."""

    rows: list[list[str]]
    sheet: str | None = None  # xlsx sheet name; None for text files

    def where(self, index: int, column: str | None = None) -> str:
        """A row index (0-based) as the user sees it: "line 5" in a text file, "sheet X, row 5" in a workbook."""
        if self.sheet is None:
            place = str(_l("line %(num)d", num=index + 1))
        else:
            place = str(_l("sheet “%(sheet)s”, row %(num)d", sheet=self.sheet, num=index + 1))
        if column:
            place = str(_l("%(place)s, column “%(column)s”", place=place, column=column))
        return place


# --- bytes to text ------------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """The text of a report and the encoding it was in: by BOM (UTF-8, UTF-16 LE/BE), then UTF-16 without BOM
    (NUL bytes in every other place), then UTF-8, then GB18030 (Chinese Excel's CSV)."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[3:], "utf-8"), "UTF-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        name = "UTF-16 LE" if data.startswith(codecs.BOM_UTF16_LE) else "UTF-16 BE"
        return _decode(data, "utf-16"), name  # the utf-16 codec reads the BOM and drops it
    head = data[:200]
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0:
        return _decode(data, "utf-16-le"), "UTF-16 LE"
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4 and head[1::2].count(0) == 0:
        return _decode(data, "utf-16-be"), "UTF-16 BE"
    if b"\x00" in data:
        raise ReportRefused(_l("This is not a text file, a workbook or JSON: it cannot be a participant report."))
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GB18030"
    except UnicodeDecodeError:
        raise ReportRefused(
            _l("The file's text is neither UTF-8, UTF-16 nor GB18030: save it again as CSV (UTF-8) and retry.")
        ) from None


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ReportRefused(
            _l("The file is cut off or damaged: byte %(pos)d is not valid %(encoding)s.",
               pos=error.start + 1, encoding=encoding.upper())
        ) from None


def text_table(text: str) -> Table:
    """Rows of a CSV or tab-separated text: TAB when the first lines have tabs, else comma; LF or CRLF."""
    head = "\n".join(text.splitlines()[:8])
    delimiter = "\t" if "\t" in head else ","
    try:
        rows = []
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            rows.append(row)
            if len(rows) > MAX_ROWS:
                raise ReportRefused(_l("The file has more than %(max)d lines; this is not a report of one meeting.",
                                       max=MAX_ROWS))
    except csv.Error as error:
        raise ReportRefused(
            _l("The file is cut off or damaged near line %(num)d (%(problem)s).", num=len(rows) + 1,
               problem=str(error))
        ) from None
    return Table([[cell.strip() for cell in row] for row in rows])


def xlsx_tables(data: bytes) -> list[Table]:
    """Every sheet of a workbook, in order, as text cells (dates written as text, durations as H:MM:SS)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken package (zip, XML, key errors)
        raise ReportRefused(_l("The workbook cannot be opened: the file is damaged or not an .xlsx file.")) from None
    tables = []
    try:
        for sheet in workbook.worksheets:
            rows = []
            for values in sheet.iter_rows(values_only=True):
                rows.append([_cell_text(value) for value in values])
                if len(rows) > MAX_ROWS:
                    raise ReportRefused(_l("The sheet “%(sheet)s” has more than %(max)d rows; this is not a "
                                           "report of one meeting.", sheet=sheet.title, max=MAX_ROWS))
            width = max((len(row) for row in rows), default=0)
            tables.append(Table([row + [""] * (width - len(row)) for row in rows], sheet=sheet.title))
    except ReportRefused:
        raise
    except Exception:
        raise ReportRefused(_l("The workbook cannot be read: the file is damaged.")) from None
    finally:
        workbook.close()
    return tables


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, timedelta):
        return format_hms(int(value.total_seconds()))
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def format_hms(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


# --- times -----------------------------------------------------------------------------------------

# Wall-clock formats seen in exports, after commas are turned into spaces (Teams writes "3/18/26, 8:52:10 AM").
# Several may read the same text ("03/04/26 10:00:00"): the one that puts the file nearest the session wins.
DATE_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d",  # Tencent, Webex, Feishu
    "%m/%d/%Y", "%m/%d/%y",  # Zoom, Teams en-US
    "%d/%m/%Y", "%d/%m/%y",  # Teams en-GB
    "%y/%m/%d",  # Teams ja
    "%d.%m.%Y", "%d.%m.%y",
    "%b %d %Y", "%d %b %Y",  # Zoom webinar "Mar 22, 2025"
)
CLOCK_FORMATS = ("%H:%M:%S", "%I:%M:%S %p", "%H:%M", "%I:%M %p")
NAIVE_FORMATS = (*(f"{day} {clock}" for day in DATE_FORMATS for clock in CLOCK_FORMATS), "%Y-%m-%dT%H:%M:%S")
# "… (GMT+08:00)" (Feishu), "… GMT+8", "… UTC+08:00"
WRITTEN_OFFSET = re.compile(r"\s*\(?\s*(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?\s*\)?\s*$", re.IGNORECASE)
EXCEL_WRAPPED = re.compile(r'^="(.*)"$')  # Webex writes dates as the Excel formula ="2026-03-18 09:00:00"


def clean_time_text(text: str) -> str:
    text = (text or "").strip()
    match = EXCEL_WRAPPED.match(text)
    if match:
        text = match.group(1)
    text = text.strip('"').replace("\u202f", " ").replace("\xa0", " ").replace(",", " ")
    return " ".join(text.split())


def read_aware(text: str) -> datetime | None:
    """A time that says its own offset ("…Z", "+08:00", "(GMT+08:00)") in UTC; None when it gives no offset."""
    match = WRITTEN_OFFSET.search(text)
    if match:
        sign, hours, minutes = match.groups()
        offset = timedelta(hours=int(hours), minutes=int(minutes or 0)) * (1 if sign == "+" else -1)
        local = _read_naive_any(text[: match.start()])
        return local.replace(tzinfo=timezone(offset)).astimezone(UTC) if local else None
    if "T" in text or text.endswith("Z") or re.search(r"[+-]\d{2}:?\d{2}$", text):
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
        return moment.astimezone(UTC) if moment.tzinfo else None
    return None


def _read_naive_any(text: str) -> datetime | None:
    for fmt in NAIVE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


@dataclass
class TimeCells:
    """A file's time cells, read together: every cell without an offset is read with the one format that reads
    them all (the file's), in the chosen zone. Cells are added while a layout walks its rows, read at the end."""

    cells: list[tuple[str, str]] = field(default_factory=list)  # (cleaned text, where)

    def add(self, text: str, where: str) -> int | None:
        text = clean_time_text(text)
        if text in EMPTY_CELLS:
            return None
        self.cells.append((text, where))
        return len(self.cells) - 1

    @property
    def written_with_offset(self) -> bool:
        return bool(self.cells) and all(read_aware(text) is not None for text, _ in self.cells[:5])

    def read(self, zone: ZoneInfo, near: datetime | None) -> list[datetime]:
        """Aware UTC datetimes, one per added cell; refuses with the place of the first unreadable cell."""
        result: list[datetime | None] = [read_aware(text) for text, _ in self.cells]
        naive = [i for i, moment in enumerate(result) if moment is None]
        if naive:
            fmt = self._file_format([self.cells[i] for i in naive], zone, near)
            for i in naive:
                local = datetime.strptime(self.cells[i][0], fmt)
                result[i] = local.replace(tzinfo=zone).astimezone(UTC)
        return result  # type: ignore[return-value]

    @staticmethod
    def _file_format(cells: list[tuple[str, str]], zone: ZoneInfo, near: datetime | None) -> str:
        first_text, first_where = cells[0]
        candidates = []
        for fmt in NAIVE_FORMATS:
            try:
                candidates.append((fmt, datetime.strptime(first_text, fmt)))
            except ValueError:
                continue
        if not candidates:
            raise _unreadable_time(first_text, first_where)
        readers = []
        for fmt, first in candidates:
            failed = _first_failure(cells, fmt)
            readers.append((failed, fmt, first))
        complete = [(fmt, first) for failed, fmt, first in readers if failed is None]
        if not complete:
            # Report the cell where the format that got furthest stopped.
            failed = max(failure for failure, _, _ in readers)
            raise _unreadable_time(*cells[failed])
        if near is None or len(complete) == 1:
            return complete[0][0]
        return min(complete, key=lambda c: abs(c[1].replace(tzinfo=zone) - near))[0]


def _first_failure(cells: list[tuple[str, str]], fmt: str) -> int | None:
    for index, (text, _) in enumerate(cells):
        try:
            datetime.strptime(text, fmt)
        except ValueError:
            return index
    return None


def _unreadable_time(text: str, where: str) -> ReportRefused:
    return ReportRefused(
        _l("%(where)s: “%(value)s” is not a date and time this importer can read.", where=where, value=text[:60])
    )


# --- durations -----------------------------------------------------------------------------------------

HMS = re.compile(r"^(\d+):(\d{1,2}):(\d{1,2})$")
UNITS = re.compile(r"^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s(?:ec)?)?$", re.IGNORECASE)
MINUTES = re.compile(r"^(\d+)\s*(?:mins?|minutes?|分钟)?$", re.IGNORECASE)


def duration_seconds(text: str, *, plain_unit: int = 60) -> int | None:
    """Seconds from "1h 2m 3s" (Teams), "1:02:03" (Tencent, Feishu), "48 mins" (Webex) or a plain number
    (``plain_unit`` seconds each: minutes for Zoom's CSV, seconds for its API); None when empty or unreadable."""
    text = (text or "").strip()
    if text in EMPTY_CELLS:
        return None
    if match := HMS.match(text):
        hours, minutes, seconds = map(int, match.groups())
        return hours * 3600 + minutes * 60 + seconds
    if match := MINUTES.match(text):
        return int(match.group(1)) * (plain_unit if text.isdigit() else 60)
    if (match := UNITS.match(text)) and any(match.groups()):
        hours, minutes, seconds = (int(g or 0) for g in match.groups())
        return hours * 3600 + minutes * 60 + seconds
    return None
