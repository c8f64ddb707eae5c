"""The agenda of a meeting: items per session with planned times, presenters and materials."""

from meetapp.blueprints import views_on_access

__getattr__ = views_on_access(__name__, "views")
