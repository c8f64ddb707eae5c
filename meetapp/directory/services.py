"""Directory operations: the one place people, units, groups and memberships change.

Each function validates, changes, commits once and raises a ``DomainError`` subclass when it refuses.
The CSV imports run the same parse (``imports``) → validate (``import_plans``) → apply pipeline as the preview.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from meetapp.audit import changes_since, record, snapshot
from meetapp.directory import import_plans, imports, queries
from meetapp.directory.models import Group, Person, Unit, UnitKind
from meetapp.errors import DomainError
from meetapp.extensions import db

log = logging.getLogger("meetapp.directory")


class DuplicatePersonEmail(DomainError):
    message = _l("Another person in the directory already has this email address.")


class DuplicateUnitCode(DomainError):
    message = _l("Another unit already has this code.")


class UnitCycle(DomainError):
    message = _l("A unit cannot be placed under itself or under one of its own sub-units.")


class DuplicateGroupCode(DomainError):
    message = _l("Another group already has this code.")


class ImportRefused(DomainError):
    """The file has errors (``plan`` lists them) or the directory changed underneath it; nothing was applied."""

    message = _l("The file has errors; nothing was imported.")

    def __init__(self, plan: import_plans.ImportPlan, message=None):
        super().__init__(message)
        self.plan = plan


def _blank_to_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def normalize_email(email: str | None) -> str | None:
    email = _blank_to_none(email)
    return email.lower() if email else None


def _commit_or(refusal: type[DomainError]) -> None:
    """Commit; a unique constraint that fires anyway (a concurrent save took the value) becomes ``refusal``."""
    try:
        db.session.commit()
    except sa.exc.IntegrityError:
        db.session.rollback()
        raise refusal()


# --- people ----------------------------------------------------------------------------------------


def _check_person_email(email: str | None, person: Person | None) -> None:
    if email is None:
        return
    query = sa.select(Person.id).where(sa.func.lower(Person.email) == email)
    if person is not None and person.id is not None:
        query = query.where(Person.id != person.id)
    if db.session.scalar(query.limit(1)) is not None:
        raise DuplicatePersonEmail()


# What the audit log compares before and after a directory entry is saved.
PERSON_FIELDS = ("name", "name_zh", "title", "title_zh", "unit", "email", "phone", "groups")
UNIT_FIELDS = ("code", "name", "name_zh", "kind", "parent")
GROUP_FIELDS = ("code", "name", "name_zh", "description")


def _record_saved(actor, action: str, obj, before: dict) -> None:
    if changes := changes_since(before, obj):
        record(actor, action, obj, changes=changes)


def _set_person_fields(person: Person, *, name, name_zh, title, title_zh, unit, email, phone, groups) -> None:
    email = normalize_email(email)
    _check_person_email(email, person)
    person.name = name.strip()
    person.name_zh = _blank_to_none(name_zh)
    person.title = _blank_to_none(title)
    person.title_zh = _blank_to_none(title_zh)
    person.unit = unit
    person.email = email
    person.phone = _blank_to_none(phone)
    if groups is not None:
        person.groups = sorted(set(groups), key=lambda g: g.name)


def create_person(actor, *, name: str, name_zh=None, title=None, title_zh=None, unit: Unit | None = None,
                  email=None, phone=None, groups: Iterable[Group] | None = None) -> Person:
    """Add a person (who need not have an account). Refuses an email another person already has (any case)."""
    person = Person()
    _set_person_fields(person, name=name, name_zh=name_zh, title=title, title_zh=title_zh, unit=unit,
                       email=email, phone=phone, groups=groups)
    db.session.add(person)
    _record_saved(actor, "person.create", person, dict.fromkeys(PERSON_FIELDS))
    _commit_or(DuplicatePersonEmail)
    log.info("%s created person %s (%s)", actor.email, person.id, person.name)
    return person


def update_person(actor, person: Person, *, name: str, name_zh=None, title=None, title_zh=None,
                  unit: Unit | None = None, email=None, phone=None, groups: Iterable[Group] | None = None) -> Person:
    """Change a person's details (and groups, when given). Refuses an email another person already has."""
    before = snapshot(person, *PERSON_FIELDS)
    _set_person_fields(person, name=name, name_zh=name_zh, title=title, title_zh=title_zh, unit=unit,
                       email=email, phone=phone, groups=groups)
    _record_saved(actor, "person.edit", person, before)
    _commit_or(DuplicatePersonEmail)
    log.info("%s updated person %s", actor.email, person.id)
    return person


# --- units -----------------------------------------------------------------------------------------


def _check_unit_code(code: str, unit: Unit | None) -> None:
    query = sa.select(Unit.id).where(Unit.code == code)
    if unit is not None and unit.id is not None:
        query = query.where(Unit.id != unit.id)
    if db.session.scalar(query.limit(1)) is not None:
        raise DuplicateUnitCode()


def _set_unit_fields(unit: Unit, *, code, name, name_zh, kind, parent) -> None:
    code = code.strip()
    _check_unit_code(code, unit)
    if parent is not None and unit.id is not None and queries.is_in_subtree(parent.id, unit.id):
        raise UnitCycle()
    unit.code = code
    unit.name = name.strip()
    unit.name_zh = _blank_to_none(name_zh)
    unit.kind = UnitKind(kind)
    unit.parent = parent


def create_unit(actor, *, code: str, name: str, name_zh=None, kind=UnitKind.OTHER, parent: Unit | None = None) -> Unit:
    """Add a unit under ``parent`` (or at the top). Refuses a code another unit has."""
    unit = Unit()
    _set_unit_fields(unit, code=code, name=name, name_zh=name_zh, kind=kind, parent=parent)
    db.session.add(unit)
    _record_saved(actor, "unit.create", unit, dict.fromkeys(UNIT_FIELDS))
    _commit_or(DuplicateUnitCode)
    log.info("%s created unit %s", actor.email, unit.code)
    return unit


def update_unit(actor, unit: Unit, *, code: str, name: str, name_zh=None, kind=UnitKind.OTHER,
                parent: Unit | None = None) -> Unit:
    """Change a unit, possibly moving it. Refuses a taken code and a parent that is the unit or lies below it."""
    before = snapshot(unit, *UNIT_FIELDS)
    _set_unit_fields(unit, code=code, name=name, name_zh=name_zh, kind=kind, parent=parent)
    _record_saved(actor, "unit.edit", unit, before)
    _commit_or(DuplicateUnitCode)
    log.info("%s updated unit %s", actor.email, unit.code)
    return unit


# --- groups ----------------------------------------------------------------------------------------


def _set_group_fields(group: Group, *, code, name, name_zh, description) -> None:
    code = code.strip()
    query = sa.select(Group.id).where(Group.code == code)
    if group.id is not None:
        query = query.where(Group.id != group.id)
    if db.session.scalar(query.limit(1)) is not None:
        raise DuplicateGroupCode()
    group.code = code
    group.name = name.strip()
    group.name_zh = _blank_to_none(name_zh)
    group.description = _blank_to_none(description)


def create_group(actor, *, code: str, name: str, name_zh=None, description=None) -> Group:
    """Add a named group of people. Refuses a code another group has."""
    group = Group()
    _set_group_fields(group, code=code, name=name, name_zh=name_zh, description=description)
    db.session.add(group)
    _record_saved(actor, "group.create", group, dict.fromkeys(GROUP_FIELDS))
    _commit_or(DuplicateGroupCode)
    log.info("%s created group %s", actor.email, group.code)
    return group


def update_group(actor, group: Group, *, code: str, name: str, name_zh=None, description=None) -> Group:
    """Change a group's code, names or description. Refuses a code another group has."""
    before = snapshot(group, *GROUP_FIELDS)
    _set_group_fields(group, code=code, name=name, name_zh=name_zh, description=description)
    _record_saved(actor, "group.edit", group, before)
    _commit_or(DuplicateGroupCode)
    log.info("%s updated group %s", actor.email, group.code)
    return group


def add_members(actor, group: Group, people: Iterable[Person]) -> int:
    """Add ``people`` to ``group``; those already in it are skipped. Returns how many joined."""
    current = {p.id for p in group.members}
    joining = [p for p in people if p.id not in current]
    group.members.extend(joining)
    if joining:
        record(actor, "group.add_members", group, changes={"members": [None, [p.name for p in joining]]})
    db.session.commit()
    log.info("%s added %d members to group %s", actor.email, len(joining), group.code)
    return len(joining)


def remove_member(actor, group: Group, person: Person) -> bool:
    """Take ``person`` out of ``group``. Returns False (and changes nothing) when they were not a member."""
    if person not in group.members:
        return False
    group.members.remove(person)
    record(actor, "group.remove_member", group, changes={"members": [person.name, None]})
    db.session.commit()
    log.info("%s removed person %s from group %s", actor.email, person.id, group.code)
    return True


# --- CSV imports -----------------------------------------------------------------------------------


def _commit_import(actor, plan: import_plans.ImportPlan) -> import_plans.ImportPlan:
    record(actor, f"directory.import_{plan.kind}", changes={key: [None, n] for key, n in dict(plan.counts).items()})
    try:
        db.session.commit()
    except sa.exc.IntegrityError:
        # Someone changed the directory between validation and commit (a code or email was just taken).
        db.session.rollback()
        raise ImportRefused(plan, _l("The directory changed while importing; nothing was imported. "
                                     "Upload the file again to see the current preview."))
    log.info("%s imported %s: %s", actor.email, plan.kind, dict(plan.counts))
    return plan


def import_units(actor, table: imports.CsvTable) -> import_plans.ImportPlan:
    """Create or update units (matched by code) from a parsed units CSV, all or nothing.

    Refuses, changing nothing, when validation finds any error (the same ``plan_units`` the preview shows).
    """
    plan = import_plans.plan_units(table)
    if plan.errors:
        raise ImportRefused(plan)
    by_code = dict(plan.existing)
    for row in plan.rows:
        unit = row.target
        if unit is None:
            unit = Unit(code=row.key)
            db.session.add(unit)
            by_code[row.key] = unit
        for name, value in row.fields.items():
            setattr(unit, name, value)
    # Parents last: a row may name a parent that a later row creates.
    for row in plan.rows:
        if "parent_code" in row.values:
            parent_code = row.values["parent_code"]
            by_code[row.key].parent = by_code[parent_code] if parent_code else None
    return _commit_import(actor, plan)


def import_people(actor, table: imports.CsvTable) -> import_plans.ImportPlan:
    """Create people, or update those whose email matches, from a parsed people CSV, all or nothing.

    Rows without an email always create a person. Refuses, changing nothing, when validation finds any error.
    """
    plan = import_plans.plan_people(table)
    if plan.errors:
        raise ImportRefused(plan)
    for row in plan.rows:
        person = row.target
        if person is None:
            person = Person()
            db.session.add(person)
        for name, value in row.fields.items():
            setattr(person, name, value)
    return _commit_import(actor, plan)


IMPORTERS = {"units": import_units, "people": import_people}
