"""Audit trail: who changed what, when, from where, with the fields before → after.

Every service that changes data records it in the same transaction as the change::

    from meetapp.audit import diff, record

    changes = diff(meeting, title=form_title, starts_at=form_start)   # {field: [before, after]}, nothing applied
    meeting.title, meeting.starts_at = form_title, form_start
    record(actor, "meeting.edit", meeting, changes=changes)
    db.session.commit()                                                # the row and the change, together

``record(actor, action, obj=None, *, meeting=None, changes=None, summary=None, token=None) -> AuditEntry``

- ``actor``: the ``User`` who acted, or ``None`` (the system, an anonymous visitor, a personal link's holder).
- ``action``: dotted ``<object>.<verb>``: "meeting.create", "participant.remove", "checkin.undo", "award.create",
  "minutes.approve", "auth.sign_in_failed"…
- ``obj``: the model instance changed (anything with an ``id``); its table name, id and a short label (title, name,
  email… else ``str(obj)``) are stored, so the row reads well after the object is gone. A new object is flushed to
  get its id.
- ``meeting``: the meeting the change belongs to (its History tab lists the row); defaults to ``obj`` when ``obj``
  is a meeting. Stored without a foreign key: deleting the meeting keeps its rows.
- ``changes``: ``{field: [before, after]}``, made JSON-safe (datetimes in ISO form, enums as values, objects as
  labels); ``diff(obj, **new_values)`` builds it for the fields that actually change. When another helper applies
  the change: ``before = snapshot(obj, "title", "starts_at")``, change, then ``changes_since(before, obj)``.
- ``summary``: free text for what fields do not say (the email tried in a failed sign-in, a file's hash…).
- ``token``: the API token used, if any (its id and label are stored; no foreign key).

The audit pages name actions and object types through ``meetapp/audit/labels.py`` (``ACTION_LABELS``,
``OBJECT_TYPE_LABELS``): add yours there; anything not listed shows its code.

IP address and user agent come from the request when there is one (``request.remote_addr``, rewritten by ProxyFix
only when the deployment configures it). ``record`` only adds the row to ``db.session``; the caller commits (or rolls
back, and then there is no row). A hot path that writes its change in one statement takes the row's columns from
``entry_values`` instead and inserts it in that statement (the desk's check-in: ``attendance.checkins``).
Rows are never updated or deleted: the ORM refuses (``AuditLogIsAppendOnly``) and the database refuses on
PostgreSQL (trigger) and updates on SQLite.
"""

from meetapp.audit import guard  # noqa: F401  (installs the append-only guard)
from meetapp.audit.guard import AuditLogIsAppendOnly
from meetapp.audit.recording import changes_since, diff, entry_values, json_safe, object_label, record, snapshot
from meetapp.blueprints import views_on_access

__all__ = [
    "AuditLogIsAppendOnly", "changes_since", "diff", "entry_values", "json_safe", "object_label", "record", "snapshot",
]

__getattr__ = views_on_access(__name__, "views")
