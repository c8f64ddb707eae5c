"""The Celery tasks: one that runs any ``Job`` row, and the periodic ones (Celery beat, see ``queue``)."""

from __future__ import annotations

import importlib
import logging

from celery import shared_task

from meetapp.database import utcnow
from meetapp.jobs import exports, imports, services  # noqa: F401  (exports and imports register their work)

log = logging.getLogger("meetapp.jobs")


@shared_task(name="meetapp.jobs.run_job")
def run_job(job_id: int) -> str | None:
    status = services.run(job_id)
    return status.value if status is not None else None


@shared_task(name="meetapp.jobs.deliver_mail")
def deliver_mail(limit: int = 200) -> dict:
    """Send what the outbox holds (every 30 s, and right after a request queued mail). Each message is claimed
    with ``FOR UPDATE SKIP LOCKED`` and marked sent in its own commit: two runs at once never send one twice."""
    from meetapp.mail.delivery import deliver_pending

    report = deliver_pending(limit=limit)
    if report.sent or report.failed or report.retrying:
        log.info("mail: sent %s, retrying %s, failed %s", report.sent, report.retrying, report.failed)
    return {"sent": report.sent, "retrying": report.retrying, "failed": report.failed, "stopped": report.stopped}


@shared_task(name="meetapp.jobs.meeting_reminders")
def meeting_reminders() -> int:
    """Queue the reminder mail of meetings that start soon (once per participant and start time)."""
    from meetapp.jobs.reminders import queue_meeting_reminders

    return queue_meeting_reminders(utcnow())


@shared_task(name="meetapp.jobs.purge_job_files")
def purge_job_files() -> int:
    """Delete job files older than ``JOB_FILES_KEEP_DAYS`` (daily)."""
    return services.purge_old_files(utcnow())


# Where the records area keeps its milestone reminders (written by that area; this task only schedules it).
MILESTONE_REMINDERS = ("meetapp.records.reminders", "queue_milestone_reminders")


@shared_task(name="meetapp.jobs.milestone_reminders")
def milestone_reminders() -> int | None:
    """Queue the reminder mail of milestones that fall due soon, through the records area."""
    module_name, function_name = MILESTONE_REMINDERS
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError:
        log.info("no milestone reminders yet (%s is missing)", module_name)
        return None
    return getattr(module, function_name)(utcnow())
