"""``flask --app wsgi send-mail``: send what the outbox holds (cron, or by hand)."""

from __future__ import annotations

import click
from flask import Flask


def register_commands(app: Flask) -> None:
    @app.cli.command("send-mail")
    @click.option("--limit", default=500, show_default=True, help="Send at most this many messages in this run.")
    def send_mail_command(limit: int) -> None:
        """Send pending outbox messages over SMTP (MEETAPP_MAIL_* settings) and print a summary."""
        from meetapp.mail.delivery import deliver_pending

        report = deliver_pending(limit=limit)
        for error in report.errors:
            click.echo(f"  {error}", err=True)
        click.echo(f"Sent {report.sent}, will retry {report.retrying}, failed {report.failed}.")
        if report.stopped:
            raise click.ClickException("The mail server could not be reached; the remaining messages wait.")
