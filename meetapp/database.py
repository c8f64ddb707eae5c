"""The declarative base and the column types every area's models share."""

from __future__ import annotations

import enum
import time
from collections import namedtuple
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


class DirectStatement:
    """A Core statement for a hot path, run straight on the cursor of a pooled connection (``DirectConnection``).

    Each SQLAlchemy execution does work that a statement run for every scan at a check-in desk pays each time: the
    statement's cache key (a walk over the whole statement), the ORM session's bookkeeping, result metadata built
    from the cursor's description. ``bench/scan_cpu.py`` measured about 0.45 ms of CPU of that per statement on
    PostgreSQL. This compiles the statement once per dialect and keeps what running it needs: the SQL, the bind and
    result processors of its column types (the conversions Core applies: ``UTCDateTime``, enums, JSON) and a row
    class named by its columns. The statement is written in Core as any other (``build`` returns it); no SQL text.
    """

    def __init__(self, build: Callable[[], sa.Executable]):
        self._build = build
        self._prepared: dict[str, _Prepared] = {}

    def prepared(self, dialect: sa.Dialect) -> _Prepared:
        prepared = self._prepared.get(dialect.name)
        if prepared is None:
            prepared = self._prepared[dialect.name] = _Prepared(self._build(), dialect)
        return prepared


class _Prepared:
    def __init__(self, statement: sa.Executable, dialect: sa.Dialect):
        compiled = statement.compile(dialect=dialect)
        if compiled.literal_execute_params or compiled.post_compile_params:
            raise ValueError("a DirectStatement takes no values rendered at execution (use literal_column)")
        if getattr(compiled, "insert_prefetch", None) or getattr(compiled, "update_prefetch", None):
            # Core computes a column's Python-side default (default=, onupdate=) as it executes; this does not.
            raise ValueError("a DirectStatement must give the values of columns with Python-side defaults")
        self.compiled, self.sql = compiled, compiled.string
        self.positions = compiled.positiontup if compiled.positional else None
        self.bind_processors = {
            compiled.bind_names[bind]: processor
            for bind in compiled.binds.values()
            if (processor := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None
        }
        columns = list(statement.exported_columns)
        self.result_processors = [column.type.dialect_impl(dialect).result_processor(dialect, None)
                                  for column in columns]
        self.row = namedtuple("Row", [column.key for column in columns]) if columns else None

    def parameters(self, params: dict) -> dict | tuple:
        values = self.compiled.construct_params(params)
        for name, processor in self.bind_processors.items():
            values[name] = processor(values[name])
        return values if self.positions is None else tuple(values[name] for name in self.positions)

    def make_row(self, raw: tuple):
        return self.row._make(value if processor is None else processor(value)
                              for value, processor in zip(raw, self.result_processors, strict=True))


class DirectConnection:
    """Runs ``DirectStatement``s on one DBAPI connection: a pooled one of its own (``checkout``), or the one an ORM
    session's transaction holds (``of_session``). Database errors come as SQLAlchemy's (``IntegrityError`` for a
    unique index's refusal), as from any execution; a dropped connection is invalidated, so the pool replaces it."""

    def __init__(self, pooled, dialect: sa.Dialect, invalidate: Callable[[BaseException], None]):
        self._pooled, self.dialect, self._invalidate = pooled, dialect, invalidate

    @classmethod
    @contextmanager
    def checkout(cls, engine: sa.Engine, *, autocommit: bool = False) -> Iterator[DirectConnection]:
        """A connection of ``engine``'s pool for the block, in a transaction the caller commits, or with each
        statement committing on its own (``autocommit``: no BEGIN and COMMIT round trips). It goes back to the pool
        at the end, its isolation level restored and anything uncommitted rolled back."""
        pooled = engine.raw_connection()
        try:
            if autocommit:
                engine.dialect.set_isolation_level(pooled.dbapi_connection, "AUTOCOMMIT")
            try:
                yield cls(pooled, engine.dialect, lambda error: _dropped(engine, pooled, error))
            finally:
                if autocommit and pooled.dbapi_connection is not None:
                    engine.dialect.reset_isolation_level(pooled.dbapi_connection)
        finally:
            pooled.close()

    @classmethod
    def of_session(cls, session) -> DirectConnection:
        """The connection of ``session``'s transaction (its pending changes flushed first, as an execution would):
        what runs on it is committed or rolled back with the session."""
        session.flush()
        connection = session.connection()
        return cls(connection.connection, connection.dialect, connection.invalidate)

    def rows(self, statement: DirectStatement, params: dict) -> list:
        """The statement's rows (named tuples, values as Core converts them); [] for a statement returning none."""
        prepared = statement.prepared(self.dialect)
        values = prepared.parameters(params)
        cursor = None
        try:
            cursor = self._pooled.cursor()
            cursor.execute(prepared.sql, values)
            return [prepared.make_row(raw) for raw in cursor.fetchall()] if prepared.row else []
        except self.dialect.loaded_dbapi.Error as error:
            invalidated = self.dialect.is_disconnect(error, self._pooled.dbapi_connection, cursor)
            if invalidated:
                self._invalidate(error)
            raise sa.exc.DBAPIError.instance(prepared.sql, values, error, self.dialect.loaded_dbapi.Error,
                                             connection_invalidated=invalidated, dialect=self.dialect) from error
        finally:
            if cursor is not None:
                cursor.close()

    def commit(self) -> None:
        self._pooled.commit()

    def rollback(self) -> None:
        self._pooled.rollback()


def _dropped(engine: sa.Engine, pooled, error: BaseException) -> None:
    """The database dropped a pooled connection: it is discarded, and so are the pool's others (a restart drops them
    all), as SQLAlchemy does when one of its executions meets a dropped connection. Connections in use elsewhere are
    let go when they come back."""
    pooled.invalidate(error)
    engine.dispose()
