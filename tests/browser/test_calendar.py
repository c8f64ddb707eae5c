"""A member finds an internal meeting on the calendar, opens its week and downloads it for their calendar app."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, MeetingFactory

BEIJING = ZoneInfo("Asia/Shanghai")


def today_at(hour: int) -> datetime:
    return datetime.combine(datetime.now(BEIJING).date(), time(hour), tzinfo=BEIJING)


def test_member_finds_a_meeting_opens_its_week_and_downloads_the_ics(page, users):
    meeting = MeetingFactory(title="S&T innovation work meeting", starts_at=today_at(9), ends_at=today_at(12))
    MeetingFactory(title="科学技术委员会2026年第一次全体会议", starts_at=today_at(14), ends_at=today_at(17))

    sign_in(page, "member@example.com", PASSWORD)
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Calendar").click()

    grid = page.get_by_role("table")
    today = grid.locator("td[aria-current=date]")
    expect(today).to_contain_text("S&T innovation work meeting")
    expect(today).to_contain_text("科学技术委员会2026年第一次全体会议")
    expect(grid.get_by_role("columnheader", name="Monday")).to_be_visible()

    grid.locator("tr", has=page.locator("td[aria-current=date]")).get_by_role("rowheader").get_by_role("link").click()
    expect(page.get_by_role("heading", name="Week of", exact=False)).to_be_visible()
    day = page.locator("section", has=page.get_by_text("S&T innovation work meeting"))
    expect(day.get_by_role("listitem")).to_contain_text(["9:00 AM"])

    with page.expect_download() as info:
        day.get_by_role("link", name="Add to calendar (.ics): S&T innovation work meeting").click()
    download = info.value
    assert download.suggested_filename == f"meeting-{meeting.id}.ics"
    with open(download.path(), "rb") as handle:
        (event,) = icalendar.Calendar.from_ical(handle.read()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "S&T innovation work meeting"
    assert event.decoded("DTSTART") == today_at(9)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=3)

    response = page.request.get(f"/meetings/{meeting.id}/calendar.ics")
    assert response.status == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
