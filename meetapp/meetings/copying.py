"""Copying a meeting, e.g. last year's annual meeting, to a new date as a draft to edit."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from meetapp.agenda.models import AgendaItem, AgendaPresenter
from meetapp.audit import record
from meetapp.auth.models import User
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingSession, MeetingStatus
from meetapp.meetings.services import organizers_including
from meetapp.participants.models import Participant, ParticipantRole
from meetapp.timefmt import to_local_naive, to_utc


def _shifter(meeting: Meeting, new_start: date):
    """Moves a UTC time by whole days of the meeting's wall clock, so 09:00 stays 09:00 across a DST change."""
    first = meeting.sessions[0].starts_at if meeting.sessions else meeting.starts_at
    days = timedelta(days=(new_start - to_local_naive(first, meeting.timezone).date()).days)

    def shift(moment: datetime) -> datetime:
        return to_utc(to_local_naive(moment, meeting.timezone) + days, meeting.timezone)

    return shift


def copy_meeting(actor: User, meeting: Meeting, new_start: date) -> Meeting:
    """A draft copy of ``meeting`` whose first session starts on ``new_start`` at the same local time: sessions,
    agenda items with presenters (not their materials), branch venues, organizers and the invitee list (roles and
    mode; fresh RSVP links and tickets, no answers, nobody invited yet). Removed participants are left out."""
    meeting = db.session.scalars(
        db.select(Meeting)
        .where(Meeting.id == meeting.id)
        .options(
            selectinload(Meeting.sessions)
            .selectinload(MeetingSession.agenda_items)
            .selectinload(AgendaItem.presenters),
            selectinload(Meeting.branch_venues),
            selectinload(Meeting.organizers),
            selectinload(Meeting.participants).selectinload(Participant.role_rows),
        )
    ).one()
    shift = _shifter(meeting, new_start)
    copy = Meeting(
        title=_("%(title)s (copy)", title=meeting.title),
        description=meeting.description,
        kind=meeting.kind,
        timezone=meeting.timezone,
        starts_at=shift(meeting.starts_at),
        ends_at=shift(meeting.ends_at),
        format=meeting.format,
        status=MeetingStatus.DRAFT,
        visibility=meeting.visibility,
        series_id=meeting.series_id,
        venue_id=meeting.venue_id,
        video_platform=meeting.video_platform,
        video_url=meeting.video_url,
        video_meeting_code=meeting.video_meeting_code,
        video_passcode=meeting.video_passcode,
        branch_venues=list(meeting.branch_venues),
        organizers=organizers_including(list(meeting.organizers), actor),
        created_by=actor,
    )
    copy.sessions = [
        MeetingSession(
            title=session.title,
            starts_at=shift(session.starts_at),
            ends_at=shift(session.ends_at),
            presider_id=session.presider_id,
            venue_id=session.venue_id,
            agenda_items=[
                AgendaItem(
                    position=item.position,
                    type=item.type,
                    title=item.title,
                    description=item.description,
                    duration_minutes=item.duration_minutes,
                    presenters=[
                        AgendaPresenter(person_id=p.person_id, role=p.role, position=p.position)
                        for p in item.presenters
                    ],
                )
                for item in session.agenda_items
            ],
        )
        for session in meeting.sessions
    ]
    copy.participants = [
        Participant(
            person_id=p.person_id,
            mode=p.mode,
            branch_venue_id=p.branch_venue_id,
            role_rows=[ParticipantRole(role=row.role) for row in p.role_rows],
        )
        for p in meeting.participants
        if p.cancelled_at is None
    ]
    db.session.add(copy)
    record(
        actor,
        "meeting.copy",
        copy,
        changes={"copied_from": [None, f"{meeting.title} (#{meeting.id})"], "starts_at": [None, copy.starts_at]},
    )
    db.session.commit()
    return copy
