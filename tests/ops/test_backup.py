"""``flask backup PATH`` copies a live SQLite database; the copy opens as a database with the data in it."""

import os
import shutil
import sqlite3
import subprocess

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from meetapp import create_app
from meetapp.auth.models import User
from meetapp.extensions import db
from meetapp.ops.backup import backup_sqlite
from tests.conftest import throwaway_database
from tests.factories import MeetingFactory, UserFactory


@pytest.fixture
def sqlite_app(tmp_path):
    """An app on a SQLite file of its own, whatever database the rest of the run uses."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'live.db'}",
                      "UPLOAD_DIR": str(tmp_path / "uploads")})
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.engine.dispose()


def test_backup_and_restore_into_a_fresh_file(sqlite_app, tmp_path):
    UserFactory(email="keeper@example.com", name="Record Keeper")
    MeetingFactory(title="2026 S&T work meeting")
    target = tmp_path / "backups" / "meetapp-2026-11-25.db"

    result = sqlite_app.test_cli_runner().invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert f"to {target}" in result.output

    # Restoring is putting the file where MEETAPP_DATABASE_URL points: a fresh app on the copy finds the data.
    restored = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{target}"})
    with restored.app_context():
        assert db.session.scalar(sa.select(User.name).where(User.email == "keeper@example.com")) == "Record Keeper"
        assert db.session.scalar(sa.text("SELECT title FROM meetings")) == "2026 S&T work meeting"
        db.engine.dispose()
    assert sqlite3.connect(target).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_copy_is_consistent_while_another_connection_writes(tmp_path):
    live = tmp_path / "live.db"
    writer = sqlite3.connect(live)
    writer.execute("CREATE TABLE scan (id INTEGER PRIMARY KEY, payload TEXT)")
    writer.executemany("INSERT INTO scan (payload) VALUES (?)", [("x" * 500,)] * 5000)
    writer.commit()
    writer.execute("INSERT INTO scan (payload) VALUES ('uncommitted')")  # open transaction during the copy
    backup_sqlite(str(live), tmp_path / "copy.db")
    writer.rollback()
    copy = sqlite3.connect(tmp_path / "copy.db")
    assert copy.execute("SELECT count(*) FROM scan").fetchone() == (5000,)


def test_backup_refuses_to_overwrite_a_file(sqlite_app, tmp_path):
    existing = tmp_path / "already-there.db"
    existing.write_bytes(b"keep me")
    result = sqlite_app.test_cli_runner().invoke(args=["backup", str(existing)])
    assert result.exit_code != 0 and "exists" in result.output
    assert existing.read_bytes() == b"keep me"


def test_postgresql_is_sent_to_pg_dump(app_config, tmp_path):
    postgres = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://meetapp@db-host/meetapp"})
    result = postgres.test_cli_runner().invoke(args=["backup", str(tmp_path / "pg.db")])
    assert result.exit_code != 0 and "pg_dump" in result.output


@pytest.mark.skipif(not os.environ.get("MEETAPP_TEST_DATABASE_URL", "").startswith("postgresql")
                    or not shutil.which("pg_dump"), reason="needs PostgreSQL and pg_dump/pg_restore")
def test_the_documented_pg_dump_and_pg_restore_procedure(app, database_url, tmp_path):
    """README, Production, Backups: pg_dump --format=custom, then pg_restore into a new database."""
    UserFactory(email="keeper@example.com", name="Record Keeper")
    dump = tmp_path / "meetapp.dump"
    libpq = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", libpq], check=True, timeout=120)
    with throwaway_database(tmp_path) as restored_url:
        restored = make_url(restored_url).set(drivername="postgresql").render_as_string(hide_password=False)
        subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restored}", str(dump)],
                       check=True, timeout=120)
        engine = sa.create_engine(restored_url)
        with engine.connect() as conn:
            assert conn.scalar(sa.text("SELECT name FROM users WHERE email = 'keeper@example.com'")) == "Record Keeper"
        engine.dispose()
