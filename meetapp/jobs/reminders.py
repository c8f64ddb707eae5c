"""Reminder mail before a meeting: ``MEETING_REMINDER_HOURS`` (default 24) before it starts, every participant
who accepted gets the meeting's details again (when, where, their join link and ticket), in their language.

Queued once per participant and start time (the outbox's dedupe key ``reminder:<participant>:<start>``): the
periodic task may run any number of times; a meeting moved to a later start reminds again before the new start.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from meetapp.attendance import tickets
from meetapp.directory.models import Person
from meetapp.extensions import db
from meetapp.mail.outbox import Attachment, Draft, queue_messages, queued_keys
from meetapp.meetings.models import Meeting, MeetingStatus
from meetapp.participants import invitations
from meetapp.participants.models import Participant, RsvpStatus
from meetapp.participants.modes import shows_join_details

log = logging.getLogger("meetapp.jobs")

DEFAULT_HOURS = 24


def dedupe_key(participant: Participant, meeting: Meeting) -> str:
    return f"reminder:{participant.id}:{meeting.starts_at:%Y%m%dT%H%M}"


def _compose(participant: Participant, locale: str) -> Draft:
    meeting = participant.meeting
    subject, body_text, body_html = invitations.render_meeting_mail(
        participant, locale, kind="reminder",
        intro=lambda: _("A reminder: “%(title)s” starts soon.", title=meeting.title),
        subject=lambda: _("Reminder: %(title)s", title=meeting.title),
        rsvp_link=invitations.rsvp_url(participant), ticket_link=tickets.ticket_url(participant),
        join=shows_join_details(participant),
    )
    return Draft(
        to_email=participant.person.email,
        to_name=participant.person.display_name(locale),
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        dedupe_key=dedupe_key(participant, meeting),
        attachments=[Attachment(filename="ticket.png", content_type="image/png",
                                content=tickets.qr_png(participant.ticket_code))],
    )


def queue_meeting_reminders(now: datetime) -> int:
    """Queue a reminder for each accepted participant (with an email address) of every scheduled meeting that
    starts within the next ``MEETING_REMINDER_HOURS``, unless queued before for this start. Commits; answers how
    many messages were queued."""
    hours = current_app.config.get("MEETING_REMINDER_HOURS", DEFAULT_HOURS)
    meetings = db.session.scalars(
        sa.select(Meeting).where(
            Meeting.status == MeetingStatus.SCHEDULED,
            Meeting.starts_at > now,
            Meeting.starts_at <= now + timedelta(hours=hours),
        )
    ).all()
    queued = 0
    for meeting in meetings:
        pairs = invitations.with_locales(
            meeting,
            Participant.rsvp_status == RsvpStatus.ACCEPTED,
            Participant.cancelled_at.is_(None),
            Person.email.is_not(None),
        )
        done = queued_keys(dedupe_key(p, meeting) for p, _locale in pairs)
        with invitations.external_urls():
            drafts = [_compose(p, locale) for p, locale in pairs if dedupe_key(p, meeting) not in done]
        queued += len(queue_messages(drafts))
    db.session.commit()
    if queued:
        log.info("meeting reminders: %s queued", queued)
    return queued
