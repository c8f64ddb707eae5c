"""Read-only queries of the calendar pages and feeds."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from meetapp.calendar.models import CalendarFeed
from meetapp.extensions import db
from meetapp.meetings.models import Meeting
from meetapp.meetings.queries import meetings_involving, visible_meetings


def ics_loading() -> tuple:
    """What an .ics event reads: the sessions (in the description) and the main venue (the location).
    (A function: building loader options configures the mappers, which must wait until every model is imported.)"""
    return selectinload(Meeting.sessions), joinedload(Meeting.venue)


def meetings_between(user, start: datetime, end: datetime) -> list[Meeting]:
    """The meetings ``user`` may see that overlap [start, end), earliest first, with their venue loaded."""
    query = (
        visible_meetings(user)
        .where(Meeting.starts_at < end, Meeting.ends_at > start)
        .options(joinedload(Meeting.venue))
        .order_by(Meeting.starts_at, Meeting.id)
    )
    return list(db.session.scalars(query))


def feed_meetings(user, since: datetime) -> list[Meeting]:
    """The meetings ``user`` takes part in that end after ``since``, ready for .ics events."""
    query = (
        meetings_involving(user)
        .where(Meeting.ends_at >= since)
        .options(*ics_loading())
        .order_by(Meeting.starts_at, Meeting.id)
    )
    return list(db.session.scalars(query))


def feed_of(user) -> CalendarFeed | None:
    return db.session.scalar(sa.select(CalendarFeed).where(CalendarFeed.user_id == user.id))


def feed_by_token(token: str) -> CalendarFeed | None:
    return db.session.scalar(
        sa.select(CalendarFeed).where(CalendarFeed.token == token).options(joinedload(CalendarFeed.user))
    )
