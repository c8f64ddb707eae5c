from playwright.sync_api import expect

from tests.browser.conftest import open_menu, sign_in, sign_out
from tests.factories import PASSWORD

NEW_PASSWORD = "welcome to the meeting"


def test_admin_creates_an_account_with_two_roles_and_deactivates_it(page, users):
    sign_in(page, "admin@example.com", PASSWORD)
    open_menu(page, "Administration").get_by_role("link", name="Users").click()
    expect(page.get_by_role("heading", name="User accounts")).to_be_visible()

    page.get_by_role("link", name="New account").click()
    page.get_by_label("Name").fill("Liu Yang")
    page.get_by_label("Email", exact=True).fill("liu.yang@example.com")
    page.get_by_label("Organizer").check()
    page.get_by_label("Secretary").check()
    page.get_by_label("Initial password").fill(NEW_PASSWORD)
    page.get_by_label("Repeat the password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_text("Account liu.yang@example.com created.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="liu.yang@example.com")
    expect(row).to_contain_text("Liu Yang")
    expect(row).to_contain_text("Organizer")
    expect(row).to_contain_text("Secretary")
    expect(row).to_contain_text("Active")

    row.get_by_role("link", name="Deactivate").click()
    expect(page.get_by_text("can no longer sign in")).to_be_visible()
    page.get_by_role("button", name="Deactivate").click()
    expect(page.get_by_text("Account liu.yang@example.com is deactivated")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="liu.yang@example.com")).to_contain_text("Deactivated")

    sign_out(page, "Admin")
    sign_in(page, "liu.yang@example.com", NEW_PASSWORD)
    expect(page.get_by_text("Email or password is not correct.")).to_be_visible()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_refusals_keep_what_the_admin_typed(page, users):
    sign_in(page, "admin@example.com", PASSWORD)
    page.goto("/admin/users/new")
    page.get_by_label("Name").fill("Second Member")
    page.get_by_label("Email", exact=True).fill("Member@Example.com")
    page.get_by_label("Initial password").fill(NEW_PASSWORD)
    page.get_by_label("Repeat the password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_text("Give the account at least one role.")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Second Member")
    expect(page.get_by_label("Email", exact=True)).to_have_value("Member@Example.com")

    page.get_by_label("Member", exact=True).check()
    # Passwords are never sent back in the page, so they are typed again.
    page.get_by_label("Initial password").fill(NEW_PASSWORD)
    page.get_by_label("Repeat the password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("An account with this email already exists.")).to_be_visible()
    expect(page.get_by_label("Member", exact=True)).to_be_checked()
    expect(page.get_by_label("Email", exact=True)).to_have_attribute("aria-invalid", "true")
