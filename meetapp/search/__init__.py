"""Search over meetings, published minutes, published news releases and people, on SQLite (FTS5) or PostgreSQL
(tsvector + GIN) behind one interface (``meetapp.search.engine.search``); the index follows every change
(``meetapp.search.indexing``) and ``flask search-reindex`` rebuilds it."""

from meetapp.blueprints import views_on_access

__getattr__ = views_on_access(__name__, "views")
