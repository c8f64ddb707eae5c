"""Read-only meeting queries other areas share: which meetings a user may see, and which involve them.

These are the SQL form of the rules in ``meetapp.policy`` (``meeting.view``), so a list of meetings is filtered in
one query instead of asking the policy meeting by meeting.
"""

from __future__ import annotations

import sqlalchemy as sa

from meetapp.auth.models import SystemRole
from meetapp.meetings.models import Meeting, Visibility, meeting_organizers
from meetapp.participants.models import Participant


def _managed_by(user) -> sa.ColumnElement[bool]:
    """Meetings that name ``user`` among their organizers."""
    return Meeting.id.in_(sa.select(meeting_organizers.c.meeting_id).where(meeting_organizers.c.user_id == user.id))


def _invites(user) -> sa.ColumnElement[bool]:
    """Meetings that list the user's directory person as a participant (removed participants do not count)."""
    if user.person_id is None:
        return sa.false()
    return Meeting.id.in_(
        sa.select(Participant.meeting_id).where(
            Participant.person_id == user.person_id, Participant.cancelled_at.is_(None)
        )
    )


def visibility_filter(user) -> sa.ColumnElement[bool]:
    """The condition on ``Meeting`` that ``policy.can("meeting.view", meeting, user=user)`` states meeting by meeting:
    public for anyone; internal for every signed-in user; all for admins and secretaries; participants-only meetings
    for their organizers and invited people."""
    if not user.is_authenticated:
        return Meeting.visibility == Visibility.PUBLIC
    if user.has_role(SystemRole.ADMIN, SystemRole.SECRETARY):
        return sa.true()
    return sa.or_(
        Meeting.visibility.in_([Visibility.PUBLIC, Visibility.INTERNAL]),
        _managed_by(user),
        _invites(user),
    )


def visible_meetings(user) -> sa.Select:
    """``select(Meeting)`` limited to the meetings ``user`` may see; add ordering, ranges and loading options."""
    return sa.select(Meeting).where(visibility_filter(user))


def meetings_involving(user) -> sa.Select:
    """``select(Meeting)`` of the meetings ``user`` takes part in: invited (not removed) or named as an organizer.
    Unlike ``visible_meetings`` this does not widen for admins and secretaries: it is the user's own agenda."""
    return sa.select(Meeting).where(sa.or_(_managed_by(user), _invites(user)))
