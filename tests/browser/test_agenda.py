"""An organizer builds a session's agenda in the browser: items of different types with presenters, a keyboard
reorder, a PDF upload, and the computed start times."""

import re
from datetime import UTC, datetime

from playwright.sync_api import expect

from meetapp.meetings.models import MeetingSession
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, MeetingFactory, PersonFactory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def add_item(page, session_title, type_label, title, minutes, presenter_query, presenter_label, role_label):
    page.get_by_role("link", name=f"Add an item to “{session_title}”").click()
    page.get_by_label("Type").select_option(label=type_label)
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Planned duration (minutes)").fill(str(minutes))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"“{title}” was added.")).to_be_visible()
    page.get_by_label("Find a person in the directory").fill(presenter_query)
    page.get_by_role("button", name="Search").click()
    page.get_by_label(presenter_label).check()
    page.get_by_label("Role on this item").select_option(label=role_label)
    page.get_by_role("button", name="Add presenter").click()
    expect(page.get_by_role("button", name=re.compile(f"Remove {presenter_label}"))).to_be_visible()
    page.get_by_role("link", name="← Back to the agenda").click()


def start_times(page) -> list[str]:
    return [re.sub(r"\s", " ", text) for text in page.get_by_test_id("start").all_inner_texts()]


def test_organizer_builds_an_agenda(page, users):
    meeting = MeetingFactory(
        title="2026 S&T Innovation Work Meeting",
        organizers=[users["organizer"]],
        sessions=[
            MeetingSession(
                title="Work meeting",
                starts_at=datetime(2026, 2, 26, 1, 0, tzinfo=UTC),  # 09:00 in Beijing
                ends_at=datetime(2026, 2, 26, 2, 30, tzinfo=UTC),
            )
        ],
    )
    PersonFactory(name="Chen Jianguo", name_zh="陈建国")
    PersonFactory(name="Li Hua", name_zh="李华")
    PersonFactory(name="Zhang Min", name_zh="张敏")

    sign_in(page, "organizer@example.com", PASSWORD)
    page.goto(f"/meetings/{meeting.id}/agenda/")
    add_item(page, "Work meeting", "Speech", "Chairman's speech", 30, "陈", "Chen Jianguo", "Speaker")
    add_item(page, "Work meeting", "Report", "S&T innovation report", 20, "li hua", "Li Hua", "Reporter")
    add_item(page, "Work meeting", "Announcement", "2025 S&T Award decisions", 10, "张敏", "Zhang Min", "Announcer")
    expect(page.get_by_role("row")).to_have_count(4)  # header + three items
    assert start_times(page) == ["9:00 AM", "9:30 AM", "9:50 AM"]

    # Keyboard only: focus the announcement's "Move up" button and press Enter.
    move_up = page.get_by_role("button", name="Move up: 2025 S&T Award decisions")
    move_up.focus()
    page.keyboard.press("Enter")
    rows = page.locator("tbody th[scope=row]")
    expect(rows.first).to_contain_text("Chairman's speech")
    expect(rows.nth(1)).to_contain_text("2025 S&T Award decisions")
    expect(rows.nth(2)).to_contain_text("S&T innovation report")
    # The moved item's button has the focus again, so the keyboard user can keep going.
    expect(page.get_by_role("button", name="Move up: 2025 S&T Award decisions")).to_be_focused()
    assert start_times(page) == ["9:00 AM", "9:30 AM", "9:40 AM"]

    page.get_by_role("link", name="Edit: S&T innovation report").click()
    page.get_by_label("File").set_input_files(
        files=[{"name": "科技创新报告.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("“科技创新报告.pdf” was uploaded.")).to_be_visible()
    page.get_by_role("link", name="← Back to the agenda").click()

    expect(page.get_by_role("link", name="科技创新报告.pdf")).to_be_visible()
    expect(page.get_by_text("Li Hua (Reporter)")).to_be_visible()
    expect(page.get_by_text("Zhang Min (Announcer)")).to_be_visible()
