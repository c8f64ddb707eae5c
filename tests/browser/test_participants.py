"""An organizer invites a whole unit with its sub-units; an attendee answers by the link in the invitation and
accepts by video; the organizer sees the answer counted."""

import re

import sqlalchemy as sa
from playwright.sync_api import expect

from meetapp.directory.models import Person
from meetapp.extensions import db
from meetapp.mail.models import OutboxMessage
from tests.browser.conftest import ARTIFACTS, sign_in
from tests.factories import PASSWORD, PersonFactory, UnitFactory
from tests.participants.samples import future_meeting


def test_organizer_invites_a_unit_and_an_attendee_accepts_by_video(page, browser, users):
    meeting = future_meeting(organizers=[users["organizer"]], title="2026 Annual S&T Innovation Work Meeting")
    hq = UnitFactory(name="Group HQ")
    tech = UnitFactory(name="Technology Department", parent=hq)
    lab = UnitFactory(name="Materials Lab", parent=tech)
    PersonFactory(name="Chen Jun", name_zh="陈军", unit=hq, title="Chairman")
    PersonFactory(name="Wang Li", name_zh="王丽", unit=tech, title="Chief Scientist")
    PersonFactory(name="Zhao Min", name_zh="赵敏", unit=lab, title="Researcher")
    PersonFactory(name="Sun Hao", unit=lab, title="Engineer", email=None)
    PersonFactory(name="Li Na", unit=UnitFactory(name="Hunan Regional Office"))  # not in the tree

    sign_in(page, "organizer@example.com", PASSWORD)
    page.goto(f"/meetings/{meeting.id}/participants/")
    page.get_by_role("link", name="Add participants").first.click()

    unit_form = page.get_by_role("region", name="A whole unit")
    unit_form.get_by_label("Unit", exact=True).select_option(label="Group HQ")
    # The branch venue is asked for only when they attend at one.
    branch_venue = unit_form.get_by_label("Branch venue", exact=True)
    expect(branch_venue).to_be_hidden()
    unit_form.get_by_label("Planned attendance").select_option(label="In person at a branch venue")
    expect(branch_venue).to_be_visible()
    unit_form.get_by_label("Planned attendance").select_option(label="In person (main venue)")
    expect(branch_venue).to_be_hidden()
    expect(unit_form.get_by_label("Include all its sub-units")).to_be_checked()
    unit_form.get_by_label("Committee member").check()
    unit_form.get_by_role("button", name="Add the unit's people").click()

    expect(page.get_by_text("4 added, 0 already on the list.")).to_be_visible()
    expect(page.get_by_label("Select Zhao Min")).to_be_visible()  # two levels down
    expect(page.get_by_label("Select Li Na")).to_have_count(0)
    page.get_by_role("button", name="Send 3 invitations").click()
    expect(page.get_by_text("3 invitations queued")).to_be_visible()
    expect(page.get_by_text("Not reachable by email (no address in the directory): Sun Hao")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)  # screenshots for a reviewer's eye
    page.screenshot(path=str(ARTIFACTS / "participants-page.png"), full_page=True)

    # The attendee opens the link from their invitation, in a browser of their own, without signing in.
    wang = db.session.scalar(sa.select(Person).where(Person.name == "Wang Li"))
    invitation = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.to_email == wang.email))
    link = re.search(r"http://\S+/rsvp/[\w-]+(?!\S)", invitation.body_text).group(0)
    attendee = browser.new_context(locale="en-US").new_page()
    attendee.goto(link)
    expect(attendee.get_by_text("Personal invitation for Wang Li")).to_be_visible()
    attendee.get_by_role("group", name="How will you attend?").get_by_label("Video").check()
    attendee.get_by_role("button", name="Accept").click()
    expect(attendee.get_by_text("Thank you: you accepted (Video).")).to_be_visible()
    expect(attendee.get_by_role("link", name="https://meeting.tencent.com/dm/example")).to_be_visible()
    attendee.screenshot(path=str(ARTIFACTS / "rsvp-page.png"), full_page=True)
    attendee.context.close()

    page.reload()
    expect(page.get_by_test_id("count-accepted-video")).to_have_text("1")
    expect(page.get_by_test_id("count-pending")).to_have_text("3")


def test_the_branch_venue_is_asked_only_for_attending_at_a_branch_venue(page, users):
    from meetapp.participants.models import AttendanceMode
    from tests.factories import ParticipantFactory

    meeting = future_meeting(organizers=[users["organizer"]])
    second = meeting.branch_venues[1]
    invitee = ParticipantFactory(meeting=meeting, mode=AttendanceMode.VIDEO)
    page.goto(f"/rsvp/{invitee.rsvp_token}")
    accept = page.locator("form", has=page.get_by_role("button", name="Accept"))
    how = accept.get_by_role("group", name="How will you attend?")
    venue = accept.get_by_label("Branch venue", exact=True)
    how.get_by_label("Video").check()
    expect(venue).to_be_hidden()
    how.get_by_label("In person at a branch venue").check()
    expect(venue).to_be_visible()
    venue.select_option(label=second.name)
    how.get_by_label("In person (main venue)").check()
    expect(venue).to_be_hidden()
    how.get_by_label("In person at a branch venue").check()
    accept.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("Thank you: you accepted")).to_be_visible()
    db.session.refresh(invitee)
    assert (invitee.mode, invitee.branch_venue_id) == (AttendanceMode.BRANCH, second.id)
