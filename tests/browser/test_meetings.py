"""An organizer sets up a hybrid meeting in the browser: venue, video link, two sessions, Beijing time."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, PersonFactory, VenueFactory


def test_an_organizer_creates_a_hybrid_meeting_with_two_sessions(page, users):
    VenueFactory(name="Minmetals Building, Conference Hall", capacity=300)
    VenueFactory(name="Hunan regional office video room", capacity=40, has_video=True)
    PersonFactory(name="Zhu Kebing")
    sign_in(page, "organizer@example.com", PASSWORD)

    page.get_by_role("link", name="Meetings", exact=True).first.click()
    page.get_by_role("link", name="New meeting").click()
    page.get_by_label("Title").fill("2026 Annual S&T Innovation Work Meeting")
    page.get_by_label("Kind").select_option(label="Work meeting")
    expect(page.get_by_label("Time zone", exact=True)).to_have_value("Asia/Shanghai")
    page.get_by_label("Start date").fill("2026-02-26")
    page.get_by_label("Start time").fill("09:00")
    page.get_by_label("End time").fill("12:00")
    page.get_by_label("Format").select_option(label="Hybrid (in person and video)")
    page.get_by_label("Main venue").select_option(label="Minmetals Building, Conference Hall (300 seats)")
    page.get_by_label("Hunan regional office video room (40 seats)").check()
    page.get_by_label("Video platform").select_option(label="Tencent Meeting")
    page.get_by_label("Meeting ID").fill("123 456 789")
    page.get_by_label("Passcode").fill("2026")
    page.get_by_role("button", name="Save").click()

    # Forgot the join URL: the form says so and keeps everything typed.
    expect(page.get_by_text("A video or hybrid meeting needs a video join URL.")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("2026 Annual S&T Innovation Work Meeting")
    expect(page.get_by_label("Start time")).to_have_value("09:00")
    page.get_by_label("Join URL").fill("https://meeting.tencent.com/dm/st2026")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("created as a draft")).to_be_visible()

    # The first session spans the meeting; rename it and give it a presider found in the directory.
    page.get_by_role("link", name=re.compile(r"^Edit 2026 Annual")).click()
    page.get_by_label("Title").fill("2026 Annual S&T Innovation Work Meeting")
    page.get_by_label("End time").fill("10:30")
    page.get_by_label("Find a presider in the directory").fill("zhu")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_label("Presider", exact=True)).to_have_value(re.compile(r"\d+"))
    page.get_by_role("button", name="Save session").click()

    page.get_by_role("link", name="Add a session").click()
    page.get_by_label("Title").fill("First Plenary Meeting of the S&T Committee for 2026")
    page.get_by_label("Start date").fill("2026-02-26")
    page.get_by_label("Start time").fill("10:45")
    page.get_by_label("End time").fill("12:00")
    page.get_by_role("button", name="Save session").click()

    main = page.locator("main")
    expect(main.get_by_text("Thursday, February 26, 2026, 9:00\u202fAM").first).to_be_visible()
    expect(main.get_by_text("China Time (Asia/Shanghai)").first).to_be_visible()
    sessions = page.locator("section.card")
    expect(sessions).to_have_count(2)
    expect(sessions.nth(0)).to_contain_text("9:00\u202fAM")
    expect(sessions.nth(0)).to_contain_text("10:30\u202fAM")
    expect(sessions.nth(0)).to_contain_text("Presided by Zhu Kebing")
    expect(sessions.nth(1)).to_contain_text("First Plenary Meeting of the S&T Committee for 2026")
    expect(sessions.nth(1)).to_contain_text("10:45\u202fAM")
    expect(sessions.nth(1)).to_contain_text("Room: Minmetals Building, Conference Hall")
    expect(main).to_contain_text("Hunan regional office video room")
    expect(page.locator("#join-details")).to_contain_text("https://meeting.tencent.com/dm/st2026")
    expect(page.locator("#join-details")).to_contain_text("2026")
