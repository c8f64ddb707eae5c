"""Writing audit rows: ``record`` adds one to the caller's transaction, ``diff`` says which fields a change touches."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from typing import Any

import sqlalchemy as sa
from flask import g, has_request_context, request
from sqlalchemy.orm import Session

from meetapp.audit.models import AuditEntry
from meetapp.database import utcnow
from meetapp.extensions import db

LABEL_ATTRIBUTES = ("title", "name", "email", "label", "filename")


def json_safe(value: Any) -> Any:
    """``value`` as JSON can hold it: timestamps in ISO form, enums as their value, objects as their label."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((json_safe(v) for v in value), key=str)
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if hasattr(value, "__table__"):
        return object_label(value)
    return str(value)


def object_label(obj: Any) -> str | None:
    """A short human name for a model instance: its title, name, email…, its person's name, else ``str``; at most
    300 characters."""
    if obj is None:
        return None
    for attribute in LABEL_ATTRIBUTES:
        value = getattr(obj, attribute, None)
        if isinstance(value, str) and value:
            return value[:300]
    person = getattr(obj, "person", None)  # a participant, a presenter: named by their person
    if person is not None and getattr(person, "name", None):
        return person.name[:300]
    return str(obj)[:300]


def diff(obj: Any, **new_values: Any) -> dict[str, list]:
    """``{field: [before, after]}`` for the fields of ``obj`` that ``new_values`` would change, JSON-safe; ``obj``
    itself is left alone (the caller applies the values)."""
    changes = {}
    with db.session.no_autoflush:  # loading a relationship's value must not flush the caller's change
        for field, after in new_values.items():
            before = json_safe(getattr(obj, field))
            after = json_safe(after)
            if before != after:
                changes[field] = [before, after]
    return changes


def snapshot(obj: Any, *fields: str) -> dict[str, Any]:
    """The JSON-safe values of ``fields`` of ``obj`` now, for ``changes_since`` after a change applied elsewhere."""
    with db.session.no_autoflush:
        return {field: json_safe(getattr(obj, field)) for field in fields}


def changes_since(before: dict[str, Any], obj: Any, *, secret: tuple[str, ...] = ()) -> dict[str, list]:
    """``{field: [before, after]}`` for the fields of a ``snapshot`` that ``obj`` no longer has; a ``secret``
    field (a passcode) shows only that it changed."""
    changes = diff(obj, **before)
    changes = {field: [after, before_value] for field, (before_value, after) in changes.items()}
    for field in secret:
        if field in changes:
            changes[field] = [None if value is None else "***" for value in changes[field]]
    return changes


# Rows about objects that get their id only when flushed wait in the session's ``info`` until its next flush;
# flushing them from ``record`` instead would raise the caller's constraint errors early, where the caller does not
# expect them (services turn IntegrityError at commit into a refusal).
PENDING = "audit_entries_pending"


def _pending(session) -> list:
    return session.info.setdefault(PENDING, [])


@sa.event.listens_for(Session, "after_flush_postexec")
def _add_pending_entries(session, flush_context) -> None:
    # Commit flushes again while the session has new objects, so these rows go into the same transaction.
    for entry, obj, meeting in session.info.pop(PENDING, []):
        entry.object_id = getattr(obj, "id", None)
        entry.meeting_id = getattr(meeting, "id", None)
        session.add(entry)


@sa.event.listens_for(Session, "before_commit")
def _flush_pending_entries(session) -> None:
    if session.info.get(PENDING):
        session.flush()
        if session.info.get(PENDING):  # nothing was flushed: the objects never joined the session
            _add_pending_entries(session, None)


@sa.event.listens_for(Session, "after_transaction_end")
def _forget_pending_entries(session, transaction) -> None:
    if transaction.parent is None:  # the outermost transaction ended: committed rows are written, others gone
        session.info.pop(PENDING, None)


def _waits_for_id(obj: Any) -> bool:
    return obj is not None and getattr(obj, "id", None) is None


def _actor_fields(actor: Any) -> tuple[int | None, str | None]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, None
    return actor.id, f"{actor.name} <{actor.email}>"[:300]


def _client_fields() -> tuple[str | None, str | None]:
    # remote_addr is what the server saw; behind a proxy, ProxyFix (when configured) has already rewritten it.
    if not has_request_context():
        return None, None
    return request.remote_addr, (request.user_agent.string or None) and request.user_agent.string[:300]


def record(
    actor: Any,
    action: str,
    obj: Any = None,
    *,
    meeting: Any = None,
    changes: dict | None = None,
    summary: str | None = None,
    token: Any = None,
) -> AuditEntry:
    """Add one audit row to the current database session (the caller's commit writes it, with the change)."""
    if meeting is None and getattr(obj, "__tablename__", None) == "meetings":
        meeting = obj
    with db.session.no_autoflush:  # reading labels must not flush the caller's half-done change
        return _add_entry(actor, action, obj, meeting, changes, summary, token)


def entry_values(
    actor: Any, action: str, *, object_type: str | None, object_id: int | None, label: str | None,
    meeting_id: int | None, changes: dict | None = None, summary: str | None = None, token: Any = None,
) -> dict[str, Any]:
    """The columns of one audit row: who (and through which token), from where, did what to which object. For a
    caller that writes the row itself in the statement of its change (the desk's check-in)."""
    actor_id, actor_label = _actor_fields(actor)
    ip_address, user_agent = _client_fields()
    if token is None and has_request_context():
        token = g.get("api_token")  # set by the API for the request's personal access token (meetapp.api.access)
    return {
        "created_at": utcnow(),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "token_id": getattr(token, "id", None),
        "token_label": object_label(token),
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "object_label": label,
        "meeting_id": meeting_id,
        "changes": json_safe(changes) if changes else None,
        "summary": summary[:500] if summary else None,
        "ip_address": ip_address,
        "user_agent": user_agent,
    }


def _add_entry(actor, action, obj, meeting, changes, summary, token) -> AuditEntry:
    entry = AuditEntry(**entry_values(
        actor, action, object_type=getattr(obj, "__tablename__", None), object_id=getattr(obj, "id", None),
        label=object_label(obj), meeting_id=getattr(meeting, "id", None), changes=changes, summary=summary,
        token=token,
    ))
    if _waits_for_id(obj) or _waits_for_id(meeting):
        _pending(db.session()).append((entry, obj, meeting))
    else:
        db.session.add(entry)
    return entry
