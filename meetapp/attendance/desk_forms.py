"""Forms of the check-in desk: a scan or a search result's button (also what the desk posts without JavaScript),
undoing a check-in, and the meeting's check-in staff."""

from __future__ import annotations

import uuid

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, IntegerField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp

from meetapp.directory.forms import strip

NONCE_PATTERN = r"^[A-Za-z0-9_-]{8,64}$"


def new_nonce() -> str:
    return str(uuid.uuid4())


class ScanForm(FlaskForm):
    """One check-in: a ticket code (scanned or typed) or a participant picked from the search. The nonce is
    filled in when the form is drawn, so sending the page again (reload, double click) stores nothing twice."""

    session_id = IntegerField(widget=HiddenField.widget, validators=[DataRequired()])
    where = HiddenField(default="in_person")
    code = StringField(_l("Ticket code"), filters=[strip], validators=[Optional(), Length(max=200)])
    participant_id = IntegerField(widget=HiddenField.widget, validators=[Optional()])
    # "1": the invitee's named delegate is here; "0": the invitee themself; empty: as the invitee answered.
    delegate = HiddenField(default="")
    nonce = HiddenField(validators=[Optional(), Regexp(NONCE_PATTERN)])
    submit = SubmitField(_l("Check in"))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not self.code.data and not self.participant_id.data:
            self.code.errors = [*self.code.errors, _l("Scan a ticket or type its code.")]
            return False
        return valid


class UndoForm(FlaskForm):
    reason = StringField(
        _l("Why undo this check-in?"), filters=[strip], validators=[DataRequired(), Length(max=300)]
    )
    session_id = IntegerField(widget=HiddenField.widget, validators=[Optional()])
    where = HiddenField()
    submit = SubmitField(_l("Undo check-in"))


class StaffForm(FlaskForm):
    email = EmailField(
        _l("Email of the account"), filters=[strip], validators=[DataRequired(), Email(), Length(max=254)]
    )
    submit = SubmitField(_l("Add to check-in staff"))


class RemoveStaffForm(FlaskForm):
    submit = SubmitField(_l("Remove"))
