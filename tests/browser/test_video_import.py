"""An organizer imports the meeting's Zoom participants report: uploads it, matches the branch room's row to the
invitee who sat there, records the walk-in as a guest, confirms, and sees the video attendees counted."""

import sqlalchemy as sa
from playwright.sync_api import expect

from meetapp.attendance.models import CheckIn
from meetapp.extensions import db
from tests.attendance.video_samples import DATA, cast_meeting
from tests.browser.conftest import ARTIFACTS, sign_in
from tests.factories import PASSWORD


def test_organizer_imports_a_zoom_report_with_a_hand_made_match_and_a_guest(page, users):
    cast = cast_meeting(organizers=[users["organizer"]])
    sign_in(page, "organizer@example.com", PASSWORD)
    page.goto(f"/meetings/{cast.meeting.id}")
    page.get_by_role("link", name="Video reports").click()
    page.get_by_role("link", name="Import a participant report").click()

    page.get_by_label("Participant report").set_input_files(str(DATA / "zoom-participants.csv"))
    expect(page.get_by_label("Session")).to_have_value(str(cast.session.id))
    page.get_by_role("button", name="Preview").click()

    expect(page.get_by_role("heading", name="Preview: zoom-participants.csv")).to_be_visible()
    expect(page.get_by_text("Zoom participants export · UTF-8")).to_be_visible()
    expect(page.get_by_text("Matched and attended: 7")).to_be_visible()
    expect(page.get_by_text("Not matched: 3")).to_be_visible()
    zhang = page.locator("tr", has_text="zhang.wei@example.com")
    expect(zhang).to_contain_text("2 joins")
    expect(zhang).to_contain_text("148")
    ARTIFACTS.mkdir(exist_ok=True)  # for a reviewer's eye
    page.screenshot(path=str(ARTIFACTS / "video-import-preview.png"), full_page=True)

    page.get_by_label("What to do with 深圳分会场 Shenzhen Branch Room").select_option(str(cast.branch_head.id))
    page.get_by_label("What to do with 访客-赵磊").select_option(label="Record as a guest")
    page.get_by_label("What to do with Emily Carter").select_option(label="Ignore")
    page.get_by_role("button", name="Import").click()

    done = "Report imported: 8 checked in by video, 0 earlier check-ins completed, 1 guest."
    expect(page.get_by_text(done)).to_be_visible()
    totals = page.locator("#report-totals")
    expect(totals.locator("div.border", has_text="Invitees who attended")).to_contain_text("8")
    expect(totals.locator("div.border", has_text="Guests")).to_contain_text("1")
    expect(page.locator("#report-invitees tr", has_text="Huang Min")).to_contain_text("Video report import")
    expect(page.locator("#report-guests")).to_contain_text("访客-赵磊")
    page.screenshot(path=str(ARTIFACTS / "video-import-report.png"), full_page=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CheckIn)) == 8

    page.get_by_role("link", name="Video reports").first.click()
    expect(page.locator("#video-reports")).to_contain_text("zoom-participants.csv")
