"""The attendance report: each invitee's status per session, the page, the CSV/XLSX/PDF downloads and the paper
sign-in sheet, in English and Chinese, and constant query counts from 20 to 10,000 participants."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime

import pytest
from openpyxl import load_workbook

from meetapp.attendance.checkins import check_in
from meetapp.attendance.quorum import record_quorum
from meetapp.attendance.reports.data import meeting_report
from meetapp.participants.models import AttendanceMode
from tests.attendance.board_samples import beijing, bulk_attendees, committee_meeting
from tests.attendance.test_tickets import pdf_strings
from tests.factories import MeetingFactory


@pytest.fixture
def committee(app, users):
    """The board's committee meeting, with an afternoon too: Chen on time, Wang by video leaving at 15:30, Li at
    the branch venue from 14:30 to 16:00 (late and left early)."""
    committee = committee_meeting(users["organizer"])
    people, afternoon = committee.people, committee.afternoon

    def arrive(key, at, **kwargs):
        assert check_in(users["organizer"], committee.meeting, afternoon, participant=people[key], at=at,
                        **kwargs).created

    arrive("chen", beijing(13, 58))
    arrive("wang", beijing(14), mode=AttendanceMode.VIDEO, left_at=beijing(15, 30), minutes_attended=90)
    arrive("li", beijing(14, 30), left_at=beijing(16), minutes_attended=90)
    record_quorum(users["organizer"], committee.resolution)
    return committee


def url(committee, path, **args):
    query = "&".join(f"{key}={value}" for key, value in args.items())
    return f"/meetings/{committee.meeting.id}/attendance/{path}" + (f"?{query}" if query else "")


def statuses(session_report):
    return {row.person.name: (row.section, row.status_text()) for row in session_report.rows}


def test_each_invitees_status_per_session(app, committee):
    with app.test_request_context():
        report = meeting_report(committee.meeting, "en")
    morning, afternoon = report.sessions
    assert statuses(morning) == {
        "Chen Jun": ("present", "Present"),
        "Wang Li": ("present", "Present"),  # 09:02, within the ten minutes' grace
        "Li Na": ("present", "Present"),
        "Liu Yang": ("present", "Present (late)"),
        "Sun Hao": ("represented", "Represented by a delegate"),
        "Zhou Qiang": ("apology", "Absent with apology"),
        "Zhao Min": ("absent", "Absent"),
    }
    assert statuses(afternoon) == {
        "Chen Jun": ("present", "Present"),
        "Wang Li": ("present", "Present (left early)"),
        "Li Na": ("present", "Present (late, left early)"),
        "Liu Yang": ("absent", "Absent"),
        "Sun Hao": ("absent", "Absent"),
        "Zhou Qiang": ("apology", "Absent with apology"),
        "Zhao Min": ("absent", "Absent"),
    }
    counts = afternoon.counts
    assert (counts["invited"], counts["present"], counts["late"], counts["left_early"], counts["represented"],
            counts["apology"], counts["absent"]) == (7, 3, 1, 2, 0, 1, 3)
    rows = {row.person.name: row for row in morning.rows}
    assert rows["Sun Hao"].delegate("en") == "Qian Delegate"
    assert rows["Zhou Qiang"].reason() == "Field trip"
    assert {row.person.name: row for row in afternoon.rows}["Sun Hao"].delegate("en") == \
        "Qian Delegate (named, not checked in)"
    assert [row.person.name for row in morning.section_rows("present")] == [
        "Chen Jun", "Li Na", "Liu Yang", "Wang Li",  # by unit: Group HQ, Hunan Office, Materials Lab, Technology Dept
    ]


def test_the_report_page_shows_counts_charts_and_the_full_list(client, auth, users, committee):
    auth.login_as(users["secretary"])
    page = client.get(url(committee, "report", session_id=committee.afternoon.id)).get_data(as_text=True)
    for text in ("Attendance report", "Work session", "Present (late, left early)", "Field trip",
                 "Absent without apology", 'id="chart-role"', 'id="chart-mode"', 'id="chart-unit"',
                 'id="chart-status"', "Branch venue: Hunan branch room", "Hunan Office",
                 "Qian Delegate (named, not checked in)"):
        assert text in page, text
    # The charts are tables: each bar sits beside its numbers.
    assert re.search(r'data-row="role:committee_member">\s*<th scope="row" class="fw-normal">Committee member</th>'
                     r'\s*<td class="text-end fw-semibold" data-cell="present">3</td>', page)
    morning = client.get(url(committee, "report", session_id=committee.morning.id)).get_data(as_text=True)
    assert "Qian Delegate" in morning and "Adopt the 2026 plan" in morning and "Quorum met" in morning
    assert "<script" not in morning.split("</main>")[0]


def test_the_csv_opens_in_excel_with_chinese_names(client, auth, users, committee):
    auth.login_as(users["organizer"])
    response = client.get(url(committee, "report.csv"))
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment;" in response.headers["Content-Disposition"]
    assert response.data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert len(rows) == 14  # seven invitees, two sessions
    liu = next(row for row in rows if row["Full name"] == "Liu Yang" and row["Session"] == "Plenary")
    assert liu["Status"] == "Present (late)" and liu["Late"] == "yes"
    assert liu["Checked in (Asia/Shanghai)"] == "2026-02-26 09:30"  # the meeting's wall-clock time
    li = next(row for row in rows if row["Full name"] == "Li Na" and row["Session"] == "Work session")
    assert (li["Left (Asia/Shanghai)"], li["Minutes attended"], li["Left early"]) == ("2026-02-26 16:00", "90", "yes")
    assert li["Venue"] == "Hunan branch room"

    client.post("/language", data={"lang": "zh"})
    chinese = client.get(url(committee, "report.csv")).data.decode("utf-8-sig")
    assert "陈军" in chinese and "科技部" not in chinese.split("\n")[0]
    assert "湖南办事处" in chinese


def test_the_xlsx_has_a_summary_and_a_sheet_per_session(client, auth, users, committee):
    auth.login_as(users["organizer"])
    response = client.get(url(committee, "report.xlsx"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["Summary", "Plenary", "Work session"]
    summary = [list(row) for row in workbook["Summary"].iter_rows(values_only=True)]
    assert summary[0][0] == "S&T Committee plenary"
    plenary = next(row for row in summary if row[0] == "Plenary")
    assert plenary[3:10] == [7, 4, 1, 0, 1, 1, 1]  # invited, present, late, left early, represented, apology, absent
    assert any(row[:2] == ["Plenary", "Adopt the 2026 plan"] for row in summary)  # the recorded quorum
    sheet = list(workbook["Work session"].iter_rows(values_only=True))
    assert len(sheet) == 8 and sheet[0][0] == "Full name"
    li = next(row for row in sheet if row[0] == "Li Na")
    assert li[9] == datetime(2026, 2, 26, 14, 30)  # a real date-time cell, in Beijing time


def test_the_pdf_report_has_header_table_and_page_numbers(client, auth, users, committee):
    auth.login_as(users["organizer"])
    response = client.get(url(committee, "report.pdf"))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    data = response.data
    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type /Page[^s]", data)) == 2  # a page per session
    text = pdf_strings(data)
    for expected in ("S&T Committee plenary — Attendance report", "Minmetals Tower, Room 1", "Page 1 of 2",
                     "Page 2 of 2", "Liu Yang", "Present (late)", "Field trip", "Qian Delegate", "Present: 4"):
        assert expected in text, expected

    client.post("/language", data={"lang": "zh"})
    chinese = pdf_strings(client.get(url(committee, "report.pdf", session_id=committee.morning.id)).data)
    assert "陈军" in chinese and "钱代表" in chinese


def test_a_long_list_runs_over_numbered_pages(client, auth, users, committee):
    bulk_attendees(committee.meeting, committee.morning, 120, list(committee.units.values()))
    auth.login_as(users["organizer"])
    data = client.get(url(committee, "report.pdf", session_id=committee.morning.id)).data
    pages = len(re.findall(rb"/Type /Page[^s]", data))
    assert pages >= 4
    assert f"Page {pages} of {pages}" in pdf_strings(data)


def test_the_sign_in_sheet_lists_everyone_by_unit_then_name(client, auth, users, committee):
    auth.login_as(users["secretary"])
    response = client.get(url(committee, "sign-in-sheet.pdf", session_id=committee.morning.id))
    assert response.status_code == 200 and response.data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type /Page[^s]", response.data)) == 1
    text = pdf_strings(response.data)
    assert "Sign-in sheet: Plenary" in text and "Signature" in text and "Page 1 of 1" in text
    names = [name for name in ("Chen Jun", "Li Na", "Zhou Qiang", "Liu Yang", "Zhao Min", "Wang Li", "Sun Hao")
             if name in text]
    assert names == ["Chen Jun", "Li Na", "Zhou Qiang", "Liu Yang", "Zhao Min", "Wang Li", "Sun Hao"]
    assert sorted(names, key=text.index) == names  # Group HQ, Hunan Office, Materials Lab, Technology Dept, none
    assert "Ma Gone" not in text  # removed from the list

    both = client.get(url(committee, "sign-in-sheet.pdf")).data
    assert len(re.findall(rb"/Type /Page[^s]", both)) == 2  # each session on its own pages


def test_downloads_refuse_a_session_of_another_meeting(client, auth, users, committee):
    other = committee_meeting(users["organizer"], tag=" 2")
    auth.login_as(users["organizer"])
    for path in ("report", "report.csv", "report.xlsx", "report.pdf", "sign-in-sheet.pdf"):
        assert client.get(url(committee, path, session_id=other.morning.id)).status_code == 404, path


def test_report_queries_stay_constant_from_20_to_10000_participants(client, auth, users, committee, count_queries,
                                                                   app):
    app.config["JOB_EXPORT_MIN_PARTICIPANTS"] = 100_000  # the direct downloads (big meetings' files: tests/jobs)
    auth.login_as(users["organizer"])
    morning = committee.morning.id
    # The downloads of one session: the bulk of them is in the morning, and each file takes its time to lay out.
    paths = (url(committee, "report"), url(committee, "report.csv", session_id=morning),
             url(committee, "report.xlsx", session_id=morning), url(committee, "report.pdf", session_id=morning),
             url(committee, "sign-in-sheet.pdf", session_id=morning))

    def measure():
        counts = []
        for path in paths:
            with count_queries() as counter:
                assert client.get(path).status_code == 200
            counts.append(counter.count)
        return counts

    bulk_attendees(committee.meeting, committee.morning, 13, list(committee.units.values()))
    small = measure()
    bulk_attendees(committee.meeting, committee.morning, 10_000 - 20, list(committee.units.values()))
    assert measure() == small


def test_a_meeting_without_sessions_has_empty_pages_and_files(client, auth, users):
    meeting = MeetingFactory(organizers=[users["organizer"]], sessions=[])
    auth.login_as(users["organizer"])
    base = f"/meetings/{meeting.id}/attendance"
    for path in ("/", "/report"):
        assert "This meeting has no sessions yet." in client.get(base + path).get_data(as_text=True)
    assert client.get(f"{base}/board.json").status_code == 404
    for path in ("/report.csv", "/report.xlsx", "/report.pdf", "/sign-in-sheet.pdf"):
        assert client.get(base + path).status_code == 200, path
