"""Under the real Content-Security-Policy the pages' scripts still work and the browser reports no violation:
the participants' select-all box, the live board, the check-in desk, Bootstrap's menus."""

from playwright.sync_api import expect

from tests.browser.conftest import open_menu, sign_in
from tests.factories import PASSWORD, ParticipantFactory, PersonFactory
from tests.participants.samples import future_meeting


def test_pages_work_without_csp_violations(page, users):
    meeting = future_meeting(organizers=[users["organizer"]], title="CSP check meeting")
    for name in ("Chen Jun", "Wang Li", "Zhao Min"):
        ParticipantFactory(meeting=meeting, person=PersonFactory(name=name))
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)

    sign_in(page, "organizer@example.com", PASSWORD)
    page.goto(f"/meetings/{meeting.id}/participants/")
    page.locator("[data-select-all]").first.check()  # static/js/select-all.js, no longer inline
    for name in ("Chen Jun", "Wang Li", "Zhao Min"):
        expect(page.get_by_label(f"Select {name}")).to_be_checked()

    for path in (f"/meetings/{meeting.id}", f"/meetings/{meeting.id}/agenda/",
                 f"/meetings/{meeting.id}/attendance/", f"/meetings/{meeting.id}/attendance/desk", "/calendar"):
        response = page.goto(path)
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")

    page.set_viewport_size({"width": 500, "height": 800})  # Bootstrap's collapsed menu opens by its own script
    page.goto("/meetings/")
    page.get_by_role("button", name="Toggle navigation").click()
    expect(open_menu(page, "Organizer").get_by_role("button", name="Sign out")).to_be_visible()
    assert not violations, violations
