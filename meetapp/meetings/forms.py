"""Forms of the meetings area. Times are typed as a date and a wall-clock time in the meeting's zone."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields import DateField, TimeField, URLField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from meetapp.directory.forms import CheckboxListField, optional_int
from meetapp.meetings.models import (
    MEETING_FORMAT_LABELS,
    MEETING_KIND_LABELS,
    MEETING_STATUS_LABELS,
    VIDEO_PLATFORM_LABELS,
    VISIBILITY_LABELS,
    MeetingStatus,
)
from meetapp.meetings.services import UnknownTimeZone
from meetapp.timefmt import combine_to_utc, is_valid_zone, zone_label

DEFAULT_ZONE = "Asia/Shanghai"
# Offered in the time-zone select; any other IANA name can be typed.
COMMON_ZONES = (
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Asia/Jakarta",
    "Asia/Kolkata",
    "Asia/Dubai",
    "Europe/Moscow",
    "Europe/Berlin",
    "Europe/London",
    "Africa/Johannesburg",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "America/Santiago",
    "Australia/Sydney",
    "UTC",
)


def labelled(labels) -> list[SelectChoice]:
    return [SelectChoice(key.value, label) for key, label in labels.items()]


class TimeSpanMixin:
    """Start and end as date + time in a zone; an empty end date means the start date."""

    start_date = DateField(_l("Start date"), validators=[InputRequired()])
    start_time = TimeField(_l("Start time"), validators=[InputRequired()])
    end_date = DateField(_l("End date"), validators=[Optional()])
    end_time = TimeField(_l("End time"), validators=[InputRequired()])

    def utc_span(self, zone: str) -> tuple[datetime, datetime]:
        start = combine_to_utc(self.start_date.data, self.start_time.data, zone)
        end = combine_to_utc(self.end_date.data or self.start_date.data, self.end_time.data, zone)
        return start, end

    def fill_span(self, starts: datetime, ends: datetime) -> None:
        """Prefill from local (naive) wall-clock times."""
        self.start_date.data, self.start_time.data = starts.date(), starts.time()
        self.end_date.data, self.end_time.data = ends.date(), ends.time()


class MeetingForm(TimeSpanMixin, FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    description = TextAreaField(_l("Description"), render_kw={"rows": 3})
    kind = SelectField(_l("Kind"), choices=labelled(MEETING_KIND_LABELS))
    timezone = SelectField(_l("Time zone"), default=DEFAULT_ZONE, validate_choice=False)
    other_timezone = StringField(_l("Other time zone"), validators=[Optional(), Length(max=64)])
    format = SelectField(_l("Format"), choices=labelled(MEETING_FORMAT_LABELS))
    visibility = SelectField(_l("Who may see it"), choices=labelled(VISIBILITY_LABELS))
    series_id = SelectField(_l("Series"), coerce=optional_int)
    new_series = StringField(_l("Or a new series"), validators=[Optional(), Length(max=200)])
    organizer_ids = CheckboxListField(_l("Organizers"), coerce=int)
    venue_id = SelectField(_l("Main venue"), coerce=optional_int)
    branch_venue_ids = CheckboxListField(_l("Branch venues"), coerce=int)
    video_platform = SelectField(
        _l("Video platform"), choices=[SelectChoice("", _l("—")), *labelled(VIDEO_PLATFORM_LABELS)]
    )
    video_url = URLField(_l("Join URL"), validators=[Optional(), Length(max=500)])
    video_meeting_code = StringField(_l("Meeting ID"), validators=[Optional(), Length(max=100)])
    video_passcode = StringField(_l("Passcode"), validators=[Optional(), Length(max=100)])
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zones = list(COMMON_ZONES)
        if self.timezone.data and self.timezone.data not in zones and is_valid_zone(self.timezone.data):
            zones.insert(0, self.timezone.data)
        self.timezone.choices = [SelectChoice(zone, zone_label(zone)) for zone in zones]

    def validate_timezone(self, field) -> None:
        if not is_valid_zone(field.data or "") and not self.other_timezone.data:
            raise ValidationError(str(UnknownTimeZone.message))

    def validate_other_timezone(self, field) -> None:
        if field.data and not is_valid_zone(field.data.strip()):
            raise ValidationError(str(UnknownTimeZone.message))

    @property
    def chosen_zone(self) -> str:
        return (self.other_timezone.data or "").strip() or self.timezone.data


class SessionForm(TimeSpanMixin, FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    presider_search = StringField(_l("Find a presider in the directory"), render_kw={"type": "search"})
    find_presider = SubmitField(_l("Search"))
    presider_id = SelectField(_l("Presider"), coerce=optional_int, validate_choice=False)
    venue_id = SelectField(_l("Room"), coerce=optional_int)
    submit = SubmitField(_l("Save session"))


class CopyForm(FlaskForm):
    new_start = DateField(_l("First day of the copy"), validators=[InputRequired()])
    submit = SubmitField(_l("Copy the meeting"))


class ConfirmForm(FlaskForm):
    """Only the CSRF token and a button: status changes and deletions are confirmed, nothing else."""

    submit = SubmitField(_l("Confirm"))


class MeetingFilterForm(FlaskForm):
    """The list's search and filters, read from the query string (no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    q = StringField(_l("Title"), render_kw={"type": "search"})
    status = SelectField(
        _l("Status"), choices=[SelectChoice("", _l("Any status")), *labelled(MEETING_STATUS_LABELS)],
        validate_choice=False,
    )
    series = SelectField(_l("Series"), coerce=optional_int, validate_choice=False)
    mine = BooleanField(_l("Only meetings I organize or am invited to"))
    when = StringField()

    @property
    def selected_status(self) -> MeetingStatus | None:
        try:
            return MeetingStatus(self.status.data)
        except ValueError:
            return None


class VenueForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    name_zh = StringField(_l("Chinese name"), validators=[Optional(), Length(max=200)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])
    capacity = IntegerField(
        _l("Capacity (people)"),
        validators=[Optional(), NumberRange(min=1, message=_l("The capacity must be at least 1."))],
    )
    unit_id = SelectField(_l("Unit"), coerce=optional_int)
    has_video = BooleanField(_l("Has video conferencing equipment"))
    active = BooleanField(_l("Offered for new meetings"), default=True)
    submit = SubmitField(_l("Save venue"))


class SeriesForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    name_zh = StringField(_l("Chinese name"), validators=[Optional(), Length(max=200)])
    description = TextAreaField(_l("Description"), render_kw={"rows": 3})
    submit = SubmitField(_l("Save series"))

