"""/healthz says the process answers; /readyz that the database (and Redis, when configured) answer too."""

import socket

import pytest

from meetapp import create_app
from tests.ops import redis_is_up


def test_healthz_answers_without_touching_the_database(app, client, count_queries):
    with count_queries() as counter:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"process": "ok"}}
    assert response.headers["Cache-Control"] == "no-store"
    assert counter.count == 0


def test_readyz_asks_the_database(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"database": "ok"}}


def test_readyz_is_503_when_the_database_does_not_answer(app_config, tmp_path):
    broken = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/missing/dir/db.sqlite"})
    response = broken.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "checks": {"database": "failing"}}


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens there once the socket is closed


def test_readyz_is_503_when_the_configured_redis_does_not_answer(app_config):
    app = create_app({**app_config, "REDIS_URL": f"redis://127.0.0.1:{closed_port()}/0"})
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"] == {"database": "ok", "redis": "failing"}



@pytest.mark.skipif(not redis_is_up(), reason="no Redis on 127.0.0.1:6379")
def test_readyz_with_a_live_redis(app_config):
    app = create_app({**app_config, "REDIS_URL": "redis://127.0.0.1:6379/15"})
    response = app.test_client().get("/readyz")
    assert response.status_code == 200
    assert response.get_json()["checks"] == {"database": "ok", "redis": "ok"}


def test_sign_in_keeps_working_while_the_rate_limit_store_is_down(app_config):
    dead_redis = f"redis://127.0.0.1:{closed_port()}/0"
    app = create_app({**app_config, "RATELIMIT_ENABLED": True, "REDIS_URL": dead_redis,
                      "RATELIMIT_STORAGE_URI": dead_redis, "PROPAGATE_EXCEPTIONS": False})
    client = app.test_client()
    response = client.post("/login", data={"email": "nobody@example.com", "password": "wrong"})
    assert response.status_code == 200  # the form again with its error, not a 500
    assert client.get("/readyz").status_code == 503  # while the load balancer hears that Redis is down
