"""Security headers on every kind of response, from one place; HTTPS redirect and HSTS only when configured."""

import pytest

from meetapp import create_app

CSP = "Content-Security-Policy"


def directives(header: str) -> dict[str, str]:
    return {part.split()[0]: " ".join(part.split()[1:]) for part in header.split(";") if part.strip()}


def assert_hardened(response):
    policy = directives(response.headers[CSP])
    assert policy["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize("path", ["/login", "/meetings/", "/no-such-page", "/healthz",
                                  "/static/js/desk.js", "/bootstrap/static/js/bootstrap.min.js"])
def test_every_kind_of_answer_is_hardened(client, path):
    response = client.get(path)
    assert response.status_code in (200, 302, 404)
    assert_hardened(response)


def test_signed_in_pages_and_refusals_too(client, auth, users):
    auth.login_as(users["member"])
    for path in ("/", "/admin/users/"):
        assert_hardened(client.get(path))


def test_no_https_redirect_or_hsts_by_default(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response.headers
    assert "Strict-Transport-Security" not in client.get("/login", base_url="https://localhost").headers


@pytest.fixture
def production_like(app_config):
    return create_app({**app_config, "FORCE_HTTPS": True, "PROXY_FIX": 1}).test_client()


def test_with_force_https_plain_http_is_redirected(production_like):
    response = production_like.get("/login?next=/meetings/")
    assert response.status_code == 301
    assert response.location == "https://localhost/login?next=/meetings/"


def test_with_force_https_answers_over_https_carry_hsts(production_like):
    direct = production_like.get("/login", base_url="https://localhost")
    proxied = production_like.get("/login", headers={"X-Forwarded-Proto": "https"})  # nginx terminated TLS
    for response in (direct, proxied):
        assert response.status_code == 200
        assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_health_checks_are_not_redirected(production_like):
    assert production_like.get("/healthz").status_code == 200
    assert production_like.get("/readyz").status_code == 200


def test_a_view_that_sets_a_stricter_policy_keeps_it(app, client):
    @app.route("/sandboxed")
    def sandboxed():
        return "file", 200, {CSP: "default-src 'none'; sandbox"}

    assert client.get("/sandboxed").headers[CSP] == "default-src 'none'; sandbox"
