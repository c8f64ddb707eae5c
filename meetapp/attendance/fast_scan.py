"""The desk's scan on its hot path: one read and one write for the common scan.

At the door a desk scans hundreds of tickets in minutes (``bench/checkin.py`` measures it). The common scan — a
signed-in desk worker, a ticket of this meeting's list, a first check-in in person or by video — is answered here
with two statements and no ORM loading:

- the read brings the session's account (its roles, and whether it organizes the meeting or works its desk), the
  meeting's visibility and time zone, the desk's session with its venue, and the ticket's participant with person,
  unit and roles;
- ``policy.can`` decides on that, as everywhere: the rules read the account and a view of the meeting that holds
  just what they read (``MeetingAccess``);
- the write is ``checkins.insert_check_in``: the check-in and its audit row in one statement on PostgreSQL, where
  this request runs without a surrounding transaction (no BEGIN and COMMIT round trips).

Anything else returns None and the full path (``desk_views``) answers: signed out, a session that no longer signs in,
no right to the desk, an unknown ticket, another meeting's, a removed participant, a delegate, a branch venue, a
repeat or a replayed nonce. So every rule and every answer stays where it is; this only skips loading for the scan
that needs none of it. The answer is ``desk_answer.scan_answer``'s, from plain objects with the models' display
methods.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from sqlalchemy.exc import IntegrityError

from meetapp import locale_for, policy
from meetapp.attendance import checkins
from meetapp.attendance.checkins import CheckInResult, Outcome
from meetapp.attendance.desk_answer import scan_answer
from meetapp.attendance.models import CheckInSource
from meetapp.auth.identity import session_accepts, session_user_key
from meetapp.auth.models import SystemRole, User, UserRole
from meetapp.database import BilingualName, DirectConnection, DirectStatement
from meetapp.directory.models import Person, Unit
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingSession, Venue, meeting_checkin_staff, meeting_organizers
from meetapp.participants.models import AttendanceMode, MeetingRole, Participant, ParticipantRole

FAST_MODES = (AttendanceMode.IN_PERSON, AttendanceMode.VIDEO)


@dataclass(frozen=True, eq=False)
class Actor:
    """The signed-in account as the policy and the audit read it (``User``'s interface, without loading one)."""

    id: int
    name: str
    email: str
    person_id: int | None
    locale: str | None
    roles: frozenset

    is_authenticated = True
    is_active = True
    is_anonymous = False

    has_role = User.has_role


@dataclass(frozen=True, eq=False)
class MeetingAccess:
    """A meeting as the access rules see it for one account: its organizers and check-in staff lists hold that
    account when it is one of them (the rules ask only whether the account is among them)."""

    id: int
    visibility: object
    organizers: tuple
    checkin_staff: tuple


def _aggregate(column, where):
    return (sa.select(sa.func.aggregate_strings(sa.cast(column, sa.String), sa.literal_column("','")))
            .where(where).scalar_subquery())


def _read_statement():
    users, meetings, sessions = User.__table__, Meeting.__table__, MeetingSession.__table__
    venues, participants, people, units = Venue.__table__, Participant.__table__, Person.__table__, Unit.__table__
    user_roles, participant_roles = UserRole.__table__, ParticipantRole.__table__
    organizer = sa.exists().where(meeting_organizers.c.meeting_id == meetings.c.id,
                                  meeting_organizers.c.user_id == users.c.id)
    staff = sa.exists().where(meeting_checkin_staff.c.meeting_id == meetings.c.id,
                              meeting_checkin_staff.c.user_id == users.c.id)
    return (
        sa.select(
            users.c.id.label("user_id"), users.c.name.label("user_name"), users.c.email, users.c.active,
            users.c.session_token, users.c.locale, users.c.person_id.label("user_person_id"),
            _aggregate(user_roles.c.role, user_roles.c.user_id == users.c.id).label("user_roles"),
            organizer.label("organizer"), staff.label("staff"),
            meetings.c.visibility, meetings.c.timezone,
            sessions.c.id.label("session_id"), sessions.c.title.label("session_title"), sessions.c.starts_at,
            venues.c.id.label("venue_id"), venues.c.name.label("venue_name"), venues.c.name_zh.label("venue_name_zh"),
            participants.c.id.label("participant_id"), participants.c.meeting_id.label("participant_meeting_id"),
            participants.c.cancelled_at, participants.c.mode, participants.c.seat, participants.c.delegate_id,
            participants.c.branch_venue_id, participants.c.person_id,
            people.c.name, people.c.name_zh, people.c.title, people.c.title_zh,
            units.c.name.label("unit_name"), units.c.name_zh.label("unit_name_zh"),
            _aggregate(participant_roles.c.role, participant_roles.c.participant_id == participants.c.id)
            .label("participant_roles"),
        )
        .select_from(
            users.join(meetings, meetings.c.id == sa.bindparam("meeting_id"))
            .outerjoin(sessions, sa.and_(sessions.c.id == sa.bindparam("session_id"),
                                         sessions.c.meeting_id == meetings.c.id))
            .outerjoin(venues, venues.c.id == sa.func.coalesce(sessions.c.venue_id, meetings.c.venue_id))
            .outerjoin(participants, participants.c.ticket_code == sa.bindparam("code"))
            .outerjoin(people, people.c.id == participants.c.person_id)
            .outerjoin(units, units.c.id == people.c.unit_id)
        )
        .where(users.c.id == sa.bindparam("user_id"))
    )


READ = DirectStatement(_read_statement)


def _signed_in(row, token: str) -> Actor | None:
    if not session_accepts(row.active, row.session_token, token):
        return None
    roles = frozenset(SystemRole(role) for role in (row.user_roles or "").split(",") if role)
    return Actor(row.user_id, row.user_name, row.email, row.user_person_id, row.locale, roles)


def _allowed(actor: Actor, meeting_id: int, row) -> bool:
    access = MeetingAccess(meeting_id, row.visibility, (actor,) if row.organizer else (),
                           (actor,) if row.staff else ())
    return policy.can("meeting.view", access, user=actor) and policy.can("attendance.check_in", access, user=actor)


def _common(row, meeting_id: int) -> bool:
    """A first-time-looking scan of a plain invitee of this meeting: nothing the full path must decide."""
    return (
        row.session_id is not None
        and row.participant_id is not None
        and row.participant_meeting_id == meeting_id
        and row.cancelled_at is None
        and row.delegate_id is None
        and row.branch_venue_id is None
    )


class _Named(BilingualName):
    """A unit or a venue as the answer names it."""

    def __init__(self, id: int | None, name: str, name_zh: str | None):
        self.id, self.name, self.name_zh = id, name, name_zh


class _Person(_Named):
    def __init__(self, id: int, name: str, name_zh: str | None, title: str | None, title_zh: str | None, unit):
        super().__init__(id, name, name_zh)
        self.title, self.title_zh, self.unit = title, title_zh, unit

    display_title = Person.display_title


def _answer_objects(row, meeting_id: int):
    """The meeting, session and participant as the check-in and its answer read them (plain objects: nothing to
    load, nothing to save)."""
    venue = _Named(row.venue_id, row.venue_name, row.venue_name_zh) if row.venue_id else None
    meeting = SimpleNamespace(id=meeting_id, timezone=row.timezone)
    session = SimpleNamespace(id=row.session_id, meeting_id=meeting_id, title=row.session_title,
                              starts_at=row.starts_at, venue=venue)
    unit = _Named(None, row.unit_name, row.unit_name_zh) if row.unit_name else None
    person = _Person(row.person_id, row.name, row.name_zh, row.title, row.title_zh, unit)
    roles = {MeetingRole(role) for role in (row.participant_roles or "").split(",") if role}
    participant = SimpleNamespace(id=row.participant_id, meeting_id=meeting_id, person=person, mode=row.mode,
                                  seat=row.seat, roles=roles, branch_venue=None, delegate=None, cancelled_at=None)
    return meeting, session, participant


def scan(meeting_id: int, payload: dict) -> dict | None:
    """The desk's answer to a common scan, checked in; None when the full path must answer. ``payload`` as
    ``desk_views._scan_payload`` reads it, with ``at`` the time the scan counts for. The answer is in the desk
    worker's language (``locale_for`` the account, as for every page)."""
    key = session_user_key()
    location = payload["location"]
    if (key is None or not payload["code"] or payload["participant_id"] or payload["delegate"]
            or location.mode not in FAST_MODES):
        return None
    postgres = db.engine.dialect.name == "postgresql"
    # On PostgreSQL each statement commits on its own: the read is one snapshot, the write one statement.
    with DirectConnection.checkout(db.engine, autocommit=postgres) as connection:
        checked_in = _check_in(connection, key, meeting_id, payload)
    if checked_in is None:
        return None
    actor, meeting, session, result = checked_in
    locale = locale_for(actor) or current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        return scan_answer(meeting, session, result, locale, other_meeting_visible=False)


def _check_in(connection: DirectConnection, key: tuple[int, str], meeting_id: int, payload: dict):
    """The read, the decision and the write; None (nothing written) when the full path must answer."""
    rows = connection.rows(READ, {
        "user_id": key[0], "meeting_id": meeting_id, "session_id": payload["session_id"], "code": payload["code"],
    })
    actor = _signed_in(rows[0], key[1]) if rows else None
    if actor is None or not _allowed(actor, meeting_id, rows[0]) or not _common(rows[0], meeting_id):
        return None
    meeting, session, participant = _answer_objects(rows[0], meeting_id)
    mode, venue = checkins.place(payload["location"].mode, None, participant, session)
    values = checkins.record_values(meeting_id, session.id, participant.id, mode=mode, venue=venue,
                                    source=CheckInSource.DESK, at=payload["at"], actor=actor, nonce=payload["nonce"])
    try:
        record_id = checkins.insert_check_in(connection, values, checkins.creation_audit(
            actor, meeting_id, session, participant, values, venue=venue, delegate=None))
        connection.commit()
    except IntegrityError:  # a repeat or a replay: the full path finds what was stored
        connection.rollback()
        return None
    record = SimpleNamespace(id=record_id, **values, participant=participant, venue=venue, recorded_by=actor,
                             attendee_person=None, undone_at=None)
    return actor, meeting, session, CheckInResult(Outcome.CHECKED_IN, participant, record)
