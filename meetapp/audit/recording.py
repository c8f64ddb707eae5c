"""Writing audit rows: ``record`` adds one to the caller's transaction, ``diff`` says which fields a change touches."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from typing import Any

from flask import g, has_request_context, request
from sqlalchemy import inspect as sa_inspect

from meetapp.audit.models import AuditEntry
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
    for field, after in new_values.items():
        before = json_safe(getattr(obj, field))
        after = json_safe(after)
        if before != after:
            changes[field] = [before, after]
    return changes


def snapshot(obj: Any, *fields: str) -> dict[str, Any]:
    """The JSON-safe values of ``fields`` of ``obj`` now, for ``changes_since`` after a change applied elsewhere."""
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


def _id_of(obj: Any) -> int | None:
    if obj is None:
        return None
    if getattr(obj, "id", None) is None and sa_inspect(obj, raiseerr=False) is not None:
        db.session.flush()  # a new object gets its id now, inside the caller's transaction
    return getattr(obj, "id", None)


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
    if token is None and has_request_context():
        token = g.get("api_token")  # set by the API for the request's personal access token (meetapp.api.access)
    actor_id, actor_label = _actor_fields(actor)
    ip_address, user_agent = _client_fields()
    entry = AuditEntry(
        actor_id=actor_id,
        actor_label=actor_label,
        token_id=getattr(token, "id", None),
        token_label=object_label(token),
        action=action,
        object_type=getattr(obj, "__tablename__", None),
        object_id=_id_of(obj),
        object_label=object_label(obj),
        meeting_id=_id_of(meeting),
        changes=json_safe(changes) if changes else None,
        summary=summary[:500] if summary else None,
        ip_address=ip_address,
        user_agent=user_agent,
    )
    db.session.add(entry)
    return entry
