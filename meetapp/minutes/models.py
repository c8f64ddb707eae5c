"""Minutes: one document per meeting, saved as numbered versions, reviewed, approved and published; its decisions
and action items as rows.

Each save adds a ``MinutesVersion`` holding the whole text (the secretary's Markdown followed by the decisions and
action items as they stood), so a version's SHA-256 covers everything a reviewer approved, and a diff between two
versions shows every change. The decision and action-item rows are the current state, used for follow-up (an
action item is closed when done, and carried over to the series' next meeting until then).
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetapp.database import UTCDateTime, str_enum, utcnow
from meetapp.extensions import db

if TYPE_CHECKING:
    from meetapp.auth.models import User
    from meetapp.directory.models import Person
    from meetapp.meetings.models import Meeting


class MinutesStatus(enum.StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    PUBLISHED = "published"


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"


MINUTES_STATUS_LABELS = {
    MinutesStatus.DRAFT: _l("Draft"),
    MinutesStatus.IN_REVIEW: _l("In review"),
    MinutesStatus.APPROVED: _l("Approved"),
    MinutesStatus.PUBLISHED: _l("Published"),
}
ACTION_STATUS_LABELS = {ActionStatus.OPEN: _l("Open"), ActionStatus.DONE: _l("Done")}

minutes_reviewers = sa.Table(
    "minutes_reviewers",
    db.Model.metadata,
    sa.Column("minutes_id", sa.ForeignKey("minutes.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Minutes(db.Model):
    __tablename__ = "minutes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), unique=True)
    status: Mapped[MinutesStatus] = mapped_column(
        str_enum(MinutesStatus, "minutes_status"), default=MinutesStatus.DRAFT, index=True
    )
    # The number of the latest version: a save names the version it started from and is refused unless it is this.
    current_number: Mapped[int] = mapped_column(default=0, server_default="0")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    meeting: Mapped[Meeting] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    versions: Mapped[list[MinutesVersion]] = relationship(
        back_populates="minutes", cascade="all, delete-orphan", order_by="MinutesVersion.number"
    )
    reviewers: Mapped[list[User]] = relationship(secondary=minutes_reviewers, order_by="User.name")
    approvals: Mapped[list[MinutesApproval]] = relationship(
        back_populates="minutes", cascade="all, delete-orphan", order_by="MinutesApproval.approved_at"
    )
    comments: Mapped[list[MinutesComment]] = relationship(
        back_populates="minutes", cascade="all, delete-orphan", order_by="MinutesComment.created_at"
    )
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="minutes", cascade="all, delete-orphan", order_by="Decision.position"
    )
    action_items: Mapped[list[ActionItem]] = relationship(
        back_populates="minutes", cascade="all, delete-orphan", order_by="ActionItem.position"
    )

    __table_args__ = (sa.CheckConstraint("current_number >= 0", name="current_number_not_negative"),)

    @property
    def is_published(self) -> bool:
        return self.status == MinutesStatus.PUBLISHED

    @property
    def title(self) -> str:
        """How the audit trail names the document."""
        return f"Minutes: {self.meeting.title}"

    def __repr__(self) -> str:
        return f"<Minutes {self.id} meeting={self.meeting_id} {self.status}>"


class MinutesVersion(db.Model):
    """One save: the secretary's Markdown (``body``) and the full text it was saved as (``content``: body,
    decisions and action items), with its SHA-256. A published version carries when; an amendment, its reason."""

    __tablename__ = "minutes_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(sa.ForeignKey("minutes.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column()
    body: Mapped[str] = mapped_column(sa.Text)
    content: Mapped[str] = mapped_column(sa.Text)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    amendment_reason: Mapped[str | None] = mapped_column(sa.Text)

    minutes: Mapped[Minutes] = relationship(back_populates="versions")
    author: Mapped[User | None] = relationship()

    # Two saves from the same base version race for the same number: the database lets one of them in.
    __table_args__ = (
        sa.UniqueConstraint("minutes_id", "number", name="uq_minutes_versions_minutes_number"),
        sa.CheckConstraint("number > 0", name="number_positive"),
    )


class MinutesApproval(db.Model):
    """A reviewer approved one exact version: its number and the SHA-256 of its content."""

    __tablename__ = "minutes_approvals"

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(sa.ForeignKey("minutes.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    version_number: Mapped[int] = mapped_column()
    content_sha256: Mapped[str] = mapped_column(sa.String(64))
    approved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    minutes: Mapped[Minutes] = relationship(back_populates="approvals")
    reviewer: Mapped[User] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("minutes_id", "reviewer_id", "version_number", name="uq_minutes_approvals_once"),
    )


class MinutesComment(db.Model):
    __tablename__ = "minutes_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(sa.ForeignKey("minutes.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    version_number: Mapped[int] = mapped_column()
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    minutes: Mapped[Minutes] = relationship(back_populates="comments")
    author: Mapped[User | None] = relationship()


class Decision(db.Model):
    __tablename__ = "minutes_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(sa.ForeignKey("minutes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(sa.Text)

    minutes: Mapped[Minutes] = relationship(back_populates="decisions")


class ActionItem(db.Model):
    """Something someone (a directory person) must do by a date; open until closed, and carried over to the next
    meeting of the same series until then."""

    __tablename__ = "action_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(sa.ForeignKey("minutes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(sa.String(500))
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("people.id", ondelete="SET NULL"), index=True)
    due_on: Mapped[date | None] = mapped_column(sa.Date)
    status: Mapped[ActionStatus] = mapped_column(
        str_enum(ActionStatus, "action_status"), default=ActionStatus.OPEN, index=True
    )
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    minutes: Mapped[Minutes] = relationship(back_populates="action_items")
    owner: Mapped[Person | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint("status <> 'done' OR closed_at IS NOT NULL", name="done_has_closed_at"),
    )

    @property
    def is_open(self) -> bool:
        return self.status == ActionStatus.OPEN


class VersionTextIsFinal(Exception):
    """A saved version's text never changes: a change is a new version (or, once published, an amendment)."""


@sa.event.listens_for(MinutesVersion, "before_update")
def _keep_version_text(mapper, connection, target: MinutesVersion) -> None:
    state = sa.inspect(target)
    for name in ("number", "body", "content", "sha256", "author_id", "created_at"):
        if state.attrs[name].history.has_changes():
            raise VersionTextIsFinal(f"minutes version {target.id}: {name} cannot change")
