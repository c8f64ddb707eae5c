from flask import Blueprint

# The meeting's attendance pages: the check-in desk, the live board, reports, video report imports.
bp = Blueprint("attendance", __name__, url_prefix="/meetings/<int:meeting_id>/attendance")
# The personal video join link: records the join, then forwards to the meeting's video URL.
join_bp = Blueprint("join", __name__, url_prefix="/j")
# The invitee's ticket reached through the personal RSVP link (the token is the credential).
tickets_bp = Blueprint("tickets", __name__, url_prefix="/rsvp")
