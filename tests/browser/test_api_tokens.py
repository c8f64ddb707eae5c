"""A member makes an API token on their account page (shown once), uses it, and revokes it."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import open_menu, sign_in
from tests.factories import PASSWORD


def test_member_makes_uses_and_revokes_a_token(page, users, live_server):
    sign_in(page, "member@example.com", PASSWORD)
    open_menu(page, "Member").get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", name="API tokens")).to_be_visible()

    page.get_by_label("Name").fill("Hall tablet")
    page.get_by_label("Check-in: record and undo check-ins").check()
    page.get_by_role("button", name="Make token").click()
    expect(page.get_by_text("it is shown only this once")).to_be_visible()
    secret = page.get_by_test_id("new-token").inner_text().strip()
    assert re.fullmatch(r"mtk_[\w-]+", secret)

    answer = page.request.get(f"{live_server.url}/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert answer.ok and answer.json()["token"]["scopes"] == ["read", "checkin"]

    row = page.get_by_role("row").filter(has_text="Hall tablet")
    expect(row).to_contain_text("Active")
    row.get_by_role("button", name="Revoke").click()
    expect(page.get_by_text("revoked: it no longer works")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Hall tablet")).to_contain_text("Revoked")
    assert page.request.get(f"{live_server.url}/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status == 401
