"""Statements a hot path runs straight on a connection (``DirectStatement``, ``DirectConnection``) behave as
SQLAlchemy's own executions: the same values in and out, the same errors, transactions as asked, and a connection
the database dropped is not used again."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from meetapp.database import DirectConnection, DirectStatement
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingSession, Visibility
from tests.factories import MeetingFactory

MEETINGS = Meeting.__table__

READ = DirectStatement(lambda: sa.select(
    MEETINGS.c.id, MEETINGS.c.visibility, MEETINGS.c.starts_at, MEETINGS.c.timezone,
).where(MEETINGS.c.id == sa.bindparam("meeting_id")))
RENAME = DirectStatement(lambda: sa.update(MEETINGS).values(title=sa.bindparam("title"), updated_at=sa.func.now())
                         .where(MEETINGS.c.id == sa.bindparam("meeting_id")))
NEW_SESSION = DirectStatement(lambda: sa.insert(MeetingSession.__table__).values(
    meeting_id=sa.bindparam("meeting_id"), title=sa.bindparam("title"), starts_at=sa.bindparam("starts_at"),
    ends_at=sa.bindparam("ends_at"), quorum_required=False, quorum_percent=50, quorum_counts_video=True,
).returning(MeetingSession.__table__.c.id))


def title_of(meeting_id):
    db.session.rollback()
    return db.session.get(Meeting, meeting_id, populate_existing=True).title


def test_values_come_back_as_the_orm_gives_them(app):
    meeting = MeetingFactory(visibility=Visibility.PARTICIPANTS)
    with DirectConnection.checkout(db.engine) as connection:
        (row,) = connection.rows(READ, {"meeting_id": meeting.id})
    assert row.id == meeting.id
    assert row.visibility is Visibility.PARTICIPANTS  # the enum, not its string
    assert row.starts_at == meeting.starts_at and row.starts_at.tzinfo is not None  # aware UTC, as UTCDateTime
    assert row.timezone == meeting.timezone
    with DirectConnection.checkout(db.engine) as connection:
        assert connection.rows(READ, {"meeting_id": meeting.id + 1000}) == []


def test_values_go_in_as_the_orm_writes_them(app):
    meeting = MeetingFactory()
    starts = datetime(2026, 12, 7, 1, 30, tzinfo=UTC)
    with DirectConnection.checkout(db.engine) as connection:
        (row,) = connection.rows(NEW_SESSION, {"meeting_id": meeting.id, "title": "Plenary", "starts_at": starts,
                                                 "ends_at": starts.replace(hour=3)})
        connection.commit()
    stored = db.session.get(MeetingSession, row.id)
    assert (stored.title, stored.starts_at, stored.ends_at) == ("Plenary", starts, starts.replace(hour=3))


def test_a_transaction_commits_only_when_told(app):
    meeting = MeetingFactory(title="Before")
    with DirectConnection.checkout(db.engine) as connection:
        connection.rows(RENAME, {"meeting_id": meeting.id, "title": "Not kept"})
    assert title_of(meeting.id) == "Before"  # given back to the pool uncommitted: rolled back
    with DirectConnection.checkout(db.engine) as connection:
        connection.rows(RENAME, {"meeting_id": meeting.id, "title": "Kept"})
        connection.commit()
    assert title_of(meeting.id) == "Kept"


def test_autocommit_keeps_each_statement_and_the_pool_gets_its_transactions_back(app):
    meeting = MeetingFactory(title="Before")
    db.session.commit()
    with DirectConnection.checkout(db.engine, autocommit=True) as connection:
        connection.rows(RENAME, {"meeting_id": meeting.id, "title": "Autocommitted"})
        connection.rollback()  # nothing left to roll back: the statement committed itself
    assert title_of(meeting.id) == "Autocommitted"
    # Every connection of the pool is transactional again: a rollback through SQLAlchemy undoes a change.
    for _ in range(3):
        with db.engine.connect() as connection:
            connection.execute(sa.update(MEETINGS).values(title="Rolled back").where(MEETINGS.c.id == meeting.id))
            connection.rollback()
    assert title_of(meeting.id) == "Autocommitted"


def test_on_a_session_it_is_part_of_the_sessions_transaction(app):
    meeting = MeetingFactory(title="Before")
    db.session.commit()
    meeting.visibility = Visibility.PUBLIC  # pending in the session: flushed before the direct statement
    connection = DirectConnection.of_session(db.session)
    connection.rows(RENAME, {"meeting_id": meeting.id, "title": "In the session"})
    (row,) = connection.rows(READ, {"meeting_id": meeting.id})
    assert row.visibility is Visibility.PUBLIC
    db.session.rollback()
    assert title_of(meeting.id) == "Before"


def test_a_statement_that_would_need_python_side_defaults_is_refused(app):
    # meeting_sessions.quorum_percent has default=50: Core would compute it on execution, a DirectStatement can't.
    incomplete = DirectStatement(lambda: sa.insert(MeetingSession.__table__).values(title=sa.bindparam("title")))
    with DirectConnection.checkout(db.engine) as connection, pytest.raises(ValueError, match="Python-side"):
        connection.rows(incomplete, {"title": "Plenary"})


def test_a_refused_write_raises_sqlalchemys_integrity_error(app):
    with DirectConnection.checkout(db.engine) as connection, pytest.raises(sa.exc.IntegrityError):
        connection.rows(NEW_SESSION, {"meeting_id": 999_999, "title": None, "starts_at": None, "ends_at": None})


def test_a_dropped_connection_is_not_used_again(app):
    with DirectConnection.checkout(db.engine) as connection:
        connection._pooled.dbapi_connection.close()  # as the database dropping it would leave it
        with pytest.raises(sa.exc.DBAPIError) as refused:
            connection.rows(READ, {"meeting_id": 1})
        assert refused.value.connection_invalidated
    with DirectConnection.checkout(db.engine) as connection:  # a new connection
        assert connection.rows(READ, {"meeting_id": 1}) == []
