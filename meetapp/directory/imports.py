"""CSV imports of units and people: the file formats, and reading an upload into rows.

``read_csv`` turns the uploaded bytes into a ``CsvTable`` or refuses the whole file (``ImportFileError``); the
reading itself is shared with other imports (``meetapp.csv_import``). What the rows would do is worked out in
``import_plans``; ``services`` applies it.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from meetapp.csv_import import (  # noqa: F401  (the directory's import vocabulary, as before)
    MAX_ROWS,
    Column,
    CsvRow,
    CsvTable,
    ImportFileError,
    ImportFormat,
    decode,
    read_table,
)

GROUP_SEPARATOR = ";"


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


def read_csv(data: bytes, kind: str) -> CsvTable:
    """Parse an uploaded CSV of ``kind`` ("units" or "people"); see ``meetapp.csv_import.read_table``."""
    return read_table(data, FORMATS[kind])
