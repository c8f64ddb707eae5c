from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from meetapp.directory.models import UNIT_KIND_LABELS, UnitKind

CODE = Regexp(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$",
              message=_l("Use letters, digits, dots, dashes and underscores only, starting with a letter or digit."))


def choices(pairs) -> list[SelectChoice]:
    """Select/radio options from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def strip(value):
    return value.strip() if isinstance(value, str) else value


def optional_int(value):
    """Select boxes with an empty "any/none" choice: "" means None."""
    if value in (None, "", "None"):
        return None
    return int(value)


class PeopleSearchForm(FlaskForm):
    """The people list's filters, sent with GET (bookmarkable, no CSRF token needed)."""

    class Meta:
        csrf = False

    q = StringField(_l("Name or email"), render_kw={"type": "search"})
    unit = SelectField(_l("Unit"), coerce=optional_int, validate_choice=False)
    subunits = BooleanField(_l("Include sub-units"))
    group = SelectField(_l("Group"), coerce=optional_int, validate_choice=False)
    submit = SubmitField(_l("Search"))


class CheckboxListField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class PersonForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)], filters=[strip])
    name_zh = StringField(_l("Chinese name"), validators=[Length(max=100)], filters=[strip])
    title = StringField(_l("Title or position"), validators=[Length(max=200)], filters=[strip])
    title_zh = StringField(_l("Title or position (Chinese)"), validators=[Length(max=200)], filters=[strip])
    unit_id = SelectField(_l("Unit"), coerce=optional_int)
    email = StringField(_l("Email"), validators=[Optional(), Email(), Length(max=254)], filters=[strip])
    phone = StringField(_l("Phone"), validators=[Length(max=40)], filters=[strip])
    groups = CheckboxListField(_l("Groups"), coerce=int)
    submit = SubmitField(_l("Save"))


class UnitForm(FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=40), CODE], filters=[strip])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)], filters=[strip])
    name_zh = StringField(_l("Chinese name"), validators=[Length(max=200)], filters=[strip])
    kind = SelectField(_l("Kind"), choices=choices((k.value, label) for k, label in UNIT_KIND_LABELS.items()),
                       default=UnitKind.OTHER.value)
    parent_id = SelectField(_l("Parent unit"), coerce=optional_int)
    submit = SubmitField(_l("Save"))


class GroupForm(FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=40), CODE], filters=[strip])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)], filters=[strip])
    name_zh = StringField(_l("Chinese name"), validators=[Length(max=200)], filters=[strip])
    description = TextAreaField(_l("Description"), render_kw={"rows": 3}, filters=[strip])
    submit = SubmitField(_l("Save"))


class AddMembersForm(FlaskForm):
    people = SelectMultipleField(_l("People"), coerce=int, validate_choice=False,
                                 validators=[DataRequired(_l("Tick at least one person to add."))])
    submit = SubmitField(_l("Add selected people"))


class ImportForm(FlaskForm):
    kind = RadioField(_l("What the file holds"), choices=choices([("people", _l("People")), ("units", _l("Units"))]),
                      default="people", validators=[DataRequired()])
    file = FileField(_l("CSV file"), validators=[
        FileRequired(_l("Choose a CSV file.")),
        FileAllowed(["csv", "txt"], _l("Choose a .csv file (in Excel: “Save as” → “CSV”).")),
    ])
    submit = SubmitField(_l("Upload and preview"))


class ConfirmForm(FlaskForm):
    """Confirm or cancel a previewed import (a CSRF-protected POST)."""

    submit = SubmitField(_l("Import"))
