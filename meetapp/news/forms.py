"""Forms of the news area."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from meetapp.news.models import NEWS_LANGUAGE_LABELS
from meetapp.news.services import MAX_BODY, MAX_HEADLINE


class GenerateForm(FlaskForm):
    language = SelectField(
        _l("Language"), choices=[SelectChoice(lang.value, label) for lang, label in NEWS_LANGUAGE_LABELS.items()],
        validators=[DataRequired()],
    )
    submit = SubmitField(_l("Generate a draft from the record"))


class ReleaseForm(FlaskForm):
    headline = StringField(_l("Headline"), validators=[DataRequired(), Length(max=MAX_HEADLINE)])
    body = TextAreaField(
        _l("Text (Markdown)"), validators=[DataRequired(), Length(max=MAX_BODY)], render_kw={"rows": 18}
    )
    # The revision the editor was opened at: a save from an older one is refused (someone else saved meanwhile).
    revision = HiddenField(validators=[InputRequired()])
    submit = SubmitField(_l("Save"))

    def base_revision(self) -> int:
        try:
            return int(self.revision.data)
        except (TypeError, ValueError):
            return 0


class ActionForm(FlaskForm):
    """Only the CSRF token: publish, unpublish, delete."""


