"""Who is calling the API: the personal access token of ``Authorization: Bearer …``, its user and its scopes.

A token acts as its user (``meetapp.policy`` decides, as for the web pages) and only within its scopes; session
cookies are ignored here, so a browser's sign-in never works the API (and CSRF checks are not needed). For the
request, ``current_user`` is the token's user and ``g.api_token`` the token, so services and the audit log see
who acted and through which token.
"""

from __future__ import annotations

from flask import abort, g, request
from flask_login import AnonymousUserMixin

from meetapp import policy
from meetapp.api import tokens
from meetapp.api.models import ApiToken, Scope
from meetapp.extensions import db
from meetapp.meetings.models import Meeting

# Which scope a request method needs; check-ins say so themselves (``needs(Scope.CHECKIN)``).
# The one path that works without a token: getting one.
OPEN_ENDPOINTS = {"api_auth.create_token"}
SCOPE_OF_METHOD = {"GET": Scope.READ, "HEAD": Scope.READ, "OPTIONS": Scope.READ}


def authenticate() -> None:
    """Before every API request: find the token (401 when one is sent but is wrong, expired or revoked)."""
    g.api_token = None
    g._login_user = AnonymousUserMixin()  # Flask-Login's per-request user: never the session cookie's here
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if not scheme:
        if request.endpoint not in OPEN_ENDPOINTS:
            abort(401)  # before the request body is read: no token, no answer about the body either
        return
    token = tokens.find_usable(secret) if scheme.lower() == "bearer" else None
    if token is None:
        abort(401, description="The token is unknown, expired or revoked.")
    g.api_token = token
    g._login_user = token.user


def api_user():
    return g._login_user


def api_token() -> ApiToken | None:
    return g.get("api_token")


def needs(scope: Scope | None = None) -> ApiToken:
    """The request's token, refusing anonymous requests (401) and tokens without ``scope`` (403); ``scope``
    defaults to read for reads and write for changes."""
    token = api_token()
    if token is None:
        abort(401)
    scope = scope or SCOPE_OF_METHOD.get(request.method, Scope.WRITE)
    if not token.has_scope(scope):
        abort(403, description=f"This token lacks the “{scope}” scope.")
    return token


def allow(action: str, obj=None) -> None:
    """403 unless the token's user may do ``action`` (on ``obj``)."""
    if not policy.can(action, obj, user=api_user()):
        abort(403, description="The token's user may not do this.")


def meeting_or_404(meeting_id: int, action: str = "meeting.view", scope: Scope | None = None, options=()) -> Meeting:
    """The meeting for a token with ``scope``: 404 when it does not exist or its user may not see it, 403 when the
    user may see it but not do ``action``."""
    needs(scope)
    meeting = db.session.get(Meeting, meeting_id, options=list(options))
    if meeting is None or not policy.can("meeting.view", meeting, user=api_user()):
        abort(404)
    if action != "meeting.view":
        allow(action, meeting)
    return meeting


def child_or_404(model, object_id: int, meeting: Meeting, meeting_of=lambda obj: obj.meeting_id, options=()):
    """An object of ``meeting`` (session, participant, check-in …) or 404, ids of other meetings included."""
    obj = db.session.get(model, object_id, options=list(options))
    if obj is None or meeting_of(obj) != meeting.id:
        abort(404)
    return obj
