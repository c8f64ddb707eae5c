"""deploy/: nginx accepts its site config, the units start what exists, gunicorn's config loads, the env example
names only settings the app reads, and a HUP (``systemctl reload``) replaces workers without dropping a request."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
VENV_BIN = Path(sys.executable).parent
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt-get install nginx)")
def test_nginx_accepts_the_site_config(tmp_path):
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=test",
                    "-keyout", tmp_path / "key.pem", "-out", tmp_path / "cert.pem"], check=True, capture_output=True)
    site = (DEPLOY / "nginx" / "meetapp.conf").read_text()
    site = site.replace("/etc/ssl/meetapp/fullchain.pem", str(tmp_path / "cert.pem"))
    site = site.replace("/etc/ssl/meetapp/privkey.pem", str(tmp_path / "key.pem"))
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  include {tmp_path}/site.conf;\n}}\n")
    result = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_nginx_serves_our_static_folder_and_allows_the_upload_limit():
    site = (DEPLOY / "nginx" / "meetapp.conf").read_text()
    assert "alias /srv/meetapp/app/static/;" in site and (ROOT / "static").is_dir()
    body_mb = int(re.search(r"client_max_body_size (\d+)m;", site).group(1))
    from config import Config

    assert body_mb * 1024 * 1024 > Config.MAX_CONTENT_LENGTH  # the app, not nginx, says what was too large


def unit(name: str) -> dict[str, str]:
    lines = (DEPLOY / "systemd" / name).read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


def test_the_units_start_what_the_project_has():
    web, worker, beat = unit("meetapp-web.service"), unit("meetapp-worker.service"), unit("meetapp-beat.service")
    assert "deploy/gunicorn.conf.py wsgi:app" in web["ExecStart"] and (ROOT / "wsgi.py").exists()
    assert web["ExecReload"] == "/bin/kill -s HUP $MAINPID"
    for service in (web, worker, beat):
        assert service["EnvironmentFile"] == "/etc/meetapp/meetapp.env"
        assert service["User"] == "meetapp" and service["WorkingDirectory"] == "/srv/meetapp/app"
    for service, command in ((worker, " worker "), (beat, " beat ")):
        module = re.search(r"celery -A (\S+)", service["ExecStart"]).group(1)
        assert (ROOT / (module.replace(".", "/") + ".py")).exists() and command in service["ExecStart"]


def test_the_env_example_names_only_settings_the_app_reads():
    read = set(re.findall(r'env(?:_bool)?\("([A-Z_]+)"', (ROOT / "config.py").read_text()))
    read |= {"INSTANCE_DIR"}  # read directly, before the Config class
    named = re.findall(r"^MEETAPP_([A-Z_]+)=", (DEPLOY / "meetapp.env.example").read_text(), re.MULTILINE)
    assert named and not set(named) - read, sorted(set(named) - read)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_config_loads_and_a_hup_drops_no_request(tmp_path):
    port = free_port()
    env = {**os.environ, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2", "GUNICORN_THREADS": "2",
           "GUNICORN_GRACEFUL_TIMEOUT": "5",
           "MEETAPP_DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}", "MEETAPP_INSTANCE_DIR": str(tmp_path),
           "PYTHONPATH": str(ROOT)}
    env.pop("MEETAPP_ENV", None)
    command = [str(VENV_BIN / "gunicorn"), "--config", str(DEPLOY / "gunicorn.conf.py"), "wsgi:app"]
    subprocess.run([*command, "--check-config"], cwd=ROOT, env=env, check=True, capture_output=True, timeout=60)
    with (tmp_path / "gunicorn.log").open("wb") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True, stdout=log,
                                  stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:  # the socket is bound before the workers have loaded the app: wait for an answer
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "gunicorn did not start"
                time.sleep(0.2)
            finally:
                conn.close()
        statuses: list[tuple[float, int | str]] = []  # (when sent, answer)
        stop = threading.Event()

        def client():
            while not stop.is_set():
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)  # waits while new workers load
                sent = time.monotonic()
                try:
                    conn.request("GET", "/healthz")
                    statuses.append((sent, conn.getresponse().status))
                except OSError as error:
                    statuses.append((sent, repr(error)))
                finally:
                    conn.close()

        threads = [threading.Thread(target=client) for _ in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(1)
        hup = time.monotonic()
        os.kill(server.pid, signal.SIGHUP)  # what `systemctl reload meetapp-web` sends
        time.sleep(3)
        stop.set()
        for thread in threads:
            thread.join(timeout=90)
        assert any(sent > hup and status == 200 for sent, status in statuses)  # the new workers answer
        failed = [status for _sent, status in statuses if status != 200]
        assert not failed, failed[:5]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
