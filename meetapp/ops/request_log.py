"""Every request gets an id: the caller's ``X-Request-ID`` when it looks like one (nginx's ``$request_id``, a load
balancer's), otherwise a new one. It goes back in the ``X-Request-ID`` response header, into every log line written
while the request runs, and onto the 500 page, so a user's "it said 3f2a…" finds the log lines.

With ``LOG_FORMAT = "json"`` (the production default) the app logs one JSON object per line to stderr, which
gunicorn, systemd's journal and log shippers take as they are; one ``request`` line per answered request.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, g, has_request_context, render_template, request
from markupsafe import escape

REQUEST_ID_HEADER = "X-Request-ID"
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")  # what proxies send; nothing that could forge log lines
log = logging.getLogger("meetapp.request")


def current_request_id() -> str | None:
    return g.get("request_id") if has_request_context() else None


def stamp_request_id(make_record):
    """A log record factory that notes the request id when the record is made (formatting may happen later,
    elsewhere): every logger's lines carry it, SQLAlchemy's and Werkzeug's too."""

    def factory(*args, **kwargs):
        record = make_record(*args, **kwargs)
        record.request_id = current_request_id()
        return record

    factory.stamps_request_id = True
    return factory


if not getattr(logging.getLogRecordFactory(), "stamps_request_id", False):
    logging.setLogRecordFactory(stamp_request_id(logging.getLogRecordFactory()))


class JSONFormatter(logging.Formatter):
    """One JSON object per record: time (UTC), level, logger, message, request id, and the exception if any."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def install_json_logging(level: str) -> None:
    """JSON lines on stderr for the whole process (root logger), once; Flask's own handler is dropped so nothing
    is logged twice."""
    from flask.logging import default_handler

    root = logging.getLogger()
    if not any(isinstance(handler.formatter, JSONFormatter) for handler in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JSONFormatter())
        root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("meetapp").removeHandler(default_handler)


FALLBACK_500 = """<!doctype html><html><head><meta charset="utf-8"><title>500</title></head><body>
<h1>Something went wrong</h1><p>The error has been logged. Please try again in a moment.</p>
<p>If you contact support about this error, quote this reference: <code>{reference}</code></p></body></html>"""


def server_error(error):
    """The 500 page with the request's reference. When the page itself cannot be drawn — the database is down and
    the layout asks for the signed-in user — a bare page that still shows the reference."""
    try:
        return render_template("errors/500.html", error=error), 500
    except Exception:
        log.exception("the 500 page could not be rendered")
        return FALLBACK_500.format(reference=escape(g.get("request_id") or "")), 500


def register(app: Flask) -> None:
    app.register_error_handler(500, server_error)
    json_logs = app.config.get("LOG_FORMAT") == "json"
    if json_logs:
        install_json_logging(app.config.get("LOG_LEVEL", "INFO"))
    # In text mode the server's own access log (Werkzeug's, gunicorn's) already has a line per request.
    request_line_level = logging.INFO if json_logs else logging.DEBUG

    def assign_request_id():
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = incoming if SANE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        g.request_started = time.perf_counter()

    # First of all before-request steps, so a request that CSRF or a rate limit refuses has its id too.
    app.before_request_funcs.setdefault(None, []).insert(0, assign_request_id)

    @app.after_request
    def tell_request_id(response):
        request_id = g.get("request_id")
        if request_id:
            response.headers[REQUEST_ID_HEADER] = request_id
        if request_id and log.isEnabledFor(request_line_level):
            fields = {
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - g.request_started) * 1000, 1),
                "remote_addr": request.remote_addr,
            }
            log.log(request_line_level, "%s %s %s", request.method, request.path, response.status_code,
                    extra={"fields": fields})
        return response
