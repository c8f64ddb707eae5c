"""``flask --app wsgi demo`` and ``flask --app wsgi demo-logins``."""

from __future__ import annotations

import click
from flask import Flask


def register_commands(app: Flask) -> None:
    @app.cli.command("demo")
    @click.option(
        "--if-empty", is_flag=True,
        help="Load only into a database without units and accounts (what `make run` does on every start).",
    )
    def demo_command(if_empty: bool) -> None:
        """Load the demo organisation, its groups and demo accounts (idempotent)."""
        from meetapp.demo.loader import database_is_empty, load_demo

        if if_empty and not database_is_empty():
            click.echo("The database already has units or accounts: demo data not loaded.")
            return
        click.echo(load_demo().summary())

    @app.cli.command("demo-logins")
    def demo_logins_command() -> None:
        """Print the demo accounts: email, password and roles."""
        from meetapp.demo.loader import demo_logins

        logins = demo_logins()
        if not logins:
            click.echo("No demo accounts in this database (load them with `flask --app wsgi demo`).")
            return
        rows = [("email", "password", "roles")] + [
            (login.email, login.password or "(changed since loaded)", ", ".join(login.roles)) for login in logins
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(2)]
        click.echo("Demo logins:")
        for email, password, roles in rows:
            click.echo(f"  {email:<{widths[0]}}  {password:<{widths[1]}}  {roles}")
