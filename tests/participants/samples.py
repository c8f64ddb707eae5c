"""Sample data for the participants tests and the route matrix: a meeting next month, and thousands of
participants inserted in bulk."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from meetapp.database import utcnow
from meetapp.directory.models import Person, Unit
from meetapp.extensions import db
from meetapp.meetings.models import MeetingFormat, VideoPlatform
from meetapp.participants.models import MeetingRole, Participant, ParticipantRole
from tests.factories import MeetingFactory, UnitFactory, VenueFactory


def future_meeting(organizers=(), **overrides):
    """A scheduled hybrid meeting 30 days from now, 09:00–12:00 Beijing time, main room + two branch venues + a
    Tencent Meeting link."""
    day = (utcnow() + timedelta(days=30)).replace(hour=1, minute=0, second=0, microsecond=0)
    values = {
        "starts_at": day,
        "ends_at": day + timedelta(hours=3),
        "format": MeetingFormat.HYBRID,
        "video_platform": VideoPlatform.TENCENT,
        "video_url": "https://meeting.tencent.com/dm/example",
        "video_meeting_code": "123 456 789",
        "video_passcode": "2026",
        "organizers": list(organizers),
    }
    values.update(overrides)
    if "venue" not in values:
        values["venue"] = VenueFactory(address="5 Sanlihe Road, Beijing")
    meeting = MeetingFactory(**values)
    if "branch_venues" not in overrides:
        meeting.branch_venues = [VenueFactory(), VenueFactory()]
        db.session.commit()
    return meeting


def bulk_participants(meeting, count: int, unit: Unit | None = None) -> None:
    """``count`` new people (with email) on the meeting's list as attendees, inserted in bulk."""
    unit = unit or UnitFactory()
    first = db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(Person.id), 0)))
    db.session.execute(
        sa.insert(Person),
        [{"name": f"Bulk {first + i:05d}", "email": f"bulk{first + i}@example.com", "unit_id": unit.id}
         for i in range(count)],
    )
    person_ids = db.session.scalars(sa.select(Person.id).where(Person.id > first)).all()
    db.session.execute(sa.insert(Participant), [{"meeting_id": meeting.id, "person_id": pid} for pid in person_ids])
    participant_ids = db.session.scalars(
        sa.select(Participant.id).where(Participant.meeting_id == meeting.id, Participant.person_id > first)
    ).all()
    db.session.execute(
        sa.insert(ParticipantRole), [{"participant_id": pid, "role": MeetingRole.ATTENDEE} for pid in participant_ids]
    )
    db.session.commit()
