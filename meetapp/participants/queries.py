"""Read-only questions about participants that other areas (policy, meetings) ask."""

from __future__ import annotations

import sqlalchemy as sa

from meetapp.extensions import db
from meetapp.participants.models import Participant


def is_invited(meeting_id: int, person_id: int) -> bool:
    """Whether the person is on the meeting's participant list (removed participants are not)."""
    return bool(
        db.session.scalar(
            sa.select(sa.literal(True)).where(
                Participant.meeting_id == meeting_id,
                Participant.person_id == person_id,
                Participant.cancelled_at.is_(None),
            )
        )
    )
