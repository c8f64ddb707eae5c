"""How a participant attends: the modes a meeting offers, the branch venue a mode needs, who gets join details."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from meetapp.errors import DomainError
from meetapp.meetings.models import Meeting, MeetingFormat, MeetingStatus, Venue
from meetapp.participants.models import AttendanceMode, Participant


class ModeNotOffered(DomainError):
    message = _l("This meeting cannot be attended that way.")


class BranchVenueRequired(DomainError):
    message = _l("Choose one of the meeting's branch venues.")


def available_modes(meeting: Meeting) -> list[AttendanceMode]:
    """The modes the meeting's format allows: the main room for in-person and hybrid meetings, the video link for
    video and hybrid meetings, and a branch venue (a room joining over the link) when the meeting has any."""
    modes = []
    if meeting.format in (MeetingFormat.IN_PERSON, MeetingFormat.HYBRID):
        modes.append(AttendanceMode.IN_PERSON)
    if meeting.branch_venues:
        modes.append(AttendanceMode.BRANCH)
    if meeting.format in (MeetingFormat.VIDEO, MeetingFormat.HYBRID):
        modes.append(AttendanceMode.VIDEO)
    return modes or [AttendanceMode.IN_PERSON]


def default_mode(meeting: Meeting) -> AttendanceMode:
    return available_modes(meeting)[0]


def check_mode(meeting: Meeting, mode: AttendanceMode, branch_venue_id: int | None) -> Venue | None:
    """The branch venue for ``mode`` (None unless the mode is a branch venue); refuses a mode the meeting does not
    offer and a branch venue that is not one of the meeting's."""
    if mode not in available_modes(meeting):
        raise ModeNotOffered()
    if mode != AttendanceMode.BRANCH:
        return None
    venue = next((v for v in meeting.branch_venues if v.id == branch_venue_id), None)
    if venue is None:
        raise BranchVenueRequired()
    return venue


def shows_join_details(participant: Participant) -> bool:
    """Whether the participant's mail and RSVP page carry the video link and passcode: only for people joining by
    video (a branch venue's room is connected by its own staff), and never once removed or cancelled."""
    meeting = participant.meeting
    return (
        meeting.has_video
        and not participant.is_cancelled
        and meeting.status != MeetingStatus.CANCELLED
        and participant.mode == AttendanceMode.VIDEO
    )
