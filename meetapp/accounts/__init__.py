"""Account administration: administrators create, edit, deactivate and reactivate user accounts."""

from meetapp.blueprints import views_on_access

__getattr__ = views_on_access(__name__, "views")
