"""The calendar pages' GET filters: which month or week, in which time zone. Bad values are reported next to the
field and the page falls back to the default for that value."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from babel.dates import get_month_names
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import DateField, Form, IntegerField, SelectField, StringField
from wtforms.validators import NumberRange, Optional, ValidationError

from meetapp.timefmt import is_valid_zone

DEFAULT_ZONE = "Asia/Shanghai"
# Offered in the time zone field's suggestions; any IANA name is accepted.
COMMON_ZONES = (
    "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Singapore", "Asia/Tokyo", "Asia/Dubai", "Australia/Sydney",
    "Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Moscow", "Africa/Johannesburg",
    "America/Sao_Paulo", "America/New_York", "America/Chicago", "America/Los_Angeles", "America/Lima", "UTC",
)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _iana_zone(form, field) -> None:
    if field.data and not is_valid_zone(field.data):
        raise ValidationError(_l("Not a known time zone; use a name such as Asia/Shanghai or Europe/Berlin."))


class CalendarFilter(Form):
    tz = StringField(_l("Time zone"), validators=[Optional(), _iana_zone], filters=[_strip])

    def checked(self) -> CalendarFilter:
        self.validate()
        return self

    def usable(self, name: str):
        """The field's value when it was given and valid, else None (the page then uses its default)."""
        f = self[name]
        return None if f.errors else f.data

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.usable("tz") or DEFAULT_ZONE)

    def show(self, name: str, value) -> None:
        """Prefill an empty field with the value the page uses; a value the user typed stays as typed."""
        f = self[name]
        if not any(f.raw_data or []):
            f.raw_data, f.data = [], value


class MonthFilter(CalendarFilter):
    month = SelectField(_l("Month"), coerce=int, validators=[Optional()])
    year = IntegerField(_l("Year"), validators=[Optional(), NumberRange(min=1900, max=2200)])

    def __init__(self, formdata):
        super().__init__(formdata)
        names = get_month_names("wide", locale=get_locale())
        self.month.choices = [(n, names[n]) for n in range(1, 13)]

    def period(self, today: date) -> tuple[int, int]:
        """(year, month) to show: as asked, else the current one."""
        year, month = self.usable("year") or today.year, self.usable("month") or today.month
        self.show("year", year)
        self.show("month", month)
        self.show("tz", self.zone.key)
        return year, month


class WeekFilter(CalendarFilter):
    date = DateField(_l("Week of"), validators=[Optional()])

    def day(self, today: date) -> date:
        """A day of the week to show: as asked, else today."""
        day = self.usable("date") or today
        self.show("date", day)
        self.show("tz", self.zone.key)
        return day
