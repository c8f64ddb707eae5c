"""Scheduling conflicts of one meeting with the others: rooms booked twice, people due in two places at once,
more people coming than a room holds. Each check is one query, whatever the size of the meetings.

The web pages show these as warnings; services called with ``strict=True`` refuse a double-booked venue
(``services.VenueDoubleBooked``, for the API's 409).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import aliased

from meetapp.agenda.models import AgendaItem, AgendaPresenter
from meetapp.directory.models import Person
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingSession, MeetingStatus, Venue
from meetapp.participants.models import AttendanceMode, Participant, RsvpStatus

# People who come: an acceptance, or a named delegate coming in the invitee's place.
COMING = (RsvpStatus.ACCEPTED, RsvpStatus.DELEGATED)


@dataclass(frozen=True)
class VenueConflict:
    session: MeetingSession  # of this meeting
    other_session: MeetingSession  # of another meeting, same room, overlapping time
    venue: Venue


@dataclass(frozen=True)
class PresenterConflict:
    person: Person
    session: MeetingSession
    other_session: MeetingSession


@dataclass(frozen=True)
class CapacityWarning:
    venue: Venue
    expected: int
    capacity: int


def _overlap(a, b):
    return sa.and_(a.starts_at < b.ends_at, b.starts_at < a.ends_at)


def venue_conflicts(meeting: Meeting, sessions=None) -> list[VenueConflict]:
    """Sessions of other, non-cancelled meetings held in the same room (a session's own room, else its meeting's
    main venue) at an overlapping time as a session of ``meeting`` (or only of ``sessions``, when given)."""
    if meeting.status == MeetingStatus.CANCELLED:
        return []
    mine, other = aliased(MeetingSession, name="mine"), aliased(MeetingSession, name="other")
    my_meeting, other_meeting = aliased(Meeting, name="my_meeting"), aliased(Meeting, name="other_meeting")
    my_room = sa.func.coalesce(mine.venue_id, my_meeting.venue_id)
    other_room = sa.func.coalesce(other.venue_id, other_meeting.venue_id)
    mine_only = mine.meeting_id == meeting.id if sessions is None else mine.id.in_([s.id for s in sessions])
    rows = db.session.execute(
        sa.select(mine, other, other_meeting, Venue)
        .join(my_meeting, mine.meeting_id == my_meeting.id)
        .join(other, sa.and_(other.meeting_id != mine.meeting_id, _overlap(mine, other)))
        .join(other_meeting, other.meeting_id == other_meeting.id)
        .join(Venue, Venue.id == my_room)
        .where(mine_only, other_meeting.status != MeetingStatus.CANCELLED, my_room == other_room)
        .order_by(mine.starts_at, other.starts_at, other.id)
    ).all()
    return [VenueConflict(session=s, other_session=o, venue=v) for s, o, _m, v in rows]


def _session_people():
    """(session_id, person_id) of every session's presider and every agenda presenter in it."""
    presiders = sa.select(
        MeetingSession.id.label("session_id"), MeetingSession.presider_id.label("person_id")
    ).where(MeetingSession.presider_id.is_not(None))
    presenters = sa.select(AgendaItem.session_id, AgendaPresenter.person_id).join(
        AgendaPresenter, AgendaPresenter.item_id == AgendaItem.id
    )
    return sa.union(presiders, presenters).cte("session_people")


def presenter_conflicts(meeting: Meeting) -> list[PresenterConflict]:
    """Presiders and agenda presenters of this meeting who preside or present in an overlapping session of another
    non-cancelled meeting."""
    if meeting.status == MeetingStatus.CANCELLED:
        return []
    people = _session_people()
    here, there = people.alias("here"), people.alias("there")
    mine, other = aliased(MeetingSession, name="mine"), aliased(MeetingSession, name="other")
    other_meeting = aliased(Meeting, name="other_meeting")
    rows = db.session.execute(
        sa.select(Person, mine, other, other_meeting)
        .select_from(here)
        .join(mine, mine.id == here.c.session_id)
        .join(there, there.c.person_id == here.c.person_id)
        .join(other, other.id == there.c.session_id)
        .join(other_meeting, other.meeting_id == other_meeting.id)
        .join(Person, Person.id == here.c.person_id)
        .where(
            mine.meeting_id == meeting.id,
            other.meeting_id != meeting.id,
            other_meeting.status != MeetingStatus.CANCELLED,
            _overlap(mine, other),
        )
        .order_by(mine.starts_at, Person.name, other.starts_at)
    ).all()
    return [PresenterConflict(person=p, session=s, other_session=o) for p, s, o, _m in rows]


def capacity_warnings(meeting: Meeting) -> list[CapacityWarning]:
    """Rooms with more people coming in person than seats: the main venue (and any session's own room) against
    the acceptances in person, each branch venue against the acceptances there."""
    counts = db.session.execute(
        sa.select(Participant.mode, Participant.branch_venue_id, sa.func.count())
        .where(
            Participant.meeting_id == meeting.id,
            Participant.cancelled_at.is_(None),
            Participant.rsvp_status.in_(COMING),
            Participant.mode.in_([AttendanceMode.IN_PERSON, AttendanceMode.BRANCH]),
        )
        .group_by(Participant.mode, Participant.branch_venue_id)
    ).all()
    in_person = sum(n for mode, _venue, n in counts if mode == AttendanceMode.IN_PERSON)
    at_branch = {venue_id: n for mode, venue_id, n in counts if mode == AttendanceMode.BRANCH}

    expected: dict[int, tuple[Venue, int]] = {}
    main_rooms = [meeting.venue, *(s.venue_override for s in meeting.sessions)]
    for room in main_rooms:
        if room is not None:
            expected[room.id] = (room, in_person)
    for room in meeting.branch_venues:
        if room.id in at_branch:
            expected[room.id] = (room, at_branch[room.id])
    return [
        CapacityWarning(venue=room, expected=n, capacity=room.capacity)
        for room, n in expected.values()
        if room.capacity is not None and n > room.capacity
    ]


def schedule_warnings(meeting: Meeting) -> list[str]:
    """What is not ready yet: sessions outside the meeting's start and end, an in-person meeting without a room."""
    from meetapp.meetings.services import needs_venue
    from meetapp.timefmt import show_datetime

    messages = []
    if needs_venue(meeting.format) and meeting.venue is None:
        messages.append(_("No main venue yet: choose one before the meeting is scheduled."))
    for session in meeting.sessions:
        if session.starts_at < meeting.starts_at or session.ends_at > meeting.ends_at:
            messages.append(
                _(
                    "The session “%(session)s” (%(start)s) lies outside the meeting's start and end.",
                    session=session.title,
                    start=show_datetime(session.starts_at, meeting, "short"),
                )
            )
    return messages


def warnings(meeting: Meeting) -> list[str]:
    """Every conflict and warning of the meeting as sentences for the organizer."""
    from meetapp.timefmt import show_datetime

    def elsewhere(conflict) -> dict:
        other = conflict.other_session
        return {
            "other": other.meeting.title,
            "when": show_datetime(other.starts_at, other.meeting, "short"),
            "session": conflict.session.title,
        }

    messages = schedule_warnings(meeting)
    messages += [
        _("%(venue)s is also booked for “%(other)s” (%(when)s), overlapping the session “%(session)s”.",
          venue=c.venue.name, **elsewhere(c))
        for c in venue_conflicts(meeting)
    ]
    messages += [
        _("%(person)s is also due in “%(other)s” (%(when)s), overlapping the session “%(session)s”.",
          person=c.person.name, **elsewhere(c))
        for c in presenter_conflicts(meeting)
    ]
    messages += [
        _("%(venue)s holds %(capacity)d people, but %(expected)d are coming in person.",
          venue=c.venue.name, capacity=c.capacity, expected=c.expected)
        for c in capacity_warnings(meeting)
    ]
    return messages
