"""A large video report is imported by a job (here every file is "large"): the organizer confirms the preview,
follows the job's page, and finds the import summary and the report; the work is done once."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from meetapp.attendance.models import CheckIn, VideoReport
from meetapp.extensions import db
from meetapp.jobs import services
from meetapp.jobs.models import Job, JobKind, JobStatus
from tests.attendance.video_samples import cast_meeting, sample


@pytest.fixture
def cast(app, users, auth):
    auth.login_as(users["organizer"])
    return cast_meeting(organizers=[users["organizer"]])


def confirm_upload(client, cast):
    base = f"/meetings/{cast.meeting.id}/attendance/video-reports"
    form = {"session_id": cast.session.id, "platform": "", "timezone": "Asia/Shanghai",
            "file": (io.BytesIO(sample("zoom-participants.csv")), "zoom-participants.csv")}
    preview_url = client.post(f"{base}/upload", data=form, content_type="multipart/form-data").location
    confirm = {"timezone": "Asia/Shanghai", "threshold_percent": "50", "confirm": "Import"}
    return preview_url, client.post(preview_url, data=confirm)


def test_the_import_runs_as_a_job_and_its_page_shows_the_summary(client, cast):
    preview_url, response = confirm_upload(client, cast)
    job = db.session.scalar(sa.select(Job))
    assert response.location.endswith(f"/jobs/{job.id}")
    assert (job.kind, job.status) == (JobKind.VIDEO_IMPORT, JobStatus.SUCCEEDED)
    report = db.session.scalar(sa.select(VideoReport))
    assert job.result["report_id"] == report.id
    page = client.get(response.location).get_data(as_text=True)
    assert "Report imported: 7 checked in by video, 0 earlier check-ins completed, 3 guests." in page
    assert f"/video-reports/{report.id}" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CheckIn)) == 7
    assert client.get(preview_url).status_code == 404  # the upload is used up


def test_an_import_job_run_again_records_nothing_twice(client, cast):
    _preview_url, response = confirm_upload(client, cast)
    job = db.session.scalar(sa.select(Job))
    job.status = JobStatus.FAILED  # as if the worker had died after the import's commit
    db.session.commit()
    client.post(f"{response.location}/retry")
    db.session.expire_all()
    assert job.status == JobStatus.FAILED  # the upload is gone: refused, with a reason
    assert "upload the report again" in client.get(response.location).get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(VideoReport)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CheckIn)) == 7
    assert services.run(job.id) == JobStatus.FAILED  # a failed job is not claimed by a stray delivery either
