"""Who the session cookie says is signed in: the one place that reads Flask-Login's session key and decides whether
it still holds (the account's ``session_token``, rotated by a password change, and its active flag)."""

from __future__ import annotations

from flask import session

SESSION_KEY = "_user_id"  # where Flask-Login keeps the signed-in account's ``get_id()`` in the session


def parse_session_key(value: str | None) -> tuple[int, str] | None:
    """``"<user id>:<session token>"`` (``User.get_id``) as (id, token); None when it is not one."""
    ident, _, token = (value or "").partition(":")
    if not ident.isdigit():
        return None
    return int(ident), token


def session_user_key() -> tuple[int, str] | None:
    """The (user id, token) the current request's session names, without loading the account."""
    return parse_session_key(session.get(SESSION_KEY))


def session_accepts(active: bool, stored_token: str | None, token: str) -> bool:
    """Whether a session naming ``token`` still signs in an account: a changed password or a deactivation rotates
    or stops the token, and older cookies no longer sign in."""
    return bool(active) and stored_token == token
