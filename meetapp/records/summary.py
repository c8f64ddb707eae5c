"""What a meeting's record holds of awards and statements, for the minutes and the news release.

``record_summary(meeting)`` answers the award programs linked to the meeting's agenda items (announced or
presented there) with their awards, and the responsibility statements signed at the meeting, as plain values
in the reader's language: no lazy loading left, a constant number of queries however much there is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask import has_request_context
from flask_babel import get_locale
from sqlalchemy.orm import joinedload, selectinload

import meetapp.models  # noqa: F401  (every mapper defined: the loader options below configure them at import)
from meetapp.agenda.models import AgendaItem
from meetapp.directory.models import Person
from meetapp.extensions import db
from meetapp.meetings.models import MeetingSession
from meetapp.records.models import (
    Award,
    AwardProgram,
    AwardRecipient,
    LevelKind,
    RecipientRole,
    Statement,
)


@dataclass(frozen=True)
class RecipientLine:
    name: str  # the person's or the unit's name
    unit: str | None  # a person's unit (when the award was made); None for a unit recipient
    is_unit: bool
    team_member: bool  # a member of the award's team rather than a named recipient


@dataclass(frozen=True)
class AwardLine:
    award_id: int
    title: str
    level: str  # the level's label, e.g. "First prize"
    level_kind: LevelKind
    level_rank: int
    team_name: str | None
    recipients: list[RecipientLine]
    citation: str | None
    decision_ref: str | None
    presented: bool
    presented_at: datetime | None
    presenter: str | None  # who hands the award over
    received_by: str | None  # who receives it on the recipients' behalf

    @property
    def recipient_names(self) -> list[str]:
        return [r.name for r in self.recipients if not r.team_member]


@dataclass(frozen=True)
class ProgramLine:
    program_id: int
    name: str
    year: int
    announcement_item_id: int | None
    presentation_item_id: int | None
    awards: list[AwardLine]

    @property
    def presented_count(self) -> int:
        return sum(1 for award in self.awards if award.presented)


@dataclass(frozen=True)
class StatementLine:
    statement_id: int
    batch: str
    year: int
    key_task: str
    unit: str
    signatories: tuple[str, str]  # as named on the statement (first, second)
    signed_by: tuple[str, str]  # who actually signed each side (usually the signatories)
    signed_at: datetime | None
    signed_item_id: int | None


@dataclass(frozen=True)
class RecordSummary:
    programs: list[ProgramLine] = field(default_factory=list)
    statements: list[StatementLine] = field(default_factory=list)

    @property
    def awards(self) -> list[AwardLine]:
        return [award for program in self.programs for award in program.awards]

    @property
    def is_empty(self) -> bool:
        return not self.programs and not self.statements


def _locale(locale: str | None) -> str | None:
    if locale is not None:
        return locale
    return str(get_locale() or "en") if has_request_context() else None


def _person(person: Person | None, locale: str | None) -> str | None:
    return person.display_name(locale) if person is not None else None


def meeting_item_ids(meeting_id: int):
    """A subquery of the ids of a meeting's agenda items."""
    return (
        sa.select(AgendaItem.id)
        .join(MeetingSession, AgendaItem.session_id == MeetingSession.id)
        .where(MeetingSession.meeting_id == meeting_id)
        .scalar_subquery()
    )


def _recipient(recipient: AwardRecipient, locale: str | None) -> RecipientLine:
    person = recipient.person
    if person is not None:
        unit = recipient.unit or person.unit
        return RecipientLine(person.display_name(locale), unit.display_name(locale) if unit else None, False,
                             recipient.role is RecipientRole.TEAM_MEMBER)
    return RecipientLine(recipient.unit.display_name(locale), None, True, recipient.role is RecipientRole.TEAM_MEMBER)


def award_line(award: Award, locale: str | None) -> AwardLine:
    return AwardLine(
        award_id=award.id,
        title=award.display_title(locale),
        level=award.level.label(locale),
        level_kind=award.level.kind,
        level_rank=award.level.rank,
        team_name=award.team_name,
        recipients=[_recipient(r, locale) for r in award.recipients],
        citation=award.citation,
        decision_ref=award.decision_ref,
        presented=award.presented,
        presented_at=award.presented_at,
        presenter=_person(award.presenter, locale),
        received_by=_person(award.received_by, locale),
    )


AWARD_LOADING = (
    joinedload(Award.level),
    joinedload(Award.presenter),
    joinedload(Award.received_by),
    selectinload(Award.recipients).options(
        joinedload(AwardRecipient.person).joinedload(Person.unit), joinedload(AwardRecipient.unit)
    ),
)


def record_summary(meeting, locale: str | None = None) -> RecordSummary:
    """The awards and statements of ``meeting``'s record, names in ``locale`` (default: the request's).

    Programs are those whose announcement or presentation item is one of the meeting's agenda items, by year
    and name, their awards in run-sheet order; statements are those whose signing was recorded at one of the
    meeting's items, in their batch's order. Five queries, whatever the numbers."""
    locale = _locale(locale)
    items = meeting_item_ids(meeting.id)
    programs = db.session.scalars(
        sa.select(AwardProgram)
        .where(sa.or_(AwardProgram.announcement_item_id.in_(items), AwardProgram.presentation_item_id.in_(items)))
        .options(selectinload(AwardProgram.awards).options(*AWARD_LOADING))
        .order_by(AwardProgram.year, AwardProgram.name)
    ).all()
    statements = db.session.scalars(
        sa.select(Statement)
        .where(Statement.signed_item_id.in_(items))
        .options(
            joinedload(Statement.batch),
            joinedload(Statement.unit),
            joinedload(Statement.first_signatory),
            joinedload(Statement.second_signatory),
            joinedload(Statement.first_signed_by),
            joinedload(Statement.second_signed_by),
        )
        .order_by(Statement.batch_id, Statement.position, Statement.id)
    ).all()
    return RecordSummary(
        programs=[
            ProgramLine(
                program_id=program.id,
                name=program.display_name(locale),
                year=program.year,
                announcement_item_id=program.announcement_item_id,
                presentation_item_id=program.presentation_item_id,
                awards=[award_line(award, locale) for award in program.awards],
            )
            for program in programs
        ],
        statements=[_statement_line(statement, locale) for statement in statements],
    )


def _statement_line(statement: Statement, locale: str | None) -> StatementLine:
    first, second = statement.first_signatory, statement.second_signatory
    return StatementLine(
        statement_id=statement.id,
        batch=statement.batch.display_name(locale),
        year=statement.batch.year,
        key_task=statement.display_task(locale),
        unit=statement.unit.display_name(locale),
        signatories=(first.display_name(locale), second.display_name(locale)),
        signed_by=(
            (statement.first_signed_by or first).display_name(locale),
            (statement.second_signed_by or second).display_name(locale),
        ),
        signed_at=statement.signed_at,
        signed_item_id=statement.signed_item_id,
    )
