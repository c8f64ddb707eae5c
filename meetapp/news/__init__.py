"""News releases: drafted from a meeting's record, edited by its secretaries and organizers, published to the public
news page (/news) and its Atom feed. Every change goes through ``meetapp.news.services``."""

from meetapp.blueprints import views_on_access

__getattr__ = views_on_access(__name__, "views", "manage_views")
