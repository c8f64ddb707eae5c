"""The agenda: ordered, typed items inside each session, their presenters and materials."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetapp.database import UTCDateTime, str_enum, utcnow
from meetapp.extensions import db

if TYPE_CHECKING:
    from meetapp.auth.models import User
    from meetapp.directory.models import Person
    from meetapp.meetings.models import MeetingSession


class AgendaItemType(enum.StrEnum):
    OPENING = "opening"
    SPEECH = "speech"
    REPORT = "report"
    ANNOUNCEMENT = "announcement"
    AWARD_PRESENTATION = "award_presentation"
    STATEMENT_SIGNING = "statement_signing"
    BRIEFING = "briefing"
    DISCUSSION = "discussion"
    RESOLUTION = "resolution"
    CLOSING = "closing"
    OTHER = "other"


class PresenterRole(enum.StrEnum):
    SPEAKER = "speaker"
    REPORTER = "reporter"
    ANNOUNCER = "announcer"
    PRESENTER = "presenter"


AGENDA_ITEM_TYPE_LABELS = {
    AgendaItemType.OPENING: _l("Opening"),
    AgendaItemType.SPEECH: _l("Speech"),
    AgendaItemType.REPORT: _l("Report"),
    AgendaItemType.ANNOUNCEMENT: _l("Announcement"),
    AgendaItemType.AWARD_PRESENTATION: _l("Award presentation"),
    AgendaItemType.STATEMENT_SIGNING: _l("Responsibility-statement signing"),
    AgendaItemType.BRIEFING: _l("Briefing"),
    AgendaItemType.DISCUSSION: _l("Discussion"),
    AgendaItemType.RESOLUTION: _l("Resolution / vote"),
    AgendaItemType.CLOSING: _l("Closing"),
    AgendaItemType.OTHER: _l("Other"),
}
PRESENTER_ROLE_LABELS = {
    PresenterRole.SPEAKER: _l("Speaker"),
    PresenterRole.REPORTER: _l("Reporter"),
    PresenterRole.ANNOUNCER: _l("Announcer"),
    PresenterRole.PRESENTER: _l("Presenter"),
}


class AgendaItem(db.Model):
    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("meeting_sessions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column()
    type: Mapped[AgendaItemType] = mapped_column(
        str_enum(AgendaItemType, "agenda_item_type"), default=AgendaItemType.OTHER
    )
    title: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str | None] = mapped_column(sa.Text)
    duration_minutes: Mapped[int] = mapped_column(default=10)

    session: Mapped[MeetingSession] = relationship(back_populates="agenda_items")
    presenters: Mapped[list[AgendaPresenter]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="AgendaPresenter.position"
    )
    materials: Mapped[list[Material]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="Material.uploaded_at"
    )

    # Positions are renumbered 0..n-1 by the agenda service; no unique index, so a swap needs no temporary value.
    __table_args__ = (sa.CheckConstraint("duration_minutes >= 0 AND duration_minutes <= 1440", name="duration_range"),)

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)


def planned_starts(items: list[AgendaItem], session_start: datetime) -> dict[int, datetime]:
    """Each item's planned start: the session start plus the durations of the items before it."""
    starts, moment = {}, session_start
    for item in sorted(items, key=lambda i: i.position):
        starts[item.id] = moment
        moment += item.duration
    return starts


class AgendaPresenter(db.Model):
    __tablename__ = "agenda_presenters"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="CASCADE"), index=True)
    role: Mapped[PresenterRole] = mapped_column(str_enum(PresenterRole, "presenter_role"))
    position: Mapped[int] = mapped_column(default=0)

    item: Mapped[AgendaItem] = relationship(back_populates="presenters")
    person: Mapped[Person] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("item_id", "person_id", "role", name="uq_agenda_presenters_item_person_role"),
    )


class Material(db.Model):
    """An uploaded file of an agenda item, stored outside the web root under a random name."""

    __tablename__ = "materials"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(sa.String(255))  # as uploaded, for display and download
    stored_name: Mapped[str] = mapped_column(sa.String(100), unique=True)
    content_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int] = mapped_column()
    sha256: Mapped[str] = mapped_column(sa.String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    item: Mapped[AgendaItem] = relationship(back_populates="materials")
    uploaded_by: Mapped[User | None] = relationship()
