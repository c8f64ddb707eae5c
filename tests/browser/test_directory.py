"""The directory in a real browser: an organizer searches, adds a person and imports a CSV; a member only browses."""

import os

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, GroupFactory, PersonFactory, UnitFactory

SCREENSHOTS = os.environ.get("MEETAPP_SCREENSHOTS")  # a folder to save pages in, for a look by eye

PEOPLE_CSV = ("name,name_zh,title,title_zh,unit_code,email,phone,groups\n"
              "Zhang Wei,张伟,Chief Engineer,总工程师,CMRI,zhang.wei@example.com,+86 731 1,st-committee\n"
              "Chen Dexin,陈得信,Chairman,董事长,HQ,chen.dexin@example.com,,st-committee\n").encode("gb18030")


def snapshot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def directory(app):
    hq = UnitFactory(code="HQ", name="China Minmetals HQ", name_zh="中国五矿总部")
    institute = UnitFactory(code="CMRI", name="Changsha Research Institute", name_zh="长沙矿冶研究院", parent=hq)
    committee = GroupFactory(code="st-committee", name="S&T Committee", name_zh="科技委员会")
    PersonFactory(name="Chen Dexin", name_zh="陈得信", title="Chairman", unit=hq, email="chen.dexin@example.com",
                  groups=[committee])
    PersonFactory(name="Wang Xingquan", name_zh="王星泉", title="Senior Vice President", unit=hq,
                  email="wang.xingquan@example.com")
    PersonFactory(name="Li Na", name_zh="李娜", title="Researcher", unit=institute, email="li.na@example.com")


def test_organizer_searches_adds_a_person_and_imports_people(page, app, users):
    directory(app)
    sign_in(page, "organizer@example.com", PASSWORD)
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Directory").click()
    expect(page.get_by_role("heading", name="Organisation directory")).to_be_visible()
    snapshot(page, "people-list")

    page.get_by_label("Name or email").fill("王星")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("1 person found")).to_be_visible()
    expect(page.get_by_role("link", name="Wang Xingquan")).to_be_visible()
    expect(page.get_by_role("link", name="Li Na")).to_have_count(0)

    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Name", exact=True).fill("Zhou Ming")
    page.get_by_label("Chinese name").fill("周明")
    page.get_by_label("Title or position", exact=True).fill("Chief Scientist")
    page.get_by_label("Unit").select_option(label="\u00a0\u00a0\u00a0Changsha Research Institute")
    page.get_by_label("Email").fill("zhou.ming@example.com")
    page.get_by_label("S&T Committee").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Zhou Ming was added to the directory.")).to_be_visible()
    expect(page.get_by_role("heading", name="Zhou Ming")).to_be_visible()
    expect(page.get_by_role("link", name="S&T Committee")).to_be_visible()

    page.get_by_role("link", name="Import", exact=True).click()
    page.get_by_role("radio", name="People").check()
    page.get_by_label("CSV file").set_input_files(
        {"name": "people.csv", "mimeType": "text/csv", "buffer": PEOPLE_CSV}
    )
    page.get_by_role("button", name="Upload and preview").click()
    rows = page.locator("#import-rows tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("New")
    expect(rows.nth(0)).to_contain_text("张伟")
    expect(rows.nth(1)).to_contain_text("Update")
    expect(rows.nth(1)).to_contain_text("was empty")  # the title_zh it gets
    snapshot(page, "import-preview")
    page.get_by_role("button", name="Import 2 rows").click()

    expect(page.get_by_text("Import done: 1 new, 1 updated, 0 unchanged.")).to_be_visible()
    page.get_by_label("Name or email").fill("zhang")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Zhang Wei")).to_be_visible()
    expect(page.get_by_role("cell", name="Changsha Research Institute")).to_be_visible()


def test_import_errors_are_listed_and_block_the_import(page, app, users):
    directory(app)
    sign_in(page, "admin@example.com", PASSWORD)
    page.goto("/directory/import")
    snapshot(page, "import-form")
    page.get_by_label("CSV file").set_input_files({
        "name": "people.csv", "mimeType": "text/csv",
        "buffer": b"name,unit_code,email\nA,NOPE,a@example.com\nB,HQ,not-an-email\n",
    })
    page.get_by_role("button", name="Upload and preview").click()
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("Unknown unit code “NOPE”.")
    expect(errors).to_contain_text("“not-an-email” is not a valid email address.")
    expect(page.get_by_role("button", name="Import 2 rows")).to_have_count(0)
    snapshot(page, "import-errors")
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_text("The import was cancelled; nothing changed.")).to_be_visible()


def test_member_browses_without_edit_controls(page, app, users):
    directory(app)
    sign_in(page, "member@example.com", PASSWORD)
    page.goto("/directory/people")
    expect(page.get_by_role("link", name="Chen Dexin")).to_be_visible()
    expect(page.get_by_role("link", name="Add a person")).to_have_count(0)
    expect(page.get_by_role("link", name="Import", exact=True)).to_have_count(0)
    page.get_by_role("link", name="Chen Dexin").click()
    expect(page.get_by_role("heading", name="Chen Dexin")).to_be_visible()
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)
    page.get_by_role("link", name="S&T Committee").click()
    expect(page.get_by_role("button", name="Remove")).to_have_count(0)
    page.get_by_role("link", name="Units").click()
    expect(page.get_by_role("link", name="Changsha Research Institute")).to_be_visible()
    expect(page.get_by_role("link", name="Add a unit")).to_have_count(0)
    snapshot(page, "units")
    response = page.goto("/directory/import")
    assert response.status == 403
