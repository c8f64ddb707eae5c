"""Account administration: create users, change their roles, deactivate and reactivate them."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from meetapp.audit import diff, record
from meetapp.auth.models import SystemRole, User, UserRole, new_session_token
from meetapp.auth.services import find_user_by_email, normalize_email
from meetapp.directory.models import Person
from meetapp.errors import DomainError
from meetapp.extensions import db


class DuplicateEmail(DomainError):
    message = _l("An account with this email already exists.")


class NoRoles(DomainError):
    message = _l("Give the account at least one role.")


class LastAdmin(DomainError):
    message = _l("This is the last active administrator; keep at least one.")


class OwnAccount(DomainError):
    message = _l("You cannot deactivate your own account; ask another administrator.")


class UnknownPerson(DomainError):
    message = _l("Nobody in the directory has this email.")


class PersonTaken(DomainError):
    def __init__(self, other: User):
        super().__init__(_l("This person is already linked to the account %(email)s.", email=other.email))


def _active_admin_count() -> int:
    return db.session.scalar(
        sa.select(sa.func.count(sa.distinct(User.id)))
        .join(User.role_rows)
        .where(User.active, UserRole.role == SystemRole.ADMIN)
    )


def _valid_roles(roles: Iterable[SystemRole | str]) -> set[SystemRole]:
    roles = {SystemRole(r) for r in roles}
    if not roles:
        raise NoRoles()
    return roles


def _person_to_link(person_email: str | None, user: User | None) -> Person | None:
    """The directory person with ``person_email`` (any case), or None when no email is given."""
    if not person_email or not person_email.strip():
        return None
    person = db.session.scalar(sa.select(Person).where(sa.func.lower(Person.email) == normalize_email(person_email)))
    if person is None:
        raise UnknownPerson()
    other = db.session.scalar(sa.select(User).where(User.person_id == person.id))
    if other is not None and other is not user:
        raise PersonTaken(other)
    return person


def find_accounts(*, text: str = "", role: SystemRole | str | None = None, active: bool | None = None) -> sa.Select:
    """Accounts whose name or email contains ``text``, optionally with ``role`` and in the ``active`` state,
    by name; roles and the linked person (with unit) load with the page, not per row."""
    query = (
        sa.select(User)
        .options(joinedload(User.person).joinedload(Person.unit))
        .order_by(sa.func.lower(User.name), User.id)
    )
    if text := text.strip():
        text = text.lower()
        query = query.where(
            sa.or_(sa.func.lower(User.name).contains(text, autoescape=True), User.email.contains(text, autoescape=True))
        )
    if role:
        query = query.where(User.role_rows.any(UserRole.role == SystemRole(role)))
    if active is not None:
        query = query.where(User.active.is_(active))
    return query


def create_user(
    email: str,
    name: str,
    roles: Iterable[SystemRole | str],
    password: str,
    person_email: str | None = None,
    *,
    actor: User | None = None,
) -> User:
    """Create an active account, optionally linked to the directory person with ``person_email``.

    Refuses a duplicate email (any case), an account without roles, an unknown person and a person who
    already has an account.
    """
    roles = _valid_roles(roles)
    if find_user_by_email(email) is not None:
        raise DuplicateEmail()
    person = _person_to_link(person_email, None)
    user = User(email=normalize_email(email), name=name.strip(), person=person)
    user.roles = roles
    user.set_password(password)
    db.session.add(user)
    record(
        actor,
        "account.create",
        user,
        changes={
            "email": [None, user.email],
            "name": [None, user.name],
            "roles": [None, sorted(roles)],
            "person": [None, person],
        },
    )
    db.session.commit()
    return user


def update_user(
    user: User,
    *,
    email: str,
    name: str,
    roles: Iterable[SystemRole | str],
    person_email: str | None = None,
    actor: User | None = None,
) -> User:
    """Change an account's details, roles and directory link.

    Refuses a taken email, no roles, taking the admin role from the last active administrator, an unknown
    person and a person linked to another account.
    """
    roles = _valid_roles(roles)
    other = find_user_by_email(email)
    if other is not None and other.id != user.id:
        raise DuplicateEmail()
    if SystemRole.ADMIN in user.roles and SystemRole.ADMIN not in roles and user.active and _active_admin_count() <= 1:
        raise LastAdmin()
    person = _person_to_link(person_email, user)
    changes = diff(user, email=normalize_email(email), name=name.strip(), roles=roles, person=person)
    user.email = normalize_email(email)
    user.name = name.strip()
    user.roles = roles
    user.person = person
    if changes:
        record(actor, "account.edit", user, changes=changes)
    db.session.commit()
    return user


def set_active(user: User, active: bool, actor: User | None = None) -> User:
    """Deactivate (keeping the account and its history, ending its sessions) or reactivate an account.

    Refuses deactivating the last active administrator, and an administrator deactivating their own account.
    """
    if not active and user.active:
        if actor is not None and actor.id == user.id:
            raise OwnAccount()
        if SystemRole.ADMIN in user.roles and _active_admin_count() <= 1:
            raise LastAdmin()
        user.session_token = new_session_token()
    if user.active != active:
        action = "account.reactivate" if active else "account.deactivate"
        record(actor, action, user, changes={"active": [user.active, active]})
    user.active = active
    db.session.commit()
    return user


def set_password(user: User, password: str, *, actor: User | None = None) -> None:
    """An administrator sets a new password; the user's existing sessions end."""
    user.set_password(password)
    record(actor, "account.set_password", user)
    db.session.commit()
