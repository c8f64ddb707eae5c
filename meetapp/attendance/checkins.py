"""Checking people in and undoing it: the one path every source (desk, join link, import, API) goes through.

A check-in is per session. The database keeps at most one active check-in per participant and session (a partial
unique index) and each client nonce once, so concurrent or replayed scans of one ticket store one record: the
loser of a race, or a replay, gets the existing record back as "already checked in".
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, make_transient_to_detached

from meetapp import audit
from meetapp.attendance.models import CheckIn, CheckInSource
from meetapp.audit.models import AuditEntry
from meetapp.database import DirectConnection, DirectStatement, utcnow
from meetapp.directory.models import Person
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingSession, Venue
from meetapp.participants.models import AttendanceMode, Participant


class Outcome(enum.StrEnum):
    CHECKED_IN = "checked_in"
    ALREADY = "already_checked_in"
    UNKNOWN_TICKET = "not_invited"  # no participant of this meeting has this code
    OTHER_MEETING = "other_meeting"  # a ticket, but for another meeting
    CANCELLED = "cancelled_participant"  # removed from the list after being invited


OUTCOME_LABELS = {
    Outcome.CHECKED_IN: _l("Checked in"),
    Outcome.ALREADY: _l("Already checked in"),
    Outcome.UNKNOWN_TICKET: _l("Not invited to this meeting"),
    Outcome.OTHER_MEETING: _l("Ticket for another meeting"),
    Outcome.CANCELLED: _l("Participant was removed from this meeting"),
}


@dataclass
class CheckInResult:
    outcome: Outcome
    participant: Participant | None = None
    check_in: CheckIn | None = None
    other_meeting: Meeting | None = None
    # The same client nonce was seen before: this answers a retried scan with the record it stored.
    replayed: bool = False

    @property
    def created(self) -> bool:
        return self.outcome == Outcome.CHECKED_IN

    @property
    def ok(self) -> bool:
        return self.outcome in (Outcome.CHECKED_IN, Outcome.ALREADY)


class SessionNotInMeeting(DomainError):
    message = _l("That session belongs to another meeting.")


class DelegateMismatch(DomainError):
    message = _l("This person is not the named delegate of the invitee.")


class AlreadyUndone(DomainError):
    message = _l("This check-in was already undone.")


class BranchVenueRequired(DomainError):
    message = _l("Choose the branch venue the person is attending at.")


def _participant_options():
    # What every answer shows, in one statement (a handful of role rows). The named delegate and the branch venue
    # load when the participant has one (a few do; for the others there is nothing to load): joining them in
    # costs every scan more than the few that need them.
    return (
        joinedload(Participant.person).joinedload(Person.unit),
        joinedload(Participant.role_rows),
    )


def find_by_ticket(code: str) -> Participant | None:
    code = (code or "").strip()
    if not code or len(code) > 64:  # no ticket is longer; a stray paste is not worth a query
        return None
    return db.session.scalar(
        sa.select(Participant).where(Participant.ticket_code == code).options(*_participant_options())
    )


def active_check_in(session_id: int, participant_id: int) -> CheckIn | None:
    return db.session.scalar(
        sa.select(CheckIn)
        .where(CheckIn.session_id == session_id, CheckIn.participant_id == participant_id, CheckIn.undone_at.is_(None))
        .options(joinedload(CheckIn.recorded_by), joinedload(CheckIn.venue), joinedload(CheckIn.attendee_person))
    )


def _by_nonce(nonce: str) -> CheckIn | None:
    return db.session.scalar(
        sa.select(CheckIn)
        .where(CheckIn.client_nonce == nonce)
        .options(joinedload(CheckIn.recorded_by), joinedload(CheckIn.venue), joinedload(CheckIn.attendee_person))
    )


def check_in(
    actor,
    meeting: Meeting,
    session: MeetingSession,
    *,
    ticket_code: str | None = None,
    participant: Participant | None = None,
    mode: AttendanceMode | None = None,
    venue: Venue | None = None,
    source: CheckInSource = CheckInSource.DESK,
    delegate: Person | None = None,
    nonce: str | None = None,
    at: datetime | None = None,
    left_at: datetime | None = None,
    minutes_attended: int | None = None,
    video_report_id: int | None = None,
) -> CheckInResult:
    """Record that a participant (by ticket code, or chosen) is at ``session``; commits once.

    Answers, never raises, for what a desk must show: unknown ticket, a ticket of another meeting, a removed
    participant, or "already checked in" with the existing record (a replayed ``nonce`` included). Refuses a session
    of another meeting, a delegate who is not the invitee's named delegate, and a branch mode without a venue.
    ``mode`` defaults to the participant's planned mode; ``actor`` is None for self check-in through a join link.
    """
    if session.meeting_id != meeting.id:
        raise SessionNotInMeeting()
    if participant is None:
        participant = find_by_ticket(ticket_code or "")
        if participant is None:
            return CheckInResult(Outcome.UNKNOWN_TICKET)
    if participant.meeting_id != meeting.id:
        return CheckInResult(Outcome.OTHER_MEETING, participant, other_meeting=participant.meeting)
    if participant.cancelled_at is not None:
        return CheckInResult(Outcome.CANCELLED, participant)
    if delegate is not None and delegate.id != participant.delegate_id:
        raise DelegateMismatch()
    mode, venue = place(mode or participant.mode, venue, participant, session)
    values = record_values(
        meeting.id, session.id, participant.id, mode=mode, venue=venue, source=source, at=at or utcnow(),
        actor=actor, delegate=delegate, nonce=nonce, left_at=left_at, minutes_attended=minutes_attended,
        video_report_id=video_report_id,
    )
    # Insert first and let the unique indexes decide (one active check-in per participant and session, each
    # nonce once): the common case, a first scan, costs no look-up; a repeat, a replay or a lost race costs one.
    try:
        audit_values = creation_audit(actor, meeting.id, session, participant.person.name, values, venue=venue,
                                      delegate=delegate)
        record_id = insert_check_in(DirectConnection.of_session(db.session), values, audit_values)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        answer = _existing_answer(meeting, session, participant.id, nonce)
        if answer is None:
            raise  # refused for another reason than a repeat
        return answer
    return CheckInResult(Outcome.CHECKED_IN, participant, stored_record(record_id, values))


def place(mode, venue: Venue | None, participant: Participant, session: MeetingSession):
    """Where a check-in happens: a branch venue (the desk's, else the invitee's planned one; refused without one),
    the session's venue in person, no venue by video."""
    mode = AttendanceMode(mode)
    if mode == AttendanceMode.BRANCH:
        venue = venue or participant.branch_venue
        if venue is None:
            raise BranchVenueRequired()
        return mode, venue
    if mode == AttendanceMode.IN_PERSON:
        return mode, venue or session.venue
    return mode, None


# The columns a new check-in is written with (all but the undo's, which start empty).
RECORD_COLUMNS = (
    "meeting_id", "session_id", "participant_id", "attendee_person_id", "mode", "venue_id", "source", "checked_in_at",
    "left_at", "minutes_attended", "recorded_by_id", "client_nonce", "video_report_id",
)


def record_values(
    meeting_id: int, session_id: int, participant_id: int, *, mode: AttendanceMode, venue: Venue | None,
    source: CheckInSource, at: datetime, actor=None, delegate: Person | None = None, nonce: str | None = None,
    left_at: datetime | None = None, minutes_attended: int | None = None, video_report_id: int | None = None,
) -> dict:
    """A new check-in's columns (``RECORD_COLUMNS``)."""
    return {
        "meeting_id": meeting_id,
        "session_id": session_id,
        "participant_id": participant_id,
        "attendee_person_id": delegate.id if delegate is not None else None,
        "mode": mode,
        "venue_id": venue.id if venue is not None else None,
        "source": source,
        "checked_in_at": at,
        "left_at": left_at,
        "minutes_attended": minutes_attended,
        "recorded_by_id": actor.id if actor is not None and actor.is_authenticated else None,
        "client_nonce": nonce or None,
        "video_report_id": video_report_id,
    }


def creation_audit(actor, meeting_id: int, session: MeetingSession, name: str | None, values: dict, *,
                   venue: Venue | None, delegate: Person | None) -> dict:
    """The audit row of a new check-in of the participant named ``name`` (its ``object_id`` comes with the
    insert)."""
    return audit.entry_values(
        actor, "checkin.create", object_type=CheckIn.__tablename__, object_id=None, label=name, meeting_id=meeting_id,
        summary=name, changes={
            "session": [None, session.title], "mode": [None, values["mode"]], "source": [None, values["source"]],
            "venue": [None, venue.name if venue is not None else None],
            "delegate": [None, delegate.name if delegate is not None else None],
        },
    )


def check_in_columns() -> dict:
    """A new check-in's columns (``RECORD_COLUMNS``) as bind parameters named after them."""
    table = CheckIn.__table__
    return {name: sa.bindparam(name, type_=table.c[name].type) for name in RECORD_COLUMNS}


def _audit_columns(prefix: str = "") -> dict:
    log = AuditEntry.__table__
    return {column.name: sa.bindparam(f"{prefix}{column.name}", type_=column.type)
            for column in log.columns if column.name != "id"}


def audit_parameters(audit_values: dict) -> dict:
    """``creation_audit``'s values as the parameters of ``audited``'s statement."""
    return {f"audit_{name}": value for name, value in audit_values.items() if name != "object_id"}


def audited(new_check_in, **columns):
    """INSERT INTO audit_entries (...) SELECT <the audit row's values>, new_check_in.id FROM new_check_in: the audit
    row of the check-in that ``new_check_in`` (an INSERT ... RETURNING id as a CTE: PostgreSQL's data-modifying
    CTEs) writes, in the same statement. ``columns`` take some audit columns from SQL instead of parameters."""
    values = {name: columns.get(name, value) for name, value in _audit_columns("audit_").items() if name != "object_id"}
    log = AuditEntry.__table__
    return (sa.insert(log).from_select([*values, "object_id"], sa.select(*values.values(), new_check_in.c.id))
            .returning(log.c.object_id))


def _insert_check_in():
    return sa.insert(CheckIn.__table__).values(check_in_columns())


INSERT_WITH_AUDIT = DirectStatement(lambda: audited(_insert_check_in().returning(CheckIn.__table__.c.id)
                                                    .cte("new_check_in")))
INSERT_CHECK_IN = DirectStatement(lambda: _insert_check_in().returning(CheckIn.__table__.c.id))
INSERT_AUDIT = DirectStatement(lambda: sa.insert(AuditEntry.__table__).values(_audit_columns()))


def insert_check_in(connection: DirectConnection, values: dict, audit_values: dict) -> int:
    """Write a new check-in (``record_values``) and its audit row (``creation_audit``); the new id. On PostgreSQL in
    one statement, so both are stored or neither even when no transaction surrounds it (the desk's hot path,
    ``fast_scan``); elsewhere as two, in the caller's transaction. A repeat or a replayed nonce raises
    IntegrityError (the unique indexes)."""
    if connection.dialect.name == "postgresql":
        return connection.rows(INSERT_WITH_AUDIT, {**values, **audit_parameters(audit_values)})[0].object_id
    record_id = connection.rows(INSERT_CHECK_IN, values)[0].id
    connection.rows(INSERT_AUDIT, {**audit_values, "object_id": record_id})
    return record_id


def stored_record(record_id: int, values: dict) -> CheckIn:
    """The check-in just written, as a persistent object without reading it back: its relations (venue, person,
    recorder) load from the session's identity map, where the check-in found them."""
    record = CheckIn(id=record_id, undone_at=None, undone_by_id=None, undo_reason=None, **values)
    make_transient_to_detached(record)
    db.session.add(record)
    return record


class NonceOfAnotherMeeting(DomainError):
    message = _l("This scan was already sent for another meeting.")


def _existing_answer(
    meeting: Meeting, session: MeetingSession, participant_id: int, nonce: str | None
) -> CheckInResult | None:
    """The answer when the database refused a new check-in: the record of this nonce (a replayed scan) or the
    participant's active check-in at the session ("already checked in")."""
    replay = _by_nonce(nonce) if nonce else None
    if replay is not None and replay.meeting_id != meeting.id:
        raise NonceOfAnotherMeeting()
    winner = replay or active_check_in(session.id, participant_id)
    if winner is None:
        return None
    return CheckInResult(Outcome.ALREADY, load_participant(winner.participant_id), winner,
                         replayed=replay is not None)


def load_participant(participant_id: int) -> Participant:
    """A participant with what a check-in answer shows of them (person, unit, delegate, branch venue, roles)."""
    return db.session.scalar(
        sa.select(Participant).where(Participant.id == participant_id).options(*_participant_options())
    )


def undo_check_in(actor, check_in_record: CheckIn, reason: str | None = None) -> CheckIn:
    """Mark a mistaken check-in as undone (kept, with who and why); the person can then be checked in again."""
    if check_in_record.undone_at is not None:
        raise AlreadyUndone()
    now, reason = utcnow(), (reason or "").strip() or None
    changes = audit.diff(check_in_record, undone_at=now, undo_reason=reason)
    check_in_record.undone_at = now
    check_in_record.undone_by_id = actor.id if actor is not None else None
    check_in_record.undo_reason = reason
    audit.record(actor, "checkin.undo", check_in_record, meeting=db.session.get(Meeting, check_in_record.meeting_id),
                 summary=check_in_record.participant.person.name, changes=changes)
    db.session.commit()
    return check_in_record


# --- video report imports ------------------------------------------------------------------------------


class NotOnTheList(DomainError):
    message = _l("This person is not (or no longer) on this meeting's list of participants.")


@dataclass(frozen=True)
class VideoAttendance:
    """What a video report shows of one invitee at one session."""

    participant: Participant
    joined_at: datetime  # first join
    left_at: datetime  # last leave
    minutes: int  # on the call within the session
    attended: bool  # reached the threshold
    delegate: Person | None = None  # the invitee's named delegate was on the call instead


@dataclass
class VideoAttendanceResult:
    checked_in: list[int]  # participant ids checked in now
    updated: list[CheckIn]  # video check-ins that got the report's leave time / minutes
    kept: list[CheckIn]  # in-person or branch check-ins: a video report does not change them


def record_video_attendance(
    actor, meeting: Meeting, session: MeetingSession, entries: list[VideoAttendance], *, video_report_id: int
) -> VideoAttendanceResult:
    """The import's form of ``check_in``, for many invitees at once: checks in (source import, mode video, at the
    first join, with leave time and minutes) each entry that ``attended``. It flushes and leaves the commit to the
    caller, so an import is stored whole or not at all, and costs the same few queries for any number of people.

    An invitee already checked in keeps their one record: a video check-in (e.g. through the join link) gets the
    report's leave time and minutes where they add to it; an in-person or branch check-in stays as it is.
    Refuses, like ``check_in``, a session of another meeting, a participant of another meeting or removed from the
    list, and a delegate who is not the invitee's named delegate.
    """
    if session.meeting_id != meeting.id:
        raise SessionNotInMeeting()
    for entry in entries:
        if entry.participant.meeting_id != meeting.id or entry.participant.cancelled_at is not None:
            raise NotOnTheList()
        if entry.delegate is not None and entry.delegate.id != entry.participant.delegate_id:
            raise DelegateMismatch()
    existing = {}
    if entries:
        existing = {
            record.participant_id: record
            for record in db.session.scalars(
                sa.select(CheckIn).where(
                    CheckIn.session_id == session.id,
                    CheckIn.participant_id.in_([entry.participant.id for entry in entries]),
                    CheckIn.undone_at.is_(None),
                )
            )
        }
    result = VideoAttendanceResult([], [], [])
    recorded_by_id = actor.id if actor is not None and actor.is_authenticated else None
    rows = []
    for entry in entries:
        record = existing.get(entry.participant.id)
        if record is None:
            if entry.attended:
                rows.append({
                    "meeting_id": meeting.id,
                    "session_id": session.id,
                    "participant_id": entry.participant.id,
                    "attendee_person_id": entry.delegate.id if entry.delegate is not None else None,
                    "mode": AttendanceMode.VIDEO,
                    "source": CheckInSource.IMPORT,
                    "checked_in_at": entry.joined_at,
                    "left_at": entry.left_at,
                    "minutes_attended": entry.minutes,
                    "recorded_by_id": recorded_by_id,
                    "video_report_id": video_report_id,
                })
        elif record.mode != AttendanceMode.VIDEO:
            result.kept.append(record)
        elif _add_video_report(record, entry, video_report_id):
            result.updated.append(record)
    if rows:  # one statement for any number (the unique index still allows one active check-in each)
        db.session.execute(sa.insert(CheckIn.__table__), rows)
    result.checked_in = [row["participant_id"] for row in rows]
    db.session.flush()
    return result


def _add_video_report(record: CheckIn, entry: VideoAttendance, video_report_id: int) -> bool:
    """Give an existing video check-in what the report knows beyond it; whether anything changed."""
    changed = False
    if entry.left_at >= record.checked_in_at and (record.left_at is None or entry.left_at > record.left_at):
        record.left_at = entry.left_at
        changed = True
    if record.minutes_attended is None or entry.minutes > record.minutes_attended:
        record.minutes_attended = entry.minutes
        changed = True
    if changed and record.video_report_id is None:
        record.video_report_id = video_report_id
    return changed
