"""``flask --app wsgi backup PATH``: a consistent copy of the SQLite database while the app keeps running.

SQLite's online backup API copies page by page and restarts when a writer changes a copied page, so the copy is
one consistent state even while check-ins arrive. PostgreSQL is backed up with ``pg_dump`` (README, "Production").
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

PAGES_PER_STEP = 1024  # copy in steps so writers are not locked out for the whole copy


def backup_sqlite(database: str, target: Path) -> int:
    """Copy the SQLite database file ``database`` to ``target`` (which must not exist); the number of pages."""
    source = sqlite3.connect(f"{Path(database).resolve().as_uri()}?mode=ro", uri=True)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination, pages=PAGES_PER_STEP)
            return destination.execute("PRAGMA page_count").fetchone()[0]
        finally:
            destination.close()
    finally:
        source.close()


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Copy the SQLite database to PATH (a new file) while the app runs."""
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite":
        raise click.ClickException(
            "This command backs up SQLite only; back up PostgreSQL with pg_dump (see README, Production).")
    if not url.database or url.database == ":memory:":
        raise click.ClickException("The database is in memory: there is nothing on disk to back up.")
    if path.exists():
        raise click.ClickException(f"{path} exists; give a new file name.")
    path.parent.mkdir(parents=True, exist_ok=True)
    pages = backup_sqlite(url.database, path)
    click.echo(f"Backed up {url.database} to {path} ({pages} pages, {path.stat().st_size} bytes).")
