"""A job's page (progress bar, result, error, retry), its progress as JSON for static/js/jobs.js, its file, and
the page that starts an export of a big meeting."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy.orm import joinedload

from meetapp import policy
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.jobs import exports, imports, services
from meetapp.jobs.blueprint import bp
from meetapp.jobs.models import JOB_KIND_LABELS, JOB_STATUS_LABELS, Job, JobStatus
from meetapp.meetings.loading import load_child, load_meeting
from meetapp.meetings.models import MeetingSession
from meetapp.uploads import send_stored

STAGE_LABELS = {**exports.STAGE_LABELS, **imports.STAGE_LABELS}
RECENT = 5


def _load_job(job_id: int, action: str = "job.view") -> Job:
    """The job, or 404 for anyone but its owner (and admins) who may still do what it does; sign-in first."""
    job = db.session.get(Job, job_id, options=[joinedload(Job.meeting), joinedload(Job.created_by)])
    if job is None:
        abort(404)
    if not current_user.is_authenticated:
        policy.authorize(action, job)  # sends to sign-in
    if not policy.can(action, job):
        abort(404)
    return job


def _stage(job: Job) -> str | None:
    label = STAGE_LABELS.get(job.message or "")
    return str(label) if label is not None else None


@bp.app_template_global()
def export_runs_as_job(meeting) -> bool:
    """For pages with export buttons: big meetings' files are prepared by a worker (no ``download`` link)."""
    return exports.runs_as_job(meeting)


@bp.route("/jobs/<int:job_id>")
def show(job_id: int):
    job = _load_job(job_id)
    return render_template("jobs/job.html", job=job, meeting=job.meeting, kind_label=JOB_KIND_LABELS[job.kind],
                           status_label=JOB_STATUS_LABELS[job.status], stage=_stage(job), JobStatus=JobStatus)


@bp.route("/jobs/<int:job_id>/status")
def status(job_id: int):
    """What jobs.js polls: status, progress and stage, and whether the page should reload to show the end."""
    job = _load_job(job_id)
    response = jsonify(id=job.id, status=job.status.value, status_label=str(JOB_STATUS_LABELS[job.status]),
                       progress=job.progress, stage=_stage(job), finished=job.finished)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/jobs/<int:job_id>/download")
def download(job_id: int):
    job = _load_job(job_id)
    if not job.has_file:
        abort(404)
    result = job.result
    return send_stored(services.FOLDER, result["file"], filename=result["filename"],
                       content_type=result["content_type"])


@bp.route("/jobs/<int:job_id>/retry", methods=["POST"])
def retry(job_id: int):
    job = _load_job(job_id, "job.retry")
    try:
        services.retry(current_user, job)
    except DomainError as error:
        flash(str(error), "danger")
    return redirect(url_for("jobs.show", job_id=job.id))


@bp.route("/meetings/<int:meeting_id>/exports/<name>", methods=["GET", "POST"])
def export(meeting_id: int, name: str):
    """GET: the page that offers to prepare the file (big meetings' export links lead here); POST: start it (the
    form's idempotency key makes a double submit start one job) and follow it on the job's page."""
    spec = exports.EXPORTS.get(name)
    if spec is None:
        abort(404)
    meeting = load_meeting(meeting_id, spec.action)
    session_id = request.values.get("session_id", type=int) if spec.per_session else None
    session = load_child(MeetingSession, session_id, meeting) if session_id is not None else None
    if request.method == "POST":
        key = (request.form.get("key") or "").strip()
        if not 16 <= len(key) <= 64:
            flash(str(services.MissingKey()), "danger")
            return redirect(url_for("jobs.export", meeting_id=meeting.id, name=name, session_id=session_id))
        job = exports.start(current_user, meeting, name, session=session, locale=str(get_locale() or "en"),
                            key=key)
        return redirect(url_for("jobs.show", job_id=job.id))
    recent = db.session.scalars(
        sa.select(Job)
        .where(Job.meeting_id == meeting.id, Job.kind == spec.kind, Job.created_by_id == current_user.id)
        .order_by(Job.created_at.desc(), Job.id.desc())
        .limit(RECENT)
    ).all()
    return render_template("jobs/export.html", meeting=meeting, session=session, name=name,
                           kind_label=JOB_KIND_LABELS[spec.kind], key=services.new_key(), recent=recent,
                           status_labels=JOB_STATUS_LABELS)
