"""Changing one's own password: clear refusals, and success ends every other session but this one."""

import pytest

from tests.factories import PASSWORD

NEW_PASSWORD = "a fresh long password"


@pytest.fixture
def browsers(app, users):
    """Two browsers of the member, both signed in through the form (the second one with "keep me signed in")."""
    first, second = app.test_client(), app.test_client()
    assert first.post("/login", data={"email": "member@example.com", "password": PASSWORD}).status_code == 302
    response = second.post("/login", data={"email": "member@example.com", "password": PASSWORD, "remember": "y"})
    assert response.status_code == 302
    return first, second


def change(client, current=PASSWORD, new=NEW_PASSWORD, confirm=None):
    return client.post(
        "/account/password",
        data={"current_password": current, "new_password": new, "confirm": new if confirm is None else confirm},
    )


def signs_in(app, password: str) -> bool:
    response = app.test_client().post("/login", data={"email": "member@example.com", "password": password})
    return response.status_code == 302


@pytest.mark.parametrize(
    ("current", "new", "confirm", "message"),
    [
        ("not my password", NEW_PASSWORD, NEW_PASSWORD, "Your current password is not correct."),
        (PASSWORD, NEW_PASSWORD, "a different long one", "The two new passwords differ."),
        (PASSWORD, "short", "short", "Use at least 10 characters."),
    ],
)
def test_refusals_are_clear_and_change_nothing(app, browsers, current, new, confirm, message):
    first, second = browsers
    response = change(first, current, new, confirm)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    assert 'class="invalid-feedback d-block"' in page  # shown next to the field
    assert first.get("/").status_code == 200 and second.get("/").status_code == 200  # nobody was signed out
    assert signs_in(app, PASSWORD)
    assert not signs_in(app, new)


def test_success_keeps_this_browser_and_ends_the_others(app, browsers):
    first, second = browsers
    response = change(first)
    assert response.status_code == 302
    home = first.get("/", follow_redirects=True).get_data(as_text=True)
    assert "Your password has been changed." in home
    assert first.get("/account/password").status_code == 200

    # The other browser's session and its remember-me cookie both carry the old token.
    response = second.get("/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    second.delete_cookie("session")
    assert second.get("/").status_code == 302

    assert signs_in(app, NEW_PASSWORD)
    assert not signs_in(app, PASSWORD)


def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get("/account/password")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
