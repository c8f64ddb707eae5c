"""``flask --app wsgi periodic-jobs``: run every periodic job once, here and now (cron, for an installation
without Redis and so without ``make beat``; with Redis the scheduler does it)."""

from __future__ import annotations

import click
from flask import Flask


def register_commands(app: Flask) -> None:
    @app.cli.command("periodic-jobs")
    def periodic_jobs_command() -> None:
        """Deliver mail, queue meeting and milestone reminders, delete old job files; print what each did."""
        celery = app.extensions["celery"]
        for name, entry in celery.conf.beat_schedule.items():
            result = celery.tasks[entry["task"]].apply()
            click.echo(f"{name}: {result.result}")
