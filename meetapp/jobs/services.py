"""Submitting, running and retrying jobs.

``submit`` writes the job row and commits before the task is sent, so a worker always finds it; a second submit
with the same idempotency key answers the first job. ``run`` is what the worker calls: it claims the job (a job
already done, or running elsewhere, is left alone), runs the kind's work with a progress callback, and stores the
result or the error. The work of each kind is idempotent, so a job delivered twice (a worker that died half-way)
does its effect once.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from meetapp.audit import record
from meetapp.database import utcnow
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.jobs.models import Job, JobKind, JobStatus
from meetapp.meetings.models import Meeting
from meetapp.uploads import folder_path, remove_stored, stored_path

log = logging.getLogger("meetapp.jobs")

FOLDER = "jobs"  # under UPLOAD_DIR: a shared volume when workers run on other hosts
DEFAULT_KEEP_DAYS = 7  # a job's file is deleted after this many days (JOB_FILES_KEEP_DAYS)
# A job marked running for longer than this is taken to belong to a worker that died: it may be claimed again.
STALE_AFTER = timedelta(hours=1)

Progress = Callable[[int, str], None]
# kind → work(job, progress) → result dict; each kind's module registers itself (see ``work``).
HANDLERS: dict[JobKind, Callable[[Job, Progress], dict]] = {}


class NotRetryable(DomainError):
    message = _l("Only a failed job can be run again.")


class MissingKey(DomainError):
    message = _l("The form was incomplete; press the button again.")


class QueueUnavailable(DomainError):
    message = _l("The job queue could not be reached; try again in a moment.")


def work(kind: JobKind):
    """Register the function that does the work of ``kind``."""

    def decorator(function):
        HANDLERS[kind] = function
        return function

    return decorator


def new_key() -> str:
    """A fresh idempotency key for a form: submitting that form twice starts one job."""
    return secrets.token_urlsafe(16)


def submit(actor, kind: JobKind, params: dict, *, meeting: Meeting | None = None, key: str | None = None) -> Job:
    """Record a job for ``actor`` and send it to the queue (run at once when there is no broker).

    A job with the same ``key`` is answered as it is, and nothing new starts. Commits.
    """
    if key:
        existing = db.session.scalar(sa.select(Job).where(Job.idempotency_key == key))
        if existing is not None:
            return existing
    job = Job(kind=kind, params=params, meeting_id=meeting.id if meeting is not None else None,
              created_by_id=actor.id if actor is not None else None, idempotency_key=key)
    db.session.add(job)
    record(actor, "job.create", job, meeting=meeting, changes={"kind": [None, kind.value]})
    try:
        db.session.commit()
    except sa.exc.IntegrityError:  # the same key submitted at the same moment by another request
        db.session.rollback()
        existing = db.session.scalar(sa.select(Job).where(Job.idempotency_key == key)) if key else None
        if existing is None:
            raise
        return existing
    _send(job)
    return job


def retry(actor, job: Job) -> Job:
    """Run a failed job again (same parameters, same job). Refuses a job that has not failed. Commits."""
    if job.status != JobStatus.FAILED:
        raise NotRetryable()
    record(actor, "job.retry", job, meeting=job.meeting,
           changes={"status": [job.status.value, JobStatus.QUEUED.value]}, summary=job.error)
    job.status, job.progress, job.message, job.error, job.finished_at = JobStatus.QUEUED, 0, None, None, None
    db.session.commit()
    _send(job)
    return job


def _send(job: Job) -> None:
    from meetapp.jobs.tasks import run_job

    job_id = job.id
    try:
        run_job.delay(job_id)
    except Exception:  # the broker is down: the job says so and can be retried
        if current_app.config.get("TESTING") and current_app.extensions["celery"].conf.task_always_eager:
            raise
        log.exception("job %s could not be queued", job_id)
        db.session.rollback()
        job = db.session.get(Job, job_id)
        if job is not None and job.status == JobStatus.QUEUED:
            _fail(job, str(QueueUnavailable()))
    db.session.expire_all()  # an in-process run committed through another session: read the job afresh


def _claim(job_id: int) -> bool:
    """Mark the job running if it is waiting (or stuck with a dead worker); false when it is done or running."""
    now = utcnow()
    claimed = db.session.execute(
        sa.update(Job)
        .where(Job.id == job_id, sa.or_(
            Job.status == JobStatus.QUEUED,
            sa.and_(Job.status == JobStatus.RUNNING, Job.started_at < now - STALE_AFTER),
        ))
        .values(status=JobStatus.RUNNING, started_at=now, attempts=Job.attempts + 1, progress=0)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return bool(claimed)


def run(job_id: int) -> JobStatus | None:
    """Do the job's work (the worker's side). Answers the job's status afterwards, None for an unknown job."""
    if not _claim(job_id):
        job = db.session.get(Job, job_id)
        log.info("job %s not run: %s", job_id, job.status if job is not None else "unknown")
        return job.status if job is not None else None
    job = db.session.get(Job, job_id)
    locale = job.params.get("locale") or current_app.config.get("BABEL_DEFAULT_LOCALE", "en")

    def progress(percent: int, stage: str) -> None:
        job.progress, job.message = max(0, min(100, int(percent))), stage
        db.session.commit()

    with force_locale(locale):  # refusals and file contents in the language of the person who asked
        try:
            result = HANDLERS[job.kind](job, progress)
        except DomainError as error:
            db.session.rollback()
            _fail(job, str(error))
        except Exception as error:  # any failure is shown on the job's page, and the job can be retried
            log.exception("job %s (%s) failed", job.id, job.kind)
            db.session.rollback()
            _fail(job, _("Something went wrong while running this job (%(error)s).", error=type(error).__name__))
        else:
            job.status, job.progress, job.result, job.finished_at = JobStatus.SUCCEEDED, 100, result, utcnow()
            job.message = None
            db.session.commit()
    return job.status


def _fail(job: Job, message: str) -> None:
    job.status, job.error, job.finished_at = JobStatus.FAILED, message[:2000], utcnow()
    db.session.commit()


# --- result files -------------------------------------------------------------------------------


def store_file(content: bytes, *, filename: str, content_type: str) -> dict:
    """Keep a job's output under a random name in ``UPLOAD_DIR/jobs``; the result dict that points to it."""
    name = secrets.token_hex(16)
    path = stored_path(FOLDER, name)
    folder_path(FOLDER)
    path.write_bytes(content)
    return {"file": name, "filename": filename, "content_type": content_type, "size": len(content)}


def purge_old_files(now) -> int:
    """Delete the files of jobs finished more than ``JOB_FILES_KEEP_DAYS`` ago (the job stays, its page says the
    file is gone). Commits; answers how many files were deleted."""
    days = current_app.config.get("JOB_FILES_KEEP_DAYS", DEFAULT_KEEP_DAYS)
    jobs = db.session.scalars(
        sa.select(Job).where(Job.status == JobStatus.SUCCEEDED, Job.finished_at < now - timedelta(days=days))
    ).all()
    purged = 0
    for job in jobs:
        if job.has_file:
            remove_stored(FOLDER, job.result["file"])
            job.result = {**job.result, "file": None, "purged_after_days": days}
            purged += 1
    db.session.commit()
    return purged
