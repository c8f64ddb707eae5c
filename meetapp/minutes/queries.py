"""Light reads of minutes for access checks (the policy's Minutes tab) without loading their versions."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from meetapp.extensions import db
from meetapp.minutes.models import Minutes


def minutes_of(meeting_id: int) -> Minutes | None:
    """The meeting's minutes with their reviewers (what the policy needs), or None."""
    return db.session.scalar(
        sa.select(Minutes).where(Minutes.meeting_id == meeting_id).options(selectinload(Minutes.reviewers))
    )
