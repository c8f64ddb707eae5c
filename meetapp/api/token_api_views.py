"""/api/v1/auth/tokens and /api/v1/me: getting a token with e-mail and password, listing and revoking one's own."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, current_app, request

from meetapp.api import access, tokens
from meetapp.api.models import ApiToken
from meetapp.api.resources import api_blueprint, errors
from meetapp.api.schemas import MeSchema, NewTokenSchema, TokenRequestSchema, TokenSchema
from meetapp.auth import services as auth_services
from meetapp.extensions import db, limiter

blp = api_blueprint("api_auth", "Personal access tokens and the token's own account.")


def _token_limit() -> str:
    return current_app.config.get("RATELIMIT_API_TOKENS", "10 per minute")


def _token_account_key() -> str:
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) and isinstance(body.get("email"), str) else ""
    return "api-token:" + auth_services.normalize_email(email)


@blp.post("/auth/tokens")
@limiter.limit(_token_limit)
@limiter.limit(_token_limit, key_func=_token_account_key)
@blp.arguments(TokenRequestSchema)
@blp.response(201, NewTokenSchema)
@errors(blp, 401, 422, 429)
def create_token(args):
    """Get a token with e-mail and password (the token is shown once). Rate-limited per address and account."""
    user = auth_services.authenticate(args["email"], args["password"])
    if user is None:
        abort(401, description="Wrong e-mail or password, or the account is deactivated.")
    made = tokens.create_token(user, args["name"], args["scopes"], args["expires_at"])
    return _with_secret(made)


def _with_secret(made: tokens.NewToken) -> dict:
    fields = ("id", "name", "prefix", "scopes", "created_at", "expires_at", "last_used_at", "revoked_at")
    return {**{name: getattr(made.token, name) for name in fields}, "token": made.secret}


@blp.get("/auth/tokens")
@blp.response(200, TokenSchema(many=True))
@errors(blp, 401, 403)
def list_tokens():
    """The tokens of the token's user, revoked and expired ones included."""
    access.needs()
    return tokens.user_tokens(access.api_user())


@blp.delete("/auth/tokens/<int(max=2147483647):token_id>")
@blp.response(200, TokenSchema)
@errors(blp, 401, 403, 404, 409)
def revoke_token(token_id: int):
    """Revoke one of the user's tokens (this one included); it stops working at once. Any scope may."""
    if access.api_token() is None:
        abort(401)
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.id == token_id,
                                                        ApiToken.user_id == access.api_user().id))
    if token is None:
        abort(404)
    return tokens.revoke_token(access.api_user(), token)


@blp.get("/me")
@blp.response(200, MeSchema)
@errors(blp, 401, 403)
def me():
    """The token's user and the token itself (any scope may ask)."""
    token = access.api_token()
    if token is None:
        abort(401)
    user = access.api_user()
    return {"id": user.id, "email": user.email, "name": user.name, "roles": sorted(user.roles),
            "person_id": user.person_id, "token": token}
