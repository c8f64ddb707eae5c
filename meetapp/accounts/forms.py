from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, SelectChoice, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.fields import EmailField
from wtforms.validators import DataRequired, Email, Length, Optional, StopValidation
from wtforms.widgets import CheckboxInput, ListWidget

from meetapp.accounts.services import NoRoles
from meetapp.auth.forms import NewPasswordForm
from meetapp.auth.models import SYSTEM_ROLE_LABELS, SystemRole

ROLE_CHOICES = [SelectChoice(role.value, SYSTEM_ROLE_LABELS[role]) for role in SystemRole]


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def at_least_one_role(form, field) -> None:
    # A plain function, not DataRequired: that would mark every checkbox `required` (all must be ticked).
    if not field.data:
        raise StopValidation(str(NoRoles.message))


class AccountForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)], render_kw={"autocomplete": "off"})
    email = EmailField(
        _l("Email"), validators=[DataRequired(), Email(), Length(max=254)], render_kw={"autocomplete": "off"}
    )
    roles = CheckboxesField(_l("Roles"), choices=ROLE_CHOICES, validators=[at_least_one_role])
    person_email = EmailField(
        _l("Directory person (email)"),
        validators=[Optional(), Email(), Length(max=254)],
        render_kw={"autocomplete": "off"},
    )
    submit = SubmitField(_l("Save"))


class CreateAccountForm(AccountForm, NewPasswordForm):
    submit = SubmitField(_l("Create account"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.new_password.label.text = _l("Initial password")
        self.confirm.label.text = _l("Repeat the password")


class StatusForm(FlaskForm):
    """Only the CSRF token and a button: deactivation and reactivation need confirming, nothing else."""

    submit = SubmitField(_l("Confirm"))


class AccountFilterForm(Form):
    """The list's search and filters, read from the query string (no CSRF: it changes nothing)."""

    q = StringField(_l("Name or email"))
    role = SelectField(_l("Role"), choices=[SelectChoice("", _l("Any role")), *ROLE_CHOICES], validate_choice=False)
    status = SelectField(
        _l("Status"),
        choices=[
            SelectChoice("", _l("Active and deactivated")),
            SelectChoice("active", _l("Active")),
            SelectChoice("inactive", _l("Deactivated")),
        ],
        validate_choice=False,
    )

    @property
    def selected_role(self) -> SystemRole | None:
        try:
            return SystemRole(self.role.data)
        except ValueError:  # empty or unknown: no role filter
            return None

    @property
    def selected_active(self) -> bool | None:
        return {"active": True, "inactive": False}.get(self.status.data)
