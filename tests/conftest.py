"""Fixtures: a throw-away database per run (SQLite file, or a fresh PostgreSQL database when
``MEETAPP_TEST_DATABASE_URL`` names a server), an app per test, emptied tables after each test,
users per role, a signed-in client, and a query counter."""

from __future__ import annotations

import contextlib
import contextvars
import os
import secrets

import pytest
import sqlalchemy as sa
from flask.globals import _cv_app
from flask.testing import FlaskClient
from sqlalchemy.engine import make_url

from meetapp import create_app
from meetapp.auth.models import SystemRole
from meetapp.extensions import db
from tests.factories import PASSWORD, UserFactory

ROLES = ("anonymous", "member", "organizer", "secretary", "admin")


@contextlib.contextmanager
def throwaway_database(tmp_dir):
    """The URL of an empty database that exists only inside the ``with`` block.

    SQLite: a file under ``tmp_dir``. PostgreSQL (``MEETAPP_TEST_DATABASE_URL``): a new database next to the one
    named there, dropped on the way out even when connections are still open.
    """
    server_url = os.environ.get("MEETAPP_TEST_DATABASE_URL")
    if not server_url:
        yield f"sqlite:///{tmp_dir / f'test-{secrets.token_hex(4)}.db'}"
        return
    name = f"meetapp_test_{os.getpid()}_{secrets.token_hex(4)}"
    admin_engine = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin_engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin_engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """The database this test run works in."""
    with throwaway_database(tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture(scope="session")
def _schema(database_url):
    import meetapp.models  # noqa: F401

    engine = sa.create_engine(database_url)
    db.metadata.create_all(engine)
    engine.dispose()
    return database_url


@pytest.fixture
def app_config(database_url, _schema, tmp_path):
    """The settings every test app starts from; a test may change them before ``app`` is built."""
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "UPLOAD_DIR": str(tmp_path / "uploads"),
    }


class IsolatedRequestClient(FlaskClient):
    """Runs each request in an application context of its own, as a server does.

    The ``app`` fixture keeps a context open for the test's own database work; without this, requests
    would share its ``g`` (Flask-Login's cached user) and its database session with each other and the test.
    """

    def open(self, *args, **kwargs):
        def run():
            _cv_app.set(None)
            return super(IsolatedRequestClient, self).open(*args, **kwargs)

        return contextvars.copy_context().run(run)


@pytest.fixture
def app(app_config):
    app = create_app(app_config)
    app.test_client_class = IsolatedRequestClient
    with app.app_context():
        yield app
        db.session.remove()
        empty_all_tables()
        db.engine.dispose()


def empty_all_tables() -> None:
    tables = list(reversed(db.metadata.sorted_tables))
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # TRUNCATE costs PostgreSQL a new file per table: only the tables the test wrote to (rows left, or an
            # id sequence used), which are a handful of the ~70, saving minutes over the suite.
            dirty = _written_tables(conn, tables)
            if dirty:
                names = ", ".join(f'"{name}"' for name in sorted(dirty))
                conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(table.delete())


def _written_tables(conn, tables) -> set[str]:
    """The tables that hold rows or whose id sequence has been used since it was last reset (two queries)."""
    with_rows = conn.execute(sa.text(" UNION ALL ".join(
        f"SELECT '{t.name}' WHERE EXISTS (SELECT 1 FROM \"{t.name}\")" for t in tables
    ))).scalars()
    used_sequences = set(conn.execute(sa.text(
        "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema() AND last_value IS NOT NULL"
    )).scalars())
    return set(with_rows) | {t.name for t in tables if f"{t.name}_id_seq" in used_sequences}


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def users(app):
    """One account per system role, keyed by role name."""
    return {
        role.value: UserFactory(email=f"{role.value}@example.com", name=role.value.title(), roles=[role])
        for role in SystemRole
    }


class Auth:
    """Signs a test client in and out, through the real login form or directly in the session."""

    def __init__(self, client):
        self.client = client

    def login(self, email: str, password: str = PASSWORD, follow_redirects: bool = False):
        return self.client.post(
            "/login", data={"email": email, "password": password}, follow_redirects=follow_redirects
        )

    def login_as(self, user) -> None:
        with self.client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return Auth(client)


class QueryCounter:
    def __init__(self):
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app, monkeypatch):
    """``with count_queries() as counter: ...`` then ``counter.count`` is the number of SQL statements run: those
    SQLAlchemy executes and those the hot paths run straight on a connection (``DirectConnection``)."""
    from meetapp.database import DirectConnection

    @contextlib.contextmanager
    def counting():
        counter = QueryCounter()

        def record(conn, cursor, statement, parameters, context, executemany):
            counter.statements.append(statement)

        def direct_rows(connection, statement, params, rows=DirectConnection.rows):
            counter.statements.append(statement.prepared(connection.dialect).sql)
            return rows(connection, statement, params)

        sa.event.listen(db.engine, "before_cursor_execute", record)
        try:
            with monkeypatch.context() as patch:
                patch.setattr(DirectConnection, "rows", direct_rows)
                yield counter
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", record)

    return counting
