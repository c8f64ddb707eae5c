from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import AnyOf, InputRequired, Length, Optional

from meetapp.minutes.models import ACTION_STATUS_LABELS, ActionStatus, MinutesStatus
from meetapp.minutes.services import MAX_BODY, MAX_TITLE

BLANK_ROWS = 2  # empty rows under the existing decisions and action items, for adding new ones


class ActionItemRow(Form):
    """One action item row; a row left without a title is ignored."""

    item_id = HiddenField()
    title = StringField(_l("Action item"), validators=[Optional(), Length(max=MAX_TITLE)])
    owner_id = SelectField(_l("Owner"), coerce=lambda v: int(v) if v not in (None, "", "None") else None,
                           validate_choice=False)
    due_on = DateField(_l("Due date"), validators=[Optional()])
    status = SelectField(_l("Status"), default=ActionStatus.OPEN.value,
                         choices=[SelectChoice(s.value, label) for s, label in ACTION_STATUS_LABELS.items()])


class MinutesForm(FlaskForm):
    # The version the text was based on: a save from an older one is refused (optimistic locking).
    base_version = IntegerField(validators=[InputRequired()], widget=HiddenField.widget)
    body = TextAreaField(_l("Minutes (Markdown)"), validators=[Length(max=MAX_BODY)], render_kw={"rows": 24})
    decisions = FieldList(TextAreaField(_l("Decision"), render_kw={"rows": 2}), label=_l("Decisions"))
    action_items = FieldList(FormField(ActionItemRow), label=_l("Action items"))
    submit = SubmitField(_l("Save a new version"))


class AmendmentForm(MinutesForm):
    reason = TextAreaField(_l("Reason for the amendment"), validators=[Length(max=2000)], render_kw={"rows": 2})
    submit = SubmitField(_l("Publish the amendment"))


class ReviewersForm(FlaskForm):
    reviewers = SelectMultipleField(_l("Reviewers"), coerce=int, render_kw={"size": 6})
    submit = SubmitField(_l("Send for review"))


class StartForm(FlaskForm):
    """Only the CSRF token: drafting from the record needs nothing else."""


class TransitionForm(FlaskForm):
    to = HiddenField(validators=[AnyOf([s.value for s in MinutesStatus])])


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Comment"), validators=[Length(max=5000)], render_kw={"rows": 3})
    submit = SubmitField(_l("Add the comment"))


class ApproveForm(FlaskForm):
    version = IntegerField(validators=[InputRequired()], widget=HiddenField.widget)
    submit = SubmitField(_l("Approve this version"))


class ActionStatusForm(FlaskForm):
    status = HiddenField(validators=[AnyOf([s.value for s in ActionStatus])])
