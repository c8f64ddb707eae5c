"""The personal video join link ``/j/<token>``: records that the invitee joined by video, then forwards to the
meeting's video URL.

Which session the join counts for: the session running now (the one that started last, when sessions overlap);
else the next session when it starts within ``JOIN_EARLY`` (people join a little early). A click at any other
time (testing the link the day before, or after the meeting) records nothing and still forwards to the video
meeting. Clicking again is harmless: the check-in service answers "already checked in".
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import abort, redirect, render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from meetapp import policy
from meetapp.attendance import checkins
from meetapp.attendance.blueprint import join_bp as bp
from meetapp.attendance.checkins import CheckInResult
from meetapp.attendance.models import CheckInSource
from meetapp.database import utcnow
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingSession, MeetingStatus
from meetapp.participants.models import AttendanceMode, Participant
from meetapp.participants.rsvp_views import keep_the_link_private

JOIN_EARLY = timedelta(minutes=30)


class JoinRefusal(enum.StrEnum):
    REMOVED = "removed"
    CANCELLED = "cancelled"
    NO_VIDEO = "no_video"


JOIN_REFUSAL_LABELS = {
    JoinRefusal.REMOVED: _l("You are no longer on the participant list of this meeting."),
    JoinRefusal.CANCELLED: _l("This meeting has been cancelled."),
    JoinRefusal.NO_VIDEO: _l("This meeting has no video link. Please contact the organizers."),
}


def session_to_join(meeting: Meeting, now: datetime) -> MeetingSession | None:
    """The session a join at ``now`` counts for (see the module's docstring), or None."""
    running = [s for s in meeting.sessions if s.starts_at <= now < s.ends_at]
    if running:
        return running[-1]
    soon = [s for s in meeting.sessions if now < s.starts_at <= now + JOIN_EARLY]
    return min(soon, key=lambda s: s.starts_at) if soon else None


def join_refusal(participant: Participant) -> JoinRefusal | None:
    meeting = participant.meeting
    if participant.is_cancelled:
        return JoinRefusal.REMOVED
    if meeting.status == MeetingStatus.CANCELLED:
        return JoinRefusal.CANCELLED
    if not meeting.has_video:
        return JoinRefusal.NO_VIDEO
    return None


def record_join(participant: Participant, now: datetime | None = None) -> CheckInResult | None:
    """Record a video check-in (source: own join link) for the session the join counts for; None when no session
    is near. Idempotent: a second click answers with the first record."""
    now = now or utcnow()
    session = session_to_join(participant.meeting, now)
    if session is None:
        return None
    return checkins.check_in(
        None, participant.meeting, session, participant=participant, mode=AttendanceMode.VIDEO,
        source=CheckInSource.SELF, at=now,
    )


def _find(token: str) -> Participant | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(
        sa.select(Participant)
        .where(Participant.join_token == token)
        .options(joinedload(Participant.meeting).selectinload(Meeting.sessions), joinedload(Participant.person))
    )


# The URL is the credential, as on the RSVP page: not passed on to the video platform, never indexed or cached.
bp.after_request(keep_the_link_private)


@bp.route("/<token>")
def join(token: str):
    participant = _find(token)
    if participant is None:
        abort(404)
    policy.authorize("attendance.join_by_link", participant)
    refusal = join_refusal(participant)
    if refusal is not None:
        return render_template(
            "attendance/ticket_join.html", meeting=participant.meeting, message=JOIN_REFUSAL_LABELS[refusal]
        )
    record_join(participant)
    return redirect(participant.meeting.video_url, code=302)
