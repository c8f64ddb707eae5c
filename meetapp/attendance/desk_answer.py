"""What the desk shows of one scan, as plain translated text: the same answer for the page without JavaScript
(``templates/attendance/desk_result.html``) and for ``static/js/desk.js`` (the JSON of a scan), so the desk's
wording and its decisions (what to show to whom) live here once. Building it reads only what the check-in
loaded: no queries."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from meetapp.attendance.checkins import OUTCOME_LABELS, CheckInResult, Outcome
from meetapp.attendance.models import CHECK_IN_SOURCE_LABELS, CheckIn
from meetapp.participants.models import ATTENDANCE_MODE_LABELS, MEETING_ROLE_LABELS
from meetapp.timefmt import local_day, show_date, show_time

COLOURS = {
    Outcome.CHECKED_IN: "success",
    Outcome.ALREADY: "warning",
    Outcome.UNKNOWN_TICKET: "danger",
    Outcome.OTHER_MEETING: "danger",
    Outcome.CANCELLED: "danger",
}
SYMBOLS = {"success": "✓", "warning": "!", "danger": "✗"}


def _where(record: CheckIn, locale: str) -> str:
    return record.venue.display_name(locale) if record.venue else str(ATTENDANCE_MODE_LABELS[record.mode])


def _who(record: CheckIn) -> str:
    return record.recorded_by.name if record.recorded_by else str(CHECK_IN_SOURCE_LABELS[record.source])


def _undo_url(meeting, record: CheckIn) -> str:
    return url_for("attendance.desk_undo", meeting_id=meeting.id, check_in_id=record.id)


def recent_line(meeting, record: CheckIn, locale: str, shown: dict | None = None) -> dict:
    """One line of the desk's latest check-ins (``shown``: what a scan's answer already worked out of it)."""
    shown = shown or {}
    return {
        "check_in_id": record.id,
        "time": shown.get("time") or show_time(record.checked_in_at, meeting.timezone),
        "name": (record.attendee_person or record.participant.person).display_name(locale),
        "where": shown.get("where") or _where(record, locale),
        "who": shown.get("who") or _who(record),
        "undo_url": shown.get("undo_url") or _undo_url(meeting, record),
    }


def _person_part(answer: dict, result: CheckInResult, locale: str) -> None:
    participant = result.participant
    person = participant.person
    record = result.check_in
    delegate = record.attendee_person if record is not None else None
    if delegate is not None:
        answer["name"] = delegate.display_name(locale)
        answer["acting_for"] = _("Delegate, attending for %(name)s", name=person.display_name(locale))
    else:
        answer["name"] = person.display_name(locale)
        other = person.name if locale == "zh" else person.name_zh
        if other and other != answer["name"]:
            answer["name_other"] = other
    here = delegate or person
    answer["subtitle"] = " · ".join(
        part for part in (here.display_title(locale), here.unit.display_name(locale) if here.unit else None) if part
    )
    if result.outcome == Outcome.OTHER_MEETING:
        return  # another meeting's roles and seat are not this desk's business
    answer["roles"] = [str(MEETING_ROLE_LABELS[role]) for role in sorted(participant.roles, key=lambda r: r.value)]
    if participant.seat:
        answer["seat"] = _("Seat %(seat)s", seat=participant.seat)
    mode = str(ATTENDANCE_MODE_LABELS[participant.mode])
    if participant.branch_venue is not None:
        mode = _("%(mode)s: %(venue)s", mode=mode, venue=participant.branch_venue.display_name(locale))
    answer["mode"] = mode
    if participant.delegate is not None and delegate is None:
        answer["notes"].append(_(
            "%(name)s named %(delegate)s to attend in their place.",
            name=person.display_name(locale), delegate=participant.delegate.display_name(locale),
        ))


def _record_part(answer: dict, meeting, session, result: CheckInResult, locale: str) -> dict:
    """The record's part of the answer; what it worked out (time, place, recorder, undo link) for the recent
    line."""
    record = result.check_in
    tz = meeting.timezone
    shown = {"time": show_time(record.checked_in_at, tz), "where": _where(record, locale), "who": _who(record)}
    detail = _("Checked in at %(time)s, %(where)s, by %(who)s.", **shown)
    if session is not None and local_day(record.checked_in_at, tz) != local_day(session.starts_at, tz):
        detail = _("%(detail)s (%(date)s)", detail=detail, date=show_date(record.checked_in_at, tz))
    answer["detail"] = detail
    if result.outcome == Outcome.ALREADY and not result.replayed:
        answer["notes"].append(_("No second check-in was recorded."))
    if record.undone_at is not None:
        answer["notes"].append(_("This check-in was undone at %(time)s.", time=show_time(record.undone_at, tz)))
    else:
        answer["undo_url"] = shown["undo_url"] = _undo_url(meeting, record)
    return shown


def scan_answer(meeting, session, result: CheckInResult, locale: str, *, other_meeting_visible: bool) -> dict:
    """The answer to one scan: outcome, a heading, who it is and what happened, in the desk's language.
    ``other_meeting_visible``: whether a ticket of another meeting may name that meeting to this user."""
    colour = "success" if result.replayed else COLOURS[result.outcome]
    label = str(OUTCOME_LABELS[result.outcome])
    heading = _("Checked in (this scan was sent again)") if result.replayed else label
    answer = {
        "ok": result.ok,
        "outcome": result.outcome.value,
        "label": label,
        "created": result.created,
        "replayed": result.replayed,
        "colour": colour,
        "symbol": SYMBOLS[colour],
        "heading": heading,
        "name": None,
        "check_in_id": result.check_in.id if result.check_in is not None else None,
        "notes": [],
    }
    if result.participant is not None:
        _person_part(answer, result, locale)
    shown = None
    if result.check_in is not None and result.outcome in (Outcome.CHECKED_IN, Outcome.ALREADY):
        shown = _record_part(answer, meeting, session, result, locale)
    elif result.outcome == Outcome.UNKNOWN_TICKET:
        answer["notes"].append(_("No participant of this meeting has this ticket. Search by name instead, "
                                 "or send the person to the organizers."))
    elif result.outcome == Outcome.OTHER_MEETING:
        other = result.other_meeting
        answer["notes"].append(
            _("This ticket is for another meeting: %(title)s, %(date)s.", title=other.title,
              date=show_date(other.starts_at, other.timezone))
            if other_meeting_visible else _("This ticket is for another meeting.")
        )
    elif result.outcome == Outcome.CANCELLED:
        answer["notes"].append(_(
            "Removed from the participant list on %(date)s: not checked in. Send the person to the organizers.",
            date=show_date(result.participant.cancelled_at, meeting.timezone),
        ))
    if result.created:
        answer["recent"] = recent_line(meeting, result.check_in, locale, shown)
    return answer
