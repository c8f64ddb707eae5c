"""News releases: the article a secretary publishes about a meeting, generated as a draft from its record."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetapp.database import UTCDateTime, str_enum, utcnow
from meetapp.extensions import db

if TYPE_CHECKING:
    from meetapp.auth.models import User
    from meetapp.meetings.models import Meeting


class NewsStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class NewsLanguage(enum.StrEnum):
    EN = "en"
    ZH = "zh"


NEWS_STATUS_LABELS = {NewsStatus.DRAFT: _l("Draft"), NewsStatus.PUBLISHED: _l("Published")}
NEWS_LANGUAGE_LABELS = {NewsLanguage.EN: _l("English"), NewsLanguage.ZH: _l("Chinese")}


class NewsRelease(db.Model):
    """One release per meeting and language. ``body`` is Markdown, rendered through nh3 wherever it is shown;
    ``revision`` counts saves, so an edit started from an older revision is refused instead of overwriting."""

    __tablename__ = "news_releases"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    language: Mapped[NewsLanguage] = mapped_column(str_enum(NewsLanguage, "news_language"))
    headline: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[NewsStatus] = mapped_column(
        str_enum(NewsStatus, "news_status"), default=NewsStatus.DRAFT, index=True
    )
    revision: Mapped[int] = mapped_column(default=1, server_default="1")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    meeting: Mapped[Meeting] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])

    __table_args__ = (
        sa.UniqueConstraint("meeting_id", "language", name="uq_news_releases_meeting_language"),
        sa.CheckConstraint("status <> 'published' OR published_at IS NOT NULL", name="published_has_date"),
        sa.CheckConstraint("revision > 0", name="revision_positive"),
    )

    @property
    def is_published(self) -> bool:
        return self.status == NewsStatus.PUBLISHED

    def __repr__(self) -> str:
        return f"<NewsRelease {self.id} meeting={self.meeting_id} {self.language} {self.status}>"
