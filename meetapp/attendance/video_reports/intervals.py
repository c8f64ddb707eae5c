"""Minutes on the call within a session: join–leave intervals merged (an overlap counts once), then clipped to the
session window.

The window is the session's scheduled start to its end. Time in the call before the start counts only when the
organizer asks for it (``count_before_start``: the early arrivals' waiting time); time after the end never counts,
so nobody reaches the threshold by staying on after the session. Minutes are whole minutes, rounded down.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

Interval = tuple[datetime, datetime]


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted intervals with overlapping or touching ones joined."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def clip(intervals: Iterable[Interval], start: datetime | None, end: datetime) -> list[Interval]:
    """The parts of ``intervals`` between ``start`` (None: no lower bound) and ``end``."""
    clipped = []
    for a, b in intervals:
        a = a if start is None else max(a, start)
        b = min(b, end)
        if b > a:
            clipped.append((a, b))
    return clipped


def seconds(intervals: Iterable[Interval]) -> int:
    return int(sum((b - a).total_seconds() for a, b in intervals))


@dataclass(frozen=True)
class Window:
    """The part of the day that counts for a session, and the minutes that make "attended"."""

    starts_at: datetime
    ends_at: datetime
    threshold_percent: int
    count_before_start: bool = False

    @property
    def length_minutes(self) -> int:
        return max(0, int((self.ends_at - self.starts_at).total_seconds() // 60))

    @property
    def required_minutes(self) -> int:
        """Minutes on the call that make a person "attended": the threshold share of the session, rounded up."""
        return math.ceil(self.length_minutes * self.threshold_percent / 100)

    def seconds_inside(self, intervals: Iterable[Interval]) -> int:
        return seconds(clip(merge(intervals), None if self.count_before_start else self.starts_at, self.ends_at))

    def minutes(self, intervals: Iterable[Interval], cap_seconds: int | None = None) -> int:
        """Whole minutes of ``intervals`` (merged) inside the window. ``cap_seconds``: per-person reports give
        first join, last leave and the summed time between; a person who left in between is counted no more
        than that sum."""
        inside = self.seconds_inside(intervals)
        if cap_seconds is not None:
            inside = min(inside, cap_seconds)
        return inside // 60

    def attended(self, minutes: int) -> bool:
        return minutes >= self.required_minutes and minutes > 0
