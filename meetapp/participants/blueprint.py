from flask import Blueprint

bp = Blueprint("participants", __name__, url_prefix="/meetings/<int:meeting_id>/participants")
# The invitees' own pages: no sign-in, the personal token in the URL is the credential.
rsvp_bp = Blueprint("rsvp", __name__, url_prefix="/rsvp")
