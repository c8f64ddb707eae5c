"""Conflicts with other meetings: double-booked rooms, people due in two places, rooms too small."""

from datetime import UTC, datetime

import pytest

from meetapp.meetings.conflicts import capacity_warnings, presenter_conflicts, venue_conflicts, warnings
from meetapp.meetings.models import MeetingSession, MeetingStatus
from meetapp.participants.models import AttendanceMode, RsvpStatus
from tests.factories import (
    AgendaItemFactory,
    AgendaPresenterFactory,
    MeetingFactory,
    ParticipantFactory,
    PersonFactory,
    VenueFactory,
)


def utc(hour: int, day: int = 26) -> datetime:
    return datetime(2026, 2, day, hour, tzinfo=UTC)


def meeting_at(start: int, end: int, **kwargs):
    """A meeting (and its one session) on 26 Feb from ``start`` to ``end`` o'clock UTC."""
    return MeetingFactory(starts_at=utc(start), ends_at=utc(end), **kwargs)


@pytest.fixture
def room(app):
    return VenueFactory(name="Room 101", capacity=3)


def test_another_meeting_in_the_same_room_at_an_overlapping_time_is_a_conflict(room):
    mine = meeting_at(1, 4, venue=room)
    other = meeting_at(3, 5, venue=room, title="Board meeting")

    [conflict] = venue_conflicts(mine)
    assert conflict.venue == room
    assert conflict.session == mine.sessions[0]
    assert conflict.other_session == other.sessions[0]
    assert venue_conflicts(other)[0].other_session == mine.sessions[0]


@pytest.mark.parametrize(
    "other",
    [
        {"starts_at": utc(4), "ends_at": utc(6)},  # starts when mine ends
        {"starts_at": utc(1), "ends_at": utc(4), "status": MeetingStatus.CANCELLED},
    ],
)
def test_back_to_back_or_cancelled_meetings_do_not_conflict(room, other):
    mine = meeting_at(1, 4, venue=room)
    MeetingFactory(venue=room, **other)
    assert venue_conflicts(mine) == []


def test_a_different_room_is_no_conflict(room):
    mine = meeting_at(1, 4, venue=room)
    meeting_at(1, 4, venue=VenueFactory())
    assert venue_conflicts(mine) == []


def test_a_sessions_own_room_counts_instead_of_the_main_venue(room):
    mine = meeting_at(1, 4, venue=VenueFactory(), sessions=[])
    mine.sessions.append(MeetingSession(title="Breakout", starts_at=utc(2), ends_at=utc(3), venue_override=room))
    meeting_at(1, 4, venue=room)

    [conflict] = venue_conflicts(mine)
    assert conflict.session.title == "Breakout" and conflict.venue == room


def test_a_cancelled_meeting_has_no_conflicts_itself(room):
    mine = meeting_at(1, 4, venue=room, status=MeetingStatus.CANCELLED)
    meeting_at(1, 4, venue=room)
    assert venue_conflicts(mine) == []


def test_a_presider_due_in_an_overlapping_session_elsewhere_is_a_conflict(room):
    zhu = PersonFactory(name="Zhu Kebing")
    mine = meeting_at(1, 4)
    mine.sessions[0].presider = zhu
    other = meeting_at(2, 3)
    other.sessions[0].presider = zhu
    meeting_at(5, 6).sessions[0].presider = zhu  # later that day: no conflict

    [conflict] = presenter_conflicts(mine)
    assert (conflict.person, conflict.other_session) == (zhu, other.sessions[0])


def test_an_agenda_presenter_presiding_elsewhere_is_a_conflict(room):
    wang = PersonFactory(name="Wang Xingquan")
    mine = meeting_at(1, 4)
    item = AgendaItemFactory(session=mine.sessions[0], title="S&T innovation report")
    AgendaPresenterFactory(item=item, person=wang)
    AgendaPresenterFactory(item=AgendaItemFactory(session=mine.sessions[0]), person=wang)  # twice: one warning
    other = meeting_at(3, 5)
    AgendaPresenterFactory(item=AgendaItemFactory(session=other.sessions[0]), person=wang)

    [conflict] = presenter_conflicts(mine)
    assert conflict.person == wang and conflict.other_session == other.sessions[0]


def test_more_people_coming_in_person_than_seats_is_a_warning(room):
    branch = VenueFactory(name="Hunan office", capacity=1)
    meeting = MeetingFactory(venue=room, branch_venues=[branch])
    for _ in range(3):
        ParticipantFactory(meeting=meeting, rsvp_status=RsvpStatus.ACCEPTED)
    ParticipantFactory(meeting=meeting, rsvp_status=RsvpStatus.PENDING)  # not (yet) coming
    ParticipantFactory(meeting=meeting, rsvp_status=RsvpStatus.ACCEPTED, mode=AttendanceMode.VIDEO)
    for _ in range(2):
        ParticipantFactory(
            meeting=meeting, rsvp_status=RsvpStatus.ACCEPTED, mode=AttendanceMode.BRANCH, branch_venue=branch
        )
    [warning] = capacity_warnings(meeting)
    assert (warning.venue, warning.expected, warning.capacity) == (branch, 2, 1)  # 3 of 3 seats in the main room

    ParticipantFactory(meeting=meeting, rsvp_status=RsvpStatus.ACCEPTED)
    rooms = {w.venue.name: (w.expected, w.capacity) for w in capacity_warnings(meeting)}
    assert rooms == {"Room 101": (4, 3), "Hunan office": (2, 1)}


def test_warnings_read_as_sentences(room):
    mine = meeting_at(1, 4, venue=room)
    meeting_at(3, 5, venue=room, title="Board meeting")
    [message] = warnings(mine)
    assert "Room 101" in message and "Board meeting" in message
