"""The live attendance board: the page, the JSON its script polls (answered 304 while nothing changed), and
recording the quorum at a resolution item. The board reads everything from the database on each request, so it
agrees across app processes."""

from __future__ import annotations

from flask import Response, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from meetapp.agenda.models import AgendaItem
from meetapp.attendance import board as boards
from meetapp.attendance import quorum
from meetapp.attendance.blueprint import bp
from meetapp.errors import DomainError
from meetapp.meetings.loading import load_child, load_meeting
from meetapp.meetings.models import Meeting, MeetingSession
from meetapp.participants.models import RSVP_STATUS_LABELS

POLL_INTERVAL_MS = 1000  # the board must show a check-in within two seconds: an interval plus an answer


def ui_locale() -> str:
    return str(get_locale() or "en")


def chosen_session(meeting: Meeting, required: bool = False) -> MeetingSession | None:
    """The session named by ``?session_id=`` (404 when it is not one of the meeting's); without one, the session
    running now, else the next, else the last (None for a meeting without sessions, or 404 when ``required``)."""
    session_id = request.args.get("session_id", type=int)
    if session_id is not None:
        return load_child(MeetingSession, session_id, meeting)
    if required:
        abort(404)
    return boards.current_session(list(meeting.sessions))


@bp.route("/")
def board(meeting_id: int):
    meeting = load_meeting(meeting_id, "attendance.view")
    session = chosen_session(meeting)
    locale = ui_locale()
    data = boards.session_board(meeting, session, locale) if session is not None else None
    return render_template(
        "attendance/board.html",
        meeting=meeting,
        session=session,
        board=data,
        summary=boards.summary(data) if data is not None else "",
        version=boards.board_version(session, locale) if session is not None else "",
        poll_interval=POLL_INTERVAL_MS,
        quorum_sentence=boards.quorum_sentence,
        quorum_detail=boards.quorum_detail,
        rsvp_label=RSVP_STATUS_LABELS.get,
        locale=locale,
    )


@bp.route("/board.json")
def board_data(meeting_id: int):
    """The board's counts; with ``If-None-Match`` of the current version, an empty 304."""
    meeting = load_meeting(meeting_id, "attendance.view")
    session = chosen_session(meeting, required=True)
    locale = ui_locale()
    version = boards.board_version(session, locale)
    if version in request.if_none_match:
        response = Response(status=304)
    else:
        response = jsonify(boards.board_json(boards.session_board(meeting, session, locale), locale))
    response.set_etag(version)
    # Every poll must ask the server: the fingerprint is cheap, a stale board is not.
    response.headers["Cache-Control"] = "private, no-cache"
    response.vary.add("Cookie")
    return response


@bp.post("/items/<int:item_id>/quorum")
def record_quorum(meeting_id: int, item_id: int):
    meeting = load_meeting(meeting_id, "attendance.record_quorum")
    item = load_child(AgendaItem, item_id, meeting, meeting_of=lambda obj: obj.session.meeting_id)
    try:
        snapshot = quorum.record_quorum(current_user, item)
    except DomainError as error:
        flash(str(error), "danger")
    else:
        if snapshot.met:
            flash(_("Quorum recorded for “%(item)s”: met (%(present)d of %(members)d members present).",
                    item=item.title, present=snapshot.present, members=snapshot.members), "success")
        else:
            flash(_("Quorum recorded for “%(item)s”: NOT met (%(present)d of %(members)d members present, "
                    "%(required)d needed).", item=item.title, present=snapshot.present,
                    members=snapshot.members, required=snapshot.required), "warning")
    return redirect(url_for(".board", meeting_id=meeting.id, session_id=item.session_id, _anchor=f"item-{item.id}"))
