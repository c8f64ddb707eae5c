"""A background job's page follows the job by itself: the progress bar moves as the worker reports, the download
appears when it is done; a failed job's Retry button runs it again."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meetapp.extensions import db
from meetapp.jobs import services
from meetapp.jobs.models import JobStatus
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD
from tests.jobs.samples import big_meeting, export_job


@pytest.fixture
def meeting(app, users):
    return big_meeting(users["organizer"], people=5)


def test_the_progress_bar_moves_and_the_download_appears(page, users, meeting):
    job = export_job(users["organizer"], meeting, status=JobStatus.RUNNING, progress=10, message="gathering")
    sign_in(page, "organizer@example.com", PASSWORD)
    page.goto(f"/jobs/{job.id}")
    bar = page.locator("[data-job-progress]")
    expect(bar).to_have_js_property("value", 10)
    expect(page.locator("[data-job-stage]")).to_have_text("Gathering the attendance records…")

    job.progress, job.message = 75, "storing"
    db.session.commit()
    expect(bar).to_have_js_property("value", 75, timeout=5000)
    expect(page.locator("[data-job-stage]")).to_have_text("Saving the file…")

    job.status, job.progress, job.message = JobStatus.SUCCEEDED, 100, None
    job.result = services.store_file(b"%PDF-1.4 done", filename="badges.pdf", content_type="application/pdf")
    db.session.commit()
    download = page.get_by_role("link", name="Download badges.pdf")
    expect(download).to_be_visible(timeout=8000)
    with page.expect_download() as info:
        download.click()
    assert info.value.suggested_filename == "badges.pdf"


def test_a_failed_job_is_retried_from_its_page(page, users, meeting):
    job = export_job(users["organizer"], meeting, status=JobStatus.FAILED)
    sign_in(page, "organizer@example.com", PASSWORD)
    page.goto(f"/jobs/{job.id}")
    expect(page.get_by_role("alert")).to_contain_text("The printer ran out of paper.")
    page.get_by_role("button", name="Retry").click()  # runs in-process here: the real badge sheet this time
    expect(page.get_by_role("link", name=f"Download badges-meeting-{meeting.id}.pdf")).to_be_visible()
