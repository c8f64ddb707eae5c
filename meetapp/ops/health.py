"""``/healthz``: the process answers (for a process supervisor; touches nothing else). ``/readyz``: the database
and, when configured, Redis answer too (for a load balancer: take this host out while they do not). Both JSON,
no sign-in, no rate limit, never cached."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from flask import Blueprint, current_app, jsonify

from meetapp.extensions import db, limiter

bp = Blueprint("ops", __name__)
log = logging.getLogger("meetapp.ops")
CHECK_TIMEOUT_SECONDS = 2


def _answer(checks: dict[str, str]):
    ok = all(value == "ok" for value in checks.values())
    response = jsonify(status="ok" if ok else "unavailable", checks=checks)
    response.status_code = 200 if ok else 503
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/healthz")
@limiter.exempt
def healthz():
    return _answer({"process": "ok"})


@bp.route("/readyz")
@limiter.exempt
def readyz():
    checks = {"database": _check_database()}
    redis_url = current_app.config.get("REDIS_URL")
    if redis_url:
        checks["redis"] = _check_redis(redis_url)
    return _answer(checks)


def _check_database() -> str:
    try:
        db.session.execute(sa.text("SELECT 1"))
        return "ok"
    except Exception:  # any failure means "not ready"; the details go to the log, not to the caller
        log.exception("readiness: the database does not answer")
        db.session.rollback()
        return "failing"


def _check_redis(url: str) -> str:
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=CHECK_TIMEOUT_SECONDS,
                                      socket_connect_timeout=CHECK_TIMEOUT_SECONDS)
        try:
            client.ping()
        finally:
            client.close()
        return "ok"
    except Exception:
        log.exception("readiness: Redis does not answer")
        return "failing"
