"""Participants of a meeting: the list organizers build (by person, unit, group or title), invitations through
the outbox, and the answers invitees give through their personal RSVP link."""

from meetapp.blueprints import views_on_access

__getattr__ = views_on_access(__name__, "views", "rsvp_views", blueprints=("bp", "rsvp_bp"))
