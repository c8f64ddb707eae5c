"""Loading a meeting for a request: found, visible, and allowed — the first step of every meeting view."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from meetapp import policy
from meetapp.extensions import db
from meetapp.meetings.models import Meeting


def load_meeting(meeting_id: int, action: str = "meeting.view", options=()) -> Meeting:
    """The meeting, or 404 when it does not exist or the user may not see it (its existence is not revealed);
    then ``action`` is authorized (sign-in for anonymous users, 403 for others)."""
    meeting = db.session.get(Meeting, meeting_id, options=list(options))
    if meeting is None:
        abort(404)
    if not policy.can("meeting.view", meeting):
        if not current_user.is_authenticated:
            policy.authorize("meeting.view", meeting)  # sends to sign-in
        abort(404)
    if action != "meeting.view":
        policy.authorize(action, meeting)
    return meeting


def load_child(model, object_id: int, meeting: Meeting, meeting_of=lambda obj: obj.meeting_id):
    """An object that belongs to ``meeting`` (session, agenda item, participant …), or 404: ids of other meetings
    are refused even when the user could see those meetings."""
    obj = db.session.get(model, object_id)
    if obj is None or meeting_of(obj) != meeting.id:
        abort(404)
    return obj
