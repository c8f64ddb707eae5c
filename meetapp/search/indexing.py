"""Keeping the index in step with the data, inside the same transaction as each change.

Session events: before a flush, note the searchable objects that are new, changed or deleted (and the units whose
renaming changes their people's documents); after it, replace their documents. So every service's commit carries
its index update with it, and a rollback takes both back. Bulk SQL that bypasses the ORM (imports of thousands of
rows) is not seen: ``flask search-reindex`` rebuilds everything from the tables.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from meetapp.directory.models import Person, Unit
from meetapp.extensions import db
from meetapp.meetings.models import Meeting
from meetapp.search.documents import INDEXERS, Document, Indexer
from meetapp.search.models import SearchDocument

_PENDING = "search_index_pending"
_table = SearchDocument.__table__
BATCH = 500


def _indexer_of(obj) -> Indexer | None:
    return next((indexer for indexer in INDEXERS if isinstance(obj, indexer.model)), None)


def _parent_of(obj):
    """A searchable object whose document shows ``obj`` (a minutes version belongs to its minutes)."""
    minutes = getattr(obj, "minutes", None)
    return minutes if minutes is not None and _indexer_of(minutes) is not None else None


def _before_flush(session: Session, flush_context, instances) -> None:
    pending = session.info.setdefault(_PENDING, {"touched": set(), "units": set(), "gone": set(), "meetings": set()})
    changed = [obj for obj in session.dirty if session.is_modified(obj, include_collections=False)]
    for obj in [*session.new, *changed]:
        if _indexer_of(obj) is not None:
            pending["touched"].add(obj)
        elif isinstance(obj, Unit) and obj in changed:
            pending["units"].add(obj.id)
        elif (parent := _parent_of(obj)) is not None:
            pending["touched"].add(parent)
    for obj in session.deleted:
        if (indexer := _indexer_of(obj)) is not None:
            pending["gone"].add((indexer.kind, obj.id))
            if isinstance(obj, Meeting):
                pending["meetings"].add(obj.id)


def _after_flush_postexec(session: Session, flush_context) -> None:
    pending = session.info.pop(_PENDING, None)
    if not pending or not any(pending.values()):
        return
    touched = set(pending["touched"])
    if pending["units"]:
        touched.update(session.scalars(sa.select(Person).where(Person.unit_id.in_(pending["units"]))))
    connection = session.connection()
    if pending["meetings"]:
        connection.execute(_table.delete().where(_table.c.meeting_id.in_(pending["meetings"])))
    gone = set(pending["gone"])
    documents: list[Document] = []
    for obj in touched:
        indexer = _indexer_of(obj)
        if obj.id is None or (indexer.kind, obj.id) in gone or obj in session.deleted:
            continue
        gone.add((indexer.kind, obj.id))  # the old document goes; the new one (if any) replaces it
        if (document := indexer.document(obj)) is not None:
            documents.append(document)
    _delete(connection, gone)
    _insert(connection, documents)


def _forget(session: Session, *args) -> None:
    session.info.pop(_PENDING, None)


def _delete(connection, keys: set) -> None:
    by_kind: dict = {}
    for kind, object_id in keys:
        by_kind.setdefault(kind, []).append(object_id)
    for kind, ids in by_kind.items():
        connection.execute(_table.delete().where(_table.c.kind == kind, _table.c.object_id.in_(ids)))


def _insert(connection, documents: list[Document]) -> None:
    if documents:
        connection.execute(_table.insert(), [document.__dict__ for document in documents])


def install() -> None:
    """Listen to every session's flushes (once per process)."""
    for name, listener in (
        ("before_flush", _before_flush),
        ("after_flush_postexec", _after_flush_postexec),
        ("after_soft_rollback", _forget),
    ):
        if not sa.event.contains(Session, name, listener):
            sa.event.listen(Session, name, listener)


def reindex_all() -> dict[str, int]:
    """Rebuild the whole index from the tables, in one transaction; answers the count of documents per kind."""
    connection = db.session.connection()
    connection.execute(_table.delete())
    counts: dict[str, int] = {}
    for indexer in INDEXERS:
        batch: list[Document] = []
        counts[indexer.kind.value] = 0
        for obj in db.session.scalars(indexer.everything().execution_options(yield_per=BATCH)):
            if (document := indexer.document(obj)) is not None:
                batch.append(document)
            if len(batch) >= BATCH:
                _insert(connection, batch)
                counts[indexer.kind.value] += len(batch)
                batch = []
        _insert(connection, batch)
        counts[indexer.kind.value] += len(batch)
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
    db.session.commit()
    return counts
