"""Running meetapp in production: health checks, request ids and JSON logs, security headers, backups.

``register(app)`` is one step of ``create_app``; each module here adds one of these to the app.
"""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from meetapp.ops import backup, headers, health, request_log

    request_log.register(app)
    headers.register(app)
    app.register_blueprint(health.bp)
    app.cli.add_command(backup.backup_command)
