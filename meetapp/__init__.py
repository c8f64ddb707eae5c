"""meetapp: hybrid meetings end to end. ``create_app`` builds the Flask application."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, current_app, has_request_context, render_template, request, session
from flask_babel import get_locale
from flask_login import current_user

import config as config_module
from meetapp.database import ping_when_idle
from meetapp.extensions import babel, bootstrap, csrf, db, limiter, login_manager, migrate

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: type | dict | None = None) -> Flask:
    """Build the app from a config class (default ``config.Config``), optionally overridden by a dict."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(config_module.INSTANCE_DIR),
    )
    if isinstance(config, dict):
        app.config.from_object(config_module.TestConfig if config.get("TESTING") else config_module.Config)
        app.config.update(config)
    else:
        app.config.from_object(config or config_module.Config)
    # The default SQLite file lives here, and SQLite will not create a missing folder (a fresh clone has none).
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    check_production_settings(app)
    register_extensions(app)
    register_blueprints(app)
    register_operations(app)  # before the error handlers: the API's take over the 500 page's under /api/v1
    register_error_handlers(app)
    register_template_context(app)
    register_commands(app)
    return app


def register_operations(app: Flask) -> None:
    """Health checks, request ids and JSON logs, security headers, backups (meetapp/ops)."""
    from meetapp import ops

    ops.register(app)


def check_production_settings(app: Flask) -> None:
    """Production refuses to start with the well-known development secret key."""
    secret = app.config.get("SECRET_KEY")
    if app.config.get("ENV_NAME") == "production" and (not secret or secret == config_module.DEFAULT_SECRET_KEY):
        raise RuntimeError("MEETAPP_SECRET_KEY must be set to a long random value in production.")


def register_extensions(app: Flask) -> None:
    import meetapp.models  # noqa: F401  (every table on the metadata before anything uses it)

    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = config_module.engine_options(app.config)
    db.init_app(app)
    with app.app_context():
        ping_when_idle(db.engine, app.config["DB_PING_AFTER_IDLE"])
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    bootstrap.init_app(app)
    app.config.setdefault("RATELIMIT_STORAGE_URI", config_module.storage_uri(app.config))
    limiter.init_app(app)
    check_limits_in_views_only(app)
    babel.init_app(app, locale_selector=select_locale)

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    from flask_babel import lazy_gettext as _l

    login_manager.login_message = _l("Please sign in to see this page.")

    from sqlalchemy.orm import joinedload

    from meetapp.auth.identity import parse_session_key, session_accepts
    from meetapp.auth.models import User

    @login_manager.user_loader
    def load_user(user_id: str):
        key = parse_session_key(user_id)
        if key is None:
            return None
        # Roles joined in: every request reads them (policy), one statement instead of two.
        user = db.session.get(User, key[0], options=[joinedload(User.role_rows)])
        if user is None or not session_accepts(user.active, user.session_token, key[1]):
            return None
        return user


# Where a limit may be set besides a view's decorator; meetapp sets none of them.
LIMITS_OUTSIDE_VIEWS = ("RATELIMIT_DEFAULT", "RATELIMIT_APPLICATION", "RATELIMIT_META")


def check_limits_in_views_only(app: Flask) -> None:
    """Every rate limit of meetapp is a view's decorator (sign-in, API tokens, the API's check-in), and a decorated
    view checks its limits itself when it runs. Flask-Limiter also looks at every request in a before_request
    hook, for default, application-wide and blueprint limits: meetapp has none, so the hook only costs each request
    (about 0.1 ms of CPU, ``bench/scan_cpu.py``; the desk's scans pay it hundreds of times a minute). It is removed
    unless a deployment sets such a limit in its settings (or limits are off)."""
    hooks = app.before_request_funcs.get(None, [])
    if limiter._check_request_limit in hooks and not any(app.config.get(name) for name in LIMITS_OUTSIDE_VIEWS):
        hooks.remove(limiter._check_request_limit)


def select_locale() -> str | None:
    """The language of the request (``locale_for`` the signed-in user); outside a request (CLI commands,
    background work) the default."""
    if not has_request_context():
        return None
    return locale_for(current_user)


def locale_for(user) -> str | None:
    """The account's saved language, else the session's choice, else the browser's."""
    languages = list(current_app.config["LANGUAGES"])
    if user and user.is_authenticated and user.locale in languages:
        return user.locale
    if session.get("lang") in languages:
        return session["lang"]
    return request.accept_languages.best_match(languages)


def register_blueprints(app: Flask) -> None:
    from meetapp import accounts, agenda, auth, calendar, core, directory, meetings

    for area in (core, auth, accounts, directory, meetings, agenda, calendar):
        app.register_blueprint(area.bp)
    from meetapp import participants

    app.register_blueprint(participants.bp)
    app.register_blueprint(participants.rsvp_bp)  # the invitees' pages, reached by their personal link
    from meetapp import attendance

    app.register_blueprint(attendance.bp)
    app.register_blueprint(attendance.join_bp)  # /j/<token>: personal video join links
    app.register_blueprint(attendance.tickets_bp)  # /rsvp/<token>/ticket: the ticket by the personal link
    from meetapp import records

    app.register_blueprint(records.bp)  # /records: awards and responsibility statements
    from meetapp import api

    api.register(app)  # /api/v1 (token-authenticated JSON, OpenAPI) and the token pages /account/tokens
    from meetapp import jobs
    from meetapp.jobs import queue

    app.register_blueprint(jobs.bp)
    queue.init_app(app)  # Celery: Redis when MEETAPP_REDIS_URL is set, else jobs run in-process
    from meetapp import audit

    app.register_blueprint(audit.bp)  # /admin/audit and each meeting's History tab
    from meetapp import minutes

    app.register_blueprint(minutes.bp)  # a meeting's minutes and /my/action-items
    from meetapp import news, search

    app.register_blueprint(news.bp)  # /news (public) with its Atom feed, and each meeting's news releases
    app.register_blueprint(search.bp)  # /search, the index kept in step, `flask search-reindex`


def register_error_handlers(app: Flask) -> None:
    def render_error(status: int):
        def handler(error):
            return render_template(f"errors/{status}.html", error=error), status

        return handler

    for status in (403, 404, 413, 429):  # 500: meetapp/ops, with the request's reference even if the page fails
        app.register_error_handler(status, render_error(status))
    from meetapp.api import problems

    problems.register(app)  # under /api/v1 every error is application/problem+json instead


def register_template_context(app: Flask) -> None:
    from meetapp import policy, timefmt

    timefmt.register(app)
    from meetapp.meetings.models import MEETING_STATUS_LABELS
    from meetapp.meetings.tabs import meeting_tabs
    from meetapp.navigation import nav_items_for

    @app.context_processor
    def inject():
        return {
            "can": policy.can,
            "current_locale": str(get_locale() or "en"),
            "nav": nav_items_for(current_user) if current_user.is_authenticated else {},
            "meeting_tabs": meeting_tabs,
            "meeting_status_label": MEETING_STATUS_LABELS.get,
        }


def register_commands(app: Flask) -> None:
    from meetapp.cli import register

    register(app)
    logging.getLogger("meetapp").setLevel(app.config.get("LOG_LEVEL", "INFO"))
