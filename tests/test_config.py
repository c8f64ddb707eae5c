"""Settings come from MEETAPP_* environment variables; production refuses the development secret key."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import config
from meetapp import create_app

ROOT = Path(__file__).resolve().parent.parent
SHOW_SETTINGS = """
import json, wsgi
keys = ["ENV_NAME", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "REDIS_URL", "RATELIMIT_STORAGE_URI", "RATELIMIT_LOGIN",
        "SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE", "MAIL_SERVER", "MAIL_PORT"]
print(json.dumps({key: wsgi.app.config[key] for key in keys}))
"""
LONG_KEY = "a-long-random-production-key-0123456789abcdef"


def start_wsgi(tmp_path, **variables) -> subprocess.CompletedProcess:
    """Import ``wsgi`` (what gunicorn does) in a fresh interpreter with only these MEETAPP_* variables set."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("MEETAPP_")}
    env["MEETAPP_INSTANCE_DIR"] = str(tmp_path / "instance")
    env.update({f"MEETAPP_{key}": value for key, value in variables.items()})
    return subprocess.run(
        [sys.executable, "-c", SHOW_SETTINGS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def settings(result: subprocess.CompletedProcess) -> dict:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_development_defaults(tmp_path):
    shown = settings(start_wsgi(tmp_path))
    assert shown["ENV_NAME"] == "development"
    assert shown["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'instance' / 'meetapp.db'}"
    assert shown["RATELIMIT_STORAGE_URI"] == "memory://"
    assert shown["RATELIMIT_LOGIN"] == "10 per minute"
    assert shown["SESSION_COOKIE_SECURE"] is False  # plain http on 127.0.0.1 must keep working


def test_settings_are_read_from_meetapp_variables(tmp_path):
    shown = settings(
        start_wsgi(
            tmp_path,
            DATABASE_URL="postgresql+psycopg://meetapp@db-host/meetapp",
            SECRET_KEY=LONG_KEY,
            REDIS_URL="redis://redis-host:6379/0",
            RATELIMIT_LOGIN="5 per minute",
            MAIL_SERVER="smtp.example.org",
            MAIL_PORT="587",
        )
    )
    assert shown["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://meetapp@db-host/meetapp"
    assert shown["SECRET_KEY"] == LONG_KEY
    assert shown["REDIS_URL"] == shown["RATELIMIT_STORAGE_URI"] == "redis://redis-host:6379/0"
    assert shown["RATELIMIT_LOGIN"] == "5 per minute"
    assert (shown["MAIL_SERVER"], shown["MAIL_PORT"]) == ("smtp.example.org", 587)


def test_production_refuses_to_start_with_the_default_secret_key(tmp_path):
    result = start_wsgi(tmp_path, ENV="production")
    assert result.returncode != 0
    assert "MEETAPP_SECRET_KEY must be set" in result.stderr


def test_production_starts_with_its_own_key_and_secure_cookies(tmp_path):
    shown = settings(start_wsgi(tmp_path, ENV="production", SECRET_KEY=LONG_KEY))
    assert shown["ENV_NAME"] == "production"
    assert shown["SESSION_COOKIE_SECURE"] is True
    assert shown["REMEMBER_COOKIE_SECURE"] is True


@pytest.mark.parametrize("secret", [config.DEFAULT_SECRET_KEY, "", None])
def test_production_config_class_refuses_a_missing_or_default_key(secret):
    class Production(config.ProductionConfig):
        SECRET_KEY = secret

    with pytest.raises(RuntimeError, match="MEETAPP_SECRET_KEY"):
        create_app(Production)

