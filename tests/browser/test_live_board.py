"""The live board updates by itself: a check-in made elsewhere (here through the service, as the desk does) shows
within two seconds, without reloading the page; so does an undo."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meetapp.attendance.checkins import active_check_in, check_in, undo_check_in
from meetapp.extensions import db
from tests.attendance.board_samples import committee_meeting
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD


@pytest.fixture
def committee(app, users):
    return committee_meeting(users["organizer"])


def test_the_board_shows_a_check_in_and_an_undo_without_reload(page, users, committee):
    sign_in(page, "organizer@example.com", PASSWORD)
    page.goto(f"/meetings/{committee.meeting.id}/attendance/?session_id={committee.morning.id}")
    present = page.locator('[data-total="present"]')
    expect(present).to_have_text("5")
    key_people = page.locator("[data-key-absent]")
    expect(key_people).to_contain_text("Zhao Min")
    page.evaluate("window.notReloaded = true")  # gone if the page reloads

    record = check_in(users["organizer"], committee.meeting, committee.morning,
                      participant=committee.people["zhao"]).check_in
    expect(present).to_have_text("6", timeout=2500)
    expect(page.locator('#by-role [data-row="role:reporter"] [data-cell="present"]')).to_have_text("1")
    expect(key_people).not_to_contain_text("Zhao Min")
    expect(page.locator("[data-board-summary]")).to_contain_text("6 of 7 present.")

    undo_check_in(users["organizer"], record, "Scanned the wrong badge")
    expect(present).to_have_text("5", timeout=2500)
    expect(key_people).to_contain_text("Zhao Min")
    assert page.evaluate("window.notReloaded") is True


def test_the_quorum_badge_follows_the_members(page, users, committee):
    committee.morning.quorum_percent = 60  # more than 2.4 of 4: three members are enough, two are not
    db.session.commit()
    sign_in(page, "organizer@example.com", PASSWORD)
    page.goto(f"/meetings/{committee.meeting.id}/attendance/?session_id={committee.morning.id}")
    badge = page.locator("[data-quorum-status]")
    expect(badge).to_have_text("Quorum met")

    undo_check_in(users["organizer"], active_check_in(committee.morning.id, committee.people["li"].id), "Left")
    expect(badge).to_have_text("Quorum not met", timeout=2500)
    expect(page.locator("[data-quorum-text]")).to_have_text(
        "2 of 4 committee members present; 3 needed (more than 60%)."
    )
