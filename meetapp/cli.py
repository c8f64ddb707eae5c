"""Command-line entry points: ``flask --app wsgi <command>``."""

from __future__ import annotations

import click
from flask import Flask

from meetapp.auth.models import SystemRole
from meetapp.demo.cli import register_commands as register_demo_commands
from meetapp.mail.cli import register_commands as register_mail_commands
from meetapp.records.cli import register_commands as register_records_commands


def register(app: Flask) -> None:
    register_demo_commands(app)
    register_mail_commands(app)
    register_records_commands(app)

    @app.cli.command("create-user")
    @click.argument("email")
    @click.option("--name", required=True, help="Full name shown in the app.")
    @click.option(
        "--role", "roles", multiple=True, required=True, type=click.Choice([r.value for r in SystemRole]),
        help="System role; repeat for several.",
    )
    @click.option("--password", help="Prompted for when not given.")
    def create_user_command(email: str, name: str, roles: tuple[str, ...], password: str | None) -> None:
        """Create an account (first setup and scripts)."""
        from meetapp.accounts.services import create_user
        from meetapp.auth.forms import MIN_PASSWORD_LENGTH
        from meetapp.errors import DomainError

        if not password:
            password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        if len(password) < MIN_PASSWORD_LENGTH:
            raise click.BadParameter(f"use at least {MIN_PASSWORD_LENGTH} characters", param_hint="password")
        try:
            user = create_user(email, name, roles, password)
        except DomainError as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"Created {user.email} with roles: {', '.join(sorted(r.value for r in user.roles))}")
