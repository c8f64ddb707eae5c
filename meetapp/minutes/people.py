"""Whom the minutes' forms offer: action-item owners (the people on the meeting's list, and the current owners)
and reviewers (active accounts)."""

from __future__ import annotations

import sqlalchemy as sa
from wtforms import SelectChoice

from meetapp.auth.models import User
from meetapp.directory.models import Person
from meetapp.extensions import db
from meetapp.minutes.models import ActionItem, Minutes
from meetapp.participants.models import Participant


def owner_choices(minutes: Minutes) -> list[SelectChoice]:
    on_list = sa.select(Participant.person_id).where(
        Participant.meeting_id == minutes.meeting_id, Participant.cancelled_at.is_(None)
    )
    owners = sa.select(ActionItem.owner_id).where(ActionItem.minutes_id == minutes.id)
    people = db.session.execute(
        sa.select(Person.id, Person.name, Person.name_zh)
        .where(sa.or_(Person.id.in_(on_list), Person.id.in_(owners)))
        .order_by(Person.name)
    ).all()
    return [SelectChoice("", "—")] + [
        SelectChoice(str(pid), f"{name} {name_zh}" if name_zh else name) for pid, name, name_zh in people
    ]


def reviewer_choices() -> list[SelectChoice]:
    rows = db.session.execute(sa.select(User.id, User.name, User.email).where(User.active).order_by(User.name))
    return [SelectChoice(uid, f"{name} <{email}>") for uid, name, email in rows]


def reviewers_by_id(ids: list[int]) -> list[User]:
    if not ids:
        return []
    return list(db.session.scalars(sa.select(User).where(User.id.in_(ids), User.active)))
