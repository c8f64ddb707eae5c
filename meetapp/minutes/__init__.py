"""Minutes: drafted from the record, versioned with an edit-conflict check, reviewed, approved and published (then
amended only), exported as PDF; their action items followed up per person and carried over within a series.
Every change goes through ``meetapp.minutes.services``."""

from meetapp.blueprints import views_on_access

__getattr__ = views_on_access(__name__, "views")
