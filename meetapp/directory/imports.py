"""CSV imports of units and people: the file formats, and reading an upload into rows.

``read_csv`` turns the uploaded bytes into a ``CsvTable`` or refuses the whole file (``ImportFileError``).
What the rows would do is worked out in ``import_plans``; ``services`` applies it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from meetapp.errors import DomainError

MAX_ROWS = 5000
GROUP_SEPARATOR = ";"


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


UNITS = ImportFormat(
    "units",
    _l("Units"),
    (
        Column("code", 40, required=True, help=_l("Unique short key of the unit; existing units are matched by it.")),
        Column("name", 200, required=True, help=_l("Name in English.")),
        Column("name_zh", 200, help=_l("Name in Chinese.")),
        Column("kind", 40, help=_l("One of the unit kinds below; empty means other.")),
        Column("parent_code", 40, help=_l("Code of the unit above (in the database or in this file); "
                                          "empty for a top unit.")),
    ),
    (
        ("HQ", "China Minmetals Corporation", "中国五矿集团有限公司", "group_hq", ""),
        ("HQ-STD", "S&T Innovation Department", "科技创新部", "hq_department", "HQ"),
        ("CMRI", "Changsha Research Institute of Mining and Metallurgy", "长沙矿冶研究院", "rd_institute", "HQ"),
    ),
)

PEOPLE = ImportFormat(
    "people",
    _l("People"),
    (
        Column("name", 200, required=True, help=_l("Name in English (or pinyin).")),
        Column("name_zh", 100, help=_l("Name in Chinese.")),
        Column("title", 200, help=_l("Title or position in English.")),
        Column("title_zh", 200, help=_l("Title or position in Chinese.")),
        Column("unit_code", 40, help=_l("Code of an existing unit.")),
        Column("email", 254, help=_l("Existing people are matched by email; a row without email always adds "
                                     "a new person.")),
        Column("phone", 40),
        Column("groups", help=_l("Codes of existing groups, separated by semicolons; the person's groups "
                                 "become exactly these.")),
    ),
    (
        ("Zhang Wei", "张伟", "Chief Engineer", "总工程师", "CMRI", "zhang.wei@example.com", "+86 731 0000 0001",
         "chief-scientists"),
        ("Li Na", "李娜", "Director", "主任", "HQ-STD", "li.na@example.com", "", "st-committee;chief-scientists"),
    ),
)

FORMATS = {f.kind: f for f in (UNITS, PEOPLE)}


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


def read_csv(data: bytes, kind: str) -> CsvTable:
    """Parse an uploaded CSV of ``kind`` ("units" or "people"). Refuses a file that is not CSV, has wrong or
    duplicate column names, lacks a required column, has no rows, or has more than ``MAX_ROWS`` rows."""
    fmt = FORMATS[kind]
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
    return CsvTable(kind, header, rows)


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
