"""Which UI language a page uses: the account's saved choice, else the session's, else the browser's."""

import contextlib
import re

import flask_babel
import pytest
import sqlalchemy as sa
from flask import template_rendered

from meetapp.auth.models import User
from meetapp.extensions import db
from tests.factories import PASSWORD


@pytest.fixture
def locale_seen(app):
    """``with locale_seen() as seen: client.get(...)``; ``seen`` holds flask_babel.get_locale() of each render."""

    @contextlib.contextmanager
    def recording():
        seen: list[str] = []

        def record(sender, template, context, **extra):
            seen.append(str(flask_babel.get_locale()))

        template_rendered.connect(record, app)
        try:
            yield seen
        finally:
            template_rendered.disconnect(record, app)

    return recording


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.get_data(as_text=True)).group(1)


def page_language(client, locale_seen, path="/login", accept=None) -> tuple[str, str]:
    """(``<html lang>``, the locale Flask-Babel chose) of ``path`` requested with this Accept-Language."""
    headers = {"Accept-Language": accept} if accept else {}
    with locale_seen() as seen:
        response = client.get(path, headers=headers)
    assert response.status_code == 200
    return html_lang(response), seen[-1]


def choose(client, lang: str, next_path="/login"):
    return client.post("/language", data={"lang": lang, "next": next_path})


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, ("en", "en")),
        ("zh-CN,zh;q=0.9,en;q=0.8", ("zh-CN", "zh")),
        ("zh-CN", ("zh-CN", "zh")),
        ("zh", ("zh-CN", "zh")),
        ("en-US,en;q=0.9,zh;q=0.5", ("en", "en")),
        ("fr-FR,fr;q=0.9", ("en", "en")),
    ],
)
def test_without_a_choice_the_browser_language_counts(client, locale_seen, accept, expected):
    assert page_language(client, locale_seen, accept=accept) == expected


def test_the_navbar_choice_is_kept_in_the_session_and_beats_the_browser(client, locale_seen):
    response = choose(client, "zh", next_path="/login?next=/")
    assert response.status_code == 302 and response.headers["Location"] == "/login?next=/"
    assert page_language(client, locale_seen, accept="en-US") == ("zh-CN", "zh")
    page = client.get("/login").get_data(as_text=True)
    assert re.search(r'aria-pressed="true"\s+lang="zh-CN"', page)  # the chosen button shows as pressed

    choose(client, "en")
    assert page_language(client, locale_seen, accept="zh-CN") == ("en", "en")


def test_an_unknown_language_is_ignored(client, locale_seen):
    choose(client, "zh")
    assert choose(client, "fr").status_code == 302
    assert page_language(client, locale_seen) == ("zh-CN", "zh")


def test_the_language_switch_only_returns_to_local_pages(client):
    response = choose(client, "zh", next_path="https://evil.example/")
    assert response.headers["Location"] == "/"


def test_a_signed_in_choice_is_saved_and_follows_the_user_to_another_browser(app, client, auth, locale_seen, users):
    auth.login("member@example.com")
    choose(client, "zh", next_path="/")
    db.session.expire_all()
    assert db.session.get(User, users["member"].id).locale == "zh"

    elsewhere = app.test_client()
    elsewhere.post("/login", data={"email": "member@example.com", "password": PASSWORD})
    assert page_language(elsewhere, locale_seen, path="/", accept="en-US,en") == ("zh-CN", "zh")


def test_the_saved_choice_beats_the_session_and_the_browser(client, auth, locale_seen, users):
    member = users["member"]
    member.locale = "zh"
    db.session.commit()
    auth.login_as(member)
    with client.session_transaction() as session:
        session["lang"] = "en"
    assert page_language(client, locale_seen, path="/", accept="en") == ("zh-CN", "zh")


def test_without_a_saved_choice_a_signed_in_user_gets_the_session_then_the_browser(client, auth, locale_seen, users):
    auth.login_as(users["member"])
    assert page_language(client, locale_seen, path="/", accept="zh-CN") == ("zh-CN", "zh")
    with client.session_transaction() as session:
        session["lang"] = "en"
    assert page_language(client, locale_seen, path="/", accept="zh-CN") == ("en", "en")


def test_outside_a_request_the_default_language_applies(app):
    flask_babel.refresh()
    assert str(flask_babel.get_locale()) == "en"
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0  # no request, no user lookup needed
