"""Jobs without a broker (the embedded default: tasks run in-process): exports of big meetings through the job
page, progress JSON, retry of a failed job, idempotency, and who may see and download a job's file."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from meetapp.auth.models import SystemRole
from meetapp.extensions import db
from meetapp.jobs import services
from meetapp.jobs.models import Job, JobKind, JobStatus
from tests.factories import UserFactory
from tests.jobs.samples import big_meeting, export_job


@pytest.fixture
def meeting(app, users):
    return big_meeting(users["organizer"])


def start_export(client, meeting, name: str, **fields):
    """Follow the export link to the job's start page and press its button; the job page's URL."""
    page = client.get(f"/meetings/{meeting.id}/exports/{name}", query_string=fields)
    assert page.status_code == 200
    key = re.search(r'name="key" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    response = client.post(f"/meetings/{meeting.id}/exports/{name}", data={"key": key, **fields})
    assert response.status_code == 302 and re.search(r"/jobs/\d+$", response.location)
    return response.location, key


def test_a_big_meetings_badge_sheet_is_made_by_a_job_and_downloaded_by_its_owner(client, auth, users, meeting):
    auth.login_as(users["organizer"])
    link = client.get(f"/meetings/{meeting.id}/attendance/badges.pdf")
    assert link.status_code == 302 and link.location.endswith(f"/meetings/{meeting.id}/exports/badges")
    job_url, _key = start_export(client, meeting, "badges")

    page = client.get(job_url).get_data(as_text=True)
    assert "Done" in page and "Download badges-meeting-" in page
    assert "data-job-status-url" not in page  # finished: nothing left to poll
    status = client.get(f"{job_url}/status").get_json()
    assert status == {"id": int(job_url.rsplit("/", 1)[1]), "status": "succeeded", "status_label": "Done",
                      "progress": 100, "stage": None, "finished": True}
    download = client.get(f"{job_url}/download")
    assert download.status_code == 200 and download.data.startswith(b"%PDF-")
    assert download.headers["Content-Disposition"].startswith('attachment; filename="badges-meeting-')
    assert download.headers["X-Content-Type-Options"] == "nosniff"


def test_the_attendance_report_of_one_session_as_a_job(client, auth, users, meeting):
    auth.login_as(users["secretary"])  # secretaries read attendance: they may export it, not print badges
    session = meeting.sessions[0]
    link = client.get(f"/meetings/{meeting.id}/attendance/report.xlsx?session_id={session.id}")
    assert link.status_code == 302 and link.location.endswith(f"/exports/attendance-xlsx?session_id={session.id}")
    job_url, _key = start_export(client, meeting, "attendance-xlsx", session_id=session.id)
    job = db.session.scalar(sa.select(Job))
    assert (job.kind, job.status, job.params["session_id"]) == (JobKind.ATTENDANCE_XLSX, JobStatus.SUCCEEDED,
                                                                  session.id)
    download = client.get(f"{job_url}/download")
    assert download.data.startswith(b"PK") and "attendance-meeting-" in download.headers["Content-Disposition"]
    assert client.get(f"/meetings/{meeting.id}/exports/badges").status_code == 403


def test_the_report_page_links_big_exports_to_the_job_page_not_as_downloads(client, auth, users, meeting, app):
    auth.login_as(users["organizer"])
    page = client.get(f"/meetings/{meeting.id}/attendance/report").get_data(as_text=True)
    assert re.search(r'report\.pdf"\s*>', page) and re.search(r'report\.csv"\s+download>', page)
    app.config["JOB_EXPORT_MIN_PARTICIPANTS"] = 1000
    page = client.get(f"/meetings/{meeting.id}/attendance/report").get_data(as_text=True)
    assert re.search(r'report\.pdf"\s+download>', page)
    small = client.get(f"/meetings/{meeting.id}/attendance/report.pdf")
    assert small.status_code == 200 and small.data.startswith(b"%PDF-")  # small meetings stay direct


def test_the_same_form_submitted_twice_starts_one_job(client, auth, users, meeting):
    auth.login_as(users["organizer"])
    job_url, key = start_export(client, meeting, "attendance-pdf")
    again = client.post(f"/meetings/{meeting.id}/exports/attendance-pdf", data={"key": key})
    assert again.location == job_url
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Job)) == 1
    start_export(client, meeting, "attendance-pdf")  # a new visit of the page is a new request for the file
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Job)) == 2
    missing = client.post(f"/meetings/{meeting.id}/exports/attendance-pdf", data={})
    assert missing.status_code == 302 and "/exports/attendance-pdf" in missing.location
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Job)) == 2


def test_a_running_jobs_page_polls_its_progress(client, auth, users, meeting):
    job = export_job(users["organizer"], meeting, status=JobStatus.RUNNING, progress=40, message="rendering")
    auth.login_as(users["organizer"])
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert f'data-job-status-url="/jobs/{job.id}/status"' in page and 'value="40"' in page
    assert "Laying out the file…" in page and "js/jobs.js" in page and "<script>" not in page
    assert client.get(f"/jobs/{job.id}/status").get_json() == {
        "id": job.id, "status": "running", "status_label": "Running", "progress": 40,
        "stage": "Laying out the file…", "finished": False}
    assert client.get(f"/jobs/{job.id}/download").status_code == 404  # nothing to download yet


def test_a_failed_job_shows_its_error_and_is_retried(client, auth, users, meeting, monkeypatch):
    auth.login_as(users["organizer"])
    calls = []

    def fail_once(job, progress):
        calls.append(job.id)
        progress(30, "rendering")
        if len(calls) == 1:
            raise OSError("disk full")
        return services.store_file(b"%PDF-1.4 second try", filename="badges.pdf", content_type="application/pdf")

    monkeypatch.setitem(services.HANDLERS, JobKind.BADGE_SHEET, fail_once)
    job_url, _key = start_export(client, meeting, "badges")
    page = client.get(job_url).get_data(as_text=True)
    assert "Failed" in page and "Something went wrong while running this job (OSError)." in page
    assert "Retry" in page and "Download" not in page
    retried = client.post(f"{job_url}/retry")
    assert retried.location == job_url
    job = db.session.scalar(sa.select(Job))
    assert (job.status, job.attempts, job.error, len(calls)) == (JobStatus.SUCCEEDED, 2, None, 2)
    assert client.get(f"{job_url}/download").data == b"%PDF-1.4 second try"
    # Only a failed job runs again: retrying a finished one changes nothing.
    client.post(f"{job_url}/retry")
    assert "Only a failed job can be run again." in client.get(job_url).get_data(as_text=True)
    assert len(calls) == 2


def test_a_job_delivered_twice_does_its_work_once(app, users, meeting, monkeypatch):
    calls = []
    monkeypatch.setitem(services.HANDLERS, JobKind.BADGE_SHEET, lambda job, progress: calls.append(job.id) or {})
    job = export_job(users["organizer"], meeting, status=JobStatus.QUEUED)
    assert services.run(job.id) == JobStatus.SUCCEEDED
    assert services.run(job.id) == JobStatus.SUCCEEDED  # a second delivery of the same task
    assert calls == [job.id]


@pytest.mark.parametrize("role, status", [("anonymous", 302), ("member", 404), ("secretary", 404),
                                          ("other_organizer", 404), ("organizer", 200), ("admin", 200)])
def test_only_the_owner_and_admins_reach_a_jobs_file(client, auth, users, meeting, role, status):
    job = export_job(users["organizer"], meeting)
    if role == "other_organizer":  # organizes the same meeting, but did not start the job
        other = UserFactory(roles=[SystemRole.ORGANIZER])
        meeting.organizers.append(other)
        db.session.commit()
        auth.login_as(other)
    elif role != "anonymous":
        auth.login_as(users[role])
    for url in (f"/jobs/{job.id}", f"/jobs/{job.id}/status", f"/jobs/{job.id}/download"):
        assert client.get(url).status_code == status, url


def test_an_owner_who_no_longer_manages_the_meeting_loses_the_file(client, auth, users, meeting):
    job = export_job(users["organizer"], meeting)
    meeting.organizers = []
    db.session.commit()
    auth.login_as(users["organizer"])
    assert client.get(f"/jobs/{job.id}/download").status_code == 404


def test_an_unreachable_queue_fails_the_job_so_it_can_be_retried(app, client, auth, users, meeting):
    app.extensions["celery"].conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:9/0",
                                         broker_connection_timeout=1,
                                         task_publish_retry_policy={"max_retries": 0})
    auth.login_as(users["organizer"])
    job_url, _key = start_export(client, meeting, "badges")
    page = client.get(job_url).get_data(as_text=True)
    assert "The job queue could not be reached; try again in a moment." in page and "Retry" in page


def test_the_export_page_lists_earlier_files_in_constant_queries(client, auth, users, meeting, count_queries):
    auth.login_as(users["organizer"])

    def measure() -> int:
        with count_queries() as counter:
            assert client.get(f"/meetings/{meeting.id}/exports/badges").status_code == 200
        return counter.count

    export_job(users["organizer"], meeting)
    one = measure()
    for _ in range(10):
        export_job(users["organizer"], meeting)
    assert measure() == one
