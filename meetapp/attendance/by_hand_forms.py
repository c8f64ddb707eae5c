"""The form of attendance entered by hand (``by_hand``)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, SubmitField, TimeField
from wtforms.validators import Optional


class ByHandForm(FlaskForm):
    """Who signed the sheet (the rows ticked), where and, if not on time, when they arrived. The ticked ids are
    checked by the service (they must be on the meeting's list), not against a list of thousands of choices."""

    where = SelectField(_l("Where they attended"))
    arrived = TimeField(_l("Arrival time"), validators=[Optional()])
    participant_ids = SelectMultipleField(coerce=int, validate_choice=False)
    submit = SubmitField(_l("Record as present"))
