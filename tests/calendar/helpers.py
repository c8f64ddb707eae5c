"""Reading calendar pages and .ics files the way a browser or a calendar app would."""

from __future__ import annotations

import re

import icalendar


def day_cell(page: str, iso_day: str) -> str:
    """The HTML of the month grid's cell for ``iso_day`` (YYYY-MM-DD)."""
    match = re.search(rf'<td[^>]*>\s*<div[^>]*>\s*<time datetime="{iso_day}".*?</td>', page, re.S)
    assert match, f"no cell for {iso_day}"
    return match.group(0)


def day_section(page: str, iso_day: str) -> str:
    """The HTML of the week view's section for ``iso_day``."""
    match = re.search(rf'<section[^>]*aria-labelledby="day-{iso_day}".*?</section>', page, re.S)
    assert match, f"no section for {iso_day}"
    return match.group(0)


def parse_ics(body: bytes) -> icalendar.Calendar:
    """Parse an .ics body after checking the RFC 5545 essentials calendar apps rely on."""
    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines), "every line ends with CRLF"
    assert all(len(line) <= 75 for line in lines), "lines are folded at 75 octets"
    body.decode("utf-8")  # UTF-8 throughout
    cal = icalendar.Calendar.from_ical(body)
    assert cal.name == "VCALENDAR"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"])
    zones = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    for event in cal.walk("VEVENT"):
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert prop in event, f"VEVENT without {prop}"
        for prop in ("DTSTART", "DTEND"):
            tzid = event[prop].params.get("TZID")
            assert tzid in zones, f"{prop} TZID {tzid!r} has no VTIMEZONE"
    return cal


def unfolded(body: bytes) -> str:
    """The .ics text with folded lines joined again, for looking up values."""
    return body.decode("utf-8").replace("\r\n ", "")


def events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    """The calendar's events by SUMMARY."""
    return {str(event["SUMMARY"]): event for event in cal.walk("VEVENT")}
