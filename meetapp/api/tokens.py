"""Making, finding and revoking personal access tokens. The secret is random; only its SHA-256 is kept."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from meetapp.api.models import ApiToken, Scope
from meetapp.audit import record
from meetapp.auth.models import User
from meetapp.database import utcnow
from meetapp.errors import DomainError
from meetapp.extensions import db

TOKEN_PREFIX = "mtk_"  # noqa: S105  (a marker that says what the string is, not a secret)
MAX_TOKENS_PER_USER = 50


class NoScope(DomainError):
    message = _l("Choose at least one scope.")


class ExpiryInThePast(DomainError):
    message = _l("The expiry must be in the future.")


class EmptyTokenName(DomainError):
    message = _l("Give the token a name that says where it is used.")


class TooManyTokens(DomainError):
    message = _l("You have too many active tokens; revoke the ones you no longer use.")


class AlreadyRevoked(DomainError):
    message = _l("This token was already revoked.")


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def create_token(user: User, name: str, scopes, expires_at: datetime | None = None) -> NewToken:
    """A new token for ``user`` (acting with the user's permissions, limited to ``scopes``); commits.

    Refuses an empty name, no scope, an expiry in the past and more than 50 active tokens."""
    name = (name or "").strip()
    if not name:
        raise EmptyTokenName()
    wanted = {Scope(s) for s in scopes}
    if not wanted:
        raise NoScope()
    now = utcnow()
    if expires_at is not None and expires_at <= now:
        raise ExpiryInThePast()
    if len(active_tokens(user, now)) >= MAX_TOKENS_PER_USER:
        raise TooManyTokens()
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name[:100], prefix=secret[: len(TOKEN_PREFIX) + 6],
                     secret_hash=hash_secret(secret), expires_at=expires_at)
    token.scopes = wanted
    db.session.add(token)
    db.session.flush()  # the audit row names the token by its id
    record(user, "api_token.create", token, token=token,
           changes={"scopes": [None, sorted(wanted)], "expires_at": [None, expires_at]})
    db.session.commit()
    return NewToken(token, secret)


def active_tokens(user: User, now: datetime | None = None) -> list[ApiToken]:
    now = now or utcnow()
    return [t for t in user_tokens(user) if t.revoked_at is None and (t.expires_at is None or t.expires_at > now)]


def user_tokens(user: User) -> list[ApiToken]:
    """The user's tokens, newest first, revoked and expired ones included."""
    return list(db.session.scalars(
        sa.select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    ))


def find_usable(secret: str) -> ApiToken | None:
    """The token with this secret when it is not revoked, not expired and its user is active; notes the use."""
    secret = (secret or "").strip()
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    token = db.session.scalar(
        sa.select(ApiToken).where(ApiToken.secret_hash == hash_secret(secret)).options(joinedload(ApiToken.user))
    )
    now = utcnow()
    if token is None or not token.is_usable(now):
        return None
    # A write per request would cost more than it tells: the time of use is kept to the minute.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        token.last_used_at = now
        db.session.commit()
    return token


def revoke_token(user: User, token: ApiToken) -> ApiToken:
    """Stop ``token`` working at once; the row stays. Refuses a token already revoked."""
    if token.revoked_at is not None:
        raise AlreadyRevoked()
    token.revoked_at = utcnow()
    record(user, "api_token.revoke", token, token=token)
    db.session.commit()
    return token
