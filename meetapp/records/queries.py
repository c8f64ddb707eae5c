"""Read side of the records: the lists and pages, each loading what it shows in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from meetapp.agenda.models import AgendaItem, AgendaItemType
from meetapp.directory.models import Person, Unit
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingSession
from meetapp.meetings.queries import visibility_filter
from meetapp.records.models import (
    Award,
    AwardLevel,
    AwardProgram,
    AwardRecipient,
    LevelKind,
    Milestone,
    Statement,
    StatementBatch,
)
from meetapp.records.summary import AWARD_LOADING, meeting_item_ids

REGISTRY_PAGE_SIZE = 50
ITEM_CHOICES_LIMIT = 300
AWARD_ITEM_TYPES = (AgendaItemType.ANNOUNCEMENT, AgendaItemType.AWARD_PRESENTATION)
SIGNING_ITEM_TYPES = (AgendaItemType.STATEMENT_SIGNING,)

_ITEM_LOADING = joinedload(AgendaItem.session).joinedload(MeetingSession.meeting)


# --- agenda items a program or batch can be linked to ---------------------------------------------------


def linkable_items(user, types: tuple[AgendaItemType, ...], keep: list[int | None] = ()) -> list[AgendaItem]:
    """Agenda items of ``types`` in meetings ``user`` may see (newest meetings first), and the items of ``keep``
    whatever their type, with their session and meeting loaded (for labels)."""
    condition = AgendaItem.type.in_(types)
    kept = [item_id for item_id in keep if item_id]
    if kept:
        condition = sa.or_(condition, AgendaItem.id.in_(kept))
    return list(db.session.scalars(
        sa.select(AgendaItem)
        .join(AgendaItem.session).join(MeetingSession.meeting)
        .where(condition, visibility_filter(user))
        .options(_ITEM_LOADING)
        .order_by(Meeting.starts_at.desc(), MeetingSession.starts_at, AgendaItem.position)
        .limit(ITEM_CHOICES_LIMIT)
    ))


def item_label(item: AgendaItem) -> str:
    return f"{item.session.meeting.title} — {item.title}"


def visible_linked_meetings(user) -> set[int]:
    """The ids of the meetings that records link to (through an agenda item) and ``user`` may see: one query,
    whatever the number of programs and statements."""
    linked_items = sa.union(
        sa.select(AwardProgram.announcement_item_id), sa.select(AwardProgram.presentation_item_id),
        sa.select(StatementBatch.signing_item_id), sa.select(Statement.signed_item_id),
    ).subquery()
    meetings = (
        sa.select(MeetingSession.meeting_id)
        .join(AgendaItem, AgendaItem.session_id == MeetingSession.id)
        .where(AgendaItem.id.in_(sa.select(linked_items.c[0])))
    )
    return set(db.session.scalars(sa.select(Meeting.id).where(Meeting.id.in_(meetings), visibility_filter(user))))


# --- awards -------------------------------------------------------------------------------------------


def programs() -> list[AwardProgram]:
    """Every program, newest year first, with its linked items and its awards (for counts)."""
    return list(db.session.scalars(
        sa.select(AwardProgram)
        .options(
            joinedload(AwardProgram.announcement_item).options(_ITEM_LOADING),
            joinedload(AwardProgram.presentation_item).options(_ITEM_LOADING),
            selectinload(AwardProgram.awards),
        )
        .order_by(AwardProgram.year.desc(), AwardProgram.name)
    ).unique())


def program_with_awards(program_id: int) -> AwardProgram | None:
    return db.session.scalar(
        sa.select(AwardProgram).where(AwardProgram.id == program_id).options(
            joinedload(AwardProgram.announcement_item).options(_ITEM_LOADING),
            joinedload(AwardProgram.presentation_item).options(_ITEM_LOADING),
            selectinload(AwardProgram.levels),
            selectinload(AwardProgram.awards).options(*AWARD_LOADING),
        )
    )


def award_with_recipients(award_id: int) -> Award | None:
    return db.session.scalar(sa.select(Award).where(Award.id == award_id).options(*AWARD_LOADING))


@dataclass
class RegistryFilter:
    unit_id: int | None = None
    level: LevelKind | None = None
    year: int | None = None
    include_subunits: bool = True


def registry_select(filters: RegistryFilter) -> sa.Select:
    """Awards across programs and years, highest level first within a year; ``unit_id`` matches an award made to
    the unit or to anyone of it (at the time of the award), and with ``include_subunits`` to units below it."""
    query = (
        sa.select(Award)
        .join(Award.program).join(Award.level)
        .options(joinedload(Award.program), *AWARD_LOADING)
        .order_by(AwardProgram.year.desc(), AwardProgram.name, AwardLevel.rank, Award.run_order)
    )
    if filters.year:
        query = query.where(AwardProgram.year == filters.year)
    if filters.level:
        query = query.where(AwardLevel.kind == filters.level)
    if filters.unit_id:
        from meetapp.directory.queries import subtree_ids

        units = subtree_ids(filters.unit_id) if filters.include_subunits else sa.select(sa.literal(filters.unit_id))
        query = query.where(Award.id.in_(sa.select(AwardRecipient.award_id).where(AwardRecipient.unit_id.in_(units))))
    return query


def registry_years() -> list[int]:
    return list(db.session.scalars(sa.select(AwardProgram.year).distinct().order_by(AwardProgram.year.desc())))


def units_for_choices() -> list[Unit]:
    return list(db.session.scalars(sa.select(Unit).order_by(Unit.name)))


# --- statements --------------------------------------------------------------------------------------


def batches() -> list[StatementBatch]:
    return list(db.session.scalars(
        sa.select(StatementBatch)
        .options(joinedload(StatementBatch.signing_item).options(_ITEM_LOADING),
                 selectinload(StatementBatch.statements).selectinload(Statement.milestones))
        .order_by(StatementBatch.year.desc(), StatementBatch.name)
    ).unique())


STATEMENT_LOADING = (
    joinedload(Statement.unit),
    joinedload(Statement.first_signatory),
    joinedload(Statement.second_signatory),
    joinedload(Statement.first_signed_by),
    joinedload(Statement.second_signed_by),
    selectinload(Statement.milestones),
)


def batch_with_statements(batch_id: int) -> StatementBatch | None:
    return db.session.scalar(
        sa.select(StatementBatch).where(StatementBatch.id == batch_id).options(
            joinedload(StatementBatch.signing_item).options(_ITEM_LOADING),
            selectinload(StatementBatch.statements).options(*STATEMENT_LOADING),
        )
    )


def statement_with_details(statement_id: int) -> Statement | None:
    return db.session.scalar(
        sa.select(Statement).where(Statement.id == statement_id).options(
            joinedload(Statement.batch).joinedload(StatementBatch.signing_item).options(_ITEM_LOADING),
            joinedload(Statement.signed_item).options(_ITEM_LOADING),
            joinedload(Statement.signing_recorded_by),
            *STATEMENT_LOADING[:-1],
            selectinload(Statement.milestones).joinedload(Milestone.updated_by),
        )
    )


@dataclass
class UnitProgress:
    unit: Unit
    statements: list[Statement] = field(default_factory=list)
    done: int = 0
    total: int = 0
    overdue: int = 0


@dataclass
class FollowUp:
    year: int
    today: date
    batches: list[StatementBatch]
    units: list[UnitProgress]
    overdue_milestones: list[Milestone]

    @property
    def statements(self) -> list[Statement]:
        return [s for batch in self.batches for s in batch.statements]


def follow_up(year: int, today: date) -> FollowUp:
    """The year's batches with every statement's progress, the same grouped by unit, and the overdue milestones
    (open and past due) soonest first."""
    found = list(db.session.scalars(
        sa.select(StatementBatch).where(StatementBatch.year == year)
        .options(selectinload(StatementBatch.statements).options(*STATEMENT_LOADING))
        .order_by(StatementBatch.name)
    ).unique())
    by_unit: dict[int, UnitProgress] = {}
    overdue: list[Milestone] = []
    for batch in found:
        for statement in batch.statements:
            progress = by_unit.setdefault(statement.unit_id, UnitProgress(statement.unit))
            progress.statements.append(statement)
            done, total = statement.progress
            progress.done += done
            progress.total += total
            late = statement.overdue_milestones(today)
            progress.overdue += len(late)
            overdue.extend(late)
    units = sorted(by_unit.values(), key=lambda p: p.unit.name)
    overdue.sort(key=lambda m: (m.due_date, m.id))
    return FollowUp(year, today, found, units, overdue)


def statement_years() -> list[int]:
    return list(db.session.scalars(sa.select(StatementBatch.year).distinct().order_by(StatementBatch.year.desc())))


# --- a meeting's records page -------------------------------------------------------------------------


def meeting_links(meeting_id: int) -> tuple[list[AwardProgram], list[StatementBatch]]:
    """The programs and batches linked to the meeting's agenda items (for links to their pages)."""
    items = meeting_item_ids(meeting_id)
    linked_programs = list(db.session.scalars(
        sa.select(AwardProgram)
        .where(sa.or_(AwardProgram.announcement_item_id.in_(items), AwardProgram.presentation_item_id.in_(items)))
        .order_by(AwardProgram.year, AwardProgram.name)
    ))
    linked_batches = list(db.session.scalars(
        sa.select(StatementBatch).where(StatementBatch.signing_item_id.in_(items))
        .order_by(StatementBatch.year, StatementBatch.name)
    ))
    return linked_programs, linked_batches


def people_choices_for(meeting: Meeting | None) -> list[Person]:
    """People to offer by email in person fields: the meeting's participants when there is a meeting."""
    if meeting is None:
        return []
    from meetapp.participants.models import Participant

    return list(db.session.scalars(
        sa.select(Person).join(Participant, Participant.person_id == Person.id)
        .where(Participant.meeting_id == meeting.id, Participant.cancelled_at.is_(None), Person.email.is_not(None))
        .order_by(Person.name).distinct()
    ))
