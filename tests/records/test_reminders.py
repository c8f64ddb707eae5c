"""Milestone reminders: queued before the due date to the unit's people, once each, whatever runs them."""

from datetime import UTC, date, datetime

import sqlalchemy as sa

from meetapp.extensions import db
from meetapp.mail.models import OutboxMessage
from meetapp.records import statements
from meetapp.records.models import StatementStatus
from meetapp.records.reminders import queue_milestone_reminders
from tests.factories import MilestoneFactory, PersonFactory, StatementFactory, UserFactory
from tests.records.conftest import NOW


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 1, 0, tzinfo=UTC)  # 09:00 in Beijing


def _queued() -> list[OutboxMessage]:
    return list(db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)))


def _signed(world, users):
    return statements.record_signing(users["secretary"], world.statement, signed_at=NOW, item=world.signing)


def test_reminders_go_once_per_lead_time_to_the_units_people(app, users, world):
    _signed(world, users)  # the world's milestone is due 2026-06-30
    colleague = UserFactory(email="colleague@example.com", person=PersonFactory(unit=world.unit), locale="zh")
    assert queue_milestone_reminders(_at(date(2026, 6, 1))) == 0  # more than 14 days ahead
    assert queue_milestone_reminders(_at(date(2026, 6, 16))) == 2  # 14 days: the unit head and the colleague
    assert queue_milestone_reminders(_at(date(2026, 6, 16))) == 0  # idempotent
    assert queue_milestone_reminders(_at(date(2026, 6, 20))) == 0
    assert queue_milestone_reminders(_at(date(2026, 6, 27))) == 2  # 3 days
    assert queue_milestone_reminders(_at(date(2026, 6, 28))) == 0
    assert queue_milestone_reminders(_at(date(2026, 7, 1))) == 0  # past due: the follow-up page shows it
    messages = _queued()
    assert {m.to_email for m in messages} == {"lead@example.com", colleague.email}
    chinese = next(m for m in messages if m.to_email == colleague.email)
    assert "2026-06-30" in chinese.subject and world.milestone.title in chinese.subject
    english = next(m for m in messages if m.to_email == "lead@example.com")
    assert "is due on 2026-06-30" in english.body_text


def test_a_missed_day_sends_only_the_nearest_reminder(app, users, world):
    _signed(world, users)
    assert queue_milestone_reminders(_at(date(2026, 6, 29))) == 1  # only the 3-day one, to the unit head
    assert queue_milestone_reminders(_at(date(2026, 6, 16))) == 1  # the clock going back still queues it once


def test_no_reminders_for_drafts_done_milestones_or_completed_statements(app, users, world):
    other = StatementFactory(status=StatementStatus.COMPLETED, signed_at=NOW)
    MilestoneFactory(statement=other, due_date=date(2026, 6, 30))
    MilestoneFactory(statement=StatementFactory(), due_date=date(2026, 6, 30))  # drafted
    assert queue_milestone_reminders(_at(date(2026, 6, 27))) == 0
    _signed(world, users)
    world.milestone.done_on = date(2026, 6, 1)
    db.session.commit()
    assert queue_milestone_reminders(_at(date(2026, 6, 27))) == 0


def test_a_moved_due_date_arms_new_reminders(app, users, world):
    _signed(world, users)
    assert queue_milestone_reminders(_at(date(2026, 6, 27))) == 1
    world.milestone.due_date = date(2026, 7, 31)
    db.session.commit()
    assert queue_milestone_reminders(_at(date(2026, 7, 28))) == 1


def test_cli_command(app, users, world, runner, monkeypatch):
    import meetapp.database

    _signed(world, users)
    monkeypatch.setattr(meetapp.database, "utcnow", lambda: _at(date(2026, 6, 27)))
    assert "Queued 1 milestone reminder." in runner.invoke(args=["records-reminders"]).output
    assert "Queued 0 milestone reminders." in runner.invoke(args=["records-reminders"]).output
