"""Sample records for the minutes tests: a hybrid meeting with a presider, an agenda with presenters, invitees in
each mode with check-ins, an award presented and a statement signed."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import sqlalchemy as sa

from meetapp.agenda.models import AgendaItemType, PresenterRole
from meetapp.attendance.checkins import check_in
from meetapp.extensions import db
from meetapp.meetings.models import MeetingFormat, MeetingSession, Venue, VideoPlatform, Visibility
from meetapp.minutes import services
from meetapp.participants.models import AttendanceMode, MeetingRole
from tests.factories import (
    AgendaItemFactory,
    AgendaPresenterFactory,
    AwardFactory,
    AwardProgramFactory,
    MeetingFactory,
    ParticipantFactory,
    PersonFactory,
    StatementFactory,
    VenueFactory,
)


def recorded_meeting(organizer=None, *, visibility=Visibility.INTERNAL, series=None,
                     starts_at=datetime(2026, 2, 26, 1, 0, tzinfo=UTC)):
    """A hybrid meeting (main hall, one branch venue, Tencent link) with one session presided over by Zhu Kebing,
    two agenda items (a speech, an award presentation) and three invitees: in the hall, at the branch, on video —
    the first two checked in."""
    first = db.session.scalar(sa.select(Venue.id).limit(1)) is None  # later meetings get numbered rooms
    hall = VenueFactory(name="Main Hall") if first else VenueFactory()
    branch = VenueFactory(name="Changsha Branch Room") if first else VenueFactory()
    presider = PersonFactory(name="Zhu Kebing", name_zh="朱可炳")
    meeting = MeetingFactory(
        title="2026 S&T Innovation Work Meeting", format=MeetingFormat.HYBRID, venue=hall, visibility=visibility,
        video_platform=VideoPlatform.TENCENT, video_url="https://meeting.tencent.com/dm/x", series=series,
        starts_at=starts_at, ends_at=starts_at.replace(hour=starts_at.hour + 3),
        organizers=[organizer] if organizer else [],
        sessions=[MeetingSession(title="Plenary", starts_at=starts_at,
                                 ends_at=starts_at.replace(hour=starts_at.hour + 3), presider=presider)],
    )
    meeting.branch_venues = [branch]
    db.session.commit()
    session = meeting.sessions[0]
    speech = AgendaItemFactory(session=session, position=0, title="Speech by the chairman", type=AgendaItemType.SPEECH)
    awards_item = AgendaItemFactory(session=session, position=1, title="Presentation of the 2025 S&T Awards",
                                    type=AgendaItemType.AWARD_PRESENTATION)
    speaker = PersonFactory(name="Chen Dexin")
    AgendaPresenterFactory(item=speech, person=speaker, role=PresenterRole.SPEAKER)
    in_hall = ParticipantFactory(meeting=meeting, person=speaker, roles=[MeetingRole.SPEAKER, MeetingRole.LEADERSHIP])
    at_branch = ParticipantFactory(meeting=meeting, mode=AttendanceMode.BRANCH, branch_venue=branch)
    on_video = ParticipantFactory(meeting=meeting, mode=AttendanceMode.VIDEO)
    check_in(None, meeting, session, participant=in_hall)
    check_in(None, meeting, session, participant=at_branch, venue=branch)
    program = AwardProgramFactory(presentation_item_id=awards_item.id)
    named = {"title": "Deep-sea polymetallic nodule mining"} if first else {}
    award = AwardFactory(level__program=program, presented=True, **named,
                         presented_at=starts_at)
    return SimpleNamespace(meeting=meeting, session=session, speech=speech, awards_item=awards_item,
                           presider=presider, speaker=speaker, hall=hall, branch=branch, in_hall=in_hall,
                           at_branch=at_branch, on_video=on_video, award=award)


def signed_statement(sample, **values):
    return StatementFactory(signed_item_id=sample.awards_item.id, signed_at=sample.meeting.starts_at, **values)


def published_minutes(actor, meeting, reviewer, action_items=(), body=None):
    """Minutes taken through the whole workflow: started, saved (with ``action_items``), reviewed, approved,
    published."""
    minutes = services.start_minutes(actor, meeting)
    services.save_minutes(actor, minutes, body=body or services.current_version(minutes).body,
                          expected_version=minutes.current_number, action_items=list(action_items))
    services.submit_for_review(actor, minutes, [reviewer])
    services.approve(reviewer, minutes)
    services.transition(actor, minutes, "published")
    return minutes
