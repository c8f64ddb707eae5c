"""Check-in staff at the desk: a keyboard-wedge scanner types the code and Enter into the focused field; a person
without a ticket is found by name; a second scan says "already checked in" with when and by whom; scans made
while the network is down wait on the device and are sent once, in order, when it returns. Screenshots of the
desk (phone and laptop) and of the ticket page land in test-artifacts/."""

import sqlalchemy as sa
from playwright.sync_api import expect

from meetapp.attendance.models import CheckIn
from meetapp.extensions import db
from tests.attendance.desk_samples import desk_world
from tests.browser.conftest import ARTIFACTS, sign_in
from tests.factories import PASSWORD, ParticipantFactory, PersonFactory, UserFactory


def scan(page, code: str) -> None:
    """What a keyboard-wedge scanner does: type into whatever has the focus, then Enter."""
    page.keyboard.type(code)
    page.keyboard.press("Enter")


def check_ins() -> dict[str, int]:
    db.session.expire_all()
    rows = db.session.scalars(sa.select(CheckIn).where(CheckIn.undone_at.is_(None)))
    counts: dict[str, int] = {}
    for row in rows:
        name = (row.attendee_person or row.participant.person).name
        counts[name] = counts.get(name, 0) + 1
    return counts


def test_staff_check_people_in_by_scanner_and_by_name_even_through_a_network_loss(page, users):
    world = desk_world(users)
    zhao = ParticipantFactory(meeting=world.meeting, person=PersonFactory(name="Zhao Min", name_zh="赵敏"))
    sign_in(page, "desk@example.com", PASSWORD)
    page.goto(f"/meetings/{world.meeting.id}/attendance/desk")
    code_field = page.get_by_label("Scan the ticket, or type its code, then Enter")
    expect(code_field).to_be_focused()
    result = page.locator("#desk-result")

    # By scanner input.
    scan(page, world.chen.ticket_code)
    expect(result.locator("[data-outcome='checked_in']")).to_be_visible()
    expect(result.get_by_test_id("desk-name")).to_contain_text("Chen Jun")
    expect(result).to_contain_text("Chairman")
    expect(code_field).to_have_value("")
    expect(code_field).to_be_focused()

    # By name, for someone without their ticket.
    page.get_by_placeholder("Name (English or Chinese) or unit").fill("王丽")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("button", name="Check in Wang Li").click()
    expect(result.locator("[data-outcome='checked_in']")).to_be_visible()
    expect(result.get_by_test_id("desk-name")).to_contain_text("Wang Li")
    expect(page.locator("#desk-hits").get_by_role("button", name="Checked in")).to_be_disabled()
    expect(page.locator("#desk-count")).to_have_text("2")  # the latest check-ins follow without a reload
    expect(page.locator("#desk-recent li").first).to_contain_text("Wang Li")

    # Scanned again: already checked in, when, where and by whom; nothing stored twice.
    page.get_by_label("Scan the ticket, or type its code, then Enter").focus()
    scan(page, world.chen.ticket_code)
    expect(result.locator("[data-outcome='already_checked_in']")).to_be_visible()
    expect(result.get_by_test_id("desk-detail")).to_contain_text("Minmetals Plaza, Hall A, by Desk Staff.")
    expect(result).to_contain_text("No second check-in was recorded.")
    assert check_ins() == {"Chen Jun": 1, "Wang Li": 1}

    # The network goes away: the scans wait on the device.
    page.context.set_offline(True)
    scan(page, zhao.ticket_code)
    expect(page.locator("#desk-queue")).to_have_text("1 scan waiting to be sent")
    scan(page, world.liu.ticket_code)
    expect(page.locator("#desk-queue")).to_have_text("2 scans waiting to be sent")
    expect(result).to_contain_text("No connection")
    assert check_ins() == {"Chen Jun": 1, "Wang Li": 1}

    # Back online: sent once each, in order.
    page.context.set_offline(False)
    expect(page.locator("#desk-queue")).to_have_text("All waiting scans were sent.", timeout=15_000)
    log = page.locator("#desk-log li")
    expect(log).to_have_count(2)
    expect(log.nth(0)).to_contain_text("Zhao Min: Checked in")
    expect(log.nth(1)).to_contain_text("Zhou Qiang (Delegate, attending for Liu Yang): Checked in")
    assert check_ins() == {"Chen Jun": 1, "Wang Li": 1, "Zhao Min": 1, "Zhou Qiang": 1}  # Liu sent his delegate

    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(ARTIFACTS / "checkin-desk-laptop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    scan(page, world.chen.ticket_code)
    expect(result.locator("[data-outcome='already_checked_in']")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "checkin-desk-phone.png"), full_page=True)


def test_a_branch_venue_desk_is_remembered_on_the_device(page, users):
    world = desk_world(users)
    sign_in(page, "organizer@example.com", PASSWORD)
    page.goto(f"/meetings/{world.meeting.id}/attendance/desk")
    page.get_by_label("This desk checks in").select_option(label="Branch venue: Hunan Office Video Room")
    page.reload()
    expect(page.get_by_label("This desk checks in")).to_have_value(f"branch-{world.branch.id}")
    page.get_by_label("Scan the ticket, or type its code, then Enter").focus()
    scan(page, world.chen.ticket_code)
    expect(page.locator("#desk-result")).to_contain_text("Hunan Office Video Room")
    db.session.expire_all()
    assert db.session.scalar(sa.select(CheckIn.venue_id)) == world.branch.id


def test_the_invitee_sees_their_ticket(page, users):
    world = desk_world(users)
    UserFactory(email="wang@example.com", person_id=world.wang.person_id)
    sign_in(page, "wang@example.com", PASSWORD)
    page.goto(f"/meetings/{world.meeting.id}")
    page.get_by_role("link", name="My ticket").click()
    expect(page.get_by_test_id("ticket-name")).to_have_text("Wang Li")
    expect(page.get_by_test_id("ticket-qr").locator("svg")).to_be_visible()
    expect(page.get_by_test_id("join-link")).to_have_text(f"http://127.0.0.1:{page.url.split(':')[2].split('/')[0]}"
                                                          f"/j/{world.wang.join_token}")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ticket-laptop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / "ticket-phone.png"), full_page=True)
