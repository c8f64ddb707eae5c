"""The organisation directory: units, people, groups, and their CSV import."""

from meetapp.blueprints import views_on_access

__getattr__ = views_on_access(__name__, "views")
