"""Who is invited to a meeting, in which meeting roles and attendance mode, and how they answered."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetapp.database import UTCDateTime, str_enum, utcnow
from meetapp.extensions import db

if TYPE_CHECKING:
    from meetapp.directory.models import Person
    from meetapp.meetings.models import Meeting, Venue


class MeetingRole(enum.StrEnum):
    CHAIR = "chair"
    PRESIDER = "presider"
    SPEAKER = "speaker"
    REPORTER = "reporter"
    ANNOUNCER = "announcer"
    AWARD_RECIPIENT = "award_recipient"
    SIGNATORY = "signatory"
    COMMITTEE_MEMBER = "committee_member"
    LEADERSHIP = "leadership"
    ATTENDEE = "attendee"
    OBSERVER = "observer"
    SECRETARY = "secretary"
    ORGANIZER = "organizer"


class AttendanceMode(enum.StrEnum):
    IN_PERSON = "in_person"  # in the main venue
    BRANCH = "branch"  # in person at a branch venue, joining over the video link
    VIDEO = "video"


class RsvpStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"  # with an apology (reason)
    DELEGATED = "delegated"  # a named delegate attends in their place


MEETING_ROLE_LABELS = {
    MeetingRole.CHAIR: _l("Chair"),
    MeetingRole.PRESIDER: _l("Presider"),
    MeetingRole.SPEAKER: _l("Speaker"),
    MeetingRole.REPORTER: _l("Reporter"),
    MeetingRole.ANNOUNCER: _l("Announcer"),
    MeetingRole.AWARD_RECIPIENT: _l("Award recipient"),
    MeetingRole.SIGNATORY: _l("Signatory"),
    MeetingRole.COMMITTEE_MEMBER: _l("Committee member"),
    MeetingRole.LEADERSHIP: _l("Leadership"),
    MeetingRole.ATTENDEE: _l("Attendee"),
    MeetingRole.OBSERVER: _l("Observer"),
    MeetingRole.SECRETARY: _l("Secretary"),
    MeetingRole.ORGANIZER: _l("Organizer"),
}
ATTENDANCE_MODE_LABELS = {
    AttendanceMode.IN_PERSON: _l("In person (main venue)"),
    AttendanceMode.BRANCH: _l("In person at a branch venue"),
    AttendanceMode.VIDEO: _l("Video"),
}
RSVP_STATUS_LABELS = {
    RsvpStatus.PENDING: _l("No answer yet"),
    RsvpStatus.ACCEPTED: _l("Accepted"),
    RsvpStatus.DECLINED: _l("Declined"),
    RsvpStatus.DELEGATED: _l("Sends a delegate"),
}


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Participant(db.Model):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="RESTRICT"), index=True)
    mode: Mapped[AttendanceMode] = mapped_column(
        str_enum(AttendanceMode, "attendance_mode"), default=AttendanceMode.IN_PERSON
    )
    branch_venue_id: Mapped[int | None] = mapped_column(sa.ForeignKey("venues.id", ondelete="SET NULL"), index=True)
    seat: Mapped[str | None] = mapped_column(sa.String(50))

    rsvp_status: Mapped[RsvpStatus] = mapped_column(
        str_enum(RsvpStatus, "rsvp_status"), default=RsvpStatus.PENDING, index=True
    )
    rsvp_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decline_reason: Mapped[str | None] = mapped_column(sa.Text)
    delegate_id: Mapped[int | None] = mapped_column(sa.ForeignKey("people.id", ondelete="SET NULL"), index=True)

    # Unguessable codes: the personal RSVP link and the check-in ticket (QR).
    rsvp_token: Mapped[str] = mapped_column(sa.String(64), unique=True, default=new_token)
    ticket_code: Mapped[str] = mapped_column(sa.String(64), unique=True, default=new_token)
    # The personal video join link (/j/<token>): records the join, then forwards to the meeting's video URL.
    join_token: Mapped[str] = mapped_column(sa.String(64), unique=True, default=new_token)

    # The iCalendar SEQUENCE last mailed to this person (None: not invited yet).
    invited_sequence: Mapped[int | None] = mapped_column()
    invited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Removed after being invited: kept so a cancellation can be sent and a check-in can say so.
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="participants")
    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    delegate: Mapped[Person | None] = relationship(foreign_keys=[delegate_id])
    branch_venue: Mapped[Venue | None] = relationship()
    role_rows: Mapped[list[ParticipantRole]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", order_by="ParticipantRole.role"
    )

    __table_args__ = (
        sa.UniqueConstraint("meeting_id", "person_id", name="uq_participants_meeting_person"),
        sa.CheckConstraint("mode <> 'branch' OR branch_venue_id IS NOT NULL", name="branch_has_venue"),
        sa.CheckConstraint("rsvp_status <> 'delegated' OR delegate_id IS NOT NULL", name="delegated_has_delegate"),
    )

    @property
    def roles(self) -> set[MeetingRole]:
        return {row.role for row in self.role_rows}

    @roles.setter
    def roles(self, roles) -> None:
        wanted = {MeetingRole(r) for r in roles}
        self.role_rows = [row for row in self.role_rows if row.role in wanted] + [
            ParticipantRole(role=r) for r in sorted(wanted - self.roles)
        ]

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def __repr__(self) -> str:
        return f"<Participant {self.id} meeting={self.meeting_id} person={self.person_id}>"


class ParticipantRole(db.Model):
    __tablename__ = "participant_roles"

    participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[MeetingRole] = mapped_column(str_enum(MeetingRole, "meeting_role"), primary_key=True, index=True)

    participant: Mapped[Participant] = relationship(back_populates="role_rows")
