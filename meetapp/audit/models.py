"""The audit log: one append-only row per change a user would ask "who did this?" about."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetapp.database import UTCDateTime, utcnow
from meetapp.extensions import db

if TYPE_CHECKING:
    from meetapp.auth.models import User


class AuditEntry(db.Model):
    """Who (account, and API token when through the API) did what (``action``) to which object, when, from where,
    and which fields changed (``changes``: ``{field: [before, after]}``).

    Labels of the actor, token and object are copied in so a row stays readable after they are renamed or deleted;
    ``meeting_id`` and ``token_id`` are plain integers (no foreign key) so deleting a meeting or a token keeps its
    rows. Nothing in the app updates or deletes these rows (see ``meetapp.audit.guard``)."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Accounts are deactivated, never deleted, once they have history: the foreign key keeps it that way.
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    actor_label: Mapped[str | None] = mapped_column(sa.String(300))
    token_id: Mapped[int | None] = mapped_column()
    token_label: Mapped[str | None] = mapped_column(sa.String(200))
    action: Mapped[str] = mapped_column(sa.String(64), index=True)
    object_type: Mapped[str | None] = mapped_column(sa.String(64))
    object_id: Mapped[int | None] = mapped_column()
    object_label: Mapped[str | None] = mapped_column(sa.String(300))
    meeting_id: Mapped[int | None] = mapped_column(index=True)
    changes: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    summary: Mapped[str | None] = mapped_column(sa.String(500))
    ip_address: Mapped[str | None] = mapped_column(sa.String(45))
    user_agent: Mapped[str | None] = mapped_column(sa.String(300))

    actor: Mapped[User | None] = relationship()

    __table_args__ = (sa.Index("ix_audit_entries_object", "object_type", "object_id"),)

    def __repr__(self) -> str:
        return f"<AuditEntry {self.id} {self.action} {self.object_type}:{self.object_id}>"


# The database refuses changes too, for code (or people) that go around the ORM. PostgreSQL: a row trigger, which
# TRUNCATE (the test suite's cleanup) does not fire. SQLite: updates only, since the test suite empties tables with
# DELETE. The migration 0004_audit creates the same objects.
PG_REFUSE_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_entries is append-only';
END;
$$ LANGUAGE plpgsql
"""
PG_REFUSE_TRIGGER = """
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()
"""
SQLITE_REFUSE_TRIGGER = """
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, 'audit_entries is append-only');
END
"""

_table = AuditEntry.__table__
sa.event.listen(_table, "after_create", sa.DDL(PG_REFUSE_FUNCTION).execute_if(dialect="postgresql"))
sa.event.listen(_table, "after_create", sa.DDL(PG_REFUSE_TRIGGER).execute_if(dialect="postgresql"))
sa.event.listen(_table, "after_create", sa.DDL(SQLITE_REFUSE_TRIGGER).execute_if(dialect="sqlite"))
