"""Rate limits: getting tokens (per address and account) and check-ins (per token)."""

from __future__ import annotations

import pytest

from tests.api.conftest import ApiClient, assert_problem, make_token


@pytest.fixture
def app_config(app_config):
    return {**app_config, "RATELIMIT_ENABLED": True, "RATELIMIT_API_TOKENS": "2 per minute",
            "RATELIMIT_API_CHECKINS": "2 per minute", "RATELIMIT_STORAGE_URI": "memory://"}


def test_token_requests_are_rate_limited(client, users):
    body = {"email": "admin@example.com", "password": "wrong"}
    for _ in range(2):
        assert client.post("/api/v1/auth/tokens", json=body).status_code == 401
    assert_problem(client.post("/api/v1/auth/tokens", json=body), 429)


def test_check_ins_are_rate_limited_per_token(client, users, world):
    first = ApiClient(client, {"admin": make_token(users["admin"])})
    second = ApiClient(client, {"admin": make_token(users["admin"])})
    scan = {"ticket_code": world.invitee.ticket_code, "session_id": world.session.id}
    path = f"/meetings/{world.meeting.id}/check-ins"
    assert [first.post(path, json=scan).status_code for _ in range(2)] == [201, 200]
    assert_problem(first.post(path, json=scan), 429)
    assert second.post(path, json=scan).status_code == 200  # another device's token has its own allowance
