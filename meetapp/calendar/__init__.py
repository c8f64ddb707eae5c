"""Calendars: month and week pages of the meetings a user may see, .ics downloads, personal subscription feeds."""

from flask import Blueprint

bp = Blueprint("calendar", __name__)

from meetapp.calendar import views  # noqa: E402,F401
