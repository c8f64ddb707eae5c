"""Each request has an id: taken from a sane X-Request-ID or made up, sent back, in the JSON logs, on the 500 page."""

import json
import logging
import re

import pytest

from meetapp.ops.request_log import JSONFormatter


def test_a_sane_incoming_request_id_is_kept(client):
    response = client.get("/login", headers={"X-Request-ID": "nginx-7f3a9c21e0b4"})
    assert response.headers["X-Request-ID"] == "nginx-7f3a9c21e0b4"


@pytest.mark.parametrize(
    "incoming", [None, "", "short", "has space in it", "x" * 200, "evil\"}forged{line", "<script>x</script>"])
def test_otherwise_a_new_one_is_made(client, incoming):
    headers = {"X-Request-ID": incoming} if incoming is not None else {}
    first = client.get("/login", headers=headers).headers["X-Request-ID"]
    second = client.get("/login", headers=headers).headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first) and first != second


def test_a_request_refused_before_any_view_has_an_id(app_config):
    from meetapp import create_app

    app = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    response = app.test_client().post("/login", data={"email": "a@example.com", "password": "x"})
    assert response.status_code == 400  # no CSRF token
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])


@pytest.fixture
def failing_app(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a server's behaviour: the 500 page, not the traceback

    @app.route("/boom")
    def boom():
        raise RuntimeError("broken on purpose")

    return app


def test_the_500_page_shows_the_id_that_is_in_the_log(failing_app, caplog):
    client = failing_app.test_client()
    with caplog.at_level(logging.DEBUG, logger="meetapp.request"):
        response = client.get("/boom", headers={"X-Request-ID": "support-case-0042"})
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "quote this reference" in page and '<code class="user-select-all" data-request-id>support-case-0042' in page
    logged = [json.loads(JSONFormatter().format(record)) for record in caplog.records]
    error = next(entry for entry in logged if entry["level"] == "ERROR")
    assert error["request_id"] == "support-case-0042"
    assert "RuntimeError: broken on purpose" in error["exception"]
    access = next(entry for entry in logged if entry["logger"] == "meetapp.request")
    assert (access["method"], access["path"], access["status"], access["request_id"]) == (
        "GET", "/boom", 500, "support-case-0042")
    assert access["duration_ms"] >= 0


def test_json_lines_are_one_object_per_line():
    record = logging.LogRecord("meetapp.x", logging.WARNING, __file__, 1, "two\nlines %s", ("参会",), None)
    line = JSONFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "two\nlines 参会" and entry["level"] == "WARNING" and entry["request_id"] is None
    assert entry["time"].endswith("+00:00")


def test_production_logs_json_on_stderr(app_config):
    import subprocess
    import sys

    script = (
        "import logging; from meetapp import create_app; "
        "app = create_app({'TESTING': True, 'SQLALCHEMY_DATABASE_URI': 'sqlite://', 'LOG_FORMAT': 'json'}); "
        "app.test_client().get('/healthz', headers={'X-Request-ID': 'from-the-proxy-1'})"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert {"logger": "meetapp.request", "path": "/healthz", "status": 200, "request_id": "from-the-proxy-1"}.items() \
        <= next(line for line in lines if line["logger"] == "meetapp.request").items()


def test_the_reference_is_shown_even_when_the_error_page_cannot_use_the_database(app_config, tmp_path):
    from meetapp import create_app

    app = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/missing/dir/db.sqlite",
                      "PROPAGATE_EXCEPTIONS": False})
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1:token"  # signed in: the layout would load the user from the dead database
    response = client.get("/meetings/", headers={"X-Request-ID": "db-down-0001"})
    assert response.status_code == 500
    assert "quote this reference: <code>db-down-0001</code>" in response.get_data(as_text=True)
