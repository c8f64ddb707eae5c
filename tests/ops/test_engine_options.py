"""Database connections survive a database restart: pre-ping everywhere, bounded pools on PostgreSQL."""

from config import engine_options


def test_postgresql_gets_pre_ping_and_pool_limits():
    options = engine_options({"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://meetapp@db/meetapp",
                              "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True}, "DB_POOL_SIZE": 8})
    assert options == {"pool_pre_ping": True, "pool_size": 8, "max_overflow": 10, "pool_timeout": 10,
                       "pool_recycle": 1800}


def test_sqlite_gets_pre_ping_only():
    assert engine_options({"SQLALCHEMY_DATABASE_URI": "sqlite:///x.db"}) == {"pool_pre_ping": True}


def test_the_app_engine_uses_them(app):
    from meetapp.extensions import db

    assert db.engine.pool._pre_ping
    if db.engine.dialect.name == "postgresql":
        assert db.engine.pool.size() == app.config["DB_POOL_SIZE"]
