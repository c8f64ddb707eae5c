"""The attendance report: the page (counts per session, charts and the full list of one session) and its
downloads (CSV, XLSX, PDF of every session, or of one with ``?session_id=``), and the paper sign-in sheet."""

from __future__ import annotations

from flask import Response, redirect, render_template, request, url_for

from meetapp.attendance.blueprint import bp
from meetapp.attendance.board_views import chosen_session, ui_locale
from meetapp.attendance.reports import pdf, spreadsheets
from meetapp.attendance.reports.data import SECTIONS, list_of, meeting_report, sign_in_order
from meetapp.meetings.loading import load_child, load_meeting
from meetapp.meetings.models import Meeting, MeetingSession


def _download(content: bytes, mimetype: str, meeting: Meeting, name: str, extension: str) -> Response:
    filename = f"{name}-meeting-{meeting.id}-{meeting.local(meeting.starts_at):%Y%m%d}.{extension}"
    response = Response(content, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _as_job(meeting: Meeting, name: str):
    """Big meetings' files are made by a background worker: the page that starts it (meetapp/jobs), else None."""
    from meetapp.jobs.exports import runs_as_job

    if not runs_as_job(meeting):
        return None
    return redirect(url_for("jobs.export", meeting_id=meeting.id, name=name,
                            session_id=request.args.get("session_id", type=int)))


def _only_session(meeting: Meeting) -> MeetingSession | None:
    """The session named by ``?session_id=`` (404 when not the meeting's), or None for all of them."""
    session_id = request.args.get("session_id", type=int)
    return load_child(MeetingSession, session_id, meeting) if session_id is not None else None


@bp.route("/report")
def report(meeting_id: int):
    meeting = load_meeting(meeting_id, "attendance.view")
    session = chosen_session(meeting)
    locale = ui_locale()
    data = meeting_report(meeting, locale)
    shown = next((entry for entry in data.sessions if session and entry.session.id == session.id), None)
    return render_template(
        "attendance/report.html", meeting=meeting, session=session, report=data, shown=shown, sections=SECTIONS,
        locale=locale,
    )


@bp.route("/report.csv")
def report_csv(meeting_id: int):
    meeting = load_meeting(meeting_id, "attendance.view")
    locale = ui_locale()
    data = meeting_report(meeting, locale, session=_only_session(meeting), charts=False)
    return _download(spreadsheets.report_csv(data, locale), "text/csv; charset=utf-8", meeting, "attendance", "csv")


@bp.route("/report.xlsx")
def report_xlsx(meeting_id: int):
    meeting = load_meeting(meeting_id, "attendance.view")
    if (as_job := _as_job(meeting, "attendance-xlsx")) is not None:
        return as_job
    locale = ui_locale()
    data = meeting_report(meeting, locale, session=_only_session(meeting))
    return _download(
        spreadsheets.report_xlsx(data, locale),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", meeting, "attendance", "xlsx",
    )


@bp.route("/report.pdf")
def report_pdf(meeting_id: int):
    meeting = load_meeting(meeting_id, "attendance.view")
    if (as_job := _as_job(meeting, "attendance-pdf")) is not None:
        return as_job
    locale = ui_locale()
    data = meeting_report(meeting, locale, session=_only_session(meeting))
    return _download(pdf.report_pdf(data, locale), "application/pdf", meeting, "attendance", "pdf")


@bp.route("/sign-in-sheet.pdf")
def sign_in_sheet(meeting_id: int):
    meeting = load_meeting(meeting_id, "attendance.view")
    locale = ui_locale()
    session = _only_session(meeting)
    sessions = [session] if session is not None else list(meeting.sessions)
    participants = sign_in_order(list_of(meeting), locale)
    content = pdf.sign_in_sheet_pdf(meeting, sessions, participants, locale)
    return _download(content, "application/pdf", meeting, "sign-in-sheet", "pdf")
