"""Validating an import: a plan of what each row would do (new / update / unchanged) and every error found.

``plan_units`` / ``plan_people`` check each row against the rest of the file and the database. The preview and
the confirmed import (``services.import_units`` / ``import_people``) run the very same plan, so what was
previewed is what gets applied.
"""

from __future__ import annotations

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload, selectinload

from meetapp.csv_import import (  # noqa: F401  (the plan's vocabulary, as before)
    ACTION_LABELS,
    Action,
    ImportPlan,
    PlannedRow,
    RowError,
    start_plan,
)
from meetapp.csv_import import first_rows as _first_rows
from meetapp.directory.imports import FORMATS, GROUP_SEPARATOR, CsvTable
from meetapp.directory.models import Group, Person, Unit, UnitKind
from meetapp.extensions import db


def _start_plan(table: CsvTable) -> ImportPlan:
    return start_plan(table, FORMATS[table.kind])


def _settle(row: PlannedRow, current: dict[str, object], wanted: dict[str, object], shown: dict[str, str]) -> None:
    """Set the row's action from the record's current values (``shown`` as text) against the wanted ones."""
    if row.action is Action.ERROR:
        return
    if row.target is None:
        row.action = Action.NEW
        return
    row.changes = {column: shown[column] for column in wanted if wanted[column] != current[column]}
    row.action = Action.UPDATE if row.changes else Action.UNCHANGED


def _kind(value: str) -> UnitKind | None:
    if not value:
        return UnitKind.OTHER
    try:
        return UnitKind(value.strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        return None


def plan_units(table: CsvTable) -> ImportPlan:
    """What importing a units table would do, row by row, with every error: missing code or name, a code
    repeated in the file, an unknown kind, an unknown parent code, a unit its own parent, a parent cycle."""
    plan = _start_plan(table)
    units = list(db.session.scalars(sa.select(Unit)))
    by_id = {u.id: u for u in units}
    plan.existing = {u.code: u for u in units}
    _first_rows(plan, "code")
    in_file = {row.values["code"] for row in plan.rows if row.values.get("code")}
    # Where every unit will hang once the file is applied, to find the cycles it would make.
    parent_of = {u.code: by_id[u.parent_id].code if u.parent_id in by_id else None for u in units}
    for row in plan.rows:
        if "parent_code" in row.values and row.values.get("code"):
            parent_of[row.values["code"]] = row.values["parent_code"] or None

    for row in plan.rows:
        code = row.key = row.values.get("code") or None
        row.target = plan.existing.get(code)
        if "kind" in row.values:
            kind = _kind(row.values["kind"])
            if kind is None:
                plan.error(row, "kind", _l("Unknown kind “%(value)s”; use one of: %(kinds)s.",
                                           value=row.values["kind"], kinds=", ".join(k.value for k in UnitKind)))
            row.fields["kind"] = kind
        for name in ("name", "name_zh"):
            if name in row.values:
                row.fields[name] = row.values[name] or None
        parent_code = row.values.get("parent_code")
        if parent_code:
            if parent_code == code:
                plan.error(row, "parent_code", _l("A unit cannot be its own parent."))
            elif parent_code not in plan.existing and parent_code not in in_file:
                plan.error(row, "parent_code", _l("Unknown parent unit code “%(code)s”.", code=parent_code))
            elif code and (cycle := _cycle(code, parent_of)):
                plan.error(row, "parent_code", _l("This parent would make a cycle: %(path)s.",
                                                  path=" → ".join(cycle)))
        _settle_unit(row, by_id)
    return plan


def _settle_unit(row: PlannedRow, by_id: dict[int, Unit]) -> None:
    unit: Unit | None = row.target
    if unit is None:
        _settle(row, {}, {}, {})
        return
    current = {
        "name": unit.name, "name_zh": unit.name_zh, "kind": unit.kind,
        "parent_code": by_id[unit.parent_id].code if unit.parent_id in by_id else None,
    }
    wanted = dict(row.fields)
    if "parent_code" in row.values:
        wanted["parent_code"] = row.values["parent_code"] or None
    _settle(row, current, wanted, {k: "" if v is None else str(v) for k, v in current.items()})


def _cycle(code: str, parent_of: dict[str, str | None]) -> list[str] | None:
    """The loop ``code → parent → … → code`` if following parents comes back to ``code``."""
    path = [code]
    current = parent_of.get(code)
    while current is not None and current not in path:
        path.append(current)
        current = parent_of.get(current)
    return [*path, code] if current == code else None


def _email(value: str) -> str | None:
    try:
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


def plan_people(table: CsvTable) -> ImportPlan:
    """What importing a people table would do, row by row, with every error: missing name, a bad email, an
    email repeated in the file, an unknown unit code, an unknown group code."""
    plan = _start_plan(table)
    _first_rows(plan, "email", key=lambda v: _email(v) or v.lower())
    emails = {_email(row.values["email"]) for row in plan.rows if row.values.get("email")} - {None}
    unit_codes = {row.values["unit_code"] for row in plan.rows if row.values.get("unit_code")}
    group_codes = {code for row in plan.rows for code in _split_groups(row.values.get("groups"))}
    people = db.session.scalars(
        sa.select(Person)
        .where(sa.func.lower(Person.email).in_(emails))
        .options(joinedload(Person.unit), selectinload(Person.groups))
    ) if emails else []
    by_email = {p.email.lower(): p for p in people}
    units = {u.code: u for u in db.session.scalars(sa.select(Unit).where(Unit.code.in_(unit_codes)))}
    groups = {g.code: g for g in db.session.scalars(sa.select(Group).where(Group.code.in_(group_codes)))}

    for row in plan.rows:
        values = row.values
        for name in ("name", "name_zh", "title", "title_zh", "phone"):
            if name in values:
                row.fields[name] = values[name] or None
        if values.get("email"):
            email = _email(values["email"])
            if email is None:
                plan.error(row, "email", _l("“%(value)s” is not a valid email address.", value=values["email"]))
            row.key = email or values["email"].lower()
            row.target = by_email.get(row.key)
            row.fields["email"] = row.key
        elif "email" in values:
            row.fields["email"] = None
        if "unit_code" in values:
            code = values["unit_code"]
            if code and code not in units:
                plan.error(row, "unit_code", _l("Unknown unit code “%(code)s”.", code=code))
            row.fields["unit"] = units.get(code)
        if "groups" in values:
            unknown = [code for code in _split_groups(values["groups"]) if code not in groups]
            for code in unknown:
                plan.error(row, "groups", _l("Unknown group code “%(code)s”.", code=code))
            row.fields["groups"] = sorted({groups[c] for c in _split_groups(values["groups"]) if c in groups},
                                          key=lambda g: g.name)
        _settle_person(row)
    return plan


def _settle_person(row: PlannedRow) -> None:
    person: Person | None = row.target
    if person is None:
        _settle(row, {}, {}, {})
        return
    current = {
        "name": person.name, "name_zh": person.name_zh, "title": person.title, "title_zh": person.title_zh,
        "phone": person.phone, "email": (person.email or "").lower(), "unit": person.unit,
        "groups": {g.id for g in person.groups},
    }
    wanted = {k: v for k, v in row.fields.items() if k != "groups"}
    if "groups" in row.fields:
        wanted["groups"] = {g.id for g in row.fields["groups"]}
    shown = {k: "" if v is None else str(v) for k, v in current.items()}
    shown["unit"] = person.unit.code if person.unit else ""
    shown["groups"] = GROUP_SEPARATOR.join(sorted(g.code for g in person.groups))
    _settle(row, current, wanted, shown)
    # The preview marks changes by CSV column.
    row.changes = {{"unit": "unit_code"}.get(k, k): v for k, v in row.changes.items()}


def _split_groups(value: str | None) -> list[str]:
    return [code.strip() for code in (value or "").split(GROUP_SEPARATOR) if code.strip()]


PLANNERS = {"units": plan_units, "people": plan_people}
