"""Reading video platform reports: every sample gives the same people and join sessions; encodings, delimiters and
line endings do not matter; a file that cannot be read is refused with the place of the problem."""

from __future__ import annotations

import codecs
import csv
import io
import json
import random
from datetime import UTC, datetime

import pytest
from openpyxl import Workbook

from meetapp.attendance.video_reports.parsers import parse_report, split_parenthesised
from meetapp.attendance.video_reports.reading import ReportRefused, duration_seconds
from tests.attendance.video_samples import DURATIONS_ONLY, PER_PERSON, PER_SESSION, cst, sample

ZONE = "Asia/Shanghai"
NEAR = cst(9, 0)

# Who a row is, by a part of the name every platform shows.
NAME_PARTS = {
    "wang": "王建国", "zhou": "周婷", "li": "李娜", "zhang": "张伟", "okafor": "Okafor", "carter": "Emily",
    "chen": "陈晓明", "room": "深圳分会场", "liu": "刘芳", "guest": "赵磊",
}
JOINS = {  # the samples' join sessions, China time
    ("wang", (8, 52, 10), (11, 34, 2)), ("zhou", (8, 55, 20), (11, 34, 2)), ("li", (8, 58, 41), (11, 33, 55)),
    ("zhang", (8, 59, 30), (9, 47, 12)), ("zhang", (9, 49, 5), (11, 33, 58)), ("okafor", (9, 0, 2), (11, 34, 1)),
    ("carter", (9, 1, 18), (11, 30, 26)), ("chen", (9, 3, 44), (10, 58, 9)), ("room", (8, 57, 3), (11, 34, 2)),
    ("liu", (9, 12, 37), (11, 20, 15)), ("guest", (9, 20, 5), (9, 41, 30)),
}
PEOPLE = {  # per person: first join, last leave
    ("zhang", (8, 59, 30), (11, 33, 58)), *(join for join in JOINS if join[0] != "zhang"),
}
# The 2020 roster was downloaded at 11:31 while the meeting ran: who had not left yet ends at its last event.
ROSTER_LAST_EVENT = (11, 30, 26)


def who(row) -> str:
    names = " ".join((row.name, *row.other_names))
    keys = [key for key, part in NAME_PARTS.items() if part in names]
    assert len(keys) == 1, names
    return keys[0]


def clock(moment: datetime) -> tuple[int, int, int]:
    local = moment.astimezone(UTC)
    return (local.hour + 8, local.minute, local.second)


def cast_of(report) -> set:
    return {(who(row), clock(row.joined_at), clock(row.left_at)) for row in report.rows}


def parse(data: bytes, **kwargs):
    kwargs.setdefault("tz", ZONE)
    kwargs.setdefault("near", NEAR)
    return parse_report(data, **kwargs)


EXPECTED_LAYOUT = {
    "zoom-participants.csv": ("zoom", "zoom_csv"),
    "zoom-participants-no-meeting-data.csv": ("zoom", "zoom_csv"),
    "zoom-participants-legacy-2021.csv": ("zoom", "zoom_csv_legacy"),
    "zoom-api-report-meeting-participants.json": ("zoom", "zoom_api"),
    "teams-attendance-report.utf16le.csv": ("teams", "teams_activities"),
    "teams-attendance-report.utf16be.csv": ("teams", "teams_activities"),
    "teams-meetingAttendanceList-2020.utf16le.csv": ("teams", "teams_2020"),
    "webex-attendee-report.utf16le.csv": ("webex", "webex"),
    "tencent-meeting-participants.xlsx": ("tencent", "tencent_detail"),
    "teams-attendance-2021-meeting-summary.utf16le.csv": ("teams", "teams_2021"),
    "feishu-vc-participant-list.xlsx": ("feishu", "feishu"),
    "zoom-participants-unique-users.csv": ("zoom", "zoom_csv_unique"),
    "zoom-participants-legacy-2021-unique-users.csv": ("zoom", "zoom_csv_unique"),
}


@pytest.mark.parametrize("name", PER_SESSION)
def test_every_per_join_sample_has_the_same_eleven_join_sessions(app, name):
    report = parse(sample(name))
    assert (report.platform, report.layout.key) == EXPECTED_LAYOUT[name]
    assert len(report.rows) == 11
    expected = JOINS
    if report.layout.key == "teams_2020":
        expected = {(key, join, min(leave, ROSTER_LAST_EVENT)) for key, join, leave in JOINS}
        assert {who(r) for r in report.rows if r.open_ended} == {"wang", "zhou", "li", "zhang", "okafor", "room"}
    assert cast_of(report) == expected


@pytest.mark.parametrize("name", PER_PERSON)
def test_per_person_samples_have_the_ten_people_with_first_join_and_last_leave(app, name):
    report = parse(sample(name))
    assert (report.platform, report.layout.key) == EXPECTED_LAYOUT[name]
    assert not report.layout.per_session
    assert cast_of(report) == PEOPLE
    zhang = next(r for r in report.rows if who(r) == "zhang")
    assert zhang.duration_seconds == 2 * 3600 + 32 * 60 + 35  # the two joins summed, the gap left out


@pytest.mark.parametrize("name", DURATIONS_ONLY)
def test_unique_users_exports_have_the_ten_people_with_minutes_only(app, name):
    report = parse(sample(name))
    assert (report.platform, report.layout.key) == EXPECTED_LAYOUT[name]
    assert not report.layout.has_times
    minutes = {who(r): r.duration_seconds // 60 for r in report.rows}
    # Zoom rounds each join up to a whole minute: Zhang Wei's 48 + 105.
    assert minutes == {"wang": 162, "zhou": 159, "li": 156, "zhang": 153, "okafor": 154, "carter": 150,
                       "chen": 115, "room": 157, "liu": 128, "guest": 22}


def test_names_emails_and_renames_as_each_platform_writes_them(app):
    zoom = {who(r): r for r in parse(sample("zoom-participants.csv")).rows}
    assert (zoom["li"].name, zoom["li"].other_names) == ("李娜 Li Na - 科技部", ("Li Na",))
    assert zoom["chen"].email == "" and zoom["carter"].email == "emily.carter@partner.example.org"
    tencent = {who(r): r for r in parse(sample("tencent-meeting-participants.xlsx")).rows}
    assert (tencent["li"].name, tencent["li"].other_names) == ("李娜-科技部", ("Lina",))
    assert (tencent["chen"].name, tencent["chen"].other_names) == ("陈晓明", ())
    teams = {who(r): r for r in parse(sample("teams-attendance-2021-meeting-summary.utf16le.csv")).rows}
    assert teams["zhang"].email == "zhang.wei@example.com"
    webex = {who(r): r for r in parse(sample("webex-attendee-report.utf16le.csv")).rows}
    assert webex["guest"].email == "zhaolei.guest@example.org" and webex["chen"].email == ""


def test_report_title_and_encoding_are_read(app):
    teams = parse(sample("teams-attendance-report.utf16be.csv"))
    assert teams.encoding == "UTF-16 BE"
    assert teams.title == "2026 Annual S&T Work Meeting & 1st Plenary of the S&T Committee"
    assert parse(sample("tencent-meeting-participants.xlsx")).title == "2026年度科技工作会议暨科技委员会第一次全体会议"
    assert parse(sample("zoom-participants.csv")).encoding == "UTF-8"


# --- the same file in other encodings, delimiters and line endings ----------------------------------------


def _zoom_text() -> str:
    return sample("zoom-participants-no-meeting-data.csv").decode("utf-8-sig")


def _as_tsv(text: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\n").writerows(csv.reader(io.StringIO(text)))
    return out.getvalue()


@pytest.mark.parametrize("encode", [
    lambda t: t.replace("\n", "\r\n").encode("utf-8"),  # CRLF, no BOM
    lambda t: t.encode("gb18030"),  # re-saved by Chinese Excel
    lambda t: codecs.BOM_UTF16_LE + _as_tsv(t).encode("utf-16-le"),
    lambda t: codecs.BOM_UTF16_BE + _as_tsv(t).replace("\n", "\r\n").encode("utf-16-be"),
    lambda t: _as_tsv(t).encode("utf-16-le"),  # UTF-16 without a BOM
], ids=["crlf", "gb18030", "utf16le-tab", "utf16be-tab-crlf", "utf16le-no-bom"])
def test_encoding_delimiter_and_line_endings_do_not_change_the_rows(app, encode):
    expected = parse(sample("zoom-participants-no-meeting-data.csv")).rows
    rows = parse(encode(_zoom_text())).rows
    assert [(r.name, r.email, r.joined_at, r.left_at) for r in rows] == [
        (r.name, r.email, r.joined_at, r.left_at) for r in expected]


def test_times_without_a_zone_are_read_in_the_chosen_zone(app):
    data = sample("zoom-participants.csv")
    in_china = parse(data, tz="Asia/Shanghai").rows[0].joined_at
    in_london = parse(data, tz="Europe/London").rows[0].joined_at
    assert in_china == cst(8, 52, 10)
    assert (in_london - in_china).total_seconds() == 8 * 3600
    # Feishu and the Zoom API write the offset: the chosen zone does not matter.
    for name in ("feishu-vc-participant-list.xlsx", "zoom-api-report-meeting-participants.json"):
        assert parse(sample(name), tz="Europe/London").zone_in_file
        assert parse(sample(name), tz="Europe/London").rows[0].joined_at == cst(8, 52, 10)


def _teams_gb(day: str) -> bytes:
    lines = ["1. Summary", "Meeting title\tBoard", "", "2. Participants",
             "Name\tFirst join\tLast leave\tIn-meeting duration\tEmail\tParticipant ID (UPN)\tRole",
             f"Ann Lee\t{day}, 09:00:00\t{day}, 10:00:00\t1h 0m 0s\tann@example.com\tann@example.com\tAttendee"]
    return codecs.BOM_UTF16_LE + "\n".join(lines).encode("utf-16-le")


def test_a_date_that_reads_two_ways_is_read_the_way_that_fits_the_session(app):
    """"03/04/26" is 3 April (en-GB) or 4 March (en-US): the session's date decides."""
    april = parse(_teams_gb("03/04/26"), near=datetime(2026, 4, 3, 1, tzinfo=UTC)).rows[0]
    march = parse(_teams_gb("03/04/26"), near=datetime(2026, 3, 4, 1, tzinfo=UTC)).rows[0]
    assert april.joined_at == datetime(2026, 4, 3, 1, tzinfo=UTC)
    assert march.joined_at == datetime(2026, 3, 4, 1, tzinfo=UTC)
    assert parse(_teams_gb("14/11/22"), near=None).rows[0].joined_at == datetime(2022, 11, 14, 1, tzinfo=UTC)


# --- refusals ------------------------------------------------------------------------------------------------


def refusal(data: bytes, **kwargs) -> str:
    with pytest.raises(ReportRefused) as caught:
        parse(data, **kwargs)
    return str(caught.value)


def test_empty_files_are_refused(app):
    assert "empty" in refusal(b"")
    assert "empty" in refusal(codecs.BOM_UTF8 + b"\r\n\r\n")


def test_random_bytes_are_refused(app):
    assert "cannot be a participant report" in refusal(random.Random(4).randbytes(3000))
    assert "neither UTF-8, UTF-16 nor GB18030" in refusal(bytes([0x81, 0x20]) * 500)


def test_a_truncated_csv_is_refused_with_its_line(app):
    data = sample("zoom-participants.csv")
    cut_in_quotes = data[: data.index(b"09:00:02 AM") + 3]  # inside the quoted join time of David Okafor
    assert "line 10" in refusal(cut_in_quotes)
    cut_after = data[: data.index(b"09:00:02 AM") + len(b'09:00:02 AM"')]  # after the join time: cells missing
    assert "line 10 has 3 cells where the header has 6" in refusal(cut_after)


def test_an_unreadable_time_is_refused_with_line_and_column(app):
    data = sample("zoom-participants.csv").replace(b"03/18/2026 11:20:15 AM", b"03/18/2026 11:20 o'clock")
    assert refusal(data) == "line 13, column “Leave time”: “03/18/2026 11:20 o'clock” is not a date and time " \
                            "this importer can read."
    webex = sample("webex-attendee-report.utf16le.csv").decode("utf-16").replace("2026-03-18 09:12:37", "gestern")
    assert "line 10, column “Join Time”: “gestern”" in refusal(codecs.BOM_UTF16_LE + webex.encode("utf-16-le"))


def test_a_workbook_with_other_headers_is_refused(app):
    book = Workbook()
    book.active.title = "Scores"
    book.active.append(["Name", "Score"])
    book.active.append(["Ann", "3"])
    out = io.BytesIO()
    book.save(out)
    message = refusal(out.getvalue())
    assert "not a Tencent Meeting or Feishu participant export" in message and "“Scores”" in message
    assert "cannot be opened" in refusal(b"PK\x03\x04" + b"not really a zip file" * 20)


def test_other_files_are_refused_saying_what_they_start_with(app):
    assert "its first line is “Name;Score”" in refusal(b"Name;Score\nAnn;3\n")
    assert "no “participants” list" in refusal(json.dumps({"meetings": []}).encode())
    assert "cut off or damaged" in refusal(sample("zoom-api-report-meeting-participants.json")[:900])


def test_a_file_of_another_platform_than_chosen_is_refused(app):
    message = refusal(sample("teams-attendance-report.utf16le.csv"), platform="zoom")
    assert message == "You chose Zoom, but this file is a Teams attendance report (in-meeting activities)."
    assert parse(sample("teams-attendance-report.utf16le.csv"), platform="teams").platform == "teams"


def test_a_header_without_rows_is_refused(app):
    assert "lists nobody" in refusal(b"Name (original name),Email,Join time,Leave time,Duration (minutes),Guest\n")


# --- small readers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("李娜 Li Na - 科技部 (Li Na)", ("李娜 Li Na - 科技部", "Li Na")),
    ("Lina(李娜-科技部)", ("Lina", "李娜-科技部")),
    ("(陈晓明)", ("", "陈晓明")),
    ("Loki (Loki (the god) Laufeyson)", ("Loki", "Loki (the god) Laufeyson")),
    ("张伟", ("张伟", None)),
    ("broken (name", ("broken (name", None)),
])
def test_split_parenthesised(text, expected):
    assert split_parenthesised(text) == expected


@pytest.mark.parametrize(("text", "unit", "seconds"), [
    ("1h 13m 42s", 60, 4422), ("59m 29s", 60, 3569), ("53s", 60, 53), ("0:33:35", 60, 2015),
    ("02:41:52", 60, 9712), ("48 mins", 60, 2880), ("162", 60, 9720), ("2862", 1, 2862), ("--", 60, None),
    ("soon", 60, None),
])
def test_durations(text, unit, seconds):
    assert duration_seconds(text, plain_unit=unit) == seconds
