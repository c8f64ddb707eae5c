"""The token page's form: a name, the scopes, an optional expiry date."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from meetapp.api.models import SCOPE_LABELS, Scope
from meetapp.meetings.forms import labelled


class TokenForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=100)],
                       description=_l("Where the token is used, e.g. “Check-in tablet, hall entrance”."))
    scopes = SelectMultipleField(
        _l("Scopes"), choices=labelled(SCOPE_LABELS), default=[Scope.READ.value],
        validators=[DataRequired(message=_l("Choose at least one scope."))],
        widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
    )
    expires_on = DateField(_l("Expires on (optional)"), validators=[Optional()])
    submit = SubmitField(_l("Make token"))
