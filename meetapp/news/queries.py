"""Read side of the news pages: the published releases, newest first, and a meeting's releases."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from meetapp.extensions import db
from meetapp.news.models import NewsRelease, NewsStatus


def published_select() -> sa.Select:
    """The published releases, newest first (the news page and the feed)."""
    return (
        sa.select(NewsRelease)
        .where(NewsRelease.status == NewsStatus.PUBLISHED)
        .order_by(NewsRelease.published_at.desc(), NewsRelease.id.desc())
    )


def releases_of(meeting) -> list[NewsRelease]:
    return list(
        db.session.scalars(
            sa.select(NewsRelease)
            .where(NewsRelease.meeting_id == meeting.id)
            .options(joinedload(NewsRelease.updated_by))
            .order_by(NewsRelease.language)
        )
    )
