"""/api/v1/meetings/{id}/check-ins, /attendance and /video-reports: check-in devices and video connectors, through
``meetapp.attendance.checkins``, the board's counts and the video report import — what the desk and pages use."""

from __future__ import annotations

from flask import current_app, jsonify
from flask_babel import get_locale
from flask_smorest import abort as abort_with
from sqlalchemy.orm import selectinload
from werkzeug.utils import secure_filename

from meetapp.api import access
from meetapp.api.models import Scope
from meetapp.api.problems import problem
from meetapp.api.resources import READ_ERRORS, WRITE_ERRORS, api_blueprint, errors
from meetapp.api.schemas import (
    AttendanceQuery,
    AttendanceSchema,
    CheckInInSchema,
    CheckInSchema,
    ReportImportedSchema,
    ReportPreviewSchema,
    UndoQuery,
    VideoReportFileSchema,
    VideoReportFormSchema,
    VideoReportQuery,
)
from meetapp.attendance import board, by_hand, checkins
from meetapp.attendance.models import CheckIn, CheckInSource
from meetapp.attendance.video_reports import services as video_services
from meetapp.database import utcnow
from meetapp.extensions import db, limiter
from meetapp.meetings.models import Meeting, MeetingSession
from meetapp.participants.models import Participant

blp = api_blueprint("api_attendance", "Check-ins, attendance counts and quorum, video platform reports.")

REFUSED_SCANS = {
    checkins.Outcome.UNKNOWN_TICKET: "No participant of this meeting has this ticket.",
    checkins.Outcome.OTHER_MEETING: "This ticket is for another meeting.",
    checkins.Outcome.CANCELLED: "This participant was removed from the meeting.",
}


def _session_of(meeting: Meeting, session_id: int | None, field: str = "session_id") -> MeetingSession:
    if session_id is None:
        return board.current_session(list(meeting.sessions))
    session = db.session.get(MeetingSession, session_id)
    if session is None or session.meeting_id != meeting.id:
        abort_with(422, errors={field: ["Not a session of this meeting."]})
    return session


def _check_in_limit() -> str:
    return current_app.config.get("RATELIMIT_API_CHECKINS", "600 per minute")


def _per_token() -> str:
    token = access.api_token()
    return f"api-checkin:{token.id}" if token is not None else "api-checkin:anonymous"


@blp.post("/meetings/<int(max=2147483647):meeting_id>/check-ins")
@limiter.limit(_check_in_limit, key_func=_per_token)
@blp.arguments(CheckInInSchema)
@blp.response(201, CheckInSchema, description="Checked in: the new record.")
@blp.alt_response(200, schema=CheckInSchema, description="Already checked in: the existing record.", success=True)
@errors(blp, *WRITE_ERRORS, 429)
def check_in(args, meeting_id: int):
    """Check a participant in to a session by ``ticket_code`` (the QR code) or ``participant_id``: a scan at the
    door (``source`` desk, now) or attendance entered afterwards (``source`` manual, e.g. from the paper sign-in
    sheet, at ``checked_in_at`` or the session's start; 422 before the session starts). Idempotent:
    201 with the new record, 200 with the existing one when already checked in (or when ``nonce`` repeats a
    request). A ticket of nobody on the list, of another meeting or of a removed participant → 422 with
    ``outcome``. Needs the ``checkin`` scope and the right to run the meeting's check-in (manual: to keep its
    record, as secretaries and its organizers do)."""
    source = CheckInSource(args["source"])
    # At the door: who runs the check-in. Entered afterwards: who keeps the meeting's record, as on the page.
    action = "attendance.record_by_hand" if source == CheckInSource.MANUAL else "attendance.check_in"
    meeting = access.meeting_or_404(meeting_id, action, scope=Scope.CHECKIN, options=[selectinload(Meeting.sessions)])
    session = _session_of(meeting, args["session_id"])
    participant = None
    if "participant_id" in args:
        participant = db.session.get(Participant, args["participant_id"])
        if participant is None or participant.meeting_id != meeting.id:
            abort_with(422, errors={"participant_id": ["Not a participant of this meeting."]})
    venue = None
    if args["branch_venue_id"] is not None:
        venue = next((v for v in meeting.branch_venues if v.id == args["branch_venue_id"]), None)
        if venue is None:
            abort_with(422, errors={"branch_venue_id": ["Not a branch venue of this meeting."]})
    at = by_hand.manual_time(session, args["checked_in_at"], utcnow()) if source == CheckInSource.MANUAL else None
    result = checkins.check_in(access.api_user(), meeting, session, ticket_code=args.get("ticket_code"),
                               participant=participant, mode=args["mode"], venue=venue, source=source,
                               nonce=args["nonce"], at=at)
    if not result.ok:
        return problem(422, REFUSED_SCANS[result.outcome], outcome=str(result.outcome))
    return result.check_in, 201 if result.created else 200


@blp.delete("/meetings/<int(max=2147483647):meeting_id>/check-ins/<int(max=2147483647):check_in_id>")
@blp.arguments(UndoQuery, location="query")
@blp.response(200, CheckInSchema, description="Undone: the record, kept with who undid it and why.")
@errors(blp, *WRITE_ERRORS)
def undo_check_in(args, meeting_id: int, check_in_id: int):
    """Undo a mistaken check-in (``reason`` optional); the record stays, marked undone. Already undone → 409."""
    meeting = access.meeting_or_404(meeting_id, "attendance.check_in", scope=Scope.CHECKIN)
    record = access.child_or_404(CheckIn, check_in_id, meeting)
    return checkins.undo_check_in(access.api_user(), record, args["reason"])


@blp.get("/meetings/<int(max=2147483647):meeting_id>/attendance")
@blp.arguments(AttendanceQuery, location="query")
@blp.response(200, AttendanceSchema)
@errors(blp, *READ_ERRORS, 422)
def attendance(args, meeting_id: int):
    """Invited and present at one session by meeting role, attendance mode and top-level unit, and the quorum of
    committee sessions (null when the session has no quorum rule). The live board's numbers."""
    meeting = access.meeting_or_404(meeting_id, "attendance.view", options=[selectinload(Meeting.sessions)])
    session = _session_of(meeting, args["session_id"])
    data = board.session_board(meeting, session, str(get_locale() or "en"))
    totals = data.totals
    return {
        "meeting_id": meeting.id,
        "session_id": session.id,
        "totals": {"invited": totals.invited, "present": totals.present, "represented": totals.represented,
                   "apologies": totals.apologies, "not_arrived": totals.not_arrived, "percent": totals.percent},
        "by_role": data.by_role,
        "by_mode": data.by_mode,
        "by_unit": data.by_unit,
        "quorum": {**data.quorum.as_json(), "percent": data.quorum.percent} if data.quorum is not None else None,
    }


@blp.post("/meetings/<int(max=2147483647):meeting_id>/video-reports")
@blp.arguments(VideoReportQuery, location="query")
@blp.arguments(VideoReportFormSchema, location="form")
@blp.arguments(VideoReportFileSchema, location="files")
@blp.response(201, ReportImportedSchema, description="Imported.")
@blp.alt_response(200, schema=ReportPreviewSchema, description="dry_run=true: what importing would record.",
                  success=True)
@errors(blp, *WRITE_ERRORS)
def video_report(query, form, files, meeting_id: int):
    """Import a video platform's participant report (Zoom, Teams, Tencent, Webex, Feishu export; multipart field
    ``file``) for one session: matched invitees who attended are checked in by video. ``dry_run=true`` answers
    the preview and changes nothing. The same file again for the session → 409."""
    meeting = access.meeting_or_404(meeting_id, "attendance.import")
    session = _session_of(meeting, form["session_id"])
    upload = files["file"]
    data = upload.read()
    max_mb = current_app.config.get("VIDEO_REPORT_MAX_MB", 10)
    if len(data) > max_mb * 1024 * 1024:
        abort_with(413, message=f"The file is larger than {max_mb} MB.")
    filename = secure_filename(upload.filename or "") or "report"
    preview = video_services.preview_report(meeting, session, filename, data, form["platform"], form["timezone"],
                                            threshold_percent=form["threshold_percent"])
    if query["dry_run"]:
        return jsonify(ReportPreviewSchema().dump({
            "filename": preview.filename, "platform": str(preview.report.platform), "rows_total": preview.rows_total,
            "warnings": preview.warnings,
            "people": [{"key": p.key, "name": p.name, "email": p.email, "minutes": p.minutes, "attended": p.attended,
                        "participant_id": p.match.candidate.participant.id if p.match.candidate else None}
                       for p in preview.people],
        }))
    result = video_services.apply_report(access.api_user(), meeting, session, preview)
    return {"report_id": result.report.id, "checked_in": result.checked_in, "updated": result.updated,
            "kept": result.kept, "guests": result.report.guests}
