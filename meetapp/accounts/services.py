"""Account administration: create users, change their roles, deactivate and reactivate them."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from meetapp.auth.models import SystemRole, User, UserRole, new_session_token
from meetapp.auth.services import find_user_by_email, normalize_email
from meetapp.errors import DomainError
from meetapp.extensions import db


class DuplicateEmail(DomainError):
    message = _l("An account with this email already exists.")


class NoRoles(DomainError):
    message = _l("Give the account at least one role.")


class LastAdmin(DomainError):
    message = _l("This is the last active administrator; keep at least one.")


def _active_admin_count() -> int:
    return db.session.scalar(
        sa.select(sa.func.count(sa.distinct(User.id)))
        .join(User.role_rows)
        .where(User.active, UserRole.role == SystemRole.ADMIN)
    )


def create_user(
    email: str, name: str, roles: Iterable[SystemRole | str], password: str, person_id: int | None = None
) -> User:
    """Create an active account. Refuses a duplicate email (any case) and an account without roles."""
    roles = {SystemRole(r) for r in roles}
    if not roles:
        raise NoRoles()
    if find_user_by_email(email) is not None:
        raise DuplicateEmail()
    user = User(email=normalize_email(email), name=name.strip(), person_id=person_id)
    user.roles = roles
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def update_user(user: User, *, email: str, name: str, roles: Iterable[SystemRole | str], person_id=None) -> User:
    """Change an account's details and roles. Refuses a taken email and removing the last admin."""
    roles = {SystemRole(r) for r in roles}
    if not roles:
        raise NoRoles()
    other = find_user_by_email(email)
    if other is not None and other.id != user.id:
        raise DuplicateEmail()
    if SystemRole.ADMIN in user.roles and SystemRole.ADMIN not in roles and user.active and _active_admin_count() <= 1:
        raise LastAdmin()
    user.email = normalize_email(email)
    user.name = name.strip()
    user.roles = roles
    user.person_id = person_id
    db.session.commit()
    return user


def set_active(user: User, active: bool) -> User:
    """Deactivate (keeping the account and its history, ending its sessions) or reactivate an account."""
    if not active and user.active and SystemRole.ADMIN in user.roles and _active_admin_count() <= 1:
        raise LastAdmin()
    user.active = active
    if not active:
        user.session_token = new_session_token()
    db.session.commit()
    return user


def set_password(user: User, password: str) -> None:
    """An administrator sets a new password; the user's existing sessions end."""
    user.set_password(password)
    db.session.commit()
