"""Showing and reading times: stored in UTC, shown and typed in the meeting's IANA time zone.

Flask-Babel's own formatters convert to one app-wide zone, so meeting times go through these instead.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, available_timezones

from babel.dates import format_date, format_datetime, format_time, get_timezone_name
from flask_babel import get_locale
from flask_babel import gettext as _


def _zone(tz) -> ZoneInfo:
    return tz if isinstance(tz, ZoneInfo) else ZoneInfo(getattr(tz, "timezone", tz) or "UTC")


def show_datetime(moment: datetime | None, tz, fmt: str = "medium") -> str:
    """``moment`` (aware UTC) as wall-clock date and time in ``tz`` (a zone name, ZoneInfo or a meeting)."""
    if moment is None:
        return ""
    return format_datetime(moment, fmt, tzinfo=_zone(tz), locale=get_locale())


def show_date(moment: datetime | None, tz, fmt: str = "medium") -> str:
    if moment is None:
        return ""
    return format_date(local_day(moment, tz), fmt, locale=get_locale())


def local_day(moment: datetime, tz) -> date:
    """The date of ``moment`` on the wall calendar of ``tz``."""
    return moment.astimezone(_zone(tz)).date()


def show_time(moment: datetime | None, tz, fmt: str = "short") -> str:
    if moment is None:
        return ""
    return format_time(moment.astimezone(_zone(tz)).time(), fmt, locale=get_locale())


def span_text(start: datetime, end: datetime, tz) -> str:
    """A time span as plain text in the current language: one date with two times when it fits in a day (the
    patterns are those of the ``when`` macro in templates/meetings/_macros.html)."""
    if show_date(start, tz) == show_date(end, tz):
        return _("%(date)s, %(start)s–%(end)s", date=show_date(start, tz, "full"), start=show_time(start, tz),
                 end=show_time(end, tz))
    return _("%(start)s – %(end)s", start=show_datetime(start, tz), end=show_datetime(end, tz))


def zone_label(tz) -> str:
    """E.g. "China Time (Asia/Shanghai)"."""
    zone = _zone(tz)
    return f"{get_timezone_name(zone, locale=get_locale())} ({zone.key})"


def to_utc(local: datetime, tz) -> datetime:
    """A naive wall-clock time typed in ``tz`` as an aware UTC datetime."""
    return local.replace(tzinfo=_zone(tz)).astimezone(UTC)


def combine_to_utc(day: date, clock: time, tz) -> datetime:
    return to_utc(datetime.combine(day, clock), tz)


def to_local_naive(moment: datetime, tz) -> datetime:
    """For prefilling a form's date/time inputs: wall-clock time in ``tz`` without zone info."""
    return moment.astimezone(_zone(tz)).replace(tzinfo=None)


def is_valid_zone(name: str) -> bool:
    return name in available_timezones()


def register(app) -> None:
    app.add_template_filter(show_datetime, "datetime_in")
    app.add_template_filter(show_date, "date_in")
    app.add_template_filter(show_time, "time_in")
    app.add_template_global(zone_label)
