"""The demo's record of the seed meeting: the 2025 awards presented and the 2026 statements signed there."""

from datetime import date

import sqlalchemy as sa

from meetapp.demo.loader import load_demo
from meetapp.extensions import db
from meetapp.meetings.models import Meeting
from meetapp.records.models import Award, LevelKind, Statement, StatementStatus
from meetapp.records.summary import record_summary
from tests.demo.test_demo_meeting import WORK_MEETING_UID


def test_demo_records_the_awards_and_statements_of_the_seed_meeting(app):
    load_demo()
    meeting = db.session.scalar(sa.select(Meeting).where(Meeting.ical_uid == WORK_MEETING_UID))
    summary = record_summary(meeting, locale="en")
    assert [p.name for p in summary.programs] == ["2025 China Minmetals S&T Award"]
    awards = summary.programs[0].awards
    assert len(awards) >= 12 and all(a.presented and a.presenter for a in awards)
    assert {a.level_kind for a in awards} == set(LevelKind)
    assert len(summary.statements) >= 8
    statements = db.session.scalars(sa.select(Statement)).all()
    assert all(s.status is not StatementStatus.DRAFTED for s in statements)
    today = date(2026, 11, 25)
    assert sum(1 for s in statements if s.is_overdue(today)) == 1
    assert any(m.done_on for s in statements for m in s.milestones)

    load_demo()  # again: nothing is added
    assert db.session.scalar(sa.select(sa.func.count(Award.id))) == len(awards)
    assert db.session.scalar(sa.select(sa.func.count(Statement.id))) == len(statements)
