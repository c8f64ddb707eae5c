"""Meetings: a meeting with its sessions, where it happens (venue, video link, branch venues) and who runs it."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetapp.database import BilingualName, UTCDateTime, str_enum, utcnow
from meetapp.extensions import db

if TYPE_CHECKING:
    from meetapp.agenda.models import AgendaItem
    from meetapp.auth.models import User
    from meetapp.directory.models import Person, Unit
    from meetapp.participants.models import Participant


class MeetingKind(enum.StrEnum):
    WORK_MEETING = "work_meeting"
    COMMITTEE_PLENARY = "committee_plenary"
    BOARD_MEETING = "board_meeting"
    OTHER = "other"


class MeetingFormat(enum.StrEnum):
    IN_PERSON = "in_person"
    VIDEO = "video"
    HYBRID = "hybrid"


class MeetingStatus(enum.StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    ENDED = "ended"
    CANCELLED = "cancelled"


class Visibility(enum.StrEnum):
    PARTICIPANTS = "participants"  # invited people and the meeting's managers
    INTERNAL = "internal"  # anyone signed in
    PUBLIC = "public"  # anyone, signed in or not


class VideoPlatform(enum.StrEnum):
    ZOOM = "zoom"
    TEAMS = "teams"
    TENCENT = "tencent"
    WEBEX = "webex"
    OTHER = "other"


MEETING_KIND_LABELS = {
    MeetingKind.WORK_MEETING: _l("Work meeting"),
    MeetingKind.COMMITTEE_PLENARY: _l("Committee plenary"),
    MeetingKind.BOARD_MEETING: _l("Board meeting"),
    MeetingKind.OTHER: _l("Other"),
}
MEETING_FORMAT_LABELS = {
    MeetingFormat.IN_PERSON: _l("In person"),
    MeetingFormat.VIDEO: _l("Video"),
    MeetingFormat.HYBRID: _l("Hybrid (in person and video)"),
}
MEETING_STATUS_LABELS = {
    MeetingStatus.DRAFT: _l("Draft"),
    MeetingStatus.SCHEDULED: _l("Scheduled"),
    MeetingStatus.IN_PROGRESS: _l("In progress"),
    MeetingStatus.ENDED: _l("Ended"),
    MeetingStatus.CANCELLED: _l("Cancelled"),
}
VISIBILITY_LABELS = {
    Visibility.PARTICIPANTS: _l("Participants only"),
    Visibility.INTERNAL: _l("Internal (everyone signed in)"),
    Visibility.PUBLIC: _l("Public"),
}
VIDEO_PLATFORM_LABELS = {
    VideoPlatform.ZOOM: _l("Zoom"),
    VideoPlatform.TEAMS: _l("Microsoft Teams"),
    VideoPlatform.TENCENT: _l("Tencent Meeting"),
    VideoPlatform.WEBEX: _l("Webex"),
    VideoPlatform.OTHER: _l("Other"),
}

# Which status may follow which; cancelled and ended are final.
STATUS_TRANSITIONS = {
    MeetingStatus.DRAFT: {MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED},
    MeetingStatus.SCHEDULED: {MeetingStatus.IN_PROGRESS, MeetingStatus.CANCELLED, MeetingStatus.DRAFT},
    MeetingStatus.IN_PROGRESS: {MeetingStatus.ENDED, MeetingStatus.CANCELLED},
    MeetingStatus.ENDED: set(),
    MeetingStatus.CANCELLED: set(),
}


class MeetingSeries(BilingualName, db.Model):
    """Meetings that recur, e.g. the annual S&T innovation work meeting; open action items carry over within one."""

    __tablename__ = "meeting_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    name_zh: Mapped[str | None] = mapped_column(sa.String(200))
    description: Mapped[str | None] = mapped_column(sa.Text)

    meetings: Mapped[list[Meeting]] = relationship(back_populates="series", order_by="Meeting.starts_at")


class Venue(BilingualName, db.Model):
    """A room: the main venue of a meeting, or a branch venue (e.g. a regional office's video room)."""

    __tablename__ = "venues"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    name_zh: Mapped[str | None] = mapped_column(sa.String(200))
    address: Mapped[str | None] = mapped_column(sa.String(300))
    capacity: Mapped[int | None] = mapped_column()
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id", ondelete="SET NULL"), index=True)
    has_video: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    unit: Mapped[Unit | None] = relationship()

    __table_args__ = (sa.CheckConstraint("capacity IS NULL OR capacity > 0", name="capacity_positive"),)


meeting_organizers = sa.Table(
    "meeting_organizers",
    db.Model.metadata,
    sa.Column("meeting_id", sa.ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
)

# Users who may run the check-in desk besides the organizers (declared here, beside the relationship that uses it,
# so that Meeting's mapper can be configured without the attendance models being imported).
meeting_checkin_staff = sa.Table(
    "meeting_checkin_staff",
    db.Model.metadata,
    sa.Column("meeting_id", sa.ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
)

meeting_branch_venues = sa.Table(
    "meeting_branch_venues",
    db.Model.metadata,
    sa.Column("meeting_id", sa.ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("venue_id", sa.ForeignKey("venues.id", ondelete="RESTRICT"), primary_key=True, index=True),
)


class Meeting(db.Model):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str | None] = mapped_column(sa.Text)
    kind: Mapped[MeetingKind] = mapped_column(str_enum(MeetingKind, "meeting_kind"), default=MeetingKind.OTHER)
    timezone: Mapped[str] = mapped_column(sa.String(64), default="Asia/Shanghai")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    format: Mapped[MeetingFormat] = mapped_column(
        str_enum(MeetingFormat, "meeting_format"), default=MeetingFormat.IN_PERSON
    )
    status: Mapped[MeetingStatus] = mapped_column(
        str_enum(MeetingStatus, "meeting_status"), default=MeetingStatus.DRAFT, index=True
    )
    visibility: Mapped[Visibility] = mapped_column(
        str_enum(Visibility, "visibility"), default=Visibility.PARTICIPANTS
    )
    series_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meeting_series.id", ondelete="SET NULL"), index=True)

    # Where: the main venue and/or the video link; branch venues join over the link.
    venue_id: Mapped[int | None] = mapped_column(sa.ForeignKey("venues.id", ondelete="RESTRICT"), index=True)
    video_platform: Mapped[VideoPlatform | None] = mapped_column(str_enum(VideoPlatform, "video_platform"))
    video_url: Mapped[str | None] = mapped_column(sa.String(500))
    video_meeting_code: Mapped[str | None] = mapped_column(sa.String(100))
    video_passcode: Mapped[str | None] = mapped_column(sa.String(100))

    # iCalendar identity: the same UID for every update, a higher SEQUENCE each time attendees must be told.
    ical_uid: Mapped[str] = mapped_column(sa.String(100), unique=True, default=lambda: f"{uuid.uuid4()}@meetapp")
    ical_sequence: Mapped[int] = mapped_column(default=0, server_default="0")

    # Attendance rules: a check-in later than start + grace is "late"; a video attendee counts as attended from
    # this share of the session's length.
    late_grace_minutes: Mapped[int] = mapped_column(default=10, server_default="10")
    video_threshold_percent: Mapped[int] = mapped_column(default=50, server_default="50")

    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    series: Mapped[MeetingSeries | None] = relationship(back_populates="meetings")
    venue: Mapped[Venue | None] = relationship(foreign_keys=[venue_id])
    branch_venues: Mapped[list[Venue]] = relationship(secondary=meeting_branch_venues, order_by="Venue.name")
    organizers: Mapped[list[User]] = relationship(secondary=meeting_organizers, order_by="User.name")
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    sessions: Mapped[list[MeetingSession]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="(MeetingSession.starts_at, MeetingSession.id)"
    )
    participants: Mapped[list[Participant]] = relationship(back_populates="meeting", cascade="all, delete-orphan")
    # Users who may run the check-in desk besides the organizers.
    checkin_staff: Mapped[list[User]] = relationship(secondary=meeting_checkin_staff, order_by="User.name")

    __table_args__ = (
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        sa.CheckConstraint("late_grace_minutes >= 0", name="grace_not_negative"),
        sa.CheckConstraint(
            "video_threshold_percent >= 0 AND video_threshold_percent <= 100", name="video_threshold_range"
        ),
    )

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def local(self, moment: datetime) -> datetime:
        """A UTC timestamp as wall-clock time in the meeting's time zone."""
        return moment.astimezone(self.zone)

    @property
    def has_video(self) -> bool:
        return bool(self.video_url)

    def __repr__(self) -> str:
        return f"<Meeting {self.id} {self.title!r}>"


class MeetingSession(db.Model):
    """A part of a meeting with its own time, presider and (optionally) its own room."""

    __tablename__ = "meeting_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    presider_id: Mapped[int | None] = mapped_column(sa.ForeignKey("people.id", ondelete="SET NULL"), index=True)
    # None: the meeting's main venue.
    venue_id: Mapped[int | None] = mapped_column(sa.ForeignKey("venues.id", ondelete="RESTRICT"), index=True)
    # Committee sessions: quorum is reached when present committee members are MORE than this share of all members.
    quorum_required: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    quorum_percent: Mapped[int] = mapped_column(default=50, server_default="50")
    quorum_counts_video: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    meeting: Mapped[Meeting] = relationship(back_populates="sessions")
    presider: Mapped[Person | None] = relationship()
    venue_override: Mapped[Venue | None] = relationship(foreign_keys=[venue_id])
    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="AgendaItem.position"
    )

    __table_args__ = (
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        sa.CheckConstraint("quorum_percent >= 0 AND quorum_percent < 100", name="quorum_percent_range"),
    )

    @property
    def venue(self) -> Venue | None:
        return self.venue_override or self.meeting.venue

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at

    def __repr__(self) -> str:
        return f"<MeetingSession {self.id} {self.title!r}>"
