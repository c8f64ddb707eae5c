"""The token pages: a signed-in user makes, sees and revokes their personal access tokens."""

from __future__ import annotations

from datetime import UTC, datetime, time

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from meetapp.api import tokens
from meetapp.api.blueprint import bp
from meetapp.api.forms import TokenForm
from meetapp.api.models import SCOPE_LABELS, ApiToken
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.policy import require


@bp.route("/", methods=["GET", "POST"])
@require("api.tokens")
def index():
    form = TokenForm()
    new_secret = None
    if form.validate_on_submit():
        expires_at = None
        if form.expires_on.data:
            expires_at = datetime.combine(form.expires_on.data, time(23, 59), tzinfo=UTC)
        try:
            made = tokens.create_token(current_user, form.name.data, form.scopes.data, expires_at)
        except DomainError as error:
            form.name.errors.append(str(error))
        else:
            new_secret = made.secret
            flash(_("Token made. Copy it now: it is shown only this once."), "success")
            form = TokenForm(formdata=None)
    return render_template("api/tokens.html", form=form, tokens=tokens.user_tokens(current_user),
                           new_secret=new_secret, scope_labels=SCOPE_LABELS, now=datetime.now(UTC))


@bp.route("/<int(max=2147483647):token_id>/revoke", methods=["POST"])
@require("api.tokens")
def revoke(token_id: int):
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == current_user.id))
    if token is None:
        abort(404)
    try:
        tokens.revoke_token(current_user, token)
    except DomainError as error:
        flash(str(error), "warning")
    else:
        flash(_("Token “%(name)s” revoked: it no longer works.", name=token.name), "success")
    return redirect(url_for("api_tokens.index"))
