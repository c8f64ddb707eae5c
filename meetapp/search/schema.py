"""The full-text index beside ``search_documents``, which the models cannot declare.

- SQLite: an FTS5 table ``search_fts`` over the documents' ``terms`` (external content: the text lives once, in
  ``search_documents``), kept in step by three triggers.
- PostgreSQL: a GIN index over ``to_tsvector('simple', terms)`` (the 'simple' configuration: no stemming, no stop
  words; ``meetapp.search.text`` has already split Chinese into characters and bigrams).

``create_all`` (the tests) builds them through the DDL events below; migration 0007 holds the same statements.
Alembic cannot compare either, so ``include_object`` leaves them out of autogenerate and the drift test.
"""

from __future__ import annotations

import sqlalchemy as sa

from meetapp.search.models import SearchDocument

FTS_TABLE = "search_fts"
PG_INDEX = "ix_search_documents_fts"

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "terms, content='search_documents', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS search_documents_fts_insert AFTER INSERT ON search_documents BEGIN "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
    "CREATE TRIGGER IF NOT EXISTS search_documents_fts_delete AFTER DELETE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); END",
    "CREATE TRIGGER IF NOT EXISTS search_documents_fts_update AFTER UPDATE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms); "
    "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
)
POSTGRES_CREATE = (
    "CREATE INDEX IF NOT EXISTS ix_search_documents_fts ON search_documents USING gin (to_tsvector('simple', terms))",
)


def create_fulltext(connection) -> None:
    statements = SQLITE_CREATE if connection.dialect.name == "sqlite" else POSTGRES_CREATE
    for statement in statements:
        connection.exec_driver_sql(statement)


def drop_fulltext(connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("DROP TABLE IF EXISTS search_fts")  # its triggers go with search_documents


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """For Alembic: leave out the FTS5 table with its shadow tables (search_fts_data, _idx, …) and the GIN index."""
    if type_ == "table" and name and (name == FTS_TABLE or name.startswith(f"{FTS_TABLE}_")):
        return False
    return not (type_ == "index" and name == PG_INDEX)


sa.event.listen(SearchDocument.__table__, "after_create", lambda target, connection, **kw: create_fulltext(connection))
sa.event.listen(SearchDocument.__table__, "before_drop", lambda target, connection, **kw: drop_fulltext(connection))
