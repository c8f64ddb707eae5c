"""Database connections survive a database restart: a pooled connection idle for a while is pinged before use
(and replaced when the database dropped it); bounded pools on PostgreSQL."""

import time

import sqlalchemy as sa

from config import engine_options


def test_postgresql_gets_pool_limits():
    options = engine_options({"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://meetapp@db/meetapp",
                              "SQLALCHEMY_ENGINE_OPTIONS": {}, "DB_POOL_SIZE": 8})
    assert options == {"pool_size": 8, "max_overflow": 10, "pool_timeout": 10, "pool_recycle": 1800}


def test_sqlite_gets_no_pool_options():
    assert engine_options({"SQLALCHEMY_DATABASE_URI": "sqlite:///x.db"}) == {}


def test_the_app_engine_uses_them(app):
    from meetapp.extensions import db

    if db.engine.dialect.name == "postgresql":
        assert db.engine.pool.size() == app.config["DB_POOL_SIZE"]


def test_an_idle_connection_is_pinged_and_a_dropped_one_replaced(app, monkeypatch):
    from meetapp.extensions import db

    pings = []
    real_ping = db.engine.dialect.do_ping

    def ping(dbapi_connection):
        pings.append(dbapi_connection)
        if len(pings) == 1:
            raise db.engine.dialect.loaded_dbapi.OperationalError("server closed the connection unexpectedly")
        return real_ping(dbapi_connection)

    monkeypatch.setattr(db.engine.dialect, "do_ping", ping)
    with db.engine.connect() as connection:  # in steady use: no ping
        connection.execute(sa.text("SELECT 1"))
    with db.engine.connect() as connection:
        connection.execute(sa.text("SELECT 1"))
    assert pings == []

    monkeypatch.setattr(time, "monotonic", lambda real=time.monotonic: real() + 3600)  # an hour idle
    with db.engine.connect() as connection:  # pinged: it fails, so that connection is dropped and a new one used
        assert connection.execute(sa.text("SELECT 1")).scalar() == 1
        assert connection.connection.dbapi_connection is not pings[0]
    assert len(pings) == 1  # a fresh connection needs no ping
