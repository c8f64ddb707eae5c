"""A secretary records the award presentation and a statement signing at the meeting, in a real browser."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, PersonFactory
from tests.records.conftest import records_world

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_secretary_records_an_award_presentation_and_a_signing(page, app, users, tmp_path):
    world = records_world(users["organizer"])
    PersonFactory(name="Chen Dexin", email="chen.dexin@example.com")
    sign_in(page, "secretary@example.com", PASSWORD)

    page.goto(f"/meetings/{world.meeting.id}")
    page.get_by_role("link", name="Awards & statements").click()
    expect(page.get_by_text("0 of 2 presented")).to_be_visible()
    page.get_by_role("link", name="Presentation run-sheet").click()

    award = page.locator(f"#award-{world.award.id}")
    award.get_by_label("Presented by (email)").fill("chen.dexin@example.com")
    award.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The run-sheet entry of “Deep-sea nodules” was saved.")).to_be_visible()
    expect(page.locator(f"#award-{world.award.id}")).to_contain_text("Presented by: Chen Dexin")
    page.locator(f"#award-{world.award.id}").get_by_role("button", name="Mark as presented").click()
    expect(page.get_by_text("“Deep-sea nodules” is marked as presented.")).to_be_visible()
    expect(page.locator("#presented-count")).to_have_text("1 of 2 presented")
    expect(page.locator(f"#award-{world.award.id}").get_by_role("button", name="Undo “presented”")).to_be_visible()

    page.goto(f"/records/statements/{world.batch.id}/")
    page.get_by_role("link", name=world.statement.key_task).click()
    scan = tmp_path / "signed statement.pdf"
    scan.write_bytes(PDF)
    page.get_by_label("Signed at").fill("2026-02-26T10:35")
    page.get_by_label(re.compile("Scan of the signed statement")).set_input_files(str(scan))
    page.get_by_role("button", name="Record the signing").click()
    expect(page.get_by_text(f"The signing of “{world.statement.key_task}” was recorded.")).to_be_visible()
    expect(page.locator("#signing-record")).to_contain_text("Feb 26, 2026, 10:35")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download the signed scan")).click()
    assert download.value.suggested_filename == "signed statement.pdf"

    page.goto(f"/records/meetings/{world.meeting.id}")
    expect(page.locator("#signed-statements")).to_contain_text(world.statement.key_task)
