from playwright.sync_api import expect

from tests.browser.conftest import sign_in, sign_out
from tests.factories import PASSWORD


def test_member_signs_in_sees_home_and_signs_out(page, users):
    sign_in(page, "member@example.com", PASSWORD)
    expect(page.get_by_role("heading", name="Welcome, Member")).to_be_visible()
    sign_out(page, "Member")
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    page.goto("/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_wrong_password_keeps_the_email_typed(page, users):
    sign_in(page, "member@example.com", "wrong password!")
    expect(page.get_by_text("Email or password is not correct.")).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value("member@example.com")
