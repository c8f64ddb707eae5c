"""The home page (by role) and the language switch."""

from meetapp.blueprints import views_on_access

__getattr__ = views_on_access(__name__, "views")
