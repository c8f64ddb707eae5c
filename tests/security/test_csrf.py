"""Every state-changing route refuses a request without a CSRF token — found from the URL map, so a route added
tomorrow is checked too. The token-authenticated API (/api/…) ignores session cookies and is exempt by design."""

import pytest
from flask import url_for

from meetapp import create_app
from meetapp.extensions import csrf
from tests.factories import UserFactory

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
TOKEN_API_PREFIX = "/api/"
PLACEHOLDER = {"integer": 1, "string": "x", "default": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


def placeholder_values(rule) -> dict:
    return {name: PLACEHOLDER.get(type(conv).__name__.removesuffix("Converter").lower(), "x")
            for name, conv in rule._converters.items()}


def state_changing_routes(app):
    for rule in app.url_map.iter_rules():
        for method in sorted(STATE_CHANGING & rule.methods):
            yield method, rule


@pytest.fixture
def csrf_app(app_config):
    app = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    with app.app_context():
        yield app


def test_only_the_token_api_is_exempt(csrf_app):
    outside = []
    for rule in csrf_app.url_map.iter_rules():
        view = csrf_app.view_functions[rule.endpoint]
        blueprint = rule.endpoint.rpartition(".")[0]
        exempt = f"{view.__module__}.{view.__name__}" in csrf._exempt_views or blueprint in csrf._exempt_blueprints
        if exempt and not rule.rule.startswith(TOKEN_API_PREFIX):
            outside.append(rule.rule)
    assert not outside, f"CSRF-exempt routes outside the token API: {outside}"


def test_every_state_changing_route_refuses_a_missing_token(csrf_app):
    admin = UserFactory(email="csrf-admin@example.com", roles=["admin"])
    client = csrf_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = admin.get_id()
        session["_fresh"] = True
    checked, accepted = 0, []
    for method, rule in state_changing_routes(csrf_app):
        if rule.rule.startswith(TOKEN_API_PREFIX):
            continue
        with csrf_app.test_request_context():
            url = url_for(rule.endpoint, **placeholder_values(rule))
        for kwargs in ({"data": {"title": "x"}}, {"json": {"session_id": 1}}):
            response = client.open(url, method=method, **kwargs)
            if response.status_code != 400 or b"CSRF" not in response.data:
                accepted.append(f"{method} {url} ({next(iter(kwargs))}): {response.status_code}")
        checked += 1
    assert checked >= 40  # the scan found the app's forms (about 60 today)
    assert not accepted, "accepted without a CSRF token:\n" + "\n".join(accepted)


def test_a_token_from_the_page_is_accepted(csrf_app):
    """The refusals above are about the token: the same kind of request with one goes through."""
    client = csrf_app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    response = client.post("/language", data={"lang": "zh", "next": "/login", "csrf_token": token})
    assert response.status_code == 302
    assert client.post("/language", data={"lang": "zh", "next": "/login"}).status_code == 400
