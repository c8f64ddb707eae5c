"""Calendars: month and week pages of the meetings a user may see, .ics downloads, personal subscription feeds."""

from meetapp.blueprints import views_on_access

__getattr__ = views_on_access(__name__, "views")
