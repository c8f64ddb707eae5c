"""Failed sign-ins: one message for every cause, and Flask-Limiter stops guessing (in memory or in Redis)."""

import os
import re
import secrets

import pytest

from meetapp import create_app
from tests.factories import PASSWORD, UserFactory

LIMIT = "3 per minute"
ACCOUNT_LIMIT = "5 per minute"
REDIS_URL = os.environ.get("MEETAPP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def limited(app_config):
    """Rate limiting on (the test settings switch it off), counting in this process's memory."""
    app_config.update(
        RATELIMIT_ENABLED=True, RATELIMIT_LOGIN=LIMIT, RATELIMIT_LOGIN_ACCOUNT=ACCOUNT_LIMIT, REDIS_URL=None
    )


def alerts(response) -> list[str]:
    return re.findall(r'<div class="alert alert-\w+">([^<]*)</div>', response.get_data(as_text=True))


def random_address() -> str:
    """A client address of this test alone, so counters of other runs sharing a Redis never interfere."""
    return "2001:db8:" + ":".join(secrets.token_hex(2) for _ in range(6))


def test_every_failure_reads_the_same(client, auth):
    UserFactory(email="known@example.com")
    UserFactory(email="gone@example.com", active=False)
    unknown_email = auth.login("nobody@example.com", PASSWORD)
    wrong_password = auth.login("known@example.com", "not the password")
    deactivated = auth.login("gone@example.com", PASSWORD)
    for response in (unknown_email, wrong_password, deactivated):
        assert response.status_code == 200
        assert alerts(response) == ["Email or password is not correct."]
        assert "invalid-feedback" not in response.get_data(as_text=True)  # no hint next to either field


def test_failed_sign_ins_are_limited_with_a_friendly_page(limited, client, auth, users):
    for _ in range(3):
        assert alerts(auth.login("member@example.com", "wrong guess")) == ["Email or password is not correct."]

    blocked = auth.login("member@example.com", PASSWORD)  # even the right password waits now
    page = blocked.get_data(as_text=True)
    assert blocked.status_code == 429
    assert "Too many attempts" in page and "Please wait a minute" in page
    assert 'aria-label="Main navigation"' in page  # the usual layout, not a bare error
    assert int(blocked.headers["Retry-After"]) > 0
    assert client.get("/").status_code == 302  # and it did not sign in


def test_successful_sign_ins_do_not_count(limited, client, auth, users):
    for _ in range(5):
        assert auth.login("member@example.com").status_code == 302
        auth.logout()
    for _ in range(3):
        assert auth.login("member@example.com", "wrong guess").status_code == 200
    assert auth.login("member@example.com", "wrong guess").status_code == 429


def test_showing_the_sign_in_page_does_not_count(limited, client, auth, users):
    for _ in range(10):
        assert client.get("/login").status_code == 200
    assert auth.login("member@example.com").status_code == 302


def test_the_limit_is_per_client_address(limited, app, auth, users):
    for _ in range(3):
        auth.login("member@example.com", "wrong guess")
    assert auth.login("member@example.com", "wrong guess").status_code == 429
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = random_address()
    response = elsewhere.post("/login", data={"email": "member@example.com", "password": PASSWORD})
    assert response.status_code == 302


def test_guesses_at_one_account_from_many_addresses_add_up(limited, app, users):
    def attempt(email, password):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = random_address()
        return client.post("/login", data={"email": email, "password": password})

    for _ in range(5):
        assert attempt("Member@example.com", "wrong guess").status_code == 200
    assert attempt("member@example.com", PASSWORD).status_code == 429  # the account waits, from anywhere
    assert attempt("organizer@example.com", PASSWORD).status_code == 302  # other accounts do not


@pytest.fixture
def redis_client():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis answers at {REDIS_URL}")
    yield client
    client.close()


def test_app_instances_share_the_count_through_redis(app_config, users, redis_client):
    config = {**app_config, "RATELIMIT_ENABLED": True, "RATELIMIT_LOGIN": LIMIT, "REDIS_URL": REDIS_URL}
    address = random_address()
    wrong = {"email": "member@example.com", "password": "wrong guess"}
    try:
        first = create_app(config)
        assert first.config["RATELIMIT_STORAGE_URI"] == REDIS_URL
        worker_one = first.test_client()
        worker_one.environ_base["REMOTE_ADDR"] = address
        assert worker_one.post("/login", data=wrong).status_code == 200
        assert worker_one.post("/login", data=wrong).status_code == 200
        assert redis_client.keys(f"*{address}*"), "the counter lives in Redis"

        # A second worker builds its own app (and limiter storage) from the same settings.
        second = create_app(config)
        worker_two = second.test_client()
        worker_two.environ_base["REMOTE_ADDR"] = address
        assert worker_two.post("/login", data=wrong).status_code == 200
        assert worker_two.post("/login", data=wrong).status_code == 429
    finally:
        for key in redis_client.keys(f"*{address}*"):
            redis_client.delete(key)
