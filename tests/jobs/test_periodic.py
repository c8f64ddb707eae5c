"""The periodic jobs (Celery beat in production; here run in-process): reminders before meetings go once to the
people who accepted, and the milestone reminders of the records area are scheduled."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from meetapp.database import utcnow
from meetapp.extensions import db
from meetapp.jobs.tasks import meeting_reminders, milestone_reminders
from meetapp.mail.models import OutboxMessage
from meetapp.meetings.models import MeetingStatus
from meetapp.participants.models import RsvpStatus
from tests.factories import ParticipantFactory, PersonFactory
from tests.participants.samples import future_meeting


def soon(hours: float, **overrides):
    start = (utcnow() + timedelta(hours=hours)).replace(microsecond=0)
    return future_meeting(starts_at=start, ends_at=start + timedelta(hours=2), **overrides)


def outbox() -> list[OutboxMessage]:
    return list(db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)))


def test_accepted_participants_are_reminded_once_before_the_meeting(app):
    meeting = soon(10, title="Quarterly review")
    accepted = ParticipantFactory(meeting=meeting, rsvp_status=RsvpStatus.ACCEPTED,
                                  person=PersonFactory(name="Ann Lee", email="ann@example.com"))
    ParticipantFactory(meeting=meeting, rsvp_status=RsvpStatus.PENDING)
    ParticipantFactory(meeting=meeting, rsvp_status=RsvpStatus.ACCEPTED, person=PersonFactory(email=None))
    ParticipantFactory(meeting=soon(30), rsvp_status=RsvpStatus.ACCEPTED)  # beyond the 24 hours
    ParticipantFactory(meeting=soon(5, status=MeetingStatus.CANCELLED), rsvp_status=RsvpStatus.ACCEPTED)

    assert meeting_reminders.delay().get() == 1
    assert meeting_reminders.delay().get() == 0  # the next run finds it queued
    [message] = outbox()
    assert (message.to_email, message.subject) == ("ann@example.com", "Reminder: Quarterly review")
    assert "A reminder: “Quarterly review” starts soon." in message.body_text
    assert f"/rsvp/{accepted.rsvp_token}" in message.body_text
    assert [a.filename for a in message.attachments] == ["ticket.png"]


def test_a_meeting_moved_later_reminds_again_before_its_new_start(app):
    meeting = soon(10)
    ParticipantFactory(meeting=meeting, rsvp_status=RsvpStatus.ACCEPTED)
    meeting_reminders.delay()
    meeting.starts_at += timedelta(hours=3)
    meeting.ends_at += timedelta(hours=3)
    db.session.commit()
    assert meeting_reminders.delay().get() == 1
    assert len(outbox()) == 2


def test_milestone_reminders_are_scheduled_through_the_records_area(app):
    pytest.importorskip("meetapp.records.reminders")
    assert milestone_reminders.delay().get() == 0  # wired to queue_milestone_reminders: nothing due here


def test_job_files_are_deleted_after_a_week_and_the_page_says_so(app, client, auth, users):
    from meetapp.jobs.models import JobStatus
    from meetapp.jobs.tasks import purge_job_files
    from tests.jobs.samples import export_job

    meeting = soon(48, organizers=[users["organizer"]])
    old = export_job(users["organizer"], meeting, finished_at=utcnow() - timedelta(days=8))
    recent = export_job(users["organizer"], meeting, finished_at=utcnow() - timedelta(days=6))
    export_job(users["organizer"], meeting, status=JobStatus.FAILED, finished_at=utcnow() - timedelta(days=30))
    auth.login_as(users["organizer"])
    assert client.get(f"/jobs/{old.id}/download").status_code == 200

    assert purge_job_files.delay().get() == 1
    assert client.get(f"/jobs/{old.id}/download").status_code == 404
    assert "The file was deleted 7 days after it was made" in client.get(f"/jobs/{old.id}").get_data(as_text=True)
    assert client.get(f"/jobs/{recent.id}/download").status_code == 200


def test_every_scheduled_task_is_a_registered_task(app):
    celery = app.extensions["celery"]
    schedule = celery.conf.beat_schedule
    assert {"deliver-mail", "meeting-reminders", "milestone-reminders", "purge-job-files"} <= set(schedule)
    assert schedule["deliver-mail"]["schedule"] == 30
    for entry in schedule.values():
        assert entry["task"] in celery.tasks, entry["task"]


def test_the_periodic_jobs_command_runs_each_once(app, runner):
    ParticipantFactory(meeting=soon(3), rsvp_status=RsvpStatus.ACCEPTED)
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=9)  # nobody listens: the run stops, the mail waits
    output = runner.invoke(args=["periodic-jobs"]).output
    assert "meeting-reminders: 1" in output and "purge-job-files: 0" in output
    assert "deliver-mail: {'sent': 0" in output
    assert len(outbox()) == 1
