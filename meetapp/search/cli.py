"""``flask --app wsgi search-reindex``."""

from __future__ import annotations

import click
from flask import Flask


def register_commands(app: Flask) -> None:
    @app.cli.command("search-reindex")
    def reindex_command() -> None:
        """Rebuild the search index from the meetings, published minutes and news releases, and people."""
        from meetapp.search.indexing import reindex_all

        counts = reindex_all()
        click.echo("Search index rebuilt: " + ", ".join(f"{count} {kind}" for kind, count in counts.items()))
