"""Read side of the check-in desk: which session it checks in for, where the desk stands, the people a name
search finds (with their check-in at the session), and the desk's recent check-ins. Each in a fixed number of
queries, whatever the size of the meeting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import aliased, contains_eager, joinedload, selectinload

from meetapp.attendance.models import CheckIn
from meetapp.database import utcnow
from meetapp.directory.models import Person, Unit
from meetapp.directory.queries import escape_like
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingSession, Venue
from meetapp.participants.models import AttendanceMode, Participant

SEARCH_LIMIT = 20
RECENT_LIMIT = 8
MIN_SEARCH = 2
# A scan replayed after a network loss keeps the time it was made, within reason (a wrong device clock is not
# trusted beyond this).
REPLAY_WINDOW = timedelta(hours=12)
CLOCK_SKEW = timedelta(minutes=2)


def current_session(sessions: list[MeetingSession], now: datetime | None = None) -> MeetingSession | None:
    """The session a desk opens on: the one running now, else the next to start, else the last one."""
    now = now or utcnow()
    running = [s for s in sessions if s.starts_at <= now < s.ends_at]
    if running:
        return running[-1]  # overlapping sessions: the one that started last
    upcoming = [s for s in sessions if s.starts_at > now]
    if upcoming:
        return min(upcoming, key=lambda s: s.starts_at)
    return sessions[-1] if sessions else None


# --- where the desk stands ---------------------------------------------------------------------------


class UnknownDeskLocation(DomainError):
    message = _l("Choose where this desk checks people in: the main venue, a branch venue of the meeting, or video.")


@dataclass(frozen=True)
class DeskLocation:
    """In person at the main venue (the default), at one of the meeting's branch venues, or by video."""

    mode: AttendanceMode
    venue: Venue | None = None

    @property
    def key(self) -> str:
        """The value of the desk's "where" choice: ``in_person``, ``branch-<venue id>`` or ``video``."""
        return f"branch-{self.venue.id}" if self.venue is not None else self.mode.value


def location_choices(meeting: Meeting, locale: str) -> list[tuple[str, str]]:
    from meetapp.participants.modes import available_modes

    modes = available_modes(meeting)
    choices = []
    if AttendanceMode.IN_PERSON in modes:
        main = meeting.venue.display_name(locale) if meeting.venue else None
        label = _l("In person: %(venue)s", venue=main) if main else _l("In person (main venue)")
        choices.append((AttendanceMode.IN_PERSON.value, str(label)))
    for venue in meeting.branch_venues:
        choices.append((f"branch-{venue.id}", str(_l("Branch venue: %(venue)s", venue=venue.display_name(locale)))))
    if AttendanceMode.VIDEO in modes or meeting.has_video:
        choices.append((AttendanceMode.VIDEO.value, str(_l("Video"))))
    return choices


def desk_location(meeting: Meeting, mode: str | None, venue_id: int | None = None) -> DeskLocation:
    """The desk's location from a mode (``in_person`` when empty) and, for a branch venue, its id; refuses a mode
    that is not one and a venue that is not a branch venue of the meeting."""
    try:
        mode = AttendanceMode(mode or AttendanceMode.IN_PERSON)
    except ValueError:
        raise UnknownDeskLocation() from None
    if mode != AttendanceMode.BRANCH:
        return DeskLocation(mode)
    venue = next((v for v in meeting.branch_venues if v.id == venue_id), None)
    if venue is None:
        raise UnknownDeskLocation()
    return DeskLocation(mode, venue)


def parse_location_key(meeting: Meeting, key: str | None) -> DeskLocation:
    """``in_person`` / ``branch-<id>`` / ``video`` (the desk's select) as a DeskLocation."""
    key = (key or "").strip()
    if key.startswith("branch-"):
        venue_id = key.removeprefix("branch-")
        return desk_location(meeting, AttendanceMode.BRANCH, int(venue_id) if venue_id.isdigit() else None)
    return desk_location(meeting, key or None)


def scan_time(scanned_at: datetime | None, now: datetime | None = None) -> datetime:
    """When a scan counts as made: the device's time for a scan replayed after a network loss, unless that time
    is implausible (in the future, or long ago), then now."""
    now = now or utcnow()
    if scanned_at is None or scanned_at > now + CLOCK_SKEW or scanned_at < now - REPLAY_WINDOW:
        return now
    return min(scanned_at, now)


# --- finding people ----------------------------------------------------------------------------------


@dataclass
class SearchHit:
    participant: Participant
    check_in: CheckIn | None  # the active check-in at the desk's session


def search(meeting: Meeting, session: MeetingSession, text: str, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
    """The meeting's participants whose name (English or Chinese), unit, or named delegate's name contains
    ``text``; removed participants too (the desk must be able to say so). Three queries."""
    text = (text or "").strip()
    if len(text) < MIN_SEARCH:
        return []
    pattern = f"%{escape_like(text.lower())}%"
    delegate = aliased(Person)

    def like(column):
        return sa.func.lower(column).like(pattern, escape="\\")

    query = (
        sa.select(Participant)
        .join(Participant.person)
        .outerjoin(Unit, Person.unit_id == Unit.id)
        .outerjoin(delegate, Participant.delegate_id == delegate.id)
        .where(
            Participant.meeting_id == meeting.id,
            sa.or_(
                like(Person.name), like(Person.name_zh), like(Unit.name), like(Unit.name_zh),
                like(delegate.name), like(delegate.name_zh),
            ),
        )
        .options(
            contains_eager(Participant.person).contains_eager(Person.unit),
            contains_eager(Participant.delegate.of_type(delegate)),
            joinedload(Participant.branch_venue),
            selectinload(Participant.role_rows),
        )
        .order_by(Participant.cancelled_at.is_not(None), Person.name, Participant.id)
        .limit(limit)
    )
    participants = list(db.session.scalars(query).unique())
    records = _active_records(session, [p.id for p in participants])
    return [SearchHit(p, records.get(p.id)) for p in participants]


def _record_options():
    return (joinedload(CheckIn.recorded_by), joinedload(CheckIn.venue), joinedload(CheckIn.attendee_person))


def _active_records(session: MeetingSession, participant_ids: list[int]) -> dict[int, CheckIn]:
    if not participant_ids:
        return {}
    rows = db.session.scalars(
        sa.select(CheckIn)
        .where(
            CheckIn.session_id == session.id,
            CheckIn.participant_id.in_(participant_ids),
            CheckIn.undone_at.is_(None),
        )
        .options(*_record_options())
    )
    return {row.participant_id: row for row in rows}


def recent_check_ins(session: MeetingSession, limit: int = RECENT_LIMIT) -> list[CheckIn]:
    """The session's latest active check-ins, newest first, with the people they name (one query)."""
    return list(
        db.session.scalars(
            sa.select(CheckIn)
            .where(CheckIn.session_id == session.id, CheckIn.undone_at.is_(None))
            .options(
                *_record_options(),
                joinedload(CheckIn.participant).joinedload(Participant.person),
            )
            .order_by(CheckIn.checked_in_at.desc(), CheckIn.id.desc())
            .limit(limit)
        )
    )


def session_count(session: MeetingSession) -> int:
    """How many are checked in at the session (one query)."""
    return db.session.scalar(
        sa.select(sa.func.count()).where(CheckIn.session_id == session.id, CheckIn.undone_at.is_(None))
    )

