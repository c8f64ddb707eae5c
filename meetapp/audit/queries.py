"""Reading the audit log: the administrators' filtered list and a meeting's history, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from meetapp.audit.models import AuditEntry
from meetapp.extensions import db


@dataclass
class AuditFilter:
    person: str = ""  # part of the actor's name or email
    object_type: str = ""
    object_id: int | None = None
    action: str = ""  # an action ("meeting.edit") or the start of one ("meeting")
    meeting_id: int | None = None
    date_from: date | None = None  # whole days in UTC, both ends included
    date_to: date | None = None


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def find_entries(filters: AuditFilter) -> sa.Select:
    query = sa.select(AuditEntry).options(joinedload(AuditEntry.actor))
    if filters.person.strip():
        query = query.where(AuditEntry.actor_label.ilike(f"%{_escape_like(filters.person.strip())}%", escape="\\"))
    if filters.object_type:
        query = query.where(AuditEntry.object_type == filters.object_type)
    if filters.object_id is not None:
        query = query.where(AuditEntry.object_id == filters.object_id)
    if filters.action.strip():
        action = filters.action.strip()
        query = query.where(
            sa.or_(AuditEntry.action == action, AuditEntry.action.like(f"{_escape_like(action)}.%", escape="\\"))
        )
    if filters.meeting_id is not None:
        query = query.where(AuditEntry.meeting_id == filters.meeting_id)
    if filters.date_from:
        query = query.where(AuditEntry.created_at >= _day_start(filters.date_from))
    if filters.date_to:
        query = query.where(AuditEntry.created_at < _day_start(filters.date_to + timedelta(days=1)))
    return query.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())


def meeting_history(meeting_id: int) -> sa.Select:
    return find_entries(AuditFilter(meeting_id=meeting_id))


def object_types() -> list[str]:
    """The kinds of object the log holds rows about, for the filter's choices."""
    return list(
        db.session.scalars(
            sa.select(AuditEntry.object_type).where(AuditEntry.object_type.is_not(None)).distinct()
        ).all()
    )


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
