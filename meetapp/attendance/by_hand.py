"""Attendance entered by hand: after a session, a secretary goes down the paper sign-in sheet and records who
signed, in one go. The page lists the meeting's invitees in the sheet's order and numbering; the people ticked
are checked in with source "manual", at the session's start or at the arrival time given.

All or nothing: either everyone ticked is recorded (less those checked in meanwhile, who keep their record) or,
when something is refused, nobody is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from meetapp.attendance import checkins
from meetapp.attendance.desk import DeskLocation
from meetapp.attendance.models import CheckIn, CheckInSource
from meetapp.attendance.reports.data import list_of, sign_in_order
from meetapp.database import DirectConnection, utcnow
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingSession
from meetapp.participants.models import Participant
from meetapp.timefmt import combine_to_utc, local_day


class NobodyTicked(DomainError):
    message = _l("Tick the people who signed the sheet.")


class NotStarted(DomainError):
    column = "session_id"  # the API's field
    message = _l("This session has not started yet: attendance is entered by hand once it has.")


class ArrivalOutsideSession(DomainError):
    column = "checked_in_at"  # the API's field
    message = _l("The arrival time must be before the session's end and not in the future.")


class NotOnList(DomainError):
    message = _l("Some of the people ticked are not on this meeting's list any more. Nothing was recorded; the "
                 "list below is up to date.")


class CheckedInMeanwhile(DomainError):
    message = _l("Someone you ticked was checked in elsewhere while you were entering. Nothing was recorded; the "
                 "list below is up to date, submit it again.")


@dataclass
class SheetRow:
    """One line of the sign-in sheet: its number on paper, the invitee and their check-in at the session."""

    number: int
    participant: Participant
    check_in: CheckIn | None


def sheet_rows(meeting: Meeting, session: MeetingSession, locale: str) -> list[SheetRow]:
    """The sign-in sheet of ``session`` (``report_views.sign_in_sheet``'s order, so the numbers match the paper),
    each row with its active check-in: two queries, whatever the size of the meeting."""
    records = db.session.scalars(
        sa.select(CheckIn)
        .where(CheckIn.session_id == session.id, CheckIn.undone_at.is_(None))
        .options(joinedload(CheckIn.venue), joinedload(CheckIn.recorded_by), joinedload(CheckIn.attendee_person))
    )
    by_participant = {record.participant_id: record for record in records}
    participants = sign_in_order(list_of(meeting), locale)
    return [SheetRow(number, participant, by_participant.get(participant.id))
            for number, participant in enumerate(participants, start=1)]


@dataclass
class ByHandResult:
    recorded: int
    already: int  # ticked, but checked in by then: their record stays as it was


def not_started(session: MeetingSession, now: datetime) -> bool:
    """Attendance is entered by hand once a session has started."""
    return session.starts_at > now


def manual_time(session: MeetingSession, moment: datetime | None, now: datetime) -> datetime:
    """When people entered by hand arrived: ``moment`` (before the session's end, not in the future), else the
    session's start (on time). Refused for a session that has not started."""
    if not_started(session, now):
        raise NotStarted()
    if moment is None:
        return session.starts_at
    if moment >= session.ends_at or moment > now:
        raise ArrivalOutsideSession()
    return moment


def arrival_time(meeting: Meeting, session: MeetingSession, arrived: time | None, now: datetime) -> datetime:
    """``manual_time`` of a wall-clock time typed on the page, on the session's local day."""
    day = local_day(session.starts_at, meeting.timezone)
    moment = combine_to_utc(day, arrived, meeting.timezone) if arrived is not None else None
    return manual_time(session, moment, now)


def record_by_hand(actor, meeting: Meeting, session: MeetingSession, participant_ids: list[int],
                   location: DeskLocation, arrived: time | None = None) -> ByHandResult:
    """Check in the participants ``participant_ids`` of ``meeting`` at ``session``, where ``location`` says (the
    session's venue, a branch venue or video), with source "manual"; one transaction, one audit row each."""
    if session.meeting_id != meeting.id:
        raise checkins.SessionNotInMeeting()
    wanted = set(participant_ids)
    if not wanted:
        raise NobodyTicked()
    at = arrival_time(meeting, session, arrived, utcnow())
    participants = db.session.scalars(
        sa.select(Participant)
        .where(Participant.id.in_(wanted), Participant.meeting_id == meeting.id, Participant.cancelled_at.is_(None))
        .options(joinedload(Participant.person), joinedload(Participant.branch_venue))
    ).all()
    if len(participants) != len(wanted):
        raise NotOnList()
    present = set(db.session.scalars(
        sa.select(CheckIn.participant_id)
        .where(CheckIn.session_id == session.id, CheckIn.undone_at.is_(None), CheckIn.participant_id.in_(wanted))
    ))
    connection = DirectConnection.of_session(db.session)
    recorded = 0
    try:
        for participant in sorted(participants, key=lambda p: p.id):
            if participant.id in present:
                continue
            mode, venue = checkins.place(location.mode, location.venue, participant, session)
            values = checkins.record_values(meeting.id, session.id, participant.id, mode=mode, venue=venue,
                                            source=CheckInSource.MANUAL, at=at, actor=actor)
            audit_values = checkins.creation_audit(actor, meeting.id, session, participant.person.name, values,
                                                   venue=venue, delegate=None)
            checkins.insert_check_in(connection, values, audit_values)
            recorded += 1
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise CheckedInMeanwhile() from None
    return ByHandResult(recorded, len(present))
