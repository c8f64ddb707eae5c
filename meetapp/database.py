"""The declarative base and the column types every area's models share."""

from __future__ import annotations

import enum
import time
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names, so Alembic can find them again on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(sa.types.TypeDecorator):
    """A timestamp stored as naive UTC and handed back as an aware UTC datetime on every database."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; meetapp stores aware UTC timestamps only")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


def str_enum(enum_cls: type[enum.Enum], name: str) -> sa.Enum:
    """An enum stored as its string values in a VARCHAR with a CHECK constraint (portable, readable in SQL)."""
    return sa.Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_cls),
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def in_language(english: str | None, chinese: str | None, locale: str | None) -> str | None:
    """The Chinese text for a Chinese reader when there is one, else the English (names and titles are stored in
    both, the Chinese one optional)."""
    return chinese if locale == "zh" and chinese else english


class BilingualName:
    """For models with ``name`` and an optional ``name_zh`` (units, people, groups, venues, series)."""

    name: str
    name_zh: str | None

    def display_name(self, locale: str | None = None) -> str:
        return in_language(self.name, self.name_zh, locale)


def ping_when_idle(engine: sa.Engine, seconds: float) -> None:
    """Check a pooled connection with a round trip before it is used, when it has sat in the pool for ``seconds``
    or more: one the database dropped meanwhile (a restart, a failover, ``pg_terminate_backend``) is replaced
    instead of failing a request. A connection in steady use costs no extra round trip per request, as
    ``pool_pre_ping`` would. One dropped while in steady use fails its next statement; SQLAlchemy then replaces
    every older connection of the pool at once, so a restart costs a process about one failed request."""

    @sa.event.listens_for(engine, "checkin")
    def _returned(dbapi_connection, record) -> None:
        record.info["idle_since"] = time.monotonic()

    @sa.event.listens_for(engine, "checkout")
    def _check(dbapi_connection, record, proxy) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:  # the pool drops this connection and checks out another
            raise sa.exc.DisconnectionError() from error
