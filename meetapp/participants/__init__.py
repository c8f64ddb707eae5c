"""Participants of a meeting: the list organizers build (by person, unit, group or title), invitations through
the outbox, and the answers invitees give through their personal RSVP link."""

from flask import Blueprint

bp = Blueprint("participants", __name__, url_prefix="/meetings/<int:meeting_id>/participants")
# The invitees' own pages: no sign-in, the personal token in the URL is the credential.
rsvp_bp = Blueprint("rsvp", __name__, url_prefix="/rsvp")

from meetapp.participants import rsvp_views, views  # noqa: E402,F401
