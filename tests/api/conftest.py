"""API test helpers: a token per role, a client that sends it, and a sample world of one meeting."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from meetapp.api import tokens
from meetapp.api.models import Scope
from meetapp.extensions import db
from meetapp.meetings.models import Visibility
from tests.factories import ParticipantFactory, PersonFactory
from tests.participants.samples import future_meeting

ALL_SCOPES = (Scope.READ, Scope.WRITE, Scope.CHECKIN)


class ApiClient:
    """``api.get("/meetings", as_="organizer")``: the request with that role's token (no token for anonymous)."""

    def __init__(self, client, secrets: dict[str, str]):
        self.client = client
        self.secrets = secrets

    def headers(self, as_: str | None, headers=None) -> dict:
        headers = dict(headers or {})
        secret = self.secrets.get(as_) if as_ else None
        if secret:
            headers["Authorization"] = f"Bearer {secret}"
        return headers

    def open(self, method: str, path: str, as_: str | None = "admin", headers=None, **kwargs):
        url = path if path.startswith("/api/") else f"/api/v1{path}"
        return self.client.open(url, method=method, headers=self.headers(as_, headers), **kwargs)

    def get(self, path, **kwargs):
        return self.open("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.open("POST", path, **kwargs)

    def patch(self, path, **kwargs):
        return self.open("PATCH", path, **kwargs)

    def put(self, path, **kwargs):
        return self.open("PUT", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.open("DELETE", path, **kwargs)


def make_token(user, scopes=ALL_SCOPES, **kwargs) -> str:
    return tokens.create_token(user, "test", scopes, **kwargs).secret


@pytest.fixture
def api(client, users):
    """An API client with a full-scope token for each signed-in role."""
    return ApiClient(client, {role: make_token(user) for role, user in users.items()})


def make_world(users) -> SimpleNamespace:
    """A participants-only meeting organized by the organizer account, with one invitee (not the member)."""
    meeting = future_meeting(organizers=[users["organizer"]], visibility=Visibility.PARTICIPANTS)
    invitee = ParticipantFactory(meeting=meeting)
    newcomer = PersonFactory()
    db.session.commit()
    return SimpleNamespace(meeting=meeting, session=meeting.sessions[0], invitee=invitee, newcomer=newcomer,
                           users=users)


@pytest.fixture
def world(users):
    return make_world(users)


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.get_json(force=True)
    assert body["status"] == status and body["title"] and body["type"] == "about:blank"
    assert body.get("detail")
    return body
