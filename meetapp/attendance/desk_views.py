"""The check-in desk: scan a ticket (a keyboard-wedge scanner types the code and Enter) or find a person by name
or unit, and see the answer at a glance; undo a mistaken check-in; the meeting's check-in staff.

The page works as plain forms; ``static/js/desk.js`` sends the same scans as JSON (``desk_scan``) with a client
nonce, keeps them in the browser while the network is down, and replays them in order.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import cached_property

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy.orm import joinedload

from meetapp import policy
from meetapp.attendance import camera, checkins, desk, fast_scan, staff
from meetapp.attendance.blueprint import bp
from meetapp.attendance.checkins import CheckInResult, Outcome
from meetapp.attendance.desk_answer import recent_line, scan_answer
from meetapp.attendance.desk_forms import NONCE_PATTERN, RemoveStaffForm, ScanForm, StaffForm, UndoForm, new_nonce
from meetapp.attendance.models import CheckIn
from meetapp.auth.models import User
from meetapp.errors import DomainError
from meetapp.extensions import db, limiter
from meetapp.meetings.loading import load_child, load_meeting
from meetapp.meetings.models import Meeting, MeetingSession
from meetapp.participants.models import (
    MEETING_ROLE_LABELS,
    AttendanceMode,
    Participant,
    RsvpStatus,
)
from meetapp.participants.views import ui_locale


class NoDelegate(DomainError):
    message = _l("The invitee has not named a delegate.")


class BadScan(DomainError):
    message = _l("This scan cannot be read.")


# --- the desk's state: which session, where ------------------------------------------------------------


class DeskState:
    """The session the desk checks in for and where it stands."""

    def __init__(self, meeting, session, location: desk.DeskLocation):
        self.meeting = meeting
        self.session = session
        self.location = location

    @classmethod
    def choose(cls, meeting, session_id=None, where=None):
        """From the desk's choices (else the defaults): the session running now, the first place offered."""
        if session_id:
            session = load_child(MeetingSession, session_id, meeting)
        else:
            session = desk.current_session(list(meeting.sessions))
        keys = [key for key, _label in desk.location_choices(meeting, ui_locale())]
        if where not in keys:
            where = keys[0] if keys else "in_person"
        return cls(meeting, session, desk.parse_location_key(meeting, where))

    @classmethod
    def from_args(cls, meeting, args):
        return cls.choose(meeting, args.get("session_id", type=int), args.get("where"))

    @cached_property
    def sessions(self):
        return list(self.meeting.sessions)

    @cached_property
    def choices(self):
        return desk.location_choices(self.meeting, ui_locale())

    @property
    def args(self) -> dict:
        """URL arguments that keep this state across a redirect."""
        return {"session_id": self.session.id if self.session else None, "where": self.location.key}


def _scan_form(state: DeskState, **data) -> ScanForm:
    data = {"session_id": state.session.id if state.session else None, "where": state.location.key,
            "nonce": new_nonce(), **data}
    return ScanForm(formdata=None, data=data)


def _render_desk(meeting, state: DeskState, *, scan=None, result=None, undo=None, status=200):
    q = request.args.get("q", "").strip()
    session = state.session
    hits = desk.search(meeting, session, q) if session is not None and q else []
    return render_template(
        "attendance/desk.html",
        meeting=meeting,
        active_tab="check_in",
        state=state,
        scan=scan or _scan_form(state),
        answer=_answer(meeting, state, result) if result is not None else None,
        undo=undo,
        q=q,
        hits=hits,
        min_search=desk.MIN_SEARCH,
        hit_form=lambda hit, delegate="": _scan_form(state, participant_id=hit.participant.id, delegate=delegate),
        recent=[recent_line(meeting, record, ui_locale()) for record in desk.recent_check_ins(session)]
        if session is not None else [],
        checked_in=desk.session_count(session) if session is not None else 0,
        undo_form=_undo_form,
        role_labels=MEETING_ROLE_LABELS,
    ), status


def _answer(meeting, state: DeskState, result: CheckInResult) -> dict:
    return scan_answer(meeting, state.session, result, ui_locale(),
                       other_meeting_visible=_other_meeting_visible(result))


def _undo_form(state: DeskState) -> UndoForm:
    return UndoForm(formdata=None, data=state.args)


def _other_meeting_visible(result: CheckInResult | None) -> bool:
    # A ticket of another meeting names that meeting only to someone who may see it.
    return bool(result and result.other_meeting is not None and policy.can("meeting.view", result.other_meeting))


@bp.route("/desk")
def desk_page(meeting_id: int):
    meeting = load_meeting(meeting_id, "attendance.check_in")
    return _render_desk(meeting, DeskState.from_args(meeting, request.args))


# --- checking in -------------------------------------------------------------------------------------


def _delegate_for(participant: Participant | None, flag: bool | None):
    """Who is here: the invitee's named delegate when asked for (``flag``), or, when nobody said, when the invitee
    answered that the delegate comes (the delegate usually shows the invitee's forwarded ticket)."""
    if participant is None:
        return None
    if flag is None:
        return participant.delegate if participant.rsvp_status == RsvpStatus.DELEGATED else None
    if not flag:
        return None
    if participant.delegate is None:
        raise NoDelegate(_("%(name)s has not named a delegate.", name=participant.person.display_name(ui_locale())))
    return participant.delegate


def _scan(meeting, state: DeskState, *, code=None, participant_id=None, delegate=None, nonce=None, at=None):
    """One check-in from the desk: the ticket (or the picked participant) at the desk's session and location."""
    if participant_id:
        participant = load_child(Participant, participant_id, meeting)
    else:
        participant = checkins.find_by_ticket(code or "")
    if participant is None and not code:
        raise BadScan()
    location = state.location
    return checkins.check_in(
        current_user,
        meeting,
        state.session,
        ticket_code=code,
        participant=participant,
        mode=location.mode,
        venue=location.venue,
        delegate=_delegate_for(participant if participant and participant.meeting_id == meeting.id else None,
                               delegate),
        nonce=nonce or None,
        at=desk.scan_time(at),
    )


def _flag(value) -> bool | None:
    if value in (None, ""):
        return None
    return value in (True, 1, "1", "true", "yes")


@bp.route("/desk", methods=["POST"])
def desk_check_in(meeting_id: int):
    """The desk without JavaScript: the scan form and the search results' buttons post here."""
    meeting = load_meeting(meeting_id, "attendance.check_in")
    form = ScanForm()
    state = DeskState.choose(meeting, form.session_id.data, form.where.data)
    if state.session is None:
        abort(404)
    if not form.validate_on_submit():
        return _render_desk(meeting, state, scan=form, status=200)
    try:
        result = _scan(meeting, state, code=form.code.data, participant_id=form.participant_id.data,
                       delegate=_flag(form.delegate.data), nonce=form.nonce.data)
    except DomainError as error:
        form.code.errors.append(str(error))
        return _render_desk(meeting, state, scan=form)
    return _render_desk(meeting, state, result=result)


def _json_error(message: str, status: int):
    return jsonify(ok=False, error=message), status


def _scan_payload(meeting, data: dict) -> dict:
    """The JSON body ``{session_id, ticket_code | participant_id, mode, venue_id, nonce, delegate, scanned_at}``
    as ``_scan``'s arguments; refuses what is malformed."""

    def as_int(name):
        value = data.get(name)
        if value in (None, ""):
            return None
        if isinstance(value, bool) or not str(value).isdigit():
            raise BadScan()
        return int(value)

    nonce = data.get("nonce") or None
    if nonce is not None and (not isinstance(nonce, str) or not re.match(NONCE_PATTERN, nonce)):
        raise BadScan()
    code = data.get("ticket_code")
    if code is not None and not isinstance(code, str):
        raise BadScan()
    scanned_at = None
    if data.get("scanned_at"):
        try:
            scanned_at = datetime.fromisoformat(str(data["scanned_at"]).replace("Z", "+00:00"))
        except ValueError:
            raise BadScan() from None
        if scanned_at.tzinfo is None:
            scanned_at = scanned_at.replace(tzinfo=UTC)
    participant_id = as_int("participant_id")
    if not (code or "").strip() and not participant_id:
        raise BadScan()
    return {
        "session_id": as_int("session_id"),
        "location": desk.desk_location(meeting, data.get("mode"), as_int("venue_id")),
        "code": (code or "").strip()[:200] or None,
        "participant_id": participant_id,
        "delegate": _flag(data.get("delegate")),
        "nonce": nonce,
        "at": scanned_at,
    }


@bp.route("/desk/scan", methods=["POST"])
@limiter.exempt  # signed-in desk staff; a desk scans as fast as people arrive
def desk_scan(meeting_id: int):
    """The desk's scans as JSON (CSRF token in the X-CSRFToken header); the nonce makes a retried scan harmless.
    Answers what the desk shows (``desk_answer.scan_answer``: data, drawn by desk.js); 400 for a malformed scan,
    422 for a refused one."""
    data = request.get_json(silent=True)
    answer = _fast_answer(meeting_id, data)
    if answer is not None:
        return jsonify(answer)
    # The full path: everything the hot path hands over. What the access check and the check-in read comes in
    # one statement with the meeting: its organizers with their roles (an organizer's own account among them,
    # usually), its main venue and its few sessions.
    meeting = load_meeting(meeting_id, "attendance.check_in", options=[
        joinedload(Meeting.organizers).joinedload(User.role_rows),
        joinedload(Meeting.venue),
        joinedload(Meeting.sessions).joinedload(MeetingSession.venue_override),
    ])
    if not isinstance(data, dict):
        return _json_error(str(BadScan.message), 400)
    try:
        payload = _scan_payload(meeting, data)
    except DomainError as error:
        return _json_error(str(error), 400)
    if not payload["session_id"]:
        return _json_error(str(BadScan.message), 400)
    session = load_child(MeetingSession, payload["session_id"], meeting)
    state = DeskState(meeting, session, payload["location"])
    # The answer shows what the check-in loaded, none of which the commit changes: keep it instead of reloading
    # it all (a desk's scans are the hot path). Only this request's session is affected.
    db.session().expire_on_commit = False
    try:
        result = _scan(meeting, state, code=payload["code"], participant_id=payload["participant_id"],
                       delegate=payload["delegate"], nonce=payload["nonce"], at=payload["at"])
    except DomainError as error:
        return _json_error(str(error), 422)
    return jsonify(_answer(meeting, state, result))


def _fast_answer(meeting_id: int, data) -> dict | None:
    """The hot path's answer (``fast_scan``) to a common scan, or None. A scan at a branch venue, or one that does
    not parse, goes the full way, which says what is wrong."""
    if not isinstance(data, dict) or data.get("mode") == AttendanceMode.BRANCH:
        return None
    try:
        payload = _scan_payload(None, data)  # no meeting needed away from a branch venue
    except DomainError:
        return None
    if not payload["session_id"]:
        return None
    return fast_scan.scan(meeting_id, {**payload, "at": desk.scan_time(payload["at"])})


@bp.route("/desk/token")
def desk_token(meeting_id: int):
    """A fresh CSRF token for a desk page left open longer than a token lives (replays would be refused)."""
    load_meeting(meeting_id, "attendance.check_in")
    response = jsonify(csrf_token=generate_csrf())
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/desk/decode", methods=["POST"])
@limiter.exempt  # signed-in desk staff; a camera sends a few frames a second while it looks for a code
def desk_decode(meeting_id: int):
    """A camera frame (the body: JPEG, PNG or WebP; CSRF token in the X-CSRFToken header) → ``{"code": <the QR
    code's text> | null}``. Records nothing: the desk sends the code it gets as a scan. 400 for what is not a
    picture."""
    load_meeting(meeting_id, "attendance.check_in")
    try:
        code = camera.decode_ticket(request.get_data(cache=False))
    except DomainError as error:
        return _json_error(str(error), 400)
    response = jsonify(code=code)
    response.headers["Cache-Control"] = "no-store"
    return response


# --- undo ------------------------------------------------------------------------------------------------


@bp.route("/desk/check-ins/<int:check_in_id>/undo", methods=["POST"])
def desk_undo(meeting_id: int, check_in_id: int):
    """Undo a mistaken check-in: it stays on record as undone, with who undid it and why."""
    meeting = load_meeting(meeting_id, "attendance.check_in")
    record = load_child(CheckIn, check_in_id, meeting)
    form = UndoForm()
    state = DeskState.choose(meeting, form.session_id.data or record.session_id, form.where.data)
    if form.validate_on_submit():
        try:
            checkins.undo_check_in(current_user, record, form.reason.data)
        except DomainError as error:
            flash(str(error), "danger")
        else:
            name = record.participant.person.display_name(ui_locale())
            flash(_("The check-in of %(name)s was undone.", name=name), "success")
        return redirect(url_for(".desk_page", meeting_id=meeting.id, **state.args))
    shown = CheckInResult(Outcome.ALREADY, checkins.load_participant(record.participant_id), record)
    return _render_desk(meeting, state, result=shown, undo=form)


# --- check-in staff ----------------------------------------------------------------------------------


def _render_staff(meeting, form):
    return render_template(
        "attendance/desk_staff.html",
        meeting=meeting,
        active_tab="check_in",
        form=form,
        remove_form=RemoveStaffForm(formdata=None),
        staff=meeting.checkin_staff,
    )


@bp.route("/staff", methods=["GET", "POST"])
def staff_page(meeting_id: int):
    """The meeting's check-in staff, for its managers: add by the account's email, remove."""
    meeting = load_meeting(meeting_id, "attendance.manage_staff")
    form = StaffForm()
    if form.validate_on_submit():
        try:
            user = staff.add_checkin_staff(meeting, form.email.data)
        except DomainError as error:
            form.email.errors.append(str(error))
        else:
            flash(_("%(name)s can now work the check-in desk.", name=user.name), "success")
            return redirect(url_for(".staff_page", meeting_id=meeting.id))
    return _render_staff(meeting, form)


@bp.route("/staff/<int:user_id>/remove", methods=["POST"])
def staff_remove(meeting_id: int, user_id: int):
    meeting = load_meeting(meeting_id, "attendance.manage_staff")
    form = RemoveStaffForm()
    if form.validate_on_submit():
        try:
            user = staff.remove_checkin_staff(meeting, user_id)
        except DomainError as error:
            flash(str(error), "danger")
        else:
            flash(_("%(name)s no longer works the check-in desk.", name=user.name), "success")
    return redirect(url_for(".staff_page", meeting_id=meeting.id))
