"""Queueing mail: rows in ``outbox_messages`` written in the caller's transaction, never sent from a request."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa

from meetapp.extensions import db
from meetapp.mail.models import OutboxAttachment, OutboxMessage


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str  # a full MIME type with parameters, e.g. "text/calendar; method=REQUEST; charset=UTF-8"
    content: bytes


@dataclass
class Draft:
    """One message to queue. ``dedupe_key`` names what it is about (e.g. "invitation:12:0"): a key already in the
    outbox is not queued again, so repeating an action never mails twice."""

    to_email: str
    subject: str
    body_text: str
    body_html: str | None = None
    to_name: str | None = None
    dedupe_key: str | None = None
    attachments: list[Attachment] = field(default_factory=list)


def queued_keys(keys: Iterable[str]) -> set[str]:
    """Which of ``keys`` are already in the outbox (one query; includes rows added but not yet committed)."""
    keys = list(dict.fromkeys(k for k in keys if k))
    if not keys:
        return set()
    return set(db.session.scalars(sa.select(OutboxMessage.dedupe_key).where(OutboxMessage.dedupe_key.in_(keys))))


def queue_messages(drafts: Iterable[Draft]) -> list[OutboxMessage]:
    """Add the drafts to the session as pending messages and flush; the caller commits them with its change.

    Drafts whose ``dedupe_key`` is already queued (earlier, or twice in ``drafts``) are skipped; the messages
    actually queued are returned.
    """
    drafts = list(drafts)
    seen = queued_keys(d.dedupe_key for d in drafts)
    messages = []
    for draft in drafts:
        if draft.dedupe_key:
            if draft.dedupe_key in seen:
                continue
            seen.add(draft.dedupe_key)
        message = OutboxMessage(
            to_email=draft.to_email,
            to_name=draft.to_name,
            subject=draft.subject,
            body_text=draft.body_text,
            body_html=draft.body_html,
            dedupe_key=draft.dedupe_key,
            attachments=[
                OutboxAttachment(filename=a.filename, content_type=a.content_type, content=a.content)
                for a in draft.attachments
            ],
        )
        db.session.add(message)
        messages.append(message)
    db.session.flush()
    return messages


def queue_message(**fields) -> OutboxMessage | None:
    """Queue one message built from ``Draft``'s fields (see ``queue_messages``); None when its ``dedupe_key`` was
    queued before."""
    queued = queue_messages([Draft(**fields)])
    return queued[0] if queued else None
