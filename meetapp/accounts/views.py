"""Account administration: administrators list, create and edit accounts, set passwords, deactivate and reactivate."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from meetapp.accounts import services
from meetapp.accounts.blueprint import bp
from meetapp.accounts.forms import AccountFilterForm, AccountForm, CreateAccountForm, StatusForm
from meetapp.auth.forms import MIN_PASSWORD_LENGTH, NewPasswordForm
from meetapp.auth.models import SYSTEM_ROLE_LABELS, User
from meetapp.extensions import db
from meetapp.policy import require
from meetapp.refusals import NO_FIELDS, save_or_refuse

# Which form field a refusal belongs next to; refusals not listed here are shown above the form.
ERROR_FIELDS = {
    services.DuplicateEmail: "email",
    services.NoRoles: "roles",
    services.LastAdmin: "roles",
    services.UnknownPerson: "person_email",
    services.PersonTaken: "person_email",
}


@bp.context_processor
def password_rules():
    return {"min_password_length": MIN_PASSWORD_LENGTH}


@bp.route("/")
@require("accounts.manage")
def index():
    filters = AccountFilterForm(request.args)
    query = services.find_accounts(
        text=filters.q.data or "", role=filters.selected_role, active=filters.selected_active
    )
    page = db.paginate(
        query,
        page=request.args.get("page", 1, type=int),
        per_page=current_app.config["ACCOUNTS_PAGE_SIZE"],
        error_out=False,
    )
    return render_template("accounts/index.html", filters=filters, page=page, role_labels=SYSTEM_ROLE_LABELS)


@bp.route("/new", methods=["GET", "POST"])
@require("accounts.manage")
def create():
    form = CreateAccountForm()
    if form.validate_on_submit():
        user = save_or_refuse(form, ERROR_FIELDS, lambda: services.create_user(
            form.email.data, form.name.data, form.roles.data, form.new_password.data, form.person_email.data,
            actor=current_user._get_current_object(),
        ))
        if user:
            flash(_("Account %(email)s created.", email=user.email), "success")
            return redirect(url_for(".index"))
    return render_template("accounts/form.html", form=form, user=None)


@bp.route("/<int:user_id>/edit", methods=["GET", "POST"])
@require("accounts.manage")
def edit(user_id: int):
    user = db.get_or_404(User, user_id)
    form = AccountForm(
        data={
            "name": user.name,
            "email": user.email,
            "roles": sorted(role.value for role in user.roles),
            "person_email": user.person.email if user.person else "",
        }
    )
    if form.validate_on_submit() and save_or_refuse(form, ERROR_FIELDS, lambda: services.update_user(
        user, email=form.email.data, name=form.name.data, roles=form.roles.data, person_email=form.person_email.data,
        actor=current_user._get_current_object(),
    )):
        flash(_("Account %(email)s saved.", email=user.email), "success")
        return redirect(url_for(".index"))
    return render_template("accounts/form.html", form=form, user=user)


def _change_status(user_id: int, active: bool):
    user = db.get_or_404(User, user_id)
    form = StatusForm()
    if form.validate_on_submit() and save_or_refuse(
        form, NO_FIELDS, lambda: services.set_active(user, active, actor=current_user._get_current_object())
    ):
        if active:
            flash(_("Account %(email)s is active again.", email=user.email), "success")
        else:
            flash(_("Account %(email)s is deactivated; it can no longer sign in.", email=user.email), "success")
        return redirect(url_for(".index"))
    return render_template("accounts/status.html", form=form, user=user, active=active)


@bp.route("/<int:user_id>/deactivate", methods=["GET", "POST"])
@require("accounts.manage")
def deactivate(user_id: int):
    return _change_status(user_id, active=False)


@bp.route("/<int:user_id>/reactivate", methods=["GET", "POST"])
@require("accounts.manage")
def reactivate(user_id: int):
    return _change_status(user_id, active=True)


@bp.route("/<int:user_id>/password", methods=["GET", "POST"])
@require("accounts.manage")
def set_password(user_id: int):
    user = db.get_or_404(User, user_id)
    form = NewPasswordForm()
    if form.validate_on_submit():
        services.set_password(user, form.new_password.data, actor=current_user._get_current_object())
        if user.id == current_user.id:
            # Setting one's own password here ends the other sessions, not this one.
            login_user(user)
        flash(_("The password of %(email)s has been changed.", email=user.email), "success")
        return redirect(url_for(".edit", user_id=user.id))
    return render_template("accounts/password.html", form=form, user=user)
