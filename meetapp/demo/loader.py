"""Loads the demo organisation into the database: ``flask --app wsgi demo``.

The load is a sequence of steps (``STEPS``): units → people → groups → accounts. Every record is found by its
natural key (unit code, person email, group code, account email) and created or brought up to date, so loading
twice changes nothing. Later features append their own steps (meetings, agendas …); each step receives the
``DemoLoad`` holding everything the steps before it loaded, by key.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from werkzeug.security import generate_password_hash

from meetapp.auth.models import SystemRole, User
from meetapp.auth.services import normalize_email
from meetapp.demo.attendance import load_attendance
from meetapp.demo.meeting import load_meetings
from meetapp.demo.minutes import load_minutes
from meetapp.demo.news import load_news
from meetapp.demo.organisation import ACCOUNTS, DEMO_PASSWORD, GROUPS, UNITS
from meetapp.demo.people import demo_people
from meetapp.demo.records import load_records
from meetapp.directory.models import Group, Person, Unit
from meetapp.extensions import db


@dataclass
class DemoLoad:
    """What the steps have loaded so far, by key, and how many records each kind created or changed."""

    units: dict[str, Unit] = field(default_factory=dict)  # by unit code
    people: dict[str, Person] = field(default_factory=dict)  # by DemoPerson.key
    groups: dict[str, Group] = field(default_factory=dict)  # by group code
    users: dict[str, User] = field(default_factory=dict)  # by email
    total: Counter[str] = field(default_factory=Counter)
    created: Counter[str] = field(default_factory=Counter)
    changed: set[tuple[str, int]] = field(default_factory=set)  # (kind, id(record)) of updated records

    def upsert(self, kind: str, existing, model: type, key: dict, values: dict):
        """``existing`` brought up to ``values``, or a new ``model(**key, **values)`` when it is None."""
        self.total[kind] += 1
        if existing is None:
            record = model(**key, **values)
            db.session.add(record)
            self.created[kind] += 1
            return record
        changes = {name: value for name, value in values.items() if getattr(existing, name) != value}
        for name, value in changes.items():
            setattr(existing, name, value)
        if changes:
            self.mark_updated(kind, existing)
        return existing

    def mark_updated(self, kind: str, record) -> None:
        self.changed.add((kind, id(record)))

    def updated(self, kind: str) -> int:
        return sum(1 for changed_kind, _ in self.changed if changed_kind == kind)

    def summary(self) -> str:
        lines = ["Demo data loaded:"]
        for kind, total in self.total.items():
            lines.append(f"  {kind:<10}{total:>5}  ({self.created[kind]} new, {self.updated(kind)} updated)")
        return "\n".join(lines)


def load_units(load: DemoLoad) -> None:
    existing = _by(Unit.code, [spec.code for spec in UNITS])
    for spec in UNITS:
        load.units[spec.code] = load.upsert("units", existing.get(spec.code), Unit, {"code": spec.code}, {
            "name": spec.name, "name_zh": spec.name_zh, "kind": spec.kind,
            "parent": load.units[spec.parent] if spec.parent else None,
        })


def load_people(load: DemoLoad) -> None:
    specs = demo_people()
    existing = _by(Person.email, [spec.email for spec in specs])
    for spec in specs:
        load.people[spec.key] = load.upsert("people", existing.get(spec.email), Person, {"email": spec.email}, {
            "name": spec.name, "name_zh": spec.name_zh, "title": spec.title, "title_zh": spec.title_zh,
            "unit": load.units[spec.unit], "phone": spec.phone,
        })


def load_groups(load: DemoLoad) -> None:
    """Groups and their demo members; members someone added by hand stay."""
    existing = _by(Group.code, [spec.code for spec in GROUPS], selectinload(Group.members))
    members: dict[str, list[Person]] = {spec.code: [] for spec in GROUPS}
    for spec in demo_people():
        for code in spec.groups:
            members[code].append(load.people[spec.key])
    for spec in GROUPS:
        group = load.upsert("groups", existing.get(spec.code), Group, {"code": spec.code}, {
            "name": spec.name, "name_zh": spec.name_zh, "description": spec.description,
        })
        current = set(group.members)
        missing = [person for person in members[spec.code] if person not in current]
        if missing and spec.code in existing:
            load.mark_updated("groups", group)
        group.members.extend(missing)
        load.groups[spec.code] = group


def load_accounts(load: DemoLoad) -> None:
    """The demo accounts, each linked to its person. An account that already exists is left as it is, so a
    changed password or role survives reloading."""
    existing = _by(User.email, account_emails())
    for account in ACCOUNTS:
        person = load.people[account.person]
        email = normalize_email(person.email)
        user = existing.get(email)
        load.total["accounts"] += 1
        if user is None:
            user = User(email=email, name=person.name, person=person, password_hash=demo_password_hash())
            user.roles = account.roles
            db.session.add(user)
            load.created["accounts"] += 1
        load.users[email] = user


@functools.cache
def demo_password_hash() -> str:
    # One scrypt hash (~90 ms) shared by the demo accounts: their password is published anyway.
    return generate_password_hash(DEMO_PASSWORD, method="scrypt")


Step = Callable[[DemoLoad], None]

# The order matters: each step refers to what the ones before it loaded.
STEPS: list[Step] = [
    load_units, load_people, load_groups, load_accounts, load_meetings, load_attendance,
    load_records, load_minutes, load_news,
]


def load_demo() -> DemoLoad:
    """Create or update the demo organisation, its groups and demo accounts in one transaction.

    Records are matched by key and updated; records that are not part of the demo are never touched.
    """
    load = DemoLoad()
    try:
        for step in STEPS:
            step(load)
            db.session.flush()
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return load


def database_is_empty() -> bool:
    """True when there are no units and no accounts: a fresh install that the demo may fill."""
    has_units = db.session.scalar(sa.select(Unit.id).limit(1)) is not None
    has_users = db.session.scalar(sa.select(User.id).limit(1)) is not None
    return not has_units and not has_users


def load_demo_if_empty() -> DemoLoad | None:
    """``load_demo`` on a fresh install; None (and nothing loaded) when the database already has data."""
    return load_demo() if database_is_empty() else None


def account_emails() -> list[str]:
    people = {person.key: person for person in demo_people()}
    return [normalize_email(people[account.person].email) for account in ACCOUNTS]


@dataclass(frozen=True)
class DemoLogin:
    email: str
    name: str
    roles: tuple[SystemRole, ...]
    password: str | None  # None when someone has changed it since the demo was loaded


def demo_logins() -> list[DemoLogin]:
    """The demo accounts present in this database, in the demo's order, with the password they sign in with."""
    users = _by(User.email, account_emails())
    return [
        DemoLogin(
            email=user.email, name=user.name, roles=tuple(sorted(user.roles)),
            password=DEMO_PASSWORD if _has_demo_password(user) else None,
        )
        for email in account_emails()
        if (user := users.get(email)) is not None
    ]


def _has_demo_password(user: User) -> bool:
    return user.password_hash == demo_password_hash() or user.check_password(DEMO_PASSWORD)


def _by(column, keys: list[str], *options) -> dict:
    """The records whose ``column`` is one of ``keys``, keyed by it (one query)."""
    model = column.class_
    rows = db.session.scalars(sa.select(model).where(column.in_(keys)).options(*options))
    return {getattr(row, column.key): row for row in rows}
