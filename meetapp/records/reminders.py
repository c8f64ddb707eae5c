"""Reminders before milestones fall due, through the mail outbox.

``queue_milestone_reminders(now)`` is safe to run as often as anyone likes (a periodic job, the
``flask records-reminders`` command): each reminder has an outbox ``dedupe_key`` naming the milestone, its due
date, the reminder's lead time and the recipient, so it is queued once; a moved due date arms new reminders.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload

from meetapp.auth.models import User
from meetapp.directory.models import Person
from meetapp.extensions import db
from meetapp.mail.outbox import Draft, queue_messages
from meetapp.records.models import Milestone, Statement, StatementStatus
from meetapp.records.statements import records_today

# Days before the due date that a reminder goes out; when a run misses a day, the nearest one still due is sent.
LEAD_DAYS = (14, 3)


def _lead(days_left: int) -> int | None:
    """The reminder due with ``days_left`` days to go: the shortest lead time not yet passed, else None."""
    if days_left < 0:
        return None
    matching = [lead for lead in LEAD_DAYS if days_left <= lead]
    return min(matching) if matching else None


def _recipients(statement: Statement, accounts_by_unit: dict[int, list[User]]) -> dict[str, tuple[str, str | None]]:
    """email → (name, locale): the unit-side signatory and the accounts of the unit's people (who update it)."""
    found: dict[str, tuple[str, str | None]] = {}
    for user in accounts_by_unit.get(statement.unit_id, []):
        found[user.email.lower()] = (user.name, user.locale)
    head = statement.second_signatory
    if head.email and head.email.lower() not in found:
        found[head.email.lower()] = (head.name, None)
    return found


def _draft(milestone: Milestone, lead: int, email: str, name: str, locale: str | None) -> Draft:
    statement = milestone.statement
    with force_locale(locale or current_app.config.get("BABEL_DEFAULT_LOCALE", "en")):
        loc = locale or "en"
        subject = _("Milestone due on %(date)s: %(title)s", date=milestone.due_date.isoformat(),
                    title=milestone.title)
        body = _(
            "Dear %(name)s,\n\nThe milestone “%(title)s” of the responsibility statement “%(task)s” (%(unit)s, "
            "%(batch)s) is due on %(date)s and is not marked done yet.\n\nWhen it is done, mark it done and note the "
            "progress on the statement's page in meetapp.",
            name=name, title=milestone.title, task=statement.display_task(loc), unit=statement.unit.display_name(loc),
            batch=statement.batch.display_name(loc), date=milestone.due_date.isoformat(),
        )
    key = f"milestone-reminder:{milestone.id}:{milestone.due_date.isoformat()}:{lead}:{email}"
    return Draft(to_email=email, to_name=name, subject=subject, body_text=body, dedupe_key=key)


def queue_milestone_reminders(now: datetime) -> int:
    """Queue a reminder for every open milestone of a signed or in-progress statement that falls due within the
    longest lead time (``LEAD_DAYS``) of the organisation's day at ``now``; commit and answer how many were
    queued. Reminders queued before are not queued again."""
    today = records_today(now)
    horizon = today + timedelta(days=max(LEAD_DAYS))
    milestones = db.session.scalars(
        sa.select(Milestone)
        .join(Milestone.statement)
        .where(
            Milestone.done_on.is_(None),
            Milestone.due_date >= today,
            Milestone.due_date <= horizon,
            Statement.status.in_([StatementStatus.SIGNED, StatementStatus.IN_PROGRESS]),
        )
        .options(joinedload(Milestone.statement).options(
            joinedload(Statement.unit), joinedload(Statement.batch), joinedload(Statement.second_signatory),
        ))
        .order_by(Milestone.due_date, Milestone.id)
    ).all()
    if not milestones:
        return 0
    unit_ids = {m.statement.unit_id for m in milestones}
    accounts = db.session.scalars(
        sa.select(User).join(Person, User.person_id == Person.id)
        .where(Person.unit_id.in_(unit_ids), User.active.is_(True))
        .options(joinedload(User.person), selectinload(User.role_rows))
        .order_by(User.id)
    ).all()
    accounts_by_unit: dict[int, list[User]] = {}
    for user in accounts:
        accounts_by_unit.setdefault(user.person.unit_id, []).append(user)
    drafts = []
    for milestone in milestones:
        lead = _lead((milestone.due_date - today).days)
        if lead is None:
            continue
        for email, (name, locale) in _recipients(milestone.statement, accounts_by_unit).items():
            drafts.append(_draft(milestone, lead, email, name, locale))
    queued = queue_messages(drafts)
    db.session.commit()
    return len(queued)
