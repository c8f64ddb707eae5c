"""A small records world for the view tests: a meeting with announcement, presentation and signing items, a
program with awards, a batch with statements."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest

from meetapp.agenda.models import AgendaItemType
from meetapp.records.models import AwardRecipient, LevelKind
from tests.factories import (
    AgendaItemFactory,
    AwardFactory,
    AwardProgramFactory,
    MeetingFactory,
    MilestoneFactory,
    PersonFactory,
    StatementBatchFactory,
    StatementFactory,
    UnitFactory,
)


def records_world(organizer=None):
    meeting = MeetingFactory(organizers=[organizer] if organizer else [])
    session = meeting.sessions[0]
    announce = AgendaItemFactory(session=session, type=AgendaItemType.ANNOUNCEMENT, title="Award decisions")
    present = AgendaItemFactory(session=session, type=AgendaItemType.AWARD_PRESENTATION, title="Presentation")
    signing = AgendaItemFactory(session=session, type=AgendaItemType.STATEMENT_SIGNING, title="Signing")
    from meetapp.records.models import STANDARD_LEVELS, AwardLevel

    program = AwardProgramFactory(
        name="2025 China Minmetals S&T Award", year=2025, announcement_item=announce, presentation_item=present,
        levels=[AwardLevel(kind=kind, rank=rank) for rank, kind in enumerate(STANDARD_LEVELS)],
    )
    first = next(level for level in program.levels if level.kind is LevelKind.FIRST)
    unit = UnitFactory(code="CMRI", name="Changsha Research Institute")
    lead = PersonFactory(unit=unit, email="lead@example.com")
    award = AwardFactory(level=first, title="Deep-sea nodules", run_order=0, recipients=[AwardRecipient(unit=unit)])
    other_award = AwardFactory(level=first, title="Low-carbon sintering", run_order=1,
                               recipients=[AwardRecipient(person=lead, unit=unit)])
    batch = StatementBatchFactory(name="2026 Responsibility Statements", year=2026, signing_item=signing)
    leader = PersonFactory(email="chairman@example.com")
    statement = StatementFactory(batch=batch, unit=unit, first_signatory=leader, second_signatory=lead)
    milestone = MilestoneFactory(statement=statement, due_date=date(2026, 6, 30))
    spare_milestone = MilestoneFactory(statement=StatementFactory(batch=batch), due_date=date(2026, 12, 31))
    return SimpleNamespace(spare_milestone=spare_milestone,
                           meeting=meeting, announce=announce, present=present, signing=signing, program=program,
                           first=first, unit=unit, lead=lead, leader=leader, award=award, other_award=other_award,
                           batch=batch, statement=statement, milestone=milestone)


@pytest.fixture
def world(app, users):
    return records_world(users["organizer"])


NOW = datetime(2026, 2, 26, 3, 0, tzinfo=UTC)
