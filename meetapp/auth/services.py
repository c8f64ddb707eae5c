"""Sign-in and password operations."""

from __future__ import annotations

import functools

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash

from meetapp.audit import record
from meetapp.auth.models import User
from meetapp.database import utcnow
from meetapp.errors import DomainError
from meetapp.extensions import db


@functools.cache
def _dummy_hash() -> str:
    # Checked when no account matches, so a wrong email costs as much time as a wrong password.
    return generate_password_hash("not-a-password", method="scrypt")


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalize_email(email)))


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None; never says which part was wrong. Both outcomes go
    into the audit log (a failure with the email tried)."""
    user = find_user_by_email(email)
    if user is None:
        check_password_hash(_dummy_hash(), password)
    if user is None or not user.check_password(password) or not user.active:
        record(None, "auth.sign_in_failed", user, summary=email.strip()[:254])
        db.session.commit()
        return None
    user.last_login_at = utcnow()
    record(user, "auth.sign_in", user)
    db.session.commit()
    return user


def sign_out(user: User) -> None:
    """Note the sign-out in the audit log (the view ends the session)."""
    record(user, "auth.sign_out", user)
    db.session.commit()


class WrongPassword(DomainError):
    message = _l("Your current password is not correct.")


def change_password(user: User, current: str, new: str) -> None:
    """Set a new password after checking the current one; every other session of the user ends."""
    if not user.check_password(current):
        raise WrongPassword()
    user.set_password(new)
    record(user, "account.change_password", user)
    db.session.commit()


def set_preferred_locale(user: User, locale: str) -> None:
    """Remember the UI language on the account, so it follows the user to every browser."""
    user.locale = locale
    db.session.commit()
