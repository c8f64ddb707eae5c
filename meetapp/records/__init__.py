"""The record a meeting leaves: awards presented and responsibility statements signed, with their follow-up."""

from meetapp.blueprints import views_on_access

__getattr__ = views_on_access(__name__, "views_common", "award_views", "statement_views", "meeting_views")
