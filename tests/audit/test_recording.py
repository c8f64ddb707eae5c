"""record() writes with the caller's transaction, diff() reports only real changes, and rows cannot be changed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from meetapp.audit import AuditLogIsAppendOnly, changes_since, diff, record, snapshot
from meetapp.audit.models import AuditEntry
from meetapp.auth.models import User
from meetapp.extensions import db
from meetapp.meetings.models import MeetingStatus
from tests.factories import MeetingFactory, UserFactory


def entries():
    return db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id)).all()


def test_a_row_is_written_with_the_change_and_not_without_it(app):
    actor = UserFactory(name="Li Wei", email="li@example.com")
    meeting = MeetingFactory(title="Budget")

    meeting.title = "Budget 2027"
    record(actor, "meeting.edit", meeting, changes={"title": ["Budget", "Budget 2027"]})
    db.session.rollback()
    assert entries() == []

    record(actor, "meeting.edit", meeting, changes={"title": ["Budget", "Budget 2027"]})
    db.session.commit()
    [entry] = entries()
    assert (entry.actor_id, entry.object_type, entry.object_id, entry.meeting_id) == (
        actor.id,
        "meetings",
        meeting.id,
        meeting.id,
    )
    assert entry.object_label == "Budget"
    assert entry.actor_label == "Li Wei <li@example.com>"
    assert entry.ip_address is None  # no request, no address


def test_a_new_object_gets_its_id_in_the_row(app):
    user = User(email="new@example.com", name="New", password_hash="x")
    db.session.add(user)
    record(None, "account.create", user)
    db.session.commit()
    assert entries()[0].object_id == user.id is not None
    assert entries()[0].object_label == "New"


def test_diff_lists_only_fields_that_change_in_json_form(app):
    meeting = MeetingFactory(title="Budget", status=MeetingStatus.DRAFT)
    later = datetime(2030, 1, 2, 3, 4, tzinfo=UTC)
    changes = diff(meeting, title="Budget", status=MeetingStatus.SCHEDULED, starts_at=later)
    assert changes == {
        "status": ["draft", "scheduled"],
        "starts_at": [meeting.starts_at.isoformat(), "2030-01-02T03:04:00+00:00"],
    }
    assert meeting.status == MeetingStatus.DRAFT  # nothing applied


def test_the_request_address_and_browser_are_kept(app):
    with app.test_request_context("/", environ_base={"REMOTE_ADDR": "10.1.2.3"}, headers={"User-Agent": "Tester/1"}):
        record(None, "auth.sign_in_failed", summary="nobody@example.com")
        db.session.commit()
    [entry] = entries()
    assert (entry.ip_address, entry.user_agent, entry.summary) == ("10.1.2.3", "Tester/1", "nobody@example.com")


def test_the_orm_refuses_to_change_or_delete_a_row(app):
    record(None, "auth.sign_in_failed", summary="x@example.com")
    db.session.commit()
    [entry] = entries()

    entry.summary = "rewritten"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()

    db.session.delete(entry)
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()

    with pytest.raises(AuditLogIsAppendOnly):
        db.session.execute(sa.update(AuditEntry).values(summary="rewritten"))
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.execute(sa.delete(AuditEntry))
    db.session.rollback()
    assert entries()[0].summary == "x@example.com"


def test_the_database_refuses_an_update_behind_the_orms_back(app):
    record(None, "auth.sign_in_failed", summary="x@example.com")
    db.session.commit()
    with pytest.raises(sa.exc.DatabaseError), db.engine.begin() as conn:
        conn.execute(sa.text("UPDATE audit_entries SET summary = 'rewritten'"))
    if db.engine.dialect.name == "postgresql":
        with pytest.raises(sa.exc.DatabaseError), db.engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM audit_entries"))
    assert db.session.scalar(sa.select(AuditEntry.summary)) == "x@example.com"


def test_changes_since_a_snapshot_hide_secrets(app):
    meeting = MeetingFactory(title="Budget", video_passcode="1234")
    before = snapshot(meeting, "title", "video_passcode", "status")
    meeting.title, meeting.video_passcode = "Budget 2027", "9999"
    assert changes_since(before, meeting, secret=("video_passcode",)) == {
        "title": ["Budget", "Budget 2027"],
        "video_passcode": ["***", "***"],
    }


def test_a_refusal_at_commit_stays_the_callers_to_handle(app):
    """A row about a new object waits for the caller's flush: a constraint error comes from the caller's commit,
    and then nothing at all is written."""
    UserFactory(email="taken@example.com")
    user = User(email="taken@example.com", name="Twin", password_hash="x")
    db.session.add(user)
    record(None, "account.create", user)  # no flush here
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert entries() == []
    record(None, "auth.sign_in_failed", summary="x@example.com")
    db.session.commit()
    assert [e.action for e in entries()] == ["auth.sign_in_failed"]
