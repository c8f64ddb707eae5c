from flask_babel import lazy_gettext as _l
from wtforms import DateField, Form, SelectChoice, SelectField, StringField
from wtforms.validators import Optional

from meetapp.audit.labels import object_type_label


class AuditFilterForm(Form):
    """The log's filters, read from the query string (no CSRF: it changes nothing)."""

    person = StringField(_l("Person (name or email)"))
    object_type = SelectField(_l("Object"), validate_choice=False)
    action = StringField(_l("Action"), render_kw={"placeholder": "meeting.edit"})
    date_from = DateField(_l("Date from"), validators=[Optional()])
    date_to = DateField(_l("Date to"), validators=[Optional()])

    def __init__(self, formdata, object_types: list[str]):
        super().__init__(formdata)
        self.object_type.choices = [
            SelectChoice("", _l("Any object")),
            *sorted((SelectChoice(kind, object_type_label(kind)) for kind in object_types), key=lambda c: str(c.label)),
        ]
