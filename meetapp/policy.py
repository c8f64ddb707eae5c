"""Who may do what: the one place meetapp decides access.

Views call ``require`` (decorator) or ``authorize`` (with an object); templates call ``can`` to show or hide links.
A rule takes the user (never anonymous here) and an optional object and answers yes or no.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

from meetapp.auth.models import SystemRole

Rule = Callable[..., bool]


def _any_role(*roles: SystemRole) -> Rule:
    return lambda user, obj=None: user.has_role(*roles)


def _signed_in(user, obj=None) -> bool:
    return True


RULES: dict[str, Rule] = {
    "home.view": _signed_in,
    "account.change_password": _signed_in,
    "directory.view": _signed_in,
    "directory.edit": _any_role(SystemRole.ADMIN, SystemRole.ORGANIZER),
    "directory.import": _any_role(SystemRole.ADMIN, SystemRole.ORGANIZER),
    "accounts.manage": _any_role(SystemRole.ADMIN),
}


def can(action: str, obj=None, user=None) -> bool:
    user = current_user if user is None else user
    if not user or not user.is_authenticated:
        return False
    return RULES[action](user, obj)


def authorize(action: str, obj=None) -> None:
    """Stop the request unless the current user may do ``action``: 401 flow when signed out, 403 otherwise."""
    if not current_user.is_authenticated:
        from meetapp.extensions import login_manager

        abort(login_manager.unauthorized())
    if not can(action, obj):
        abort(403)


def require(action: str):
    """Decorate a view so it runs only for users allowed ``action`` (object-free rules)."""
    if action not in RULES:
        raise KeyError(f"unknown action {action!r}")

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            authorize(action)
            return view(*args, **kwargs)

        wrapped.required_action = action
        return wrapped

    return decorator
