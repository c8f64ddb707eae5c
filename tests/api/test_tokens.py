"""Personal access tokens: made with e-mail and password or on the account page, stored hashed, scoped, expiring,
revocable, never stronger than their user."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from meetapp.api.models import ApiToken, Scope
from meetapp.api.tokens import hash_secret
from meetapp.audit.models import AuditEntry
from meetapp.database import utcnow
from meetapp.extensions import db
from tests.api.conftest import ApiClient, assert_problem, make_token
from tests.factories import PASSWORD


def test_email_and_password_get_a_token_shown_once_and_stored_hashed(client, users):
    response = client.post("/api/v1/auth/tokens", json={
        "email": "Organizer@Example.com", "password": PASSWORD, "name": "Hall tablet", "scopes": ["checkin"]})
    assert response.status_code == 201
    body = response.get_json()
    secret = body["token"]
    assert secret.startswith("mtk_") and body["scopes"] == ["checkin"] and body["name"] == "Hall tablet"
    stored = db.session.scalar(sa.select(ApiToken))
    assert stored.secret_hash == hash_secret(secret) and secret not in (stored.prefix, stored.secret_hash)
    listed = client.get("/api/v1/auth/tokens", headers={"Authorization": f"Bearer {make_token(users['organizer'])}"})
    assert all("token" not in row for row in listed.get_json())  # the secret is never shown again
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "api_token.create"))
    assert entry.actor_id == users["organizer"].id and entry.token_id == stored.id


@pytest.mark.parametrize("body", [
    {"email": "organizer@example.com", "password": "wrong password"},
    {"email": "nobody@example.com", "password": PASSWORD},
])
def test_wrong_credentials_get_401_without_saying_which(client, users, body):
    problem = assert_problem(client.post("/api/v1/auth/tokens", json=body), 401)
    assert "e-mail or password" in problem["detail"]


def test_a_deactivated_account_gets_no_token_and_its_tokens_stop(client, users):
    secret = make_token(users["member"])
    users["member"].active = False
    db.session.commit()
    assert_problem(client.post("/api/v1/auth/tokens", json={"email": "member@example.com", "password": PASSWORD}), 401)
    assert_problem(client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}), 401)


def test_token_request_fields_are_validated(client, users):
    problem = assert_problem(client.post("/api/v1/auth/tokens", json={"email": "admin@example.com",
                                                                       "password": PASSWORD, "scopes": ["root"]}), 422)
    assert "scopes" in problem["errors"]


@pytest.mark.parametrize("header", ["Bearer mtk_not-a-token", "Bearer ", "Basic YWRtaW46YWRtaW4=", "mtk_x"])
def test_unknown_or_malformed_tokens_are_401(client, users, header):
    problem = assert_problem(client.get("/api/v1/me", headers={"Authorization": header}), 401)
    assert problem["detail"]


def test_an_expired_token_is_401(client, users):
    secret = make_token(users["admin"], expires_at=utcnow() + timedelta(minutes=5))
    token = db.session.scalar(sa.select(ApiToken))
    token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert_problem(client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}), 401)


def test_a_session_cookie_does_not_work_the_api(client, auth, users):
    auth.login_as(users["admin"])
    assert_problem(client.get("/api/v1/meetings"), 401)
    assert_problem(client.post("/api/v1/meetings", json={}), 401)


def test_scopes_limit_what_a_token_may_do(client, users, world):
    read = ApiClient(client, {"admin": make_token(users["admin"], [Scope.READ])})
    desk = ApiClient(client, {"admin": make_token(users["admin"], [Scope.CHECKIN])})
    write = ApiClient(client, {"admin": make_token(users["admin"], [Scope.WRITE])})
    meeting = f"/meetings/{world.meeting.id}"
    scan = {"ticket_code": world.invitee.ticket_code, "session_id": world.session.id}

    assert read.get(meeting).status_code == 200
    assert "write" in assert_problem(read.patch(meeting, json={"title": "X"}), 403)["detail"]
    assert_problem(read.post(f"{meeting}/check-ins", json=scan), 403)
    assert_problem(desk.get(meeting), 403)
    assert_problem(write.post(f"{meeting}/check-ins", json=scan), 403)
    assert desk.post(f"{meeting}/check-ins", json=scan).status_code == 201
    assert write.patch(meeting, json={"title": "X"}).status_code == 200
    assert desk.get("/me").status_code == 200  # any token may say whose it is


def test_a_token_never_does_more_than_its_user(client, users, world):
    member = ApiClient(client, {"member": make_token(users["member"])})
    assert_problem(member.post("/meetings", as_="member", json={
        "title": "Mine", "starts_at": "2027-01-01T09:00:00+08:00", "ends_at": "2027-01-01T10:00:00+08:00"}), 403)
    world.meeting.checkin_staff.append(users["member"])
    db.session.commit()
    # Check-in staff run the desk of the meeting, and nothing else of it.
    scan = {"ticket_code": world.invitee.ticket_code, "session_id": world.session.id}
    assert member.post(f"/meetings/{world.meeting.id}/check-ins", as_="member", json=scan).status_code == 201
    assert_problem(member.get(f"/meetings/{world.meeting.id}/participants", as_="member"), 403)


def test_token_pages_make_list_and_revoke(client, auth, users):
    auth.login_as(users["member"])
    page = client.post("/account/tokens/", data={"name": "Laptop script", "scopes": ["read", "checkin"]})
    assert page.status_code == 200
    secret = page.get_data(as_text=True).split('data-testid="new-token">')[1].split("<")[0]
    assert secret.startswith("mtk_")
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).get_json()["token"]["scopes"] == [
        "read", "checkin"]
    again = client.get("/account/tokens/").get_data(as_text=True)
    assert "Laptop script" in again and secret not in again
    token = db.session.scalar(sa.select(ApiToken))
    assert client.post(f"/account/tokens/{token.id}/revoke").status_code == 302
    assert_problem(client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}), 401)


def test_token_page_refuses_a_token_without_scopes(client, auth, users):
    auth.login_as(users["member"])
    page = client.post("/account/tokens/", data={"name": "Nothing"})
    assert "Choose at least one scope." in page.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(ApiToken.id))) == 0


def test_nobody_revokes_another_users_token_on_the_page(client, auth, users):
    make_token(users["admin"])
    token = db.session.scalar(sa.select(ApiToken))
    auth.login_as(users["member"])
    assert client.post(f"/account/tokens/{token.id}/revoke").status_code == 404
    db.session.refresh(token)
    assert token.revoked_at is None


def test_changes_through_the_api_are_audited_with_the_token(client, users):
    secret = make_token(users["organizer"])
    token = db.session.scalar(sa.select(ApiToken))
    created = client.post("/api/v1/meetings", headers={"Authorization": f"Bearer {secret}"}, json={
        "title": "Audited", "starts_at": "2027-05-01T09:00:00+08:00", "ends_at": "2027-05-01T10:00:00+08:00"})
    assert created.status_code == 201
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "meeting.create"))
    assert (entry.actor_id, entry.token_id, entry.meeting_id) == (users["organizer"].id, token.id,
                                                                   created.get_json()["id"])
