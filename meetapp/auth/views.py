from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from meetapp.auth import services
from meetapp.auth.blueprint import bp
from meetapp.auth.forms import ChangePasswordForm, LoginForm
from meetapp.extensions import limiter
from meetapp.navigation import safe_next_url
from meetapp.policy import require


def _login_limit() -> str:
    return current_app.config["RATELIMIT_LOGIN"]


def _login_account_limit() -> str:
    return current_app.config["RATELIMIT_LOGIN_ACCOUNT"]


def _account_key() -> str:
    # Guesses at one account from many addresses add up here, whatever address they come from.
    return "account:" + services.normalize_email(request.form.get("email", ""))


def _failed(response) -> bool:
    # Only failed attempts count: a successful sign-in redirects.
    return response.status_code != 302


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit(_login_account_limit, key_func=_account_key, methods=["POST"], deduct_when=_failed)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user, remember=form.remember.data)
            return redirect(safe_next_url(request.args.get("next")) or url_for("core.home"))
        # One message for every failure: it must not reveal whether the email exists.
        flash(_("Email or password is not correct."), "danger")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    services.sign_out(current_user._get_current_object())
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@require("account.change_password")
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current_password.data, form.new_password.data)
        except services.WrongPassword as error:
            form.current_password.errors.append(str(error))
        else:
            # The session token rotated; sign this browser in again so only the other sessions end.
            login_user(current_user._get_current_object())
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("core.home"))
    return render_template("auth/change_password.html", form=form)
