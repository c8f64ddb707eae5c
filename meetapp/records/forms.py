"""Forms of the records pages. People are named by email and units by code, as in the CSV import; the fields that
name someone look them up while validating and keep what they found (``form.<field>.found``)."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, NumberRange, Optional

from meetapp.records.awards import MAX_YEAR, MIN_YEAR, Direction
from meetapp.records.models import LEVEL_KIND_LABELS, STATEMENT_STATUS_LABELS
from meetapp.records.references import References

NO_ITEM = 0


class PersonEmailField(StringField):
    """A person of the directory named by email; ``found`` is the person once the form validated."""

    found = None

    def pre_validate(self, form):
        self.found = None
        if self.data and self.data.strip():
            self.found = References([self.data]).person(self.data)
            if self.found is None:
                raise ValidationError(_l("No person in the directory has the email “%(email)s”.",
                                         email=self.data.strip()))


class UnitCodeField(StringField):
    found = None

    def pre_validate(self, form):
        self.found = None
        if self.data and self.data.strip():
            self.found = References(codes=[self.data.strip()]).unit(self.data)
            if self.found is None:
                raise ValidationError(_l("Unknown unit code “%(code)s”.", code=self.data.strip()))


def _year_field():
    return IntegerField(_l("Year"), validators=[
        InputRequired(_l("Enter the year.")),
        NumberRange(min=MIN_YEAR, max=MAX_YEAR, message=_l("Give a year between %(min)d and %(max)d.")),
    ], render_kw={"inputmode": "numeric"})


def _item_field(label):
    # Choices are set by the view (linkable agenda items); 0 stands for none.
    return SelectField(label, coerce=int, default=NO_ITEM, validators=[Optional()])


# --- awards -------------------------------------------------------------------------------------------


class ProgramForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Give the program a name.")), Length(max=200)],
                       description=_l("e.g. 2025 China Minmetals S&T Award"))
    name_zh = StringField(_l("Name in Chinese"), validators=[Optional(), Length(max=200)])
    year = _year_field()
    announcement_item_id = _item_field(_l("Agenda item where the award decisions are announced"))
    presentation_item_id = _item_field(_l("Agenda item where the awards are presented"))
    submit = SubmitField(_l("Save"))


class LevelForm(FlaskForm):
    name = StringField(_l("Level name"), validators=[DataRequired(_l("Give the level a name.")), Length(max=100)])
    name_zh = StringField(_l("Level name in Chinese"), validators=[Optional(), Length(max=100)])
    submit = SubmitField(_l("Add level"))


class AwardForm(FlaskForm):
    level_id = SelectField(_l("Level"), coerce=int, validators=[InputRequired(_l("Choose a level."))])
    title = StringField(_l("Project or achievement"), validators=[
        DataRequired(_l("Give the project or achievement.")), Length(max=300)])
    title_zh = StringField(_l("Project or achievement in Chinese"), validators=[Optional(), Length(max=300)])
    recipient_units = StringField(_l("Recipient units (codes)"), validators=[Optional()])
    recipient_people = StringField(_l("Recipient people (emails)"), validators=[Optional()])
    team_name = StringField(_l("Team name"), validators=[Optional(), Length(max=200)])
    team_members = TextAreaField(_l("Team members (emails)"), validators=[Optional()], render_kw={"rows": 2})
    citation = TextAreaField(_l("Citation"), validators=[Optional()], render_kw={"rows": 3})
    decision_ref = StringField(_l("Decision reference"), validators=[Optional(), Length(max=100)])
    submit = SubmitField(_l("Save"))


class HandoverForm(FlaskForm):
    presenter = PersonEmailField(_l("Presented by (email)"), validators=[Optional()])
    received_by = PersonEmailField(_l("Received on the recipients' behalf by (email)"), validators=[Optional()])
    submit = SubmitField(_l("Save"))


class MoveForm(FlaskForm):
    direction = StringField(validators=[AnyOf([d.value for d in Direction])])


class PresentedForm(FlaskForm):
    presented = HiddenField(validators=[AnyOf(["0", "1"])])


class WinnersUploadForm(FlaskForm):
    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Choose a CSV file."))])
    submit = SubmitField(_l("Preview"))


class ConfirmForm(FlaskForm):
    pass


class RegistryFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form

    unit = SelectField(_l("Unit"), coerce=int, default=0, validators=[Optional()])
    level = SelectField(_l("Level"), default="", validators=[Optional()],
                        choices=[SelectChoice("", _l("Any level"))]
                        + [SelectChoice(k.value, label) for k, label in LEVEL_KIND_LABELS.items()])
    year = SelectField(_l("Year"), coerce=int, default=0, validators=[Optional()])


# --- statements -----------------------------------------------------------------------------------------


class BatchForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Give the batch a name.")), Length(max=200)],
                       description=_l("e.g. 2026 Responsibility Statements for Key S&T Innovation Tasks"))
    name_zh = StringField(_l("Name in Chinese"), validators=[Optional(), Length(max=200)])
    year = _year_field()
    signing_item_id = _item_field(_l("Agenda item where the statements are signed"))
    submit = SubmitField(_l("Save"))


def parse_milestones(text: str | None) -> list[tuple[date, str]]:
    """Lines of "YYYY-MM-DD title"; raises ``ValidationError`` naming the first line that is not."""
    found = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        day, _sep, title = line.partition(" ")
        try:
            due = date.fromisoformat(day)
        except ValueError:
            raise ValidationError(_l("Line %(line)d: start with the due date as YYYY-MM-DD, then the milestone.",
                                     line=number)) from None
        if not title.strip():
            raise ValidationError(_l("Line %(line)d: name the milestone after its date.", line=number))
        if len(title.strip()) > 300:
            raise ValidationError(_l("Line %(line)d: at most 300 characters.", line=number))
        found.append((due, title.strip()))
    return found


class StatementForm(FlaskForm):
    key_task = StringField(_l("Key task"), validators=[DataRequired(_l("Describe the key task.")), Length(max=300)])
    key_task_zh = StringField(_l("Key task in Chinese"), validators=[Optional(), Length(max=300)])
    unit_code = UnitCodeField(_l("Responsible unit (code)"), validators=[DataRequired(_l("Enter the unit's code."))])
    first_signatory_email = PersonEmailField(_l("First signatory (email)"), validators=[
        DataRequired(_l("Enter the first signatory's email."))])
    second_signatory_email = PersonEmailField(_l("Second signatory (email)"), validators=[
        DataRequired(_l("Enter the second signatory's email."))])
    targets = TextAreaField(_l("Targets"), validators=[Optional()], render_kw={"rows": 3})
    milestones = TextAreaField(_l("New milestones"), validators=[Optional()], render_kw={"rows": 4},
                               description=_l("One per line: the due date as YYYY-MM-DD, a space, the milestone."))
    submit = SubmitField(_l("Save"))

    parsed_milestones: list[tuple[date, str]] = []

    def validate_milestones(self, field):
        self.parsed_milestones = parse_milestones(field.data)


class SigningForm(FlaskForm):
    signed_at = DateTimeLocalField(_l("Signed at"), format="%Y-%m-%dT%H:%M",
                                   validators=[InputRequired(_l("Enter when the statement was signed."))])
    first_signed_by = PersonEmailField(_l("Signed on the first side by (email, if not the signatory)"),
                                       validators=[Optional()])
    second_signed_by = PersonEmailField(_l("Signed on the second side by (email, if not the signatory)"),
                                        validators=[Optional()])
    scan = FileField(_l("Scan of the signed statement (PDF, PNG or JPEG)"))
    submit = SubmitField(_l("Record the signing"))


class ScanForm(FlaskForm):
    scan = FileField(_l("Scan of the signed statement (PDF, PNG or JPEG)"),
                     validators=[FileRequired(_l("Choose the scan to upload."))])
    submit = SubmitField(_l("Upload"))


class StatusForm(FlaskForm):
    status = SelectField(_l("Status"),
                         choices=[SelectChoice(k.value, label) for k, label in STATEMENT_STATUS_LABELS.items()])
    submit = SubmitField(_l("Change status"))


class MilestoneUpdateForm(FlaskForm):
    done = BooleanField(_l("Done"))
    done_on = DateField(_l("Done on"), validators=[Optional()])
    progress_note = TextAreaField(_l("Progress"), validators=[Optional()], render_kw={"rows": 2})
    submit = SubmitField(_l("Save"))


class MilestoneEditForm(FlaskForm):
    title = StringField(_l("Milestone"), validators=[DataRequired(_l("Name the milestone.")), Length(max=300)])
    due_date = DateField(_l("Due date"), validators=[InputRequired(_l("Enter the due date."))])
    submit = SubmitField(_l("Save"))
