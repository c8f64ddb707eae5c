"""The layout every page shares: landmarks, labels, friendly error pages."""

import re

import pytest

from meetapp import create_app


def test_layout_has_landmarks_skip_link_and_labelled_fields(client):
    page = client.get("/login").get_data(as_text=True)
    assert re.search(r'<nav [^>]*aria-label="Main navigation"', page)
    assert '<main id="main"' in page
    assert 'href="#main"' in page  # skip link
    for field_id in ("email", "password"):
        assert f'<label class="form-label" for="{field_id}">' in page


def test_assets_are_served_by_the_app_not_a_cdn(client):
    page = client.get("/login").get_data(as_text=True)
    assets = re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', page)
    assert assets, "the layout links its stylesheets and scripts"
    for asset in assets:
        assert asset.startswith("/"), f"{asset} is not served by the app"
        assert client.get(asset).status_code == 200


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_forbidden_page_is_friendly(client, auth, users):
    auth.login_as(users["member"])
    response = client.get("/admin/users/")
    if response.status_code == 404:
        pytest.skip("the accounts area is not registered yet")
    assert response.status_code == 403
    assert "Not allowed" in response.get_data(as_text=True)


def test_server_error_is_a_friendly_500(app_config):
    app = create_app({**app_config, "PROPAGATE_EXCEPTIONS": False})

    @app.route("/boom")
    def boom():
        raise RuntimeError("boom")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert "Something went wrong" in response.get_data(as_text=True)
