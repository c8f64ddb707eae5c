"""Every route × every role answers as the areas' ``routes.py`` rows say (see tests/route_matrix.py)."""

from types import SimpleNamespace

import pytest
from flask import url_for

from tests.route_matrix import ROLES, area_modules, expected_rows, registered_routes


@pytest.fixture
def world(app, users):
    world = SimpleNamespace(users=users)
    for module in area_modules():
        if hasattr(module, "populate"):
            module.populate(world)
    return world


def test_every_route_has_a_row(app):
    rows = expected_rows()
    registered = {(method, endpoint) for method, endpoint, _ in registered_routes(app)}
    unlisted = sorted(registered - set(rows))
    stale = sorted(set(rows) - registered)
    assert not unlisted, f"routes with no row in tests/<area>/routes.py: {unlisted}"
    assert not stale, f"rows for routes that no longer exist: {stale}"


def test_route_matrix(app, world, auth, client):
    rows = expected_rows()
    values: dict = {}
    for module in area_modules():
        if hasattr(module, "url_values"):
            values.update(module.url_values(world))
    failures = []
    for role in ROLES:
        for method, endpoint, _rule in registered_routes(app):
            with client.session_transaction() as session:
                session.clear()
            if role != "anonymous":
                auth.login_as(world.users[role])
            with app.test_request_context():
                url = url_for(endpoint, **values.get(endpoint, {}))
            response = client.open(url, method=method, data={})
            expected = rows[(method, endpoint)][role]
            allowed = expected if isinstance(expected, set) else {expected}
            if response.status_code not in allowed:
                failures.append(f"{role:9} {method:6} {url}: {response.status_code}, expected {expected}")
    assert not failures, "\n".join(failures)
