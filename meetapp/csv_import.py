"""CSV imports, whatever they import: the file format, reading an upload into rows, and the plan that says what
each row would do and every error found, so a preview can show it and a confirmed import applies all or nothing.

An area declares an ``ImportFormat`` (its columns), reads an upload with ``read_table`` (which refuses the whole
file with ``ImportFileError``), and builds its plan from ``start_plan`` (extra cells, required values and lengths
checked) with ``first_rows`` for values that must not repeat. The directory (units, people) and the records
(award winners) use it.
"""

from __future__ import annotations

import csv
import enum
import io
from collections import Counter
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from meetapp.errors import DomainError

MAX_ROWS = 5000


@dataclass(frozen=True)
class Column:
    name: str
    max_length: int | None = None
    required: bool = False  # must be a header and have a value on every row
    help: object = None


@dataclass(frozen=True)
class ImportFormat:
    kind: str
    label: object
    columns: tuple[Column, ...]
    example: tuple[tuple[str, ...], ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def template_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.names)
        writer.writerows(self.example)
        return out.getvalue()


class ImportFileError(DomainError):
    """The whole file is refused (not a CSV, wrong headers, no rows...)."""

    message = _l("This file cannot be imported.")


@dataclass
class CsvRow:
    number: int  # as a spreadsheet counts: the header is row 1
    values: dict[str, str]  # only the file's columns, stripped
    extra_cells: int = 0


@dataclass
class CsvTable:
    kind: str
    columns: list[str]
    rows: list[CsvRow]


def decode(data: bytes) -> str:
    """The text of an upload: UTF-8 (with or without BOM), else GB18030 as Chinese Excel saves it."""
    if b"\x00" in data[:4096] or data.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")):
        raise ImportFileError(_l("This is not a CSV file. In Excel, use “Save as” → “CSV”."))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_l("The file's text encoding is not recognised; save it as UTF-8 CSV."))


def read_table(data: bytes, fmt: ImportFormat) -> CsvTable:
    """Parse an uploaded CSV of format ``fmt``. Refuses a file that is not CSV, has wrong or duplicate column
    names, lacks a required column, has no rows, or has more than ``MAX_ROWS`` rows."""
    text = decode(data)
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise ImportFileError(_l("The file could not be read as CSV: %(reason)s", reason=str(error)))
    while records and not any(cell.strip() for cell in records[0]):
        records.pop(0)
    if not records:
        raise ImportFileError(_l("The file is empty."))
    header = [cell.strip().lower() for cell in records[0]]
    while header and not header[-1]:
        header.pop()  # Excel pads short rows with trailing commas
    _check_header(header, fmt)
    rows = []
    for index, record in enumerate(records[1:], start=2):
        cells = [cell.strip() for cell in record]
        if not any(cells):
            continue
        extra = cells[len(header):]
        values = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header)}
        rows.append(CsvRow(index, values, extra_cells=sum(1 for cell in extra if cell)))
    if not rows:
        raise ImportFileError(_l("The file has column names but no rows."))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_l("The file has %(count)d rows; import at most %(max)d at a time.",
                                 count=len(rows), max=MAX_ROWS))
    return CsvTable(fmt.kind, header, rows)


def _check_header(header: list[str], fmt: ImportFormat) -> None:
    expected = ", ".join(fmt.names)
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        raise ImportFileError(_l("The columns must be separated by commas. Expected the first row to be: "
                                 "%(expected)s", expected=expected))
    unknown = [f"“{name}”" for name in header if name not in fmt.names]
    if unknown:
        raise ImportFileError(_l("Unknown column names in the first row: %(unknown)s. Columns for %(kind)s: "
                                 "%(expected)s", unknown=", ".join(unknown), kind=fmt.label, expected=expected))
    duplicated = sorted({name for name in header if header.count(name) > 1})
    if duplicated:
        raise ImportFileError(_l("These columns appear twice: %(names)s", names=", ".join(duplicated)))
    missing = [name for name in fmt.required if name not in header]
    if missing:
        raise ImportFileError(_l("The first row must name the columns; these required columns are missing: "
                                 "%(missing)s. Columns for %(kind)s: %(expected)s",
                                 missing=", ".join(missing), kind=fmt.label, expected=expected))


# --- the plan: what each row would do ------------------------------------------------------------------


class Action(enum.StrEnum):
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ERROR = "error"


ACTION_LABELS = {
    Action.NEW: _l("New"),
    Action.UPDATE: _l("Update"),
    Action.UNCHANGED: _l("Unchanged"),
    Action.ERROR: _l("Error"),
}


@dataclass
class RowError:
    row: int
    column: str | None
    message: str


@dataclass
class PlannedRow:
    number: int
    values: dict[str, str]
    key: str | None = None  # what matches the row to an existing record (unit code, person email…)
    target: object = None  # the existing record this row updates
    fields: dict[str, object] = field(default_factory=dict)  # attribute → value to set when applied
    changes: dict[str, str] = field(default_factory=dict)  # column → current value, for changed columns
    action: Action = Action.NEW


@dataclass
class ImportPlan:
    kind: str
    columns: list[str]
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    existing: dict = field(default_factory=dict)

    @property
    def counts(self) -> Counter:
        return Counter(row.action.value for row in self.rows)

    def error(self, row: PlannedRow, column: str | None, message) -> None:
        # Made a plain string now: a lazy string counts as safe HTML in templates, and messages quote the file.
        self.errors.append(RowError(row.number, column, str(message)))
        row.action = Action.ERROR


def start_plan(table: CsvTable, fmt: ImportFormat) -> ImportPlan:
    """A plan with every row checked for extra cells, required values and lengths."""
    plan = ImportPlan(table.kind, table.columns)
    for csv_row in table.rows:
        row = PlannedRow(csv_row.number, csv_row.values)
        plan.rows.append(row)
        if csv_row.extra_cells:
            plan.error(row, None, _l("This row has more cells than the first row has column names."))
        for column in fmt.columns:
            value = row.values.get(column.name)
            if value is None:
                continue
            if column.required and not value:
                plan.error(row, column.name, _l("A value is required."))
            elif column.max_length and len(value) > column.max_length:
                plan.error(row, column.name, _l("At most %(max)d characters.", max=column.max_length))
    return plan


def first_rows(plan: ImportPlan, column: str, key=lambda v: v) -> dict[str, int]:
    """Flag rows repeating a value of ``column`` seen on an earlier row; value → first row number."""
    first: dict[str, int] = {}
    for row in plan.rows:
        value = key(row.values.get(column) or "")
        if not value:
            continue
        if value in first:
            plan.error(row, column, _l("“%(value)s” already appears on row %(row)d.", value=value, row=first[value]))
        else:
            first[value] = row.number
    return first
