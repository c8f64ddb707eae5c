"""The desk's scan on its hot path: one statement for the common scan.

At the door a desk scans hundreds of tickets in minutes (``bench/checkin.py`` measures it). The common scan — a
signed-in desk worker, a ticket of this meeting's list, a first check-in in person or by video — is answered here
without the ORM, on a connection of the pool (``DirectConnection``: SQLAlchemy's per-execution work is most of a
small statement's cost):

- the desk's access (``desk_access``): the session's account with its roles and whether it organizes the meeting
  or works its desk, the meeting's visibility and time zone, the desk's session with its venue. ``policy.can``
  decides on that, as everywhere (the rules read the account and a view of the meeting that holds just what they
  read, ``MeetingAccess``). A process keeps an access it granted for ``DESK_ACCESS_SECONDS`` (1 s), so a busy desk's
  scans skip this read;
- the scan: on PostgreSQL one statement reads the ticket's participant (person, unit, roles), checks that the
  session still signs in (on every scan: a password change or a deactivation stops a desk at once) and, for the
  common scan, writes the check-in and its audit row; it runs without a surrounding transaction (no BEGIN and
  COMMIT round trips). On SQLite: the read, then the two inserts in one transaction.

Anything else returns None, writes nothing, and the full path (``desk_views``) answers: signed out, a session that
no longer signs in, no right to the desk, an unknown ticket, another meeting's, a removed participant, a delegate, a
branch venue, a repeat or a replayed nonce. So every rule and every answer stays where it is; this only skips
loading for the scan that needs none of it. The answer is ``desk_answer.scan_answer``'s, from plain objects with
the models' display methods.
"""

from __future__ import annotations

import time
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
from meetapp.attendance.models import CheckIn, CheckInSource
from meetapp.audit.models import AuditEntry
from meetapp.auth.identity import session_accepts, session_user_key
from meetapp.auth.models import SystemRole, User, UserRole
from meetapp.database import BilingualName, DirectConnection, DirectStatement
from meetapp.directory.models import Person, Unit
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingSession, Venue, meeting_checkin_staff, meeting_organizers
from meetapp.participants.models import AttendanceMode, MeetingRole, Participant, ParticipantRole

FAST_MODES = (AttendanceMode.IN_PERSON, AttendanceMode.VIDEO)
ACCESS_KEPT = "meetapp.desk_access"  # app.extensions: {((user id, session token), meeting id, session id): DeskAccess}
ACCESS_KEPT_MAX = 1000


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


def _access_statement():
    """The desk's account with its roles and whether it organizes the meeting or works its desk, the meeting's
    visibility and time zone, and the desk's session with its venue."""
    users, meetings, sessions, venues = User.__table__, Meeting.__table__, MeetingSession.__table__, Venue.__table__
    organizer = sa.exists().where(meeting_organizers.c.meeting_id == meetings.c.id,
                                  meeting_organizers.c.user_id == users.c.id)
    staff = sa.exists().where(meeting_checkin_staff.c.meeting_id == meetings.c.id,
                              meeting_checkin_staff.c.user_id == users.c.id)
    return (
        sa.select(
            users.c.id.label("user_id"), users.c.name.label("user_name"), users.c.email, users.c.active,
            users.c.session_token, users.c.locale, users.c.person_id.label("user_person_id"),
            _aggregate(UserRole.role, UserRole.user_id == users.c.id).label("user_roles"),
            organizer.label("organizer"), staff.label("staff"),
            meetings.c.visibility, meetings.c.timezone,
            sessions.c.id.label("session_id"), sessions.c.title.label("session_title"), sessions.c.starts_at,
            venues.c.id.label("venue_id"), venues.c.name.label("venue_name"), venues.c.name_zh.label("venue_name_zh"),
        )
        .select_from(
            users.join(meetings, meetings.c.id == sa.bindparam("meeting_id"))
            .outerjoin(sessions, sa.and_(sessions.c.id == sa.bindparam("session_id"),
                                         sessions.c.meeting_id == meetings.c.id))
            .outerjoin(venues, venues.c.id == sa.func.coalesce(sessions.c.venue_id, meetings.c.venue_id))
        )
        .where(users.c.id == sa.bindparam("user_id"))
    )


def _ticket_statement():
    """The ticket's participant with person, unit and roles; whether the scan is the common one (``plain``: an
    invitee of this meeting, not removed, with no delegate or branch venue) and whether the session still signs in
    (``signed_in``: the test of ``identity.session_accepts``, repeated on every scan)."""
    participants, people, units, users = Participant.__table__, Person.__table__, Unit.__table__, User.__table__
    plain = sa.and_(participants.c.meeting_id == sa.bindparam("meeting_id"), participants.c.cancelled_at.is_(None),
                    participants.c.delegate_id.is_(None), participants.c.branch_venue_id.is_(None))
    signed_in = sa.exists().where(users.c.id == sa.bindparam("user_id"), users.c.active.is_(True),
                                  users.c.session_token == sa.bindparam("session_token"))
    return (
        sa.select(
            participants.c.id.label("participant_id"), participants.c.mode, participants.c.seat,
            participants.c.person_id, people.c.name, people.c.name_zh, people.c.title, people.c.title_zh,
            units.c.name.label("unit_name"), units.c.name_zh.label("unit_name_zh"),
            _aggregate(ParticipantRole.role, ParticipantRole.participant_id == participants.c.id)
            .label("participant_roles"),
            plain.label("plain"), signed_in.label("signed_in"),
        )
        .select_from(participants.join(people, people.c.id == participants.c.person_id)
                     .outerjoin(units, units.c.id == people.c.unit_id))
        .where(participants.c.ticket_code == sa.bindparam("code"))
    )


def _check_in_by_ticket_statement():
    """PostgreSQL: the ticket's read, the check-in of a common scan and its audit row in one statement: the ticket's
    row comes back with ``check_in_id``, None when nothing was written. The participant's id and the audit row's
    label and summary (the participant's name) come from the ticket."""
    ticket = _ticket_statement().cte("ticket")
    columns = {**checkins.check_in_columns(), "participant_id": ticket.c.participant_id}
    new_check_in = (
        sa.insert(CheckIn.__table__)
        .from_select(list(columns), sa.select(*columns.values()).where(ticket.c.plain, ticket.c.signed_in))
        .returning(CheckIn.__table__.c.id)
        .cte("new_check_in")
    )
    summary = sa.func.substr(ticket.c.name, 1, AuditEntry.__table__.c.summary.type.length)
    audit_row = checkins.audited(new_check_in, object_label=ticket.c.name, summary=summary).cte("new_audit")
    return sa.select(*ticket.c, sa.select(audit_row.c.object_id).scalar_subquery().label("check_in_id"))


ACCESS = DirectStatement(_access_statement)
TICKET = DirectStatement(_ticket_statement)
CHECK_IN_BY_TICKET = DirectStatement(_check_in_by_ticket_statement)


@dataclass(frozen=True)
class DeskAccess:
    """What a desk's scans share: the account (the policy allowed it this desk), the meeting and the session, as
    the check-in and its answer read them; kept until ``until`` (``time.monotonic``)."""

    actor: Actor
    meeting: SimpleNamespace
    session: SimpleNamespace
    until: float


def _access(row, token: str, meeting_id: int, until: float) -> DeskAccess | None:
    if row.session_id is None or not session_accepts(row.active, row.session_token, token):
        return None
    roles = frozenset(SystemRole(role) for role in (row.user_roles or "").split(",") if role)
    actor = Actor(row.user_id, row.user_name, row.email, row.user_person_id, row.locale, roles)
    meeting = MeetingAccess(meeting_id, row.visibility, (actor,) if row.organizer else (),
                            (actor,) if row.staff else ())
    if not (policy.can("meeting.view", meeting, user=actor) and policy.can("attendance.check_in", meeting,
                                                                          user=actor)):
        return None
    venue = _Named(row.venue_id, row.venue_name, row.venue_name_zh) if row.venue_id else None
    session = SimpleNamespace(id=row.session_id, meeting_id=meeting_id, title=row.session_title,
                              starts_at=row.starts_at, venue=venue)
    return DeskAccess(actor, SimpleNamespace(id=meeting_id, timezone=row.timezone), session, until)


def desk_access(connection: DirectConnection, key: tuple[int, str], meeting_id: int,
                session_id: int) -> DeskAccess | None:
    """The desk's access, read (one statement) and decided by the policy, or as decided at most
    ``DESK_ACCESS_SECONDS`` ago in this process; None when the policy refuses (never kept: a refusal is the full
    path's to explain). Each scan still checks in its own statement that the session signs in (a password change,
    a deactivation take effect at once); a right taken away (staff removed, a role withdrawn) takes effect within
    ``DESK_ACCESS_SECONDS``."""
    kept = current_app.extensions.setdefault(ACCESS_KEPT, {})
    now = time.monotonic()
    access = kept.get((key, meeting_id, session_id))
    if access is not None and access.until > now:
        return access
    rows = connection.rows(ACCESS, {"user_id": key[0], "meeting_id": meeting_id, "session_id": session_id})
    access = _access(rows[0], key[1], meeting_id, now + current_app.config["DESK_ACCESS_SECONDS"]) if rows else None
    if access is None:
        kept.pop((key, meeting_id, session_id), None)
        return None
    if len(kept) >= ACCESS_KEPT_MAX:  # desks of long-gone sessions and meetings
        kept.clear()
    kept[(key, meeting_id, session_id)] = access
    return access


class _Named(BilingualName):
    """A unit or a venue as the answer names it."""

    def __init__(self, id: int | None, name: str, name_zh: str | None):
        self.id, self.name, self.name_zh = id, name, name_zh


class _Person(_Named):
    def __init__(self, id: int, name: str, name_zh: str | None, title: str | None, title_zh: str | None, unit):
        super().__init__(id, name, name_zh)
        self.title, self.title_zh, self.unit = title, title_zh, unit

    display_title = Person.display_title


def _participant(row, meeting_id: int):
    """The ticket's participant as the check-in and its answer read it (a plain object: nothing to load, nothing to
    save)."""
    unit = _Named(None, row.unit_name, row.unit_name_zh) if row.unit_name else None
    person = _Person(row.person_id, row.name, row.name_zh, row.title, row.title_zh, unit)
    roles = {MeetingRole(role) for role in (row.participant_roles or "").split(",") if role}
    return SimpleNamespace(id=row.participant_id, meeting_id=meeting_id, person=person, mode=row.mode,
                           seat=row.seat, roles=roles, branch_venue=None, delegate=None, cancelled_at=None)


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
    # On PostgreSQL each statement commits on its own: the write is one statement.
    with DirectConnection.checkout(db.engine, autocommit=postgres) as connection:
        access = desk_access(connection, key, meeting_id, payload["session_id"])
        result = _check_in(connection, access, key, payload) if access is not None else None
    if result is None:
        return None
    locale = locale_for(access.actor) or current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        return scan_answer(access.meeting, access.session, result, locale, other_meeting_visible=False)


def _check_in(connection: DirectConnection, access: DeskAccess, key: tuple[int, str],
              payload: dict) -> CheckInResult | None:
    """The ticket's check-in when the scan is the common one; None (nothing written) when the full path must
    answer: an unknown or foreign ticket, a removed participant, a delegate, a branch venue, a session that no
    longer signs in, a repeat or a replay."""
    meeting_id, session = access.meeting.id, access.session
    mode, venue = checkins.place(payload["location"].mode, None, None, session)  # not a branch: no participant's
    values = checkins.record_values(meeting_id, session.id, None, mode=mode, venue=venue, source=CheckInSource.DESK,
                                    at=payload["at"], actor=access.actor, nonce=payload["nonce"])
    ticket = {"code": payload["code"], "meeting_id": meeting_id, "user_id": key[0], "session_token": key[1]}
    try:
        if connection.dialect.name == "postgresql":
            audit_values = checkins.creation_audit(access.actor, meeting_id, session, None, values, venue=venue,
                                                   delegate=None)  # the participant's name comes from the ticket
            rows = connection.rows(CHECK_IN_BY_TICKET,
                                   {**values, **checkins.audit_parameters(audit_values), **ticket})
            if not rows or rows[0].check_in_id is None:
                return None
            row, record_id = rows[0], rows[0].check_in_id
        else:
            rows = connection.rows(TICKET, ticket)
            if not rows or not (rows[0].plain and rows[0].signed_in):
                return None
            row = rows[0]
            values["participant_id"] = row.participant_id
            record_id = checkins.insert_check_in(connection, values, checkins.creation_audit(
                access.actor, meeting_id, session, row.name, values, venue=venue, delegate=None))
            connection.commit()
    except IntegrityError:  # a repeat or a replay: the full path finds what was stored
        connection.rollback()
        return None
    participant = _participant(row, meeting_id)
    values["participant_id"] = participant.id
    record = SimpleNamespace(id=record_id, **values, participant=participant, venue=venue,
                             recorded_by=access.actor, attendee_person=None, undone_at=None)
    return CheckInResult(Outcome.CHECKED_IN, participant, record)
