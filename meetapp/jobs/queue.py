"""The Celery app, made from the Flask app (Flask's "Background Tasks with Celery" pattern): each task runs in an
application context of the Flask app, so it uses the same settings, database and translations as a request.

``MEETAPP_REDIS_URL`` set: Redis is broker and result store, ``make worker`` runs the tasks and ``make beat`` the
periodic ones. Unset (the embedded default): every task runs in-process at once (``task_always_eager``).
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from celery import Celery, Task
from flask import Flask

from meetapp.extensions import db

log = logging.getLogger("meetapp.jobs")

MAIL_DELIVERY_SECONDS = 30
MEETING_REMINDER_SECONDS = 300
MILESTONE_REMINDER_SECONDS = 3600


def celery_config(app: Flask) -> dict:
    redis_url = app.config.get("REDIS_URL")
    return {
        "broker_url": redis_url or "memory://",
        "result_backend": redis_url,
        "task_always_eager": not redis_url,
        "task_eager_propagates": bool(app.config.get("TESTING")),
        "task_ignore_result": True,  # results live in the jobs table; only the tests wait on some
        # A job whose worker died is delivered again; jobs are idempotent, so running one twice is harmless.
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "broker_connection_retry_on_startup": True,
        "broker_transport_options": {"visibility_timeout": 3600},
        "beat_schedule": {
            "deliver-mail": {
                "task": "meetapp.jobs.deliver_mail",
                "schedule": float(app.config.get("MAIL_DELIVERY_SECONDS", MAIL_DELIVERY_SECONDS)),
            },
            "meeting-reminders": {
                "task": "meetapp.jobs.meeting_reminders",
                "schedule": float(app.config.get("MEETING_REMINDER_SECONDS", MEETING_REMINDER_SECONDS)),
            },
            "purge-job-files": {"task": "meetapp.jobs.purge_job_files", "schedule": 86400.0},
            "milestone-reminders": {
                "task": "meetapp.jobs.milestone_reminders",
                "schedule": float(app.config.get("MILESTONE_REMINDER_SECONDS", MILESTONE_REMINDER_SECONDS)),
            },
        },
        "timezone": "UTC",
        **app.config.get("CELERY", {}),
    }


def init_app(app: Flask) -> Celery:
    """Create the app's Celery app (``app.extensions["celery"]``) with tasks that run in its application context."""

    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    celery_app = Celery(app.import_name, task_cls=FlaskTask)
    celery_app.config_from_object(celery_config(app))
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    from meetapp.jobs import tasks  # noqa: F401  (registers the tasks)
    from meetapp.jobs.cli import register_commands

    register_commands(app)

    _kick_delivery_after_queueing(app)
    return celery_app


def is_eager(app: Flask) -> bool:
    return bool(app.extensions["celery"].conf.task_always_eager)


_listening = False


def _kick_delivery_after_queueing(app: Flask) -> None:
    """With a worker, mail queued by a request (an invitation batch) goes out right after the commit instead of at
    the next periodic run. In-process (no broker) nothing is sent from a request: ``flask send-mail`` or the
    periodic task does it."""
    global _listening
    if _listening:
        return
    _listening = True
    from meetapp.mail.models import OutboxMessage

    @sa.event.listens_for(db.session, "after_flush")
    def note_outbox(session, flush_context):
        if any(isinstance(obj, OutboxMessage) for obj in session.new):
            session.info["outbox_queued"] = True

    @sa.event.listens_for(db.session, "after_commit")
    def kick(session):
        if not session.info.pop("outbox_queued", False):
            return
        from flask import current_app, has_app_context

        if not has_app_context() or "celery" not in current_app.extensions or is_eager(current_app):
            return
        from meetapp.jobs.tasks import deliver_mail

        try:
            deliver_mail.delay()
        except Exception:  # the periodic run sends it anyway; the request must not fail for it
            log.warning("could not ask the worker to deliver mail now", exc_info=True)

    @sa.event.listens_for(db.session, "after_rollback")
    def forget(session):
        session.info.pop("outbox_queued", None)
