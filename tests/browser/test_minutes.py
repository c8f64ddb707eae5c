"""A secretary drafts minutes from the record, sends them for review, a reviewer approves, the secretary publishes,
and the PDF downloads."""

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD
from tests.minutes.samples import recorded_meeting


def test_minutes_from_draft_to_published_pdf(page, users):
    sample = recorded_meeting()
    meeting_url = f"/meetings/{sample.meeting.id}/minutes"

    sign_in(page, "secretary@example.com", PASSWORD)
    page.goto(meeting_url)
    page.get_by_role("button", name="Draft the minutes from the record").click()
    expect(page.get_by_text("The minutes were drafted from the record.")).to_be_visible()
    article = page.locator("article.minutes-text")
    expect(article.get_by_role("heading", name="1. Speech by the chairman")).to_be_visible()
    expect(article).to_contain_text("Presided over by: Zhu Kebing")

    page.get_by_role("link", name="Edit", exact=True).click()
    body = page.get_by_label("Minutes (Markdown)")
    body.fill(body.input_value().replace("Summary: (to be written by the secretary)",
                                         "The chairman stressed S&T innovation.", 1))
    page.get_by_label("Decision").first.fill("The 2026 key task list is adopted.")
    page.get_by_label("Action item").first.fill("Circulate the speech")
    page.get_by_label("Due date").first.fill("2026-03-06")
    page.get_by_role("button", name="Save a new version").click()
    expect(page.get_by_text("The minutes were saved as version 2.")).to_be_visible()
    expect(article).to_contain_text("The chairman stressed S&T innovation.")
    expect(article).to_contain_text("The 2026 key task list is adopted.")

    page.get_by_label("Reviewers").select_option(label="Member <member@example.com>")
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_text("The minutes were sent for review.")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, "member@example.com", PASSWORD)
    page.goto(meeting_url)
    page.get_by_role("button", name="Approve version 2").click()
    expect(page.get_by_text("You approved version 2.")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, "secretary@example.com", PASSWORD)
    page.goto(meeting_url)
    expect(page.locator("#approvals")).to_contain_text("Member approved version 2")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("The minutes were published.")).to_be_visible()
    expect(page.get_by_role("link", name="Edit", exact=True)).to_have_count(0)

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
