"""Who works where in the demo organisation: the written-out people plus a generated holder for every post."""

from __future__ import annotations

import functools
import random

from meetapp.demo.names import office_phone, random_name
from meetapp.demo.organisation import EMAIL_DOMAIN, NAMED_PEOPLE, UNITS, DemoPerson, DemoUnit

SEED = "meetapp-demo"


def phone_prefixes(units: tuple[DemoUnit, ...] = UNITS) -> dict[str, str]:
    """Each unit's switchboard prefix, inherited from the nearest ancestor that names one."""
    prefixes: dict[str, str] = {}
    for unit in units:
        prefixes[unit.code] = unit.phone_prefix or prefixes[unit.parent]
    return prefixes


@functools.cache
def demo_people() -> tuple[DemoPerson, ...]:
    """Every person of the demo, always the same ones in the same order.

    Each unit draws from a generator seeded with its own code, so a new unit or post does not rename anyone.
    Emails are ``surname.givenname@``; a repeat gets a number (``li.na2@``) in unit order, which is why new units
    go at the end of ``UNITS``: the email is the key that makes reloading the demo an update, not a duplicate.
    """
    people = list(NAMED_PEOPLE)
    taken = {person.email for person in people}
    prefixes = phone_prefixes()
    for unit in UNITS:
        rng = random.Random(f"{SEED}:{unit.code}")
        for post in unit.posts:
            for _ in range(post.count):
                name = random_name(rng)
                email = _unused_email(name.email_local, taken)
                taken.add(email)
                people.append(DemoPerson(
                    key=email, name=name.en, name_zh=name.zh, title=post.title, title_zh=post.title_zh,
                    unit=unit.code, email=email, phone=office_phone(rng, prefixes[unit.code]), groups=post.groups,
                ))
    return tuple(people)


def _unused_email(local: str, taken: set[str]) -> str:
    email, number = f"{local}@{EMAIL_DOMAIN}", 1
    while email in taken:
        number += 1
        email = f"{local}{number}@{EMAIL_DOMAIN}"
    return email
