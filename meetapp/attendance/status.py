"""Each invitee's attendance at a session, derived from check-ins and RSVP answers (never stored)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from meetapp.attendance.models import CheckIn
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingSession
from meetapp.participants.models import Participant, RsvpStatus

# A video attendee who leaves less than this before the end has not "left early" (reports round to minutes).
LEAVE_TOLERANCE = timedelta(minutes=5)


class AttendanceStatus(enum.StrEnum):
    PRESENT = "present"
    LATE = "late"
    LEFT_EARLY = "left_early"
    REPRESENTED = "represented"  # a delegate attended in the invitee's place
    APOLOGY = "apology"  # absent, declined with a reason
    ABSENT = "absent"


ATTENDANCE_STATUS_LABELS = {
    AttendanceStatus.PRESENT: _l("Present"),
    AttendanceStatus.LATE: _l("Late"),
    AttendanceStatus.LEFT_EARLY: _l("Left early"),
    AttendanceStatus.REPRESENTED: _l("Represented by a delegate"),
    AttendanceStatus.APOLOGY: _l("Absent with apology"),
    AttendanceStatus.ABSENT: _l("Absent"),
}

# Statuses in which someone was in the room or on the call for the invitee.
ATTENDED = frozenset(
    {AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY, AttendanceStatus.REPRESENTED}
)


@dataclass(frozen=True)
class Attendance:
    status: AttendanceStatus
    check_in: CheckIn | None


def derive(meeting: Meeting, session: MeetingSession, participant: Participant, record: CheckIn | None) -> Attendance:
    """The status of one invitee at one session, given their active check-in (or None)."""
    if record is None:
        if participant.rsvp_status == RsvpStatus.DECLINED:
            return Attendance(AttendanceStatus.APOLOGY, None)
        return Attendance(AttendanceStatus.ABSENT, None)
    if record.attendee_person_id is not None:
        return Attendance(AttendanceStatus.REPRESENTED, record)
    if left_early(session, record):
        return Attendance(AttendanceStatus.LEFT_EARLY, record)
    if is_late(meeting, session, record):
        return Attendance(AttendanceStatus.LATE, record)
    return Attendance(AttendanceStatus.PRESENT, record)


def is_late(meeting: Meeting, session: MeetingSession, record: CheckIn) -> bool:
    """Checked in after the session's start plus the meeting's grace period."""
    return record.checked_in_at > session.starts_at + timedelta(minutes=meeting.late_grace_minutes)


def left_early(session: MeetingSession, record: CheckIn) -> bool:
    """Left (a video leave time) clearly before the session's end."""
    return record.left_at is not None and record.left_at < session.ends_at - LEAVE_TOLERANCE


def active_check_in_of(session_id: int):
    """Join condition: a participant's active check-in at the session (for aggregate queries over participants)."""
    return sa.and_(
        CheckIn.participant_id == Participant.id, CheckIn.session_id == session_id, CheckIn.undone_at.is_(None)
    )


def active_check_ins(session_id: int) -> dict[int, CheckIn]:
    """participant id → active check-in, for one session, in one query."""
    rows = db.session.scalars(
        sa.select(CheckIn).where(CheckIn.session_id == session_id, CheckIn.undone_at.is_(None))
    )
    return {row.participant_id: row for row in rows}


def session_attendance(
    meeting: Meeting, session: MeetingSession, participants: list[Participant]
) -> dict[int, Attendance]:
    """participant id → Attendance for every given (non-cancelled) participant; one query for the check-ins."""
    records = active_check_ins(session.id)
    return {
        p.id: derive(meeting, session, p, records.get(p.id)) for p in participants if p.cancelled_at is None
    }
