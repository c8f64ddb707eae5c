"""Laying meetings out on calendar days.

Days are those of the zone the reader chose (a meeting from 20:00 to 02:00 sits on two days); each meeting keeps
its own zone for its time labels. Everything here is plain computation: no queries, no request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from meetapp.meetings.models import Meeting

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Placement:
    """A meeting on one day: whether it starts and/or ends that day (else it continues through it)."""

    meeting: Meeting
    starts_today: bool
    ends_today: bool


@dataclass
class CalendarDay:
    date: date
    is_today: bool
    in_period: bool = True  # False for the leading/trailing days of a month grid
    placements: list[Placement] = field(default_factory=list)


def midnight_utc(day: date, zone: ZoneInfo) -> datetime:
    """The start of ``day`` in ``zone``, as aware UTC (a DST change at midnight is handled by zoneinfo)."""
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def utc_range(days: list[date], zone: ZoneInfo) -> tuple[datetime, datetime]:
    """[start of the first day, start of the day after the last) in ``zone``, as UTC."""
    return midnight_utc(days[0], zone), midnight_utc(days[-1] + ONE_DAY, zone)


def month_days(year: int, month: int) -> list[date]:
    """The days of a month grid: whole weeks, Monday first, covering the month."""
    first = date(year, month, 1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - ONE_DAY
    start = first - timedelta(days=first.weekday())
    end = last + timedelta(days=6 - last.weekday())
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def week_days(any_day: date) -> list[date]:
    """Monday to Sunday of the week holding ``any_day``."""
    monday = any_day - timedelta(days=any_day.weekday())
    return [monday + timedelta(days=n) for n in range(7)]


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def lay_out(days: list[date], meetings: list[Meeting], zone: ZoneInfo, today: date,
            period_month: int | None = None) -> list[CalendarDay]:
    """One ``CalendarDay`` per day with the meetings overlapping it in ``zone``, in the order given."""
    calendar = {day: CalendarDay(day, day == today, period_month is None or day.month == period_month) for day in days}
    for meeting in meetings:
        first = meeting.starts_at.astimezone(zone).date()
        # A meeting ending at midnight does not reach into the next day.
        last = (meeting.ends_at - timedelta(microseconds=1)).astimezone(zone).date()
        day = max(first, days[0])
        while day <= min(last, days[-1]):
            calendar[day].placements.append(Placement(meeting, day == first, day == last))
            day += ONE_DAY
    return list(calendar.values())
