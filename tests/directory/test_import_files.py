"""Reading an uploaded CSV: encodings, headers, and the files refused as a whole."""

import pytest

from meetapp.directory.imports import PEOPLE, UNITS, ImportFileError, read_csv

UNITS_CSV = "code,name,name_zh,kind,parent_code\nHQ,Group HQ,集团总部,group_hq,\n"


@pytest.mark.parametrize("data", [
    UNITS_CSV.encode("utf-8"),
    b"\xef\xbb\xbf" + UNITS_CSV.encode("utf-8"),  # Excel's "CSV UTF-8" starts with a BOM
    UNITS_CSV.encode("gb18030"),  # Excel on Chinese Windows saves "CSV" in GB18030
    UNITS_CSV.replace("\n", "\r\n").encode("utf-8"),
])
def test_utf8_with_or_without_bom_and_gb18030(data):
    table = read_csv(data, "units")
    assert table.columns == UNITS.names
    assert table.rows[0].values == {"code": "HQ", "name": "Group HQ", "name_zh": "集团总部", "kind": "group_hq",
                                    "parent_code": ""}
    assert table.rows[0].number == 2  # the header is row 1, as in a spreadsheet


def test_headers_may_come_in_any_order_and_case_and_optional_ones_may_be_left_out():
    table = read_csv(b" Email ,NAME\nli@example.com,Li Na\n", "people")
    assert table.columns == ["email", "name"]
    assert table.rows[0].values == {"email": "li@example.com", "name": "Li Na"}


def test_blank_rows_are_skipped_and_numbers_stay_those_of_the_spreadsheet():
    table = read_csv(b"name\nA\n\n,\nB\n", "people")
    assert [(r.number, r.values["name"]) for r in table.rows] == [(2, "A"), (5, "B")]


def test_quoted_cells_with_commas_and_newlines():
    table = read_csv(b'name,title\n"Li, Na","Director,\nLab"\n', "people")
    assert table.rows[0].values == {"name": "Li, Na", "title": "Director,\nLab"}


@pytest.mark.parametrize(("data", "kind", "reason"), [
    (b"", "units", "The file is empty."),
    (b"code,name,name_zh,kind,parent_code\n", "units", "The file has column names but no rows."),
    (b"PK\x03\x04\x14\x00\x06\x00", "people", "This is not a CSV file."),
    (b"%PDF-1.7\n", "people", "This is not a CSV file."),
    (b"name,surname\nLi,Na\n", "people", "Unknown column names in the first row: \u201csurname\u201d."),
    (b"Li Na,li@example.com\n", "people", "Unknown column names in the first row"),
    (b"name,kind\nHQ,group_hq\n", "units", "required columns are missing: code"),
    (b"name,email,email\nLi,a,b\n", "people", "These columns appear twice: email"),
    (b"code;name\nHQ;Group\n", "units", "The columns must be separated by commas."),
])
def test_files_refused_with_a_reason(data, kind, reason):
    with pytest.raises(ImportFileError) as refused:
        read_csv(data, kind)
    assert reason in str(refused.value)


def test_wrong_headers_name_the_expected_ones():
    with pytest.raises(ImportFileError) as refused:
        read_csv(b"nom\nx\n", "people")
    assert ", ".join(PEOPLE.names) in str(refused.value)


def test_templates_have_the_documented_columns():
    for fmt in (UNITS, PEOPLE):
        table = read_csv(fmt.template_csv().encode(), fmt.kind)
        assert table.columns == fmt.names
        assert len(table.rows) == len(fmt.example)
