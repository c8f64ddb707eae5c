"""Signing in and out, one's own password; the ``User`` model with its system roles."""

from meetapp.blueprints import views_on_access

__getattr__ = views_on_access(__name__, "views")
