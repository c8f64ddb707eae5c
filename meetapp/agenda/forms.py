from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, NumberRange, Optional

from meetapp.agenda.models import AGENDA_ITEM_TYPE_LABELS, PRESENTER_ROLE_LABELS, AgendaItemType, PresenterRole
from meetapp.agenda.services import MAX_DURATION, MoveDirection


def choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(value.value, label) for value, label in labels.items()]


class ItemForm(FlaskForm):
    type = SelectField(_l("Type"), choices=choices(AGENDA_ITEM_TYPE_LABELS), default=AgendaItemType.SPEECH)
    title = StringField(_l("Title"), validators=[DataRequired(_l("Give the item a title.")), Length(max=300)])
    description = TextAreaField(_l("Description"), validators=[Optional()], render_kw={"rows": 3})
    duration_minutes = IntegerField(
        _l("Planned duration (minutes)"),
        validators=[
            InputRequired(_l("Enter the planned duration in minutes.")),
            NumberRange(min=0, max=MAX_DURATION, message=_l("Enter a number of minutes from 0 to %(max)d.")),
        ],
        default=10,
        render_kw={"min": 0, "max": MAX_DURATION, "inputmode": "numeric"},
    )
    submit = SubmitField(_l("Save"))


class MoveForm(FlaskForm):
    """Sent by the "Move up" / "Move down" buttons; the button's value says which way."""

    direction = StringField(validators=[AnyOf([d.value for d in MoveDirection])])


class MoveToSessionForm(FlaskForm):
    # Any id passes the form; the view then loads it as a session of this meeting (404 otherwise).
    session_id = SelectField(
        _l("Session"), coerce=int, validate_choice=False, validators=[InputRequired(_l("Choose a session."))]
    )
    position = IntegerField(
        _l("Position in that session"),
        validators=[Optional(), NumberRange(min=1, message=_l("Enter a position of 1 or more."))],
        render_kw={"min": 1, "inputmode": "numeric"},
    )
    move = SubmitField(_l("Move the item"))


class PresenterSearchForm(FlaskForm):
    """Searching the directory for a presenter: sent with GET, changes nothing."""

    class Meta:
        csrf = False

    q = StringField(_l("Name (English or Chinese)"), render_kw={"type": "search", "autocomplete": "off"})
    search = SubmitField(_l("Search"))


class AddPresenterForm(FlaskForm):
    query = HiddenField()  # the search the results came from, to show them again after an error
    person_id = RadioField(
        _l("Person"),
        coerce=int,
        validate_choice=False,
        validators=[InputRequired(_l("Choose a person from the list."))],
    )
    role = SelectField(
        _l("Role on this item"), choices=choices(PRESENTER_ROLE_LABELS), default=PresenterRole.SPEAKER
    )
    add = SubmitField(_l("Add presenter"))


class RemovePresenterForm(FlaskForm):
    presenter_id = IntegerField(validators=[InputRequired()])


class MaterialForm(FlaskForm):
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file to upload."))])
    upload = SubmitField(_l("Upload"))


class ConfirmDeleteForm(FlaskForm):
    """A deletion happens only when the confirmation page's form sends ``confirm=yes`` (the template writes it;
    the field has no default, so a bare POST deletes nothing)."""

    confirm = HiddenField(validators=[AnyOf(["yes"])])
    submit = SubmitField(_l("Delete"))
