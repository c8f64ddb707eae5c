"""Meetings: scheduling, sessions, venues, series, conflicts."""

from meetapp.blueprints import views_on_access

__getattr__ = views_on_access(__name__, "views", "session_views", "venue_views")
