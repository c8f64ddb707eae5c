"""The personal subscription feed: the page that hands out its secret address, and the feed calendar apps poll."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from meetapp.calendar.models import CalendarFeed
from meetapp.database import utcnow
from meetapp.extensions import db
from meetapp.meetings.models import MeetingStatus, Visibility
from tests.calendar.helpers import events, parse_ics
from tests.factories import CalendarFeedFactory, MeetingFactory, ParticipantFactory, PersonFactory, UserFactory


def feeds() -> list[CalendarFeed]:
    return list(db.session.scalars(sa.select(CalendarFeed)))


def feed_url(page: str) -> str:
    match = re.search(r'id="feed-url" type="text" value="http://localhost(/calendar/feed/[^"]+\.ics)"', page)
    assert match, "the page shows the absolute feed address"
    return match.group(1)


@pytest.fixture
def member(client, auth):
    user = UserFactory(name="Li Wei", person=PersonFactory())
    auth.login_as(user)
    return user


def test_first_visit_offers_a_link_without_creating_one(client, member):
    page = client.get("/calendar/subscription").get_data(as_text=True)
    assert "Create my subscription link" in page
    assert feeds() == []


def test_creating_shows_the_secret_https_and_webcal_addresses(client, member):
    response = client.post("/calendar/subscription")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)

    (feed,) = feeds()
    assert feed.user_id == member.id
    assert feed_url(page) == f"/calendar/feed/{feed.token}.ics"
    assert f'value="webcal://localhost/calendar/feed/{feed.token}.ics"' in page
    assert "Reset link" in page

    client.post("/calendar/subscription")  # a second click keeps the address already handed out
    assert [f.token for f in feeds()] == [feed.token]


def test_resetting_replaces_the_address_and_the_old_one_stops_working(client, member):
    client.post("/calendar/subscription")
    old = feed_url(client.get("/calendar/subscription").get_data(as_text=True))
    assert client.get(old).status_code == 200

    client.post("/calendar/subscription/reset", follow_redirects=True)
    new = feed_url(client.get("/calendar/subscription").get_data(as_text=True))

    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_feed_lists_the_meetings_the_user_takes_part_in(client, app):
    user = UserFactory(person=PersonFactory())
    feed = CalendarFeedFactory(user=user)
    now = utcnow()

    def meeting(title, days, **kwargs):
        start = now + timedelta(days=days)
        return MeetingFactory(title=title, starts_at=start, ends_at=start + timedelta(hours=2), **kwargs)

    invited = meeting("Invited", 10, video_url="https://meet.example/x", video_passcode="4242")
    ParticipantFactory(meeting=invited, person=user.person)
    meeting("Organizing", 20, visibility=Visibility.PARTICIPANTS, organizers=[user])
    called_off = meeting("Called off", 5, status=MeetingStatus.CANCELLED)
    ParticipantFactory(meeting=called_off, person=user.person)
    removed = meeting("Removed from", 6)
    ParticipantFactory(meeting=removed, person=user.person, cancelled_at=now)
    last_quarter = meeting("Eighty days ago", -80)
    ParticipantFactory(meeting=last_quarter, person=user.person)
    long_ago = meeting("Last year", -120)
    ParticipantFactory(meeting=long_ago, person=user.person)
    meeting("Someone else's internal meeting", 3)

    response = client.get(f"/calendar/feed/{feed.token}.ics")  # no sign-in

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    cal = parse_ics(response.data)
    by_title = events(cal)
    assert sorted(by_title) == ["Called off", "Eighty days ago", "Invited", "Organizing"]
    assert str(by_title["Called off"]["STATUS"]) == "CANCELLED"
    assert str(by_title["Invited"]["UID"]) == invited.ical_uid
    assert "4242" in str(by_title["Invited"]["DESCRIPTION"])
    assert "https://meet.example/x" in str(by_title["Invited"]["LOCATION"])
    assert str(cal["X-WR-CALNAME"]) == f"Meetings of {user.name}"
    assert str(cal["REFRESH-INTERVAL"].to_ical().decode()) == "PT1H"


def test_feed_links_each_meeting_page_when_there_is_one(client, app):
    user = UserFactory(person=PersonFactory())
    feed = CalendarFeedFactory(user=user)
    meeting = MeetingFactory(organizers=[user], starts_at=utcnow(), ends_at=utcnow() + timedelta(hours=1))
    (event,) = parse_ics(client.get(f"/calendar/feed/{feed.token}.ics").data).walk("VEVENT")
    if "meetings.detail" in app.view_functions:
        assert str(event["URL"]) == f"http://localhost/meetings/{meeting.id}"
    else:
        assert "URL" not in event


def test_unknown_token_and_deactivated_owner_get_nothing(client):
    feed = CalendarFeedFactory()
    assert client.get("/calendar/feed/not-a-token.ics").status_code == 404
    assert client.get(f"/calendar/feed/{feed.token}.ics").status_code == 200

    feed.user.active = False
    db.session.commit()
    assert client.get(f"/calendar/feed/{feed.token}.ics").status_code == 404


def test_unchanged_feed_answers_not_modified(client):
    feed = CalendarFeedFactory()
    MeetingFactory(organizers=[feed.user], starts_at=utcnow(), ends_at=utcnow() + timedelta(hours=1))
    etag = client.get(f"/calendar/feed/{feed.token}.ics").headers["ETag"]
    assert client.get(f"/calendar/feed/{feed.token}.ics", headers={"If-None-Match": etag}).status_code == 304


def test_feed_query_count_does_not_grow_with_meetings(client, count_queries):
    feed = CalendarFeedFactory(user=UserFactory(person=PersonFactory()))

    def add_meetings(n):
        for i in range(n):
            start = utcnow() + timedelta(days=i)
            meeting = MeetingFactory(starts_at=start, ends_at=start + timedelta(hours=1))
            ParticipantFactory(meeting=meeting, person=feed.user.person)

    add_meetings(3)
    with count_queries() as small:
        client.get(f"/calendar/feed/{feed.token}.ics")
    add_meetings(27)
    with count_queries() as large:
        body = client.get(f"/calendar/feed/{feed.token}.ics").data
    assert len(parse_ics(body).walk("VEVENT")) == 30
    assert large.count == small.count
