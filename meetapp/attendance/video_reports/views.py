"""Video report import pages: the meeting's imported reports, upload → preview (with decisions) → import.

The upload waits on disk between preview and import (``meetapp.directory.pending_imports``: several processes
serve the app), for the uploader only; the preview is computed again from it on every request.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.utils import secure_filename

from meetapp.attendance.blueprint import bp
from meetapp.attendance.models import CHECK_IN_SOURCE_LABELS, CheckIn, VideoReport, VideoSegment
from meetapp.attendance.video_reports import services
from meetapp.attendance.video_reports.forms import PreviewForm, UploadForm, read_decisions
from meetapp.attendance.video_reports.matching import HOW_LABELS
from meetapp.attendance.video_reports.parsers import PLATFORM_LABELS
from meetapp.attendance.video_reports.reading import ReportRefused
from meetapp.directory import pending_imports
from meetapp.directory.models import Person
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.meetings.loading import load_child, load_meeting
from meetapp.meetings.models import Meeting, MeetingSession
from meetapp.participants.models import Participant
from meetapp.participants.views import ui_locale

PENDING_KIND = "video_report"
DEFAULT_MAX_MB = 10


@bp.route("/video-reports/")
def video_reports(meeting_id: int):
    meeting = load_meeting(meeting_id, "attendance.view", options=[selectinload(Meeting.sessions)])
    reports = db.session.scalars(
        sa.select(VideoReport)
        .where(VideoReport.meeting_id == meeting.id)
        .options(joinedload(VideoReport.session), joinedload(VideoReport.imported_by))
        .order_by(VideoReport.imported_at.desc(), VideoReport.id.desc())
    ).all()
    return render_template("attendance/video_reports.html", meeting=meeting, reports=reports,
                           platform_labels=PLATFORM_LABELS)


@bp.route("/video-reports/upload", methods=["GET", "POST"])
def video_upload(meeting_id: int):
    meeting = load_meeting(meeting_id, "attendance.import", options=[selectinload(Meeting.sessions)])
    form = UploadForm()
    if request.method == "GET" and request.args.get("session_id", "").isdigit():
        form.session_id.data = int(request.args["session_id"])
    form.offer(meeting)
    if form.validate_on_submit():
        session = load_child(MeetingSession, form.session_id.data, meeting)
        data = form.file.data.read()
        filename = secure_filename(form.file.data.filename or "") or "report"
        max_mb = current_app.config.get("VIDEO_REPORT_MAX_MB", DEFAULT_MAX_MB)
        try:
            if len(data) > max_mb * 1024 * 1024:
                raise ReportRefused(_("The file is larger than %(max)d MB; a participant report is much "
                                               "smaller.", max=max_mb))
            services.preview_report(meeting, session, filename, data, form.platform.data or None, form.timezone.data)
        except DomainError as error:
            form.file.errors.append(str(error))
        else:
            token = pending_imports.save(data, kind=PENDING_KIND, filename=filename, owner_id=current_user.id, extra={
                "meeting_id": meeting.id, "session_id": session.id, "platform": form.platform.data or "",
                "timezone": form.timezone.data,
            })
            return redirect(url_for("attendance.video_preview", meeting_id=meeting.id, token=token))
    return render_template("attendance/video_upload.html", meeting=meeting, form=form)


def _pending_or_404(meeting, token: str) -> pending_imports.PendingImport:
    pending = pending_imports.load(token, current_user.id)
    if pending is None or pending.kind != PENDING_KIND or pending.extra.get("meeting_id") != meeting.id:
        abort(404)
    return pending


@bp.route("/video-reports/preview/<token>", methods=["GET", "POST"])
def video_preview(meeting_id: int, token: str):
    meeting = load_meeting(meeting_id, "attendance.import")
    pending = _pending_or_404(meeting, token)
    session = load_child(MeetingSession, pending.extra["session_id"], meeting)
    form = PreviewForm(data={"timezone": pending.extra.get("timezone") or meeting.timezone,
                             "threshold_percent": meeting.video_threshold_percent})
    form.timezone.offer(meeting)
    valid = form.validate_on_submit()
    options = {"tz": form.timezone.data, "threshold_percent": form.threshold_percent.data,
               "count_before_start": bool(form.count_before_start.data)}
    if not valid:  # a first visit, or options with errors: the preview as uploaded, the errors beside the fields
        options = {"tz": pending.extra.get("timezone"), "threshold_percent": None, "count_before_start": False}
    try:
        preview = services.preview_report(meeting, session, pending.filename, pending.data,
                                          pending.extra.get("platform") or None, **options)
    except DomainError as error:
        pending_imports.discard(token)
        flash(str(error), "danger")
        return redirect(url_for("attendance.video_reports", meeting_id=meeting.id))
    decisions = read_decisions(request.form, preview.people) if request.method == "POST" else {}
    if valid and form.confirm.data:
        from meetapp.jobs import imports

        if imports.runs_as_job(pending.data):  # a large report is applied by a background worker, with progress
            job = imports.start(current_user, meeting, session, pending, options, decisions, ui_locale())
            return redirect(url_for("jobs.show", job_id=job.id))
        try:
            result = services.apply_report(current_user, meeting, session, preview, decisions)
        except DomainError as error:
            flash(str(error), "danger")
        else:
            pending_imports.discard(token)
            flash(ngettext("Report imported: %(checked)d checked in by video, %(updated)d earlier check-ins completed, "
                           "%(num)d guest.",
                           "Report imported: %(checked)d checked in by video, %(updated)d earlier check-ins completed, "
                           "%(num)d guests.",
                           result.report.guests, checked=result.checked_in, updated=result.updated), "success")
            return redirect(url_for("attendance.video_report", meeting_id=meeting.id, report_id=result.report.id))
    return render_template("attendance/video_preview.html", meeting=meeting, session=session, pending=pending,
                           preview=preview, form=form, decisions=decisions, how_labels=HOW_LABELS,
                           invitees=sorted(preview.participants, key=lambda p: p.person.display_name(ui_locale())),
                           platform_labels=PLATFORM_LABELS, GUEST=services.GUEST,
                           IGNORE=services.IGNORE, MATCH=services.MATCH)


@bp.route("/video-reports/preview/<token>/cancel", methods=["POST"])
def video_cancel(meeting_id: int, token: str):
    meeting = load_meeting(meeting_id, "attendance.import")
    _pending_or_404(meeting, token)
    pending_imports.discard(token)
    flash(_("The import was cancelled; nothing changed."), "info")
    return redirect(url_for("attendance.video_reports", meeting_id=meeting.id))


@bp.route("/video-reports/<int:report_id>")
def video_report(meeting_id: int, report_id: int):
    meeting = load_meeting(meeting_id, "attendance.view")
    report = load_child(VideoReport, report_id, meeting)
    segments = db.session.scalars(
        sa.select(VideoSegment)
        .where(VideoSegment.report_id == report.id)
        .order_by(VideoSegment.joined_at, VideoSegment.id)
    ).all()
    participant_ids = {s.participant_id for s in segments if s.participant_id is not None}
    participants = {}
    check_ins = {}
    if participant_ids:
        participants = {p.id: p for p in db.session.scalars(
            sa.select(Participant).where(Participant.id.in_(participant_ids))
            .options(joinedload(Participant.person).joinedload(Person.unit))
        )}
        check_ins = {c.participant_id: c for c in db.session.scalars(
            sa.select(CheckIn).where(CheckIn.session_id == report.session_id,
                                     CheckIn.participant_id.in_(participant_ids), CheckIn.undone_at.is_(None))
        )}
    invitees: dict[int, list[VideoSegment]] = {}
    guests: dict[tuple, list[VideoSegment]] = {}
    for segment in segments:
        if segment.participant_id is not None:
            invitees.setdefault(segment.participant_id, []).append(segment)
        else:
            guests.setdefault((segment.guest_name, segment.guest_email), []).append(segment)
    return render_template("attendance/video_report.html", meeting=meeting, report=report, invitees=invitees,
                           guests=guests, participants=participants, check_ins=check_ins,
                           platform_labels=PLATFORM_LABELS, source_labels=CHECK_IN_SOURCE_LABELS)
