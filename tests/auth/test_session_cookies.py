"""Session and remember-me cookies: never readable by scripts, not sent cross-site, https-only in production."""

import re

import pytest

import config
from meetapp import create_app
from tests.factories import PASSWORD


def set_cookie(response, name: str) -> str:
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith(f"{name}="):
            return header
    raise AssertionError(f"no {name} cookie in {response.headers.getlist('Set-Cookie')}")


def sign_in_with_remember(client, base_url="http://localhost"):
    page = client.get("/login", base_url=base_url).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    data = {"email": "member@example.com", "password": PASSWORD, "remember": "y"}
    if token:
        data["csrf_token"] = token.group(1)
    # Over https Flask-WTF also wants a same-site Referer, as a browser sends.
    return client.post("/login", data=data, base_url=base_url, headers={"Referer": f"{base_url}/login"})


def test_cookies_are_httponly_and_samesite_lax(client, users):
    response = sign_in_with_remember(client)
    assert response.status_code == 302
    for name in ("session", "remember_token"):
        cookie = set_cookie(response, name)
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie
        assert "Secure" not in cookie  # development serves plain http on 127.0.0.1


@pytest.fixture
def production_app(app_config):
    class Production(config.ProductionConfig):
        SECRET_KEY = "a-production-key-for-this-test-only-0123456789"
        SQLALCHEMY_DATABASE_URI = app_config["SQLALCHEMY_DATABASE_URI"]
        RATELIMIT_STORAGE_URI = "memory://"

    return create_app(Production)


def test_production_cookies_are_also_secure(production_app, users):
    client = production_app.test_client()
    response = sign_in_with_remember(client, base_url="https://meetapp.example.org")
    assert response.status_code == 302
    for name in ("session", "remember_token"):
        cookie = set_cookie(response, name)
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
