"""With CSRF protection on (as in production): the token-authenticated API takes JSON without a CSRF token, the
token pages (cookie sessions) still need one."""

from __future__ import annotations

import pytest

from tests.api.conftest import make_token
from tests.factories import PASSWORD


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True}


def test_the_api_needs_no_csrf_token(client, users):
    assert client.post("/api/v1/auth/tokens", json={"email": "admin@example.com",
                                                    "password": PASSWORD}).status_code == 201
    response = client.post("/api/v1/meetings", headers={"Authorization": f"Bearer {make_token(users['organizer'])}"},
                           json={"title": "No CSRF", "starts_at": "2027-01-01T09:00:00+08:00",
                                 "ends_at": "2027-01-01T10:00:00+08:00"})
    assert response.status_code == 201


def test_the_token_pages_still_need_one(client, auth, users):
    auth.login_as(users["member"])
    response = client.post("/account/tokens/", data={"name": "Forged", "scopes": ["read"]})
    assert response.status_code == 400
