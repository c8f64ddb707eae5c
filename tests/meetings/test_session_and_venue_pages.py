"""Sessions of a meeting, and the venues and series lists, through their pages."""

from datetime import UTC, datetime

import pytest

from meetapp.extensions import db
from meetapp.meetings.models import MeetingSeries, MeetingSession, Venue
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MeetingSeriesFactory,
    ParticipantFactory,
    PersonFactory,
    VenueFactory,
)


@pytest.fixture
def organizer(users, auth):
    auth.login_as(users["organizer"])
    return users["organizer"]


@pytest.fixture
def meeting(organizer):
    """26 Feb 2026, 09:00–12:00 Beijing time, one session "Plenary"."""
    return MeetingFactory(venue=VenueFactory(name="Hall"), organizers=[organizer])


def text(response) -> str:
    return response.get_data(as_text=True).replace("\u202f", " ")


def session_data(**changes) -> dict:
    data = {
        "title": "First Plenary Meeting of the S&T Committee",
        "start_date": "2026-02-26",
        "start_time": "10:30",
        "end_date": "",
        "end_time": "11:45",
        "presider_search": "",
        "presider_id": "",
        "venue_id": "",
    }
    data.update(changes)
    return data


def test_a_session_is_added_in_the_meetings_time_zone(client, meeting):
    form = text(client.get(f"/meetings/{meeting.id}/sessions/new"))
    assert 'value="12:00"' in form  # starts where the last session ends

    response = client.post(f"/meetings/{meeting.id}/sessions/new", data=session_data())

    assert response.location == f"/meetings/{meeting.id}"
    added = db.session.scalars(db.select(MeetingSession).where(MeetingSession.title.like("First%"))).one()
    assert added.starts_at == datetime(2026, 2, 26, 2, 30, tzinfo=UTC)
    assert added.ends_at == datetime(2026, 2, 26, 3, 45, tzinfo=UTC)


def test_the_presider_is_found_in_the_directory_and_chosen(client, meeting):
    zhu = PersonFactory(name="Zhu Kebing")
    PersonFactory(name="Chen Dexin")

    found = client.post(
        f"/meetings/{meeting.id}/sessions/new", data=session_data(presider_search="zhu", find_presider="Search")
    )
    page = text(found)
    assert found.status_code == 200
    assert f'<option selected value="{zhu.id}">Zhu Kebing' in page and "Chen Dexin" not in page
    assert 'value="First Plenary Meeting of the S&amp;T Committee"' in page  # typed values survive the search
    assert db.session.scalar(db.select(db.func.count(MeetingSession.id))) == 1

    client.post(f"/meetings/{meeting.id}/sessions/new", data=session_data(presider_id=str(zhu.id)))
    added = db.session.scalars(db.select(MeetingSession).order_by(MeetingSession.id.desc())).first()
    assert added.presider == zhu


def test_invitees_are_offered_as_presiders_without_searching(client, meeting):
    invitee = ParticipantFactory(meeting=meeting, person=PersonFactory(name="Wang Jiezhi")).person
    page = text(client.get(f"/meetings/{meeting.id}/sessions/new"))
    assert f'value="{invitee.id}">Wang Jiezhi' in page


def test_a_session_ending_before_it_starts_is_refused_keeping_the_input(client, meeting):
    response = client.post(f"/meetings/{meeting.id}/sessions/new", data=session_data(end_time="10:00"))
    page = text(response)
    assert response.status_code == 200
    assert "The end must be after the start." in page
    assert 'value="10:30"' in page and "First Plenary Meeting" in page


def test_a_session_outside_the_meeting_is_saved_with_a_warning(client, meeting):
    response = client.post(
        f"/meetings/{meeting.id}/sessions/new",
        data=session_data(start_time="14:00", end_time="16:00"),
        follow_redirects=True,
    )
    assert "lies outside the meeting&#39;s start and end" in text(response)
    db.session.expire_all()
    assert len(meeting.sessions) == 2


def test_editing_a_session_shows_local_times_and_a_room_override(client, meeting):
    session = meeting.sessions[0]
    side_room = VenueFactory(name="Side room")
    form = text(client.get(f"/meetings/{meeting.id}/sessions/{session.id}/edit"))
    assert 'value="09:00"' in form and "The main venue (Hall)" in form

    client.post(
        f"/meetings/{meeting.id}/sessions/{session.id}/edit",
        data=session_data(title="Plenary", start_time="09:00", end_time="12:00", venue_id=str(side_room.id)),
    )
    db.session.expire_all()
    assert session.venue == side_room
    assert meeting.ical_sequence == 1


def test_a_session_is_deleted_after_confirmation_but_not_the_last_one(client, meeting):
    first = meeting.sessions[0]
    refused = client.post(f"/meetings/{meeting.id}/sessions/{first.id}/delete", follow_redirects=True)
    assert "keeps at least one session" in text(refused)

    client.post(f"/meetings/{meeting.id}/sessions/new", data=session_data())
    db.session.expire_all()
    second = meeting.sessions[1]
    AgendaItemFactory(session=second)
    assert "Its 1 agenda item is deleted with it." in text(
        client.get(f"/meetings/{meeting.id}/sessions/{second.id}/delete")
    )
    client.post(f"/meetings/{meeting.id}/sessions/{second.id}/delete")
    db.session.expire_all()
    assert [s.id for s in db.session.scalars(db.select(MeetingSession))] == [first.id]


def test_a_session_of_another_meeting_is_not_found(client, meeting, organizer):
    other = MeetingFactory(organizers=[organizer])
    url = f"/meetings/{meeting.id}/sessions/{other.sessions[0].id}/edit"
    assert client.get(url).status_code == 404


# --- venues and series ---------------------------------------------------------------------------------


def test_venues_are_listed_created_and_edited(client, organizer):
    response = client.post(
        "/meetings/venues/new",
        data={"name": "Hunan regional office video room", "name_zh": "湖南区域办视频会议室", "capacity": "40",
              "unit_id": "", "has_video": "y", "active": "y"},
    )
    assert response.location == "/meetings/venues/"
    venue = db.session.scalars(db.select(Venue)).one()
    assert (venue.capacity, venue.has_video, venue.active) == (40, True, True)
    assert "湖南区域办视频会议室" in text(client.get("/meetings/venues/"))

    client.post(f"/meetings/venues/{venue.id}/edit", data={"name": venue.name, "capacity": "", "unit_id": ""})
    db.session.refresh(venue)
    assert venue.capacity is None and venue.active is False  # unticked: no longer offered


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "HALL"}, "A venue with this name already exists."),
        ({"name": "New", "capacity": "0"}, "The capacity must be at least 1."),
    ],
)
def test_bad_venues_are_refused_next_to_the_field(client, organizer, data, message):
    VenueFactory(name="Hall")
    response = client.post("/meetings/venues/new", data={"unit_id": "", **data})
    assert response.status_code == 200 and message in text(response)


def test_inactive_venues_are_not_offered_for_new_meetings(client, organizer):
    VenueFactory(name="Old room", active=False)
    VenueFactory(name="New room")
    form = text(client.get("/meetings/new"))
    assert "New room" in form and "Old room" not in form


def test_series_are_listed_created_and_renamed(client, organizer):
    client.post("/meetings/series/new", data={"name": "Annual S&T work meeting", "description": "Each February"})
    series = db.session.scalars(db.select(MeetingSeries)).one()
    MeetingFactory(series=series)
    page = text(client.get("/meetings/series/"))
    assert "Annual S&amp;T work meeting" in page and "Each February" in page

    client.post(f"/meetings/series/{series.id}/edit", data={"name": "S&T work meeting"})
    db.session.refresh(series)
    assert series.name == "S&T work meeting"

    MeetingSeriesFactory(name="Board meetings")
    refused = client.post(f"/meetings/series/{series.id}/edit", data={"name": "board MEETINGS"})
    assert "A series with this name already exists." in text(refused)
