"""Meeting operations: create, change, schedule, cancel. Each function validates, changes, commits once.

Changes that attendees must hear about (time, venue, video link, cancellation) go through
``attendees_must_know``, which raises the meeting's iCalendar SEQUENCE in the same transaction; the participants
area queues updated invitations from there.

Passing ``strict=True`` refuses a double-booked venue with ``VenueDoubleBooked`` (the API answers 409); the web
views save and warn instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from meetapp.audit import changes_since, record, snapshot
from meetapp.auth.models import SystemRole, User
from meetapp.directory.models import Person
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.meetings.models import (
    MEETING_STATUS_LABELS,
    STATUS_TRANSITIONS,
    Meeting,
    MeetingFormat,
    MeetingKind,
    MeetingSeries,
    MeetingSession,
    MeetingStatus,
    Venue,
    VideoPlatform,
    Visibility,
)
from meetapp.participants.invitations import notify_meeting_changed
from meetapp.timefmt import is_valid_zone


class EndsBeforeStart(DomainError):
    message = _l("The end must be after the start.")


class UnknownTimeZone(DomainError):
    message = _l("Unknown time zone: use an IANA name such as Asia/Shanghai or Europe/Berlin.")


class VideoLinkRequired(DomainError):
    message = _l("A video or hybrid meeting needs a video join URL.")


class BadVideoUrl(DomainError):
    message = _l("The join URL must be a web address starting with http:// or https://.")


class VenueRequired(DomainError):
    message = _l("An in-person or hybrid meeting needs a main venue before it is scheduled.")


class NotAnOrganizer(DomainError):
    def __init__(self, user: User):
        super().__init__(_l("%(name)s is not an organizer or administrator.", name=user.name))


class TransitionNotAllowed(DomainError):
    def __init__(self, current: MeetingStatus, wanted: MeetingStatus):
        super().__init__(
            _l(
                "A meeting that is “%(current)s” cannot become “%(wanted)s”.",
                current=MEETING_STATUS_LABELS[current],
                wanted=MEETING_STATUS_LABELS[wanted],
            )
        )


class VenueDoubleBooked(DomainError):
    """Raised by the services when ``strict=True`` and a venue is used by another meeting at the same time;
    ``conflicts`` holds the ``VenueConflict`` rows."""

    def __init__(self, conflicts):
        first = conflicts[0]
        super().__init__(
            _l(
                "%(venue)s is already booked for “%(meeting)s” at that time.",
                venue=first.venue.name,
                meeting=first.other_session.meeting.title,
            )
        )
        self.conflicts = conflicts


@dataclass
class MeetingData:
    """What a meeting form (or the API) says about a meeting; times are aware UTC."""

    title: str
    starts_at: datetime
    ends_at: datetime
    timezone: str = "Asia/Shanghai"
    description: str | None = None
    kind: MeetingKind = MeetingKind.OTHER
    format: MeetingFormat = MeetingFormat.IN_PERSON
    visibility: Visibility = Visibility.PARTICIPANTS
    series: MeetingSeries | None = None
    new_series_name: str | None = None  # creates (or reuses) a series of this name instead of ``series``
    organizers: list[User] = field(default_factory=list)
    venue: Venue | None = None
    branch_venues: list[Venue] = field(default_factory=list)
    video_platform: VideoPlatform | None = None
    video_url: str | None = None
    video_meeting_code: str | None = None
    video_passcode: str | None = None

    @classmethod
    def of(cls, meeting: Meeting) -> MeetingData:
        """The meeting's details as they are, for changing some of them (the API's PATCH)."""
        return cls(
            title=meeting.title, starts_at=meeting.starts_at, ends_at=meeting.ends_at, timezone=meeting.timezone,
            description=meeting.description, kind=meeting.kind, format=meeting.format,
            visibility=meeting.visibility, series=meeting.series, organizers=list(meeting.organizers),
            venue=meeting.venue, branch_venues=list(meeting.branch_venues), video_platform=meeting.video_platform,
            video_url=meeting.video_url, video_meeting_code=meeting.video_meeting_code,
            video_passcode=meeting.video_passcode,
        )


def needs_venue(meeting_format: MeetingFormat) -> bool:
    return meeting_format in (MeetingFormat.IN_PERSON, MeetingFormat.HYBRID)


def needs_video(meeting_format: MeetingFormat) -> bool:
    return meeting_format in (MeetingFormat.VIDEO, MeetingFormat.HYBRID)


def check_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise EndsBeforeStart()


def _check(data: MeetingData, status: MeetingStatus) -> None:
    if not is_valid_zone(data.timezone):
        raise UnknownTimeZone()
    check_times(data.starts_at, data.ends_at)
    if data.video_url:
        parts = urlsplit(data.video_url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise BadVideoUrl()
    if needs_video(data.format) and not data.video_url:
        raise VideoLinkRequired()
    # A draft may wait for its room; a scheduled meeting tells people where to go.
    if status != MeetingStatus.DRAFT and needs_venue(data.format) and data.venue is None:
        raise VenueRequired()
    for user in data.organizers:
        if not user.has_role(SystemRole.ADMIN, SystemRole.ORGANIZER):
            raise NotAnOrganizer(user)


def _series(data: MeetingData) -> MeetingSeries | None:
    name = (data.new_series_name or "").strip()
    if not name:
        return data.series
    existing = db.session.scalar(sa.select(MeetingSeries).where(sa.func.lower(MeetingSeries.name) == name.lower()))
    return existing or MeetingSeries(name=name)


def _apply(meeting: Meeting, data: MeetingData) -> None:
    meeting.title = data.title.strip()
    meeting.description = (data.description or "").strip() or None
    meeting.kind = data.kind
    meeting.timezone = data.timezone
    meeting.starts_at = data.starts_at
    meeting.ends_at = data.ends_at
    meeting.format = data.format
    meeting.visibility = data.visibility
    meeting.series = _series(data)
    meeting.venue = data.venue
    meeting.branch_venues = list(data.branch_venues)
    # Join details mean nothing without a link; keep them only together.
    has_link = bool(data.video_url)
    meeting.video_platform = data.video_platform if has_link else None
    meeting.video_url = data.video_url.strip() if has_link else None
    meeting.video_meeting_code = (data.video_meeting_code or "").strip() or None if has_link else None
    meeting.video_passcode = (data.video_passcode or "").strip() or None if has_link else None


# What the audit log compares before and after a meeting is saved.
AUDITED_MEETING_FIELDS = (
    "title", "description", "kind", "timezone", "starts_at", "ends_at", "format", "visibility", "series", "venue",
    "branch_venues", "organizers", "video_platform", "video_url", "video_meeting_code", "video_passcode",
)


def _meeting_changes(before: dict, meeting: Meeting) -> dict:
    return changes_since(before, meeting, secret=("video_passcode",))


def organizers_including(organizers: list[User], actor: User) -> list[User]:
    """``organizers`` plus ``actor`` when the actor may organize: whoever creates a meeting manages it."""
    if actor.has_role(SystemRole.ADMIN, SystemRole.ORGANIZER) and all(u.id != actor.id for u in organizers):
        return [*organizers, actor]
    return list(organizers)


def _commit_checking_rooms(meeting: Meeting, strict: bool, sessions=None) -> None:
    """Commit; with ``strict``, first roll back and refuse when the meeting (or just ``sessions``) now uses a room
    another meeting has booked at the same time."""
    if strict:
        from meetapp.meetings.conflicts import venue_conflicts

        db.session.flush()
        conflicts = venue_conflicts(meeting, sessions)
        if conflicts:
            db.session.rollback()
            raise VenueDoubleBooked(conflicts)
    db.session.commit()


def attendees_must_know(meeting: Meeting) -> None:
    """A change invited people must hear about: raise the iCalendar SEQUENCE (same transaction as the change).

    Called by every service below that changes time, place, video link or status to cancelled; the participants
    area queues the updated invitations / cancellations in the same transaction."""
    meeting.ical_sequence = (meeting.ical_sequence or 0) + 1
    notify_meeting_changed(meeting)


def _attendee_facts(meeting: Meeting) -> tuple:
    """What invited people are told: times, place, the video link."""
    return (
        meeting.starts_at,
        meeting.ends_at,
        meeting.timezone,
        meeting.venue.id if meeting.venue else None,
        meeting.video_platform,
        meeting.video_url,
        meeting.video_meeting_code,
        meeting.video_passcode,
    )


def create_meeting(actor: User, data: MeetingData, *, strict: bool = False) -> Meeting:
    """A new draft meeting with one session spanning it; the creator (an organizer or admin) becomes an organizer.

    Refuses: end not after start, an unknown time zone, a video/hybrid meeting without a join URL, a non-web URL,
    organizers without the organizer/admin role; with ``strict``, a double-booked venue (``VenueDoubleBooked``)."""
    _check(data, MeetingStatus.DRAFT)
    organizers = organizers_including(data.organizers, actor)
    meeting = Meeting(status=MeetingStatus.DRAFT, created_by=actor)
    db.session.add(meeting)
    with db.session.no_autoflush:  # not complete until every field is set
        _apply(meeting, data)
    meeting.organizers = organizers
    meeting.sessions = [MeetingSession(title=meeting.title, starts_at=meeting.starts_at, ends_at=meeting.ends_at)]
    empty = dict.fromkeys(AUDITED_MEETING_FIELDS)
    record(actor, "meeting.create", meeting, changes=_meeting_changes(empty, meeting))
    _commit_checking_rooms(meeting, strict)
    return meeting


def _move_sessions(meeting: Meeting, old_start: datetime, old_end: datetime) -> None:
    """Sessions follow the meeting: one that spanned it keeps spanning it, the others shift with its start."""
    shift = meeting.starts_at - old_start
    for session in meeting.sessions:
        if (session.starts_at, session.ends_at) == (old_start, old_end):
            session.starts_at, session.ends_at = meeting.starts_at, meeting.ends_at
        elif shift:
            session.starts_at += shift
            session.ends_at += shift


def update_meeting(actor: User, meeting: Meeting, data: MeetingData, *, strict: bool = False) -> Meeting:
    """Save the meeting's details; sessions move with a changed start. Raises the iCalendar SEQUENCE when time,
    venue or video link change. Refuses what ``create_meeting`` refuses, and a scheduled (or later) in-person or
    hybrid meeting without a venue (``VenueRequired``)."""
    _check(data, meeting.status)
    before = _attendee_facts(meeting)
    audited = snapshot(meeting, *AUDITED_MEETING_FIELDS)
    old_start, old_end = meeting.starts_at, meeting.ends_at
    _apply(meeting, data)
    # Nobody left to manage it would leave the meeting to the admins alone: the editor stays on instead.
    meeting.organizers = list(data.organizers) or organizers_including([], actor)
    if (meeting.starts_at, meeting.ends_at) != (old_start, old_end):
        _move_sessions(meeting, old_start, old_end)
    if _attendee_facts(meeting) != before:
        attendees_must_know(meeting)
    if changes := _meeting_changes(audited, meeting):
        record(actor, "meeting.edit", meeting, changes=changes)
    _commit_checking_rooms(meeting, strict)
    return meeting


def change_status(actor: User, meeting: Meeting, status: MeetingStatus | str) -> Meeting:
    """Move the meeting along draft → scheduled → in progress → ended (or back from scheduled to draft).

    Refuses transitions not in ``STATUS_TRANSITIONS`` (``TransitionNotAllowed``) and scheduling an in-person or
    hybrid meeting without a venue (``VenueRequired``). Cancelling goes through ``cancel_meeting``."""
    status = MeetingStatus(status)
    if status == MeetingStatus.CANCELLED:
        return cancel_meeting(actor, meeting)
    if status not in STATUS_TRANSITIONS[meeting.status]:
        raise TransitionNotAllowed(meeting.status, status)
    if status == MeetingStatus.SCHEDULED and needs_venue(meeting.format) and meeting.venue_id is None:
        raise VenueRequired()
    record(actor, "meeting.status", meeting, changes={"status": [meeting.status, status]})
    meeting.status = status
    db.session.commit()
    return meeting


def cancel_meeting(actor: User, meeting: Meeting) -> Meeting:
    """Cancel the meeting: everything (sessions, agenda, participants) is kept, attendees are told (SEQUENCE+1).

    Refuses an ended or already cancelled meeting (``TransitionNotAllowed``)."""
    if MeetingStatus.CANCELLED not in STATUS_TRANSITIONS[meeting.status]:
        raise TransitionNotAllowed(meeting.status, MeetingStatus.CANCELLED)
    record(actor, "meeting.cancel", meeting, changes={"status": [meeting.status, MeetingStatus.CANCELLED]})
    meeting.status = MeetingStatus.CANCELLED
    attendees_must_know(meeting)
    db.session.commit()
    return meeting


# --- sessions -------------------------------------------------------------------------------------


class LastSession(DomainError):
    message = _l("A meeting keeps at least one session; change this one instead of deleting it.")


@dataclass
class SessionData:
    title: str
    starts_at: datetime
    ends_at: datetime
    presider: Person | None = None
    venue_override: Venue | None = None  # None: the meeting's main venue


def _session_facts(session: MeetingSession) -> tuple:
    return (
        session.starts_at,
        session.ends_at,
        session.venue_override.id if session.venue_override else None,
    )


AUDITED_SESSION_FIELDS = ("title", "starts_at", "ends_at", "presider", "venue_override")


def _session_changes(before: dict, session: MeetingSession) -> dict:
    return changes_since(before or dict.fromkeys(AUDITED_SESSION_FIELDS), session)


def _apply_session(session: MeetingSession, data: SessionData) -> None:
    check_times(data.starts_at, data.ends_at)
    session.title = data.title.strip()
    session.starts_at = data.starts_at
    session.ends_at = data.ends_at
    session.presider = data.presider
    session.venue_override = data.venue_override


def add_session(actor: User, meeting: Meeting, data: SessionData, *, strict: bool = False) -> MeetingSession:
    """A new session of ``meeting``; attendees are told (the sessions are in the invitation).

    Refuses an end not after the start; with ``strict``, a double-booked venue. A session outside the meeting's
    start and end is allowed (``conflicts.schedule_warnings`` points it out)."""
    session = MeetingSession()
    _apply_session(session, data)
    meeting.sessions.append(session)
    attendees_must_know(meeting)
    record(actor, "session.create", session, meeting=meeting, changes=_session_changes({}, session))
    _commit_checking_rooms(meeting, strict, [session])
    return session


def update_session(actor: User, session: MeetingSession, data: SessionData, *, strict: bool = False) -> MeetingSession:
    """Save a session; a changed time or room is an update attendees must hear about. Refuses what
    ``add_session`` refuses."""
    before = _session_facts(session)
    audited = snapshot(session, *AUDITED_SESSION_FIELDS)
    _apply_session(session, data)
    if _session_facts(session) != before:
        attendees_must_know(session.meeting)
    if changes := _session_changes(audited, session):
        record(actor, "session.edit", session, meeting=session.meeting, changes=changes)
    _commit_checking_rooms(session.meeting, strict, [session])
    return session


def delete_session(actor: User, session: MeetingSession) -> None:
    """Delete a session with its agenda items; refuses the meeting's last session (``LastSession``)."""
    meeting = session.meeting
    if len(meeting.sessions) <= 1:
        raise LastSession()
    record(actor, "session.delete", session, meeting=meeting)
    meeting.sessions.remove(session)
    attendees_must_know(meeting)
    db.session.commit()
