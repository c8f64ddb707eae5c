"""Forms of the video report import: the upload, and the preview's options with the decisions per person."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, IntegerField, SelectChoice, SelectField, SubmitField
from wtforms.validators import InputRequired, NumberRange, ValidationError

from meetapp.attendance.video_reports.parsers import PLATFORM_LABELS
from meetapp.attendance.video_reports.services import GUEST, IGNORE, MATCH
from meetapp.meetings.forms import COMMON_ZONES
from meetapp.timefmt import is_valid_zone, show_datetime, zone_label


class ZoneField(SelectField):
    """The zone the file's times are written in: the meeting's first, then common zones."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, validate_choice=False, **kwargs)

    def offer(self, meeting) -> None:
        zones = list(dict.fromkeys([meeting.timezone, *COMMON_ZONES]))
        if self.data and self.data not in zones and is_valid_zone(self.data):
            zones.insert(1, self.data)
        self.choices = [SelectChoice(zone, zone_label(zone)) for zone in zones]

    def pre_validate(self, form) -> None:
        if not is_valid_zone(self.data or ""):
            raise ValidationError(_l("Choose a time zone from the list."))


class UploadForm(FlaskForm):
    file = FileField(_l("Participant report"), validators=[FileRequired(_l("Choose the report file."))])
    session_id = SelectField(_l("Session"), coerce=int, validate_choice=True)
    platform = SelectField(
        _l("Platform"),
        choices=[SelectChoice("", _l("Recognise from the file"))]
        + [SelectChoice(key.value, label) for key, label in PLATFORM_LABELS.items()],
        default="",
    )
    timezone = ZoneField(_l("Times without a time zone are in"))
    submit = SubmitField(_l("Preview"))

    def offer(self, meeting) -> None:
        self.session_id.choices = [
            SelectChoice(s.id, f"{s.title} · {show_datetime(s.starts_at, meeting, 'short')}") for s in meeting.sessions
        ]
        if self.timezone.data is None:
            self.timezone.data = meeting.timezone
        self.timezone.offer(meeting)


class PreviewForm(FlaskForm):
    """Options that change the preview (zone, threshold, early time) and the confirm; the per-person decisions
    are read from ``decision-<key>`` fields beside it (one select per person of the report)."""

    timezone = ZoneField(_l("Times without a time zone are in"))
    threshold_percent = IntegerField(
        _l("Attended from (percent of the session)"),
        validators=[InputRequired(_l("Give a share between 1 and 100.")), NumberRange(1, 100)],
    )
    count_before_start = BooleanField(_l("Also count time on the call before the session starts"))
    refresh = SubmitField(_l("Update preview"))
    confirm = SubmitField(_l("Import"))


def read_decisions(formdata, people) -> dict[str, str]:
    """``decision-<key>`` of each report person as submitted (kept as typed; the service checks ids)."""
    decisions = {}
    for person in people:
        value = (formdata.get(f"decision-{person.key}") or "").strip()
        if value in (MATCH, GUEST, IGNORE) or value.isdigit():
            decisions[person.key] = value
    return decisions
