"""iCalendar (RFC 5545) for meetings: one VEVENT per meeting, identified by the meeting's UID.

Every change attendees must hear about raises ``Meeting.ical_sequence``; a cancellation is the same UID with
METHOD:CANCEL and STATUS:CANCELLED, so calendar apps update or remove the entry they already have.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

import icalendar
from flask_babel import gettext as _

from meetapp.database import utcnow
from meetapp.meetings.models import Meeting, MeetingStatus

PRODID = "-//meetapp//meetapp//EN"

_PARTSTAT = {"pending": "NEEDS-ACTION", "accepted": "ACCEPTED", "declined": "DECLINED", "delegated": "DELEGATED"}


def _location(meeting: Meeting, include_join_details: bool) -> str:
    parts = []
    if meeting.venue is not None:
        parts.append(meeting.venue.name + (f", {meeting.venue.address}" if meeting.venue.address else ""))
    if include_join_details and meeting.video_url:
        parts.append(meeting.video_url)
    return " / ".join(parts)


def _description(meeting: Meeting, include_join_details: bool, extra: str | None) -> str:
    lines = [meeting.description or ""]
    for session in meeting.sessions:
        start = session.starts_at.astimezone(meeting.zone).strftime("%Y-%m-%d %H:%M")
        end = session.ends_at.astimezone(meeting.zone).strftime("%H:%M")
        lines.append(f"{start}–{end} {session.title}")
    if include_join_details and meeting.video_url:
        lines.append(_("Video link: %(url)s", url=meeting.video_url))
        if meeting.video_meeting_code:
            lines.append(_("Meeting ID: %(code)s", code=meeting.video_meeting_code))
        if meeting.video_passcode:
            lines.append(_("Passcode: %(passcode)s", passcode=meeting.video_passcode))
    if extra:
        lines.append(extra)
    return "\n".join(line for line in lines if line).strip()


def meeting_event(
    meeting: Meeting,
    *,
    include_join_details: bool = False,
    url: str | None = None,
    attendee=None,
    organizer_email: str | None = None,
    extra_description: str | None = None,
    cancelled: bool = False,
    stamp: datetime | None = None,
) -> icalendar.Event:
    """The meeting as a VEVENT with times in the meeting's zone (TZID); ``attendee`` is a Participant."""
    event = icalendar.Event()
    event.add("uid", meeting.ical_uid)
    event.add("sequence", meeting.ical_sequence)
    event.add("dtstamp", stamp or utcnow())
    event.add("dtstart", meeting.local(meeting.starts_at))
    event.add("dtend", meeting.local(meeting.ends_at))
    event.add("summary", meeting.title)
    description = _description(meeting, include_join_details, extra_description)
    if description:
        event.add("description", description)
    location = _location(meeting, include_join_details)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    if cancelled or meeting.status == MeetingStatus.CANCELLED:
        event.add("status", "CANCELLED")
    elif meeting.status == MeetingStatus.DRAFT:
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    if organizer_email:
        event.add("organizer", f"mailto:{organizer_email}", parameters={"CN": "meetapp"})
    if attendee is not None and attendee.person.email:
        event.add(
            "attendee",
            f"mailto:{attendee.person.email}",
            parameters={
                "CN": attendee.person.name,
                "ROLE": "REQ-PARTICIPANT",
                "PARTSTAT": _PARTSTAT.get(attendee.rsvp_status.value, "NEEDS-ACTION"),
                "RSVP": "TRUE",
            },
        )
    return event


def calendar_bytes(
    events: Iterable[icalendar.Event],
    method: str | None = None,
    name: str | None = None,
    refresh: timedelta | None = None,
) -> bytes:
    """A VCALENDAR holding ``events``, with the VTIMEZONE of every zone they use; ``refresh`` tells subscribed
    calendar apps how often to poll (RFC 7986 REFRESH-INTERVAL, and Outlook's X-PUBLISHED-TTL)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    if refresh:
        cal.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", icalendar.vDuration(refresh))
    for event in events:
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
