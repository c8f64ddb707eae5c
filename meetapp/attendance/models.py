"""Attendance: check-ins per session (desk, self, import, manual), video-report imports, quorum snapshots."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetapp.database import UTCDateTime, str_enum, utcnow
from meetapp.extensions import db
from meetapp.participants.models import AttendanceMode

if TYPE_CHECKING:
    from meetapp.auth.models import User
    from meetapp.directory.models import Person
    from meetapp.meetings.models import MeetingSession, Venue
    from meetapp.participants.models import Participant


class CheckInSource(enum.StrEnum):
    DESK = "desk"  # scanned or searched at the check-in desk
    SELF = "self"  # the attendee's own join link
    IMPORT = "import"  # a video platform's participant report
    MANUAL = "manual"  # entered afterwards: from the paper sign-in sheet (by_hand), or through the API


CHECK_IN_SOURCE_LABELS = {
    CheckInSource.DESK: _l("Check-in desk"),
    CheckInSource.SELF: _l("Own join link"),
    CheckInSource.IMPORT: _l("Video report import"),
    CheckInSource.MANUAL: _l("Entered by hand"),
}


class VideoPlatformReport(enum.StrEnum):
    ZOOM = "zoom"
    TEAMS = "teams"
    TENCENT = "tencent"
    WEBEX = "webex"
    FEISHU = "feishu"


class CheckIn(db.Model):
    """One person's presence at one session. Undoing keeps the row (``undone_at``); at most one row per participant
    and session is active, which the database enforces with a partial unique index."""

    __tablename__ = "check_ins"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("meeting_sessions.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    # Who was actually there when it was not the invitee: their delegate.
    attendee_person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("people.id", ondelete="SET NULL"))
    mode: Mapped[AttendanceMode] = mapped_column(str_enum(AttendanceMode, "attendance_mode"))
    venue_id: Mapped[int | None] = mapped_column(sa.ForeignKey("venues.id", ondelete="SET NULL"))
    source: Mapped[CheckInSource] = mapped_column(str_enum(CheckInSource, "check_in_source"))
    checked_in_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    minutes_attended: Mapped[int | None] = mapped_column()
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # The desk's idempotency key: a scan replayed after a network loss finds its first record.
    client_nonce: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    video_report_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("video_reports.id", ondelete="SET NULL"), index=True
    )
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    undone_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    undo_reason: Mapped[str | None] = mapped_column(sa.String(300))

    session: Mapped[MeetingSession] = relationship()
    participant: Mapped[Participant] = relationship()
    attendee_person: Mapped[Person | None] = relationship()
    venue: Mapped[Venue | None] = relationship()
    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])
    undone_by: Mapped[User | None] = relationship(foreign_keys=[undone_by_id])

    __table_args__ = (
        sa.Index(
            "uq_check_ins_active",
            "session_id",
            "participant_id",
            unique=True,
            sqlite_where=sa.text("undone_at IS NULL"),
            postgresql_where=sa.text("undone_at IS NULL"),
        ),
        sa.CheckConstraint("left_at IS NULL OR left_at >= checked_in_at", name="leaves_after_join"),
        sa.CheckConstraint("minutes_attended IS NULL OR minutes_attended >= 0", name="minutes_not_negative"),
    )

    @property
    def is_active(self) -> bool:
        return self.undone_at is None


class VideoReport(db.Model):
    """An imported participant report of a video platform, for one session. The same file (by content hash) is
    imported once per session: importing it again changes nothing."""

    __tablename__ = "video_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("meeting_sessions.id", ondelete="CASCADE"), index=True)
    platform: Mapped[VideoPlatformReport] = mapped_column(str_enum(VideoPlatformReport, "video_report_platform"))
    filename: Mapped[str] = mapped_column(sa.String(255))
    sha256: Mapped[str] = mapped_column(sa.String(64))
    threshold_percent: Mapped[int] = mapped_column(default=50)
    rows_total: Mapped[int] = mapped_column(default=0)
    people_matched: Mapped[int] = mapped_column(default=0)
    people_attended: Mapped[int] = mapped_column(default=0)
    guests: Mapped[int] = mapped_column(default=0)
    imported_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    session: Mapped[MeetingSession] = relationship()
    imported_by: Mapped[User | None] = relationship()
    segments: Mapped[list[VideoSegment]] = relationship(back_populates="report", cascade="all, delete-orphan")

    __table_args__ = (sa.UniqueConstraint("session_id", "sha256", name="uq_video_reports_session_sha256"),)


class VideoSegment(db.Model):
    """One join–leave interval from a report, for a matched participant or a guest (``guest_name``)."""

    __tablename__ = "video_segments"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(sa.ForeignKey("video_reports.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("meeting_sessions.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    guest_name: Mapped[str | None] = mapped_column(sa.String(200))
    guest_email: Mapped[str | None] = mapped_column(sa.String(254))
    name_in_report: Mapped[str] = mapped_column(sa.String(200))
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime)
    left_at: Mapped[datetime] = mapped_column(UTCDateTime)

    report: Mapped[VideoReport] = relationship(back_populates="segments")

    __table_args__ = (
        sa.CheckConstraint("left_at >= joined_at", name="leaves_after_join"),
        sa.CheckConstraint("participant_id IS NOT NULL OR guest_name IS NOT NULL", name="someone"),
    )


class QuorumSnapshot(db.Model):
    """The quorum as it stood when a resolution/vote agenda item was taken up."""

    __tablename__ = "quorum_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(sa.ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("meeting_sessions.id", ondelete="CASCADE"), index=True)
    members: Mapped[int] = mapped_column()
    present: Mapped[int] = mapped_column()
    present_in_person: Mapped[int] = mapped_column()
    present_video: Mapped[int] = mapped_column()
    required: Mapped[int] = mapped_column()  # present must reach this
    met: Mapped[bool] = mapped_column()
    counts_video: Mapped[bool] = mapped_column()
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
