"""Naming people and units in forms and CSV files: a person by email, a unit by code, several separated by
semicolons. ``References`` looks all of them up in two queries and answers what each name stands for."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from meetapp.directory.models import Person, Unit
from meetapp.extensions import db

SEPARATOR = ";"


def split_refs(value: str | None) -> list[str]:
    """The names in a semicolon-separated cell, stripped, empty ones dropped, each once, in order."""
    return list(dict.fromkeys(part.strip() for part in (value or "").split(SEPARATOR) if part.strip()))


def email_key(email: str) -> str:
    return email.strip().lower()


class References:
    """The people (by lower-case email) and units (by code) named by ``emails`` and ``codes``."""

    def __init__(self, emails: Iterable[str] = (), codes: Iterable[str] = ()):
        emails = {email_key(e) for e in emails if e}
        codes = {c for c in codes if c}
        self.people: dict[str, Person] = {}
        self.units: dict[str, Unit] = {}
        if emails:
            people = db.session.scalars(
                sa.select(Person).where(sa.func.lower(Person.email).in_(emails)).options(joinedload(Person.unit))
            )
            self.people = {p.email.lower(): p for p in people}
        if codes:
            self.units = {u.code: u for u in db.session.scalars(sa.select(Unit).where(Unit.code.in_(codes)))}

    def person(self, email: str | None) -> Person | None:
        return self.people.get(email_key(email)) if email else None

    def unit(self, code: str | None) -> Unit | None:
        return self.units.get(code.strip()) if code else None
