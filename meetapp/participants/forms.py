"""Forms of the participants pages (organizers) and of the RSVP page (invitees)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, StopValidation

from meetapp.directory.forms import CheckboxListField, choices, optional_int, strip
from meetapp.participants.models import (
    ATTENDANCE_MODE_LABELS,
    MEETING_ROLE_LABELS,
    RSVP_STATUS_LABELS,
    MeetingRole,
)
from meetapp.participants.queries import Invitation
from meetapp.participants.services import NoRoles, RolesChange

ROLE_CHOICES = [(role.value, label) for role, label in MEETING_ROLE_LABELS.items()]
INVITATION_LABELS = {
    Invitation.NOT_INVITED: _l("Not invited yet"),
    Invitation.INVITED: _l("Invited"),
    Invitation.NO_EMAIL: _l("No email address"),
    Invitation.REMOVED: _l("Removed"),
}


def at_least_one_role(form, field) -> None:
    # Not DataRequired: that would mark every checkbox `required`.
    if not field.data:
        raise StopValidation(str(NoRoles.message))


def mode_choices(modes) -> list:
    return choices((m.value, ATTENDANCE_MODE_LABELS[m]) for m in modes)


def venue_choices(meeting, locale: str, empty_label) -> list:
    return choices([("", empty_label), *((v.id, v.display_name(locale)) for v in meeting.branch_venues)])


class PlacementForm(FlaskForm):
    """Roles and planned mode for the people being added (shared by every "add by …" form)."""

    roles = CheckboxListField(
        _l("Meeting roles"), choices=choices(ROLE_CHOICES), default=[MeetingRole.ATTENDEE.value],
        validators=[at_least_one_role],
    )
    mode = SelectField(_l("Planned attendance"))
    branch_venue = SelectField(_l("Branch venue"), coerce=optional_int, validate_choice=False)

    def setup(self, meeting, modes, locale: str) -> PlacementForm:
        self.mode.choices = mode_choices(modes)
        if not self.mode.data:
            self.mode.data = modes[0].value
        self.branch_venue.choices = venue_choices(meeting, locale, _l("— only for a branch venue —"))
        return self


class AddPeopleForm(PlacementForm):
    people = SelectMultipleField(
        _l("People found"), coerce=int, validate_choice=False,
        validators=[DataRequired(_l("Tick at least one person to add."))],
    )
    submit = SubmitField(_l("Add the selected people"))


class AddUnitForm(PlacementForm):
    unit = SelectField(_l("Unit"), coerce=optional_int, validators=[InputRequired(_l("Choose a unit."))])
    subunits = BooleanField(_l("Include all its sub-units"), default=True)
    submit = SubmitField(_l("Add the unit's people"))


class AddGroupForm(PlacementForm):
    group = SelectField(_l("Group"), coerce=optional_int, validators=[InputRequired(_l("Choose a group."))])
    submit = SubmitField(_l("Add the group's members"))


class AddTitleForm(PlacementForm):
    title = StringField(
        _l("Title contains"), validators=[DataRequired(), Length(min=2, max=200)], filters=[strip],
        description=_l("For example “Chief Scientist” or “总工程师”: everyone whose title contains the text."),
    )
    submit = SubmitField(_l("Add everyone with this title"))


class ParticipantFilterForm(FlaskForm):
    """The list's filters, sent with GET (bookmarkable, no CSRF token)."""

    class Meta:
        csrf = False

    q = StringField(_l("Name or email"), render_kw={"type": "search"})
    role = SelectField(_l("Role"), validate_choice=False,
                       choices=choices([("", _l("Any role")), *ROLE_CHOICES]))
    rsvp = SelectField(_l("Answer"), validate_choice=False,
                       choices=choices([("", _l("Any answer")), *RSVP_STATUS_LABELS.items()]))
    mode = SelectField(_l("Mode"), validate_choice=False)
    unit = SelectField(_l("Unit (with sub-units)"), coerce=optional_int, validate_choice=False)
    invitation = SelectField(_l("Invitation"), validate_choice=False,
                             choices=choices([("", _l("Everyone on the list")), *INVITATION_LABELS.items()]))


class BulkEditForm(FlaskForm):
    """Acts on the ticked rows: change roles and/or mode, or go on to remove them."""

    selected = SelectMultipleField(coerce=int, validate_choice=False)
    roles_change = RadioField(
        _l("Roles"),
        choices=choices([
            (RolesChange.KEEP.value, _l("Keep")),
            (RolesChange.SET.value, _l("Replace with")),
            (RolesChange.ADD.value, _l("Add")),
            (RolesChange.REMOVE.value, _l("Remove")),
        ]),
        default=RolesChange.KEEP.value,
    )
    roles = CheckboxListField(_l("These roles"), choices=choices(ROLE_CHOICES))
    mode = SelectField(_l("Planned attendance"), default="")
    branch_venue = SelectField(_l("Branch venue"), coerce=optional_int, validate_choice=False)
    apply = SubmitField(_l("Apply to the selected"))
    remove = SubmitField(_l("Remove the selected…"))

    def setup(self, meeting, modes, locale: str) -> BulkEditForm:
        self.mode.choices = choices([("", _l("Keep")), *((m.value, ATTENDANCE_MODE_LABELS[m]) for m in modes)])
        self.branch_venue.choices = venue_choices(meeting, locale, _l("— only for a branch venue —"))
        return self


class RemoveForm(FlaskForm):
    selected = SelectMultipleField(coerce=int, validate_choice=False)
    submit = SubmitField(_l("Remove"))


class SendInvitationsForm(FlaskForm):
    submit = SubmitField(_l("Send invitations"))


# --- RSVP -----------------------------------------------------------------------------------------


class AcceptForm(FlaskForm):
    mode = RadioField(_l("How will you attend?"), validators=[InputRequired(_l("Choose how you will attend."))])
    branch_venue = SelectField(_l("Branch venue"), coerce=optional_int, validate_choice=False)
    submit = SubmitField(_l("Accept"))


class DeclineForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason for your apology"), validators=[DataRequired(_l("Please give a reason for your apology.")),
                                                   Length(max=2000)],
        filters=[strip], render_kw={"rows": 3},
    )
    submit = SubmitField(_l("Decline"))


class DelegateForm(FlaskForm):
    person = RadioField(_l("People found in the directory"), coerce=optional_int, validate_choice=False,
                        validators=[Optional()])
    name = StringField(_l("Name"), validators=[Length(max=200)], filters=[strip])
    email = EmailField(_l("Email"), validators=[Optional(), Email(), Length(max=254)], filters=[strip])
    mode = RadioField(_l("How will your delegate attend?"),
                      validators=[InputRequired(_l("Choose how your delegate will attend."))])
    branch_venue = SelectField(_l("Branch venue"), coerce=optional_int, validate_choice=False)
    submit = SubmitField(_l("Send this delegate"))


def setup_rsvp_form(form, meeting, modes, locale: str):
    """Mode choices and branch venues of the meeting on an accept or delegate form."""
    form.mode.choices = mode_choices(modes)
    form.branch_venue.choices = venue_choices(meeting, locale, _l("— choose a branch venue —"))
    return form
