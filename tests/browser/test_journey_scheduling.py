"""The scheduling journey of issue 3 in one go, in Chromium: an organizer creates a hybrid meeting with two sessions,
builds its agenda, invites a unit with its sub-units and sends the invitations; an invitee answers by the link in
the mail and accepts by video; the organizer sees the answer counted."""

from __future__ import annotations

import re
from datetime import date, timedelta

import sqlalchemy as sa
from playwright.sync_api import expect

from meetapp.directory.models import Person
from meetapp.extensions import db
from meetapp.mail.models import OutboxMessage
from tests.browser.conftest import ARTIFACTS, sign_in
from tests.browser.test_agenda import add_item
from tests.factories import PASSWORD, PersonFactory, UnitFactory, VenueFactory

TITLE = "2027 Annual S&T Innovation Work Meeting"
FIRST = "2027 Annual S&T Innovation Work Meeting (session)"
SECOND = "First Plenary Meeting of the S&T Committee for 2027"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"journey-{name}.png"), full_page=True)


def test_organizer_schedules_a_hybrid_meeting_and_an_invitee_accepts_by_link(page, browser, users):
    VenueFactory(name="Minmetals Building, Conference Hall", capacity=300)
    VenueFactory(name="Changsha Science Park, Video Conference Hall", capacity=120, has_video=True)
    hq = UnitFactory(name="China Minmetals Corporation")
    science = UnitFactory(name="Science and Technology Department", parent=hq)
    planning = UnitFactory(name="S&T Planning Division", parent=science)
    PersonFactory(name="Zhu Kebing", name_zh="朱可炳", unit=hq, title="General Manager")
    PersonFactory(name="Wang Xingquan", name_zh="王兴权", unit=hq, title="Senior Vice President")
    PersonFactory(name="Hu Chenhao", name_zh="胡晨浩", unit=science, title="Director General")
    PersonFactory(name="Chen Jing", name_zh="陈静", unit=planning, title="Chief Scientist")
    PersonFactory(name="Zhao Min", name_zh="赵敏", unit=planning, title="Engineer")
    PersonFactory(name="Li Hua", unit=UnitFactory(name="Finance Department", parent=hq))  # not invited
    day = (date.today() + timedelta(days=40)).isoformat()

    # The meeting: hybrid, in the hall, over Tencent Meeting, with the Changsha room as a branch venue.
    sign_in(page, "organizer@example.com", PASSWORD)
    page.get_by_role("link", name="Meetings", exact=True).first.click()
    page.get_by_role("link", name="New meeting").click()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Kind").select_option(label="Work meeting")
    page.get_by_label("Start date").fill(day)
    page.get_by_label("Start time").fill("09:00")
    page.get_by_label("End time").fill("12:30")
    page.get_by_label("Format").select_option(label="Hybrid (in person and video)")
    page.get_by_label("Main venue").select_option(label="Minmetals Building, Conference Hall (300 seats)")
    page.get_by_label("Changsha Science Park, Video Conference Hall (120 seats)").check()
    page.get_by_label("Video platform").select_option(label="Tencent Meeting")
    page.get_by_label("Join URL").fill("https://meeting.tencent.example/dm/st2027")
    page.get_by_label("Meeting ID").fill("426 813 975")
    page.get_by_label("Passcode").fill("2027")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("created as a draft")).to_be_visible()

    # Two sessions: the first (created with the meeting) shortened and presided, a second one after it.
    page.get_by_role("link", name=f"Edit {TITLE}").click()
    page.get_by_label("Title").fill(FIRST)
    page.get_by_label("End time").fill("11:10")
    page.get_by_label("Find a presider in the directory").fill("朱")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_label("Presider", exact=True)).to_have_value(re.compile(r"\d+"))
    page.get_by_role("button", name="Save session").click()
    page.get_by_role("link", name="Add a session").click()
    page.get_by_label("Title").fill(SECOND)
    page.get_by_label("Start date").fill(day)
    page.get_by_label("Start time").fill("11:20")
    page.get_by_label("End time").fill("12:30")
    page.get_by_role("button", name="Save session").click()
    sessions = page.locator("section.card")
    expect(sessions).to_have_count(2)
    expect(sessions.nth(0)).to_contain_text("Presided by Zhu Kebing")
    expect(sessions.nth(1)).to_contain_text(SECOND)
    expect(page.locator("main")).to_contain_text("Changsha Science Park, Video Conference Hall")

    # The agenda: items of different types in both sessions, with presenters in their roles.
    page.get_by_role("link", name="Agenda", exact=True).click()
    add_item(page, FIRST, "Opening", "Opening and presiding remarks", 5, "朱可炳", "Zhu Kebing", "Presenter")
    add_item(page, FIRST, "Report", "S&T innovation report", 30, "wang", "Wang Xingquan", "Reporter")
    add_item(page, FIRST, "Responsibility-statement signing", "Signing of the 2027 responsibility statements", 15,
             "zhu", "Zhu Kebing", "Presenter")
    add_item(page, SECOND, "Briefing", "Briefing on the committees' work plans", 30, "chen", "Chen Jing", "Presenter")
    starts = [re.sub(r"\s", " ", text) for text in page.get_by_test_id("start").all_inner_texts()]
    assert starts == ["9:00 AM", "9:05 AM", "9:35 AM", "11:20 AM"]
    expect(page.get_by_text("Wang Xingquan (Reporter)")).to_be_visible()
    shot(page, "1-agenda")

    # Scheduled, then the whole S&T department with its division invited and the invitations sent.
    page.get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="Schedule").click()
    page.get_by_role("button", name="Change to “Scheduled”").click()
    expect(page.get_by_text("is now Scheduled")).to_be_visible()
    shot(page, "2-meeting")
    page.get_by_role("link", name="Participants", exact=True).click()
    page.get_by_role("link", name="Add participants").first.click()
    unit_form = page.get_by_role("region", name="A whole unit")
    unit_form.get_by_label("Unit", exact=True).select_option(value=str(science.id))
    expect(unit_form.get_by_label("Include all its sub-units")).to_be_checked()
    unit_form.get_by_label("Committee member").check()
    unit_form.get_by_role("button", name="Add the unit's people").click()
    expect(page.get_by_text("3 added, 0 already on the list.")).to_be_visible()
    expect(page.get_by_label("Select Zhao Min")).to_be_visible()  # from the sub-unit
    expect(page.get_by_label("Select Li Hua")).to_have_count(0)
    page.get_by_role("button", name="Send 3 invitations").click()
    expect(page.get_by_text("3 invitations queued")).to_be_visible()
    expect(page.get_by_test_id("count-pending")).to_have_text("3")
    shot(page, "3-participants")

    # The invitee opens the link of their mail in a browser of their own, without an account.
    chen = db.session.scalar(sa.select(Person).where(Person.name == "Chen Jing"))
    mail = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.to_email == chen.email))
    assert mail.subject == f"Invitation: {TITLE}"
    link = re.search(r"http://\S+/rsvp/[\w-]+(?!\S)", mail.body_text).group(0)
    invitee = browser.new_context(locale="en-US").new_page()
    invitee.goto(link)
    expect(invitee.get_by_text("Personal invitation for Chen Jing")).to_be_visible()
    invitee.get_by_role("group", name="How will you attend?").get_by_label("Video").check()
    invitee.get_by_role("button", name="Accept").click()
    expect(invitee.get_by_text("Thank you: you accepted (Video).")).to_be_visible()
    expect(invitee.get_by_role("link", name="https://meeting.tencent.example/dm/st2027")).to_be_visible()
    shot(invitee, "4-rsvp")
    invitee.context.close()

    # Back with the organizer: the answer is counted.
    page.reload()
    expect(page.get_by_test_id("count-accepted")).to_have_text("1")
    expect(page.get_by_test_id("count-accepted-video")).to_have_text("1")
    expect(page.get_by_test_id("count-pending")).to_have_text("2")
    shot(page, "5-counts")
