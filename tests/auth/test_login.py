from meetapp.auth.models import User
from meetapp.extensions import db
from tests.factories import UserFactory


def test_sign_in_and_out(client, auth, users):
    response = auth.login("member@example.com")
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert auth.logout().status_code == 302
    assert client.get("/").status_code == 302


def test_wrong_password_and_unknown_email_get_the_same_message(client, auth, users):
    wrong_password = auth.login("member@example.com", "nope nope nope").get_data(as_text=True)
    unknown_email = auth.login("nobody@example.com", "nope nope nope").get_data(as_text=True)
    assert "Email or password is not correct." in wrong_password
    assert "Email or password is not correct." in unknown_email
    assert client.get("/").status_code == 302


def test_email_is_case_insensitive(client, auth, users):
    assert auth.login("  Member@Example.COM ").status_code == 302


def test_deactivated_account_cannot_sign_in(client, auth):
    UserFactory(email="gone@example.com", active=False)
    assert "Email or password is not correct." in auth.login("gone@example.com").get_data(as_text=True)


def test_password_is_hashed_with_scrypt(app, users):
    stored = db.session.get(User, users["member"].id).password_hash
    assert stored.startswith("scrypt:")


def test_next_parameter_only_follows_local_paths(client, users):
    data = {"email": "member@example.com", "password": "correct horse battery"}
    evil = client.post("/login?next=https://evil.example/x", data=data)
    assert evil.headers["Location"] == "/"
    client.post("/logout")
    local = client.post("/login?next=/account/password", data=data)
    assert local.headers["Location"] == "/account/password"
