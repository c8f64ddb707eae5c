"""A real Celery worker (``celery -A meetapp.jobs.worker worker``, as ``make worker`` starts it) against the local
Redis, on the test database: mail queued by the app goes out through it, and a big meeting's export is made by it
and downloaded from the job's page. Skipped only when no Redis answers on 127.0.0.1:6379 (CI has one)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pytest
import redis
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from meetapp.extensions import db
from meetapp.jobs.models import Job, JobStatus
from meetapp.mail.models import OutboxMessage, OutboxStatus
from meetapp.mail.outbox import queue_message
from tests.jobs.samples import big_meeting
from tests.mail.smtp import Recorder, free_port

REDIS_URL = os.environ.get("MEETAPP_TEST_REDIS_URL", "redis://127.0.0.1:6379/11")  # a database of its own
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.exceptions.RedisError:
        return False


pytestmark = pytest.mark.skipif(not redis_answers(), reason=f"no Redis at {REDIS_URL}")


@pytest.fixture(scope="module")
def smtp():
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    recorder.port = controller.port
    yield recorder
    controller.stop()


@pytest.fixture(scope="module")
def worker(_schema, database_url, smtp, tmp_path_factory):
    """A worker process on the test database and Redis database, sending mail to ``smtp``."""
    redis.Redis.from_url(REDIS_URL).flushdb()  # nothing left over from an earlier run
    uploads = tmp_path_factory.mktemp("worker-uploads")
    env = {**os.environ, "MEETAPP_DATABASE_URL": database_url, "MEETAPP_REDIS_URL": REDIS_URL,
           "MEETAPP_UPLOAD_DIR": str(uploads), "MEETAPP_MAIL_SERVER": "127.0.0.1",
           "MEETAPP_MAIL_PORT": str(smtp.port), "MEETAPP_ENV": "development"}
    log = (tmp_path_factory.mktemp("worker-log") / "worker.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "meetapp.jobs.worker", "worker", "--pool=solo", "--loglevel=INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"test-{os.getpid()}@%h"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while "ready." not in log_text(log):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the worker did not start:\n{log_text(log)}")
            time.sleep(0.2)
        yield {"uploads": str(uploads), "log": log}
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def log_text(log) -> str:
    log.flush()
    log.seek(0)
    return log.read()


@pytest.fixture
def app_config(app_config, worker):
    return {**app_config, "REDIS_URL": REDIS_URL, "UPLOAD_DIR": worker["uploads"]}


def wait_for(check, worker, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        db.session.expire_all()
        db.session.rollback()  # a fresh snapshot of what the worker committed
        if value := check():
            return value
        time.sleep(0.2)
    pytest.fail(f"the worker did not finish in {seconds} s:\n{log_text(worker['log'])[-4000:]}")


def test_mail_queued_by_the_app_is_delivered_by_the_worker(app, worker, smtp):
    assert not app.extensions["celery"].conf.task_always_eager
    queue_message(to_email="ann@example.com", subject="Through the queue", body_text="Hello", dedupe_key="w:1")
    db.session.commit()  # the commit asks the worker to deliver now

    message = wait_for(lambda: db.session.scalar(
        sa.select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.SENT)), worker)
    assert message.to_email == "ann@example.com" and message.attempts == 1
    assert [m["Subject"] for m in smtp.messages] == ["Through the queue"]

    from meetapp.jobs.tasks import deliver_mail

    deliver_mail.delay()  # the periodic run finds nothing more to send: nothing is sent twice
    time.sleep(1)
    assert len(smtp.messages) == 1


def test_a_big_meetings_export_is_made_by_the_worker(app, worker, client, auth, users):
    app.config["JOB_EXPORT_MIN_PARTICIPANTS"] = 1
    meeting = big_meeting(users["organizer"], people=30)
    auth.login_as(users["organizer"])
    page = client.get(f"/meetings/{meeting.id}/exports/badges").get_data(as_text=True)
    key = re.search(r'name="key" value="([^"]+)"', page).group(1)
    job_url = client.post(f"/meetings/{meeting.id}/exports/badges", data={"key": key}).location

    job = wait_for(lambda: db.session.scalar(sa.select(Job).where(Job.status == JobStatus.SUCCEEDED)), worker)
    assert job.attempts == 1 and job.started_at is not None
    assert client.get(f"{job_url}/status").get_json()["progress"] == 100
    download = client.get(f"{job_url}/download")
    assert download.status_code == 200 and download.data.startswith(b"%PDF-")
    assert "Download badges-meeting-" in client.get(job_url).get_data(as_text=True)
