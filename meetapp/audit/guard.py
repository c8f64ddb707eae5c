"""Append-only: the ORM refuses to update or delete audit rows (the database refuses too, see ``models``)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from meetapp.audit.models import AuditEntry


class AuditLogIsAppendOnly(RuntimeError):
    """Raised when code tries to change or remove an audit row."""


@sa.event.listens_for(Session, "before_flush")
def _refuse_changed_entries(session, flush_context, instances) -> None:
    for obj in session.deleted:
        if isinstance(obj, AuditEntry):
            raise AuditLogIsAppendOnly("audit entries cannot be deleted")
    for obj in session.dirty:
        if isinstance(obj, AuditEntry) and session.is_modified(obj):
            raise AuditLogIsAppendOnly("audit entries cannot be changed")


@sa.event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state) -> None:
    if (state.is_update or state.is_delete) and any(mapper.class_ is AuditEntry for mapper in state.all_mappers):
        raise AuditLogIsAppendOnly("audit entries cannot be changed or deleted")
