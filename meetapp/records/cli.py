"""``flask --app wsgi records-reminders``: queue the milestone reminders that are due (cron, or by hand)."""

from __future__ import annotations

import click
from flask import Flask


def register_commands(app: Flask) -> None:
    @app.cli.command("records-reminders")
    def records_reminders_command() -> None:
        """Queue reminders for milestones of signed statements falling due soon; each is queued once, so running
        this again (or from the periodic job) queues nothing new. ``send-mail`` sends them."""
        from meetapp.database import utcnow
        from meetapp.records.reminders import queue_milestone_reminders

        count = queue_milestone_reminders(utcnow())
        click.echo(f"Queued {count} milestone reminder{'s' if count != 1 else ''}.")
