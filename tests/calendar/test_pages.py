"""The month and week pages: which meetings, on which days, in which zone, and how they read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from meetapp.meetings.models import MeetingStatus, Visibility
from tests.calendar.helpers import day_cell, day_section
from tests.factories import MeetingFactory, ParticipantFactory, PersonFactory, UserFactory

FEB_2026 = "/calendar?year=2026&month=2"


def at(day: int, hour: int, minute: int = 0, month: int = 2) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def member_client(client, auth, users):
    auth.login_as(users["member"])
    return client


def test_month_grid_shows_visible_meetings_on_their_day(member_client, app):
    MeetingFactory(title="S&T work meeting")  # 26 Feb 09:00–12:00 Beijing time, internal
    MeetingFactory(title="Open lecture", visibility=Visibility.PUBLIC, starts_at=at(10, 2), ends_at=at(10, 3))
    MeetingFactory(title="Closed board meeting", visibility=Visibility.PARTICIPANTS)

    page = member_client.get(FEB_2026).get_data(as_text=True)

    assert "<table" in page and '<span class="visually-hidden">Monday</span></th>' in page
    assert "February 2026" in page
    assert "S&amp;T work meeting" in day_cell(page, "2026-02-26")
    assert "9:00" in day_cell(page, "2026-02-26")  # the meeting's own (Beijing) time
    assert "Open lecture" in day_cell(page, "2026-02-10")
    assert "Closed board meeting" not in page


def test_participants_only_meetings_show_to_invitees_and_organizers_only(client, auth, app):
    invitee = UserFactory(person=PersonFactory())
    removed = UserFactory(person=PersonFactory())
    organizer = UserFactory()
    meeting = MeetingFactory(title="Closed board meeting", visibility=Visibility.PARTICIPANTS, organizers=[organizer])
    ParticipantFactory(meeting=meeting, person=invitee.person)
    ParticipantFactory(meeting=meeting, person=removed.person, cancelled_at=at(1, 0))

    def sees(user) -> bool:
        auth.login_as(user)
        return "Closed board meeting" in client.get(FEB_2026).get_data(as_text=True)

    assert sees(invitee)
    assert sees(organizer)
    assert not sees(removed)


def test_days_follow_the_chosen_zone_and_times_stay_in_the_meetings_zone(member_client):
    MeetingFactory(title="Beijing morning")  # 26 Feb 09:00 in Beijing = 25 Feb 20:00 in New York

    shanghai = member_client.get(FEB_2026).get_data(as_text=True)
    new_york = member_client.get(FEB_2026 + "&tz=America/New_York").get_data(as_text=True)

    assert "Beijing morning" in day_cell(shanghai, "2026-02-26")
    assert "Beijing morning" not in day_cell(shanghai, "2026-02-25")
    assert "Beijing morning" in day_cell(new_york, "2026-02-25")
    assert "Beijing morning" not in day_cell(new_york, "2026-02-26")
    cell = day_cell(new_york, "2026-02-25")
    assert "9:00" in cell and "(Asia/Shanghai)" in cell
    # The chosen zone stays on the page's links.
    assert "tz=America/New_York" in new_york and "month=3" in new_york


def test_a_meeting_over_midnight_sits_on_both_days(member_client):
    MeetingFactory(title="Night shift review", starts_at=at(10, 14), ends_at=at(10, 18))  # 22:00–02:00 Beijing
    MeetingFactory(title="Ends at midnight", starts_at=at(12, 14), ends_at=at(12, 16))  # 22:00–24:00 Beijing

    page = member_client.get(FEB_2026).get_data(as_text=True)

    assert "Night shift review" in day_cell(page, "2026-02-10")
    assert "Night shift review" in day_cell(page, "2026-02-11")
    assert "continued" in day_cell(page, "2026-02-11")
    assert "Ends at midnight" in day_cell(page, "2026-02-12")
    assert "Ends at midnight" not in day_cell(page, "2026-02-13")


def test_cancelled_meetings_are_struck_through(member_client):
    MeetingFactory(title="Called off", status=MeetingStatus.CANCELLED)

    cell = day_cell(member_client.get(FEB_2026).get_data(as_text=True), "2026-02-26")

    assert "<s>Called off</s>" in cell
    assert "(cancelled)" in cell


def test_previous_next_and_today_navigation(member_client):
    page = member_client.get("/calendar?year=2026&month=12").get_data(as_text=True)
    assert 'href="/calendar?year=2026&amp;month=11" rel="prev"' in page
    assert 'href="/calendar?year=2027&amp;month=1" rel="next"' in page
    assert 'href="/calendar">This month</a>' in page

    today = datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    current = member_client.get("/calendar").get_data(as_text=True)
    assert 'aria-current="date"' in day_cell(current, today)


def test_bad_filters_are_reported_and_kept_and_the_page_still_shows(member_client):
    MeetingFactory(title="S&T work meeting")

    response = member_client.get("/calendar?year=2026&month=2&tz=Mars/Olympus")
    page = response.get_data(as_text=True)

    assert response.status_code == 200
    assert "Not a known time zone" in page
    assert '<option value="Europe/Berlin">' in page  # suggestions for the zone field
    assert 'value="Mars/Olympus"' in page
    assert "S&amp;T work meeting" in day_cell(page, "2026-02-26")  # shown in the default zone

    page = member_client.get("/calendar?year=twenty&month=13").get_data(as_text=True)
    assert "Not a valid integer value" in page and 'value="twenty"' in page
    assert "Not a valid choice" in page


def test_week_view_lists_seven_days_from_monday(member_client):
    meeting = MeetingFactory(title="S&T work meeting")  # Thursday 26 Feb
    MeetingFactory(title="March review", starts_at=at(3, 1, month=3), ends_at=at(3, 2, month=3))

    page = member_client.get("/calendar/week?date=2026-02-26").get_data(as_text=True)

    assert page.count("<section") == 7
    assert "Monday, February 23, 2026" in page and "Sunday, March 1, 2026" in page
    thursday = day_section(page, "2026-02-26")
    assert "S&amp;T work meeting" in thursday
    assert "9:00" in thursday and "12:00" in thursday
    assert f'href="/meetings/{meeting.id}/calendar.ics"' in thursday
    assert "No meetings." in day_section(page, "2026-02-23")
    assert "March review" not in page
    assert 'href="/calendar/week?date=2026-03-02" rel="next"' in page
    assert 'href="/calendar/week?date=2026-02-16" rel="prev"' in page


def test_week_view_reports_a_bad_date(member_client):
    page = member_client.get("/calendar/week?date=2026-02-30").get_data(as_text=True)
    assert "Not a valid date value" in page
    assert 'value="2026-02-30"' in page


def test_meetings_link_to_their_page_when_the_meetings_area_has_one(member_client, app):
    meeting = MeetingFactory(title="S&T work meeting")
    cell = day_cell(member_client.get(FEB_2026).get_data(as_text=True), "2026-02-26")
    if "meetings.detail" in app.view_functions:
        assert f'href="/meetings/{meeting.id}"' in cell
    else:
        assert "<a" not in cell


@pytest.mark.parametrize("url", [FEB_2026, "/calendar/week?date=2026-02-26"])
def test_query_count_does_not_grow_with_meetings(member_client, count_queries, url):
    def add_meetings(n):
        for i in range(n):
            start = at(23 + i % 5, 1 + i % 8)
            MeetingFactory(starts_at=start, ends_at=start + timedelta(hours=2))

    add_meetings(3)
    with count_queries() as small:
        assert member_client.get(url).status_code == 200
    add_meetings(27)
    with count_queries() as large:
        page = member_client.get(url).get_data(as_text=True)
    assert "30 meetings" in page
    assert large.count == small.count
