"""A secretary enters a signed paper sign-in sheet by hand: finds people on the long list by name or number,
ticks them (a tick stays while the list is filtered), records them, and the report counts them."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.attendance.board_samples import committee_meeting
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD


@pytest.fixture
def committee(app, users):
    return committee_meeting(users["organizer"])


def test_secretary_enters_the_signed_sheet_of_the_afternoon(page, users, committee):
    sign_in(page, "secretary@example.com", PASSWORD)
    page.goto(f"/meetings/{committee.meeting.id}/attendance/report?session_id={committee.afternoon.id}")
    page.get_by_role("link", name="Enter signed sheets by hand").click()
    expect(page.get_by_role("heading", name="Enter attendance by hand")).to_be_visible()
    rows = page.locator("#sheet tbody tr:visible")
    expect(rows).to_have_count(7)

    search = page.get_by_label("Find on the list")
    search.fill("liu")
    expect(rows).to_have_count(1)
    page.get_by_label("Liu Yang").check()
    search.fill("湖南")  # Chinese names are searched too: Li Na and Zhou Qiang of the Hunan Office (湖南办事处)
    expect(rows).to_have_count(2)
    page.get_by_label("Li Na").check()
    search.fill("")
    expect(rows).to_have_count(7)
    expect(page.get_by_label("Liu Yang")).to_be_checked()

    page.get_by_label("Arrival time").fill("14:25")
    page.get_by_role("button", name="Record as present").click()
    expect(page.get_by_role("status")).to_contain_text("2 people recorded as present at Work session.")
    expect(page.locator("#sheet tbody tr", has_text="Liu Yang")).to_contain_text("Entered by hand · Secretary")

    page.get_by_role("link", name="Attendance report").click()
    expect(page.locator("main")).to_contain_text("Present (late)")
