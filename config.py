"""Settings for meetapp, read from ``MEETAPP_*`` environment variables.

``Config`` is the embedded default (SQLite under ``instance/``, no Redis), ``TestConfig`` what the test suite
starts from, and ``ProductionConfig`` what ``wsgi.py`` uses when ``MEETAPP_ENV=production``.
"""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("MEETAPP_INSTANCE_DIR", BASE_DIR / "instance"))
DEFAULT_SECRET_KEY = "dev-only-not-secret"  # noqa: S105  (refused in production)


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"MEETAPP_{name}", default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    ENV_NAME = env("ENV", "development")
    SECRET_KEY = env("SECRET_KEY", DEFAULT_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = env("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'meetapp.db'}")
    # A pooled connection idle for DB_PING_AFTER_IDLE seconds is checked with a round trip before use, so one the
    # database dropped meanwhile (restart, failover, pg_terminate_backend) is replaced instead of failing a request
    # (meetapp.database.ping_when_idle; a busy connection costs no round trip per request, unlike pool_pre_ping).
    # PostgreSQL gets the pool sizes below (see engine_options).
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    DB_PING_AFTER_IDLE = float(env("DB_PING_AFTER_IDLE", "5"))
    DB_POOL_SIZE = int(env("DB_POOL_SIZE", "5"))  # per process; gunicorn workers × threads should fit in it
    DB_MAX_OVERFLOW = int(env("DB_MAX_OVERFLOW", "10"))
    DB_POOL_TIMEOUT = int(env("DB_POOL_TIMEOUT", "10"))  # seconds to wait for a free connection, then fail
    DB_POOL_RECYCLE = int(env("DB_POOL_RECYCLE", "1800"))  # seconds; under firewalls' idle timeouts
    REDIS_URL = env("REDIS_URL")  # also the background jobs' broker (Celery); unset: jobs run in-process
    UPLOAD_DIR = env("UPLOAD_DIR", str(INSTANCE_DIR / "uploads"))
    MAX_CONTENT_LENGTH = int(env("MAX_UPLOAD_MB", "25")) * 1024 * 1024
    # One agenda material; keep it below MAX_UPLOAD_MB so the form can say what went wrong.
    MATERIAL_MAX_MB = int(env("MATERIAL_MAX_MB", "20"))

    # Cookies: never readable by scripts, not sent on cross-site POSTs.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)

    # Sign-in throttling (Flask-Limiter); Redis when configured so all processes count together.
    RATELIMIT_ENABLED = True
    RATELIMIT_LOGIN = env("RATELIMIT_LOGIN", "10 per minute")  # failed sign-ins per client address
    RATELIMIT_LOGIN_ACCOUNT = env("RATELIMIT_LOGIN_ACCOUNT", "10 per minute")  # per account, from any address
    RATELIMIT_HEADERS_ENABLED = True
    # Redis down: each process counts alone until it is back, rather than every sign-in failing.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True

    # The check-in desk's scans (meetapp/attendance/fast_scan): how long a process keeps a desk's access (account,
    # right, session) between scans. Each scan still checks that the session signs in; a right taken away (staff
    # removed) takes effect within this many seconds. 0: decided afresh on every scan.
    DESK_ACCESS_SECONDS = float(env("DESK_ACCESS_SECONDS", "1"))

    # Operations (meetapp/ops): log format ("text" or "json"), HTTPS redirect + HSTS, trusted proxy hops.
    LOG_FORMAT = env("LOG_FORMAT", "text")
    LOG_LEVEL = env("LOG_LEVEL", "INFO")
    FORCE_HTTPS = env_bool("FORCE_HTTPS", False)
    PROXY_FIX = int(env("PROXY_FIX", "0"))  # how many proxies (nginx: 1) set X-Forwarded-For/-Proto/-Host

    # The language of pages for visitors without a choice, and of mail to people without an account.
    BABEL_DEFAULT_LOCALE = env("DEFAULT_LOCALE", "en")
    BABEL_DEFAULT_TIMEZONE = "UTC"
    LANGUAGES = {"en": "English", "zh": "简体中文"}

    BOOTSTRAP_SERVE_LOCAL = True

    MAIL_SERVER = env("MAIL_SERVER", "localhost")
    MAIL_PORT = int(env("MAIL_PORT", "25"))
    MAIL_USERNAME = env("MAIL_USERNAME")
    MAIL_PASSWORD = env("MAIL_PASSWORD")
    MAIL_USE_TLS = env_bool("MAIL_USE_TLS", False)
    MAIL_DEFAULT_SENDER = env("MAIL_DEFAULT_SENDER", "meetapp@localhost")
    MAIL_MAX_ATTEMPTS = int(env("MAIL_MAX_ATTEMPTS", "6"))  # then the message is marked failed
    MAIL_RETRY_BASE_SECONDS = int(env("MAIL_RETRY_BASE_SECONDS", "120"))  # doubled after each failed attempt
    # Background jobs (meetapp/jobs): exports of meetings with at least this many people are made by a worker,
    # video reports from this size on are imported by one; reminders go out this many hours before a meeting.
    JOB_EXPORT_MIN_PARTICIPANTS = int(env("JOB_EXPORT_MIN_PARTICIPANTS", "300"))
    JOB_VIDEO_IMPORT_MIN_BYTES = int(env("JOB_VIDEO_IMPORT_MIN_KB", "512")) * 1024
    MEETING_REMINDER_HOURS = int(env("MEETING_REMINDER_HOURS", "24"))
    MAIL_DELIVERY_SECONDS = int(env("MAIL_DELIVERY_SECONDS", "30"))  # how often the scheduler sends the outbox
    JOB_FILES_KEEP_DAYS = int(env("JOB_FILES_KEEP_DAYS", "7"))  # files made by jobs are deleted after this
    # Links in mail queued outside a web request (commands, workers) start with this.
    PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", "http://127.0.0.1:5000")

    DIRECTORY_PAGE_SIZE = 50
    ACCOUNTS_PAGE_SIZE = 50
    MEETINGS_PAGE_SIZE = 50
    PARTICIPANTS_PAGE_SIZE = 100


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret"  # noqa: S105
    WTF_CSRF_ENABLED = False
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    RATELIMIT_ENABLED = False
    SERVER_NAME = None


class ProductionConfig(Config):
    ENV_NAME = "production"
    LOG_FORMAT = env("LOG_FORMAT", "json")
    FORCE_HTTPS = env_bool("FORCE_HTTPS", True)
    PROXY_FIX = int(env("PROXY_FIX", "1"))
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    REMEMBER_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)


def engine_options(config) -> dict:
    """SQLAlchemy engine options for the configured database: pool sizes for PostgreSQL (SQLite's pools take none of
    them)."""
    options = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    if str(config.get("SQLALCHEMY_DATABASE_URI", "")).startswith("postgresql"):
        options.setdefault("pool_size", config.get("DB_POOL_SIZE", 5))
        options.setdefault("max_overflow", config.get("DB_MAX_OVERFLOW", 10))
        options.setdefault("pool_timeout", config.get("DB_POOL_TIMEOUT", 10))
        options.setdefault("pool_recycle", config.get("DB_POOL_RECYCLE", 1800))
    return options


def storage_uri(config: type[Config] | dict) -> str:
    """Where Flask-Limiter keeps its counters: Redis when configured, process memory otherwise."""
    redis_url = config.get("REDIS_URL") if isinstance(config, dict) else config.REDIS_URL
    return redis_url or "memory://"
