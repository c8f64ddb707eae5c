"""Award operations: the one place award programs, their levels and awards change.

Each function takes the acting user, validates, changes, records the change in the audit trail, commits once and
raises a ``DomainError`` subclass when it refuses. Recipients are named as in the CSV import: units by code,
people by email (``AwardFields``), so the form and the import check them with the same rules.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from meetapp.agenda.models import AgendaItem
from meetapp.audit import diff, record
from meetapp.directory.models import Person
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.records.models import (
    STANDARD_LEVELS,
    Award,
    AwardLevel,
    AwardProgram,
    AwardRecipient,
    LevelKind,
    RecipientRole,
)
from meetapp.records.references import References, split_refs

MIN_YEAR, MAX_YEAR = 1900, 2200


class ProgramExists(DomainError):
    message = _l("A program of that name and year exists already.")


class InvalidYear(DomainError):
    message = _l("Give a year between %(min)d and %(max)d.", min=MIN_YEAR, max=MAX_YEAR)


class LevelExists(DomainError):
    message = _l("The program has a level of that name already.")


class LevelOfOtherProgram(DomainError):
    message = _l("Choose one of this program's levels.")


class RecipientProblem(DomainError):
    """A recipient cell names nobody, or someone unknown; ``column`` says which cell."""

    def __init__(self, column: str, message):
        super().__init__(message)
        self.column = column


class AlreadyAtEnd(DomainError):
    message = _l("The award is already at that end of the run-sheet.")


class Direction(enum.StrEnum):
    UP = "up"
    DOWN = "down"


def meeting_of_program(program: AwardProgram):
    """The meeting the program's awards are presented (else announced) at, or None before it is linked."""
    item = program.presentation_item or program.announcement_item
    return item.session.meeting if item is not None else None


# --- programs and levels ------------------------------------------------------------------------------


def _check_program(name: str, year: int, program_id: int | None = None) -> None:
    if not (MIN_YEAR <= year <= MAX_YEAR):
        raise InvalidYear()
    clash = sa.select(AwardProgram.id).where(AwardProgram.name == name, AwardProgram.year == year)
    if program_id is not None:
        clash = clash.where(AwardProgram.id != program_id)
    if db.session.scalar(clash) is not None:
        raise ProgramExists()


def create_program(
    actor, *, name: str, year: int, name_zh: str | None = None,
    announcement_item: AgendaItem | None = None, presentation_item: AgendaItem | None = None,
) -> AwardProgram:
    """A new program with the four standard levels (special, first, second, third prize). Refuses a name and
    year that exist already."""
    name = name.strip()
    _check_program(name, year)
    program = AwardProgram(
        name=name, name_zh=(name_zh or "").strip() or None, year=year,
        announcement_item=announcement_item, presentation_item=presentation_item,
        levels=[AwardLevel(kind=kind, rank=rank) for rank, kind in enumerate(STANDARD_LEVELS)],
    )
    db.session.add(program)
    record(actor, "award_program.create", program, meeting=meeting_of_program(program),
           changes={"name": [None, name], "year": [None, year]})
    db.session.commit()
    return program


def update_program(
    actor, program: AwardProgram, *, name: str, year: int, name_zh: str | None = None,
    announcement_item: AgendaItem | None = None, presentation_item: AgendaItem | None = None,
) -> AwardProgram:
    """Rename the program or link it to other agenda items. Refuses a name and year another program has."""
    name = name.strip()
    _check_program(name, year, program.id)
    values = {
        "name": name, "name_zh": (name_zh or "").strip() or None, "year": year,
        "announcement_item": announcement_item, "presentation_item": presentation_item,
    }
    changes = diff(program, **values)
    for field, value in values.items():
        setattr(program, field, value)
    if changes:
        record(actor, "award_program.edit", program, meeting=meeting_of_program(program), changes=changes)
    db.session.commit()
    return program


def add_level(actor, program: AwardProgram, *, name: str, name_zh: str | None = None) -> AwardLevel:
    """A custom level, ranked below the program's others. Refuses a name the program has already."""
    name = name.strip()
    if any(level.kind is LevelKind.CUSTOM and (level.name or "").lower() == name.lower() for level in program.levels):
        raise LevelExists()
    level = AwardLevel(kind=LevelKind.CUSTOM, name=name, name_zh=(name_zh or "").strip() or None,
                       rank=max((lv.rank for lv in program.levels), default=-1) + 1)
    program.levels.append(level)
    record(actor, "award_level.create", level, meeting=meeting_of_program(program), changes={"name": [None, name]})
    db.session.commit()
    return level


# --- awards ------------------------------------------------------------------------------------------


@dataclass
class AwardFields:
    """What the award form and a CSV row give: recipients as semicolon-separated unit codes and emails."""

    level: AwardLevel
    title: str
    title_zh: str | None = None
    team_name: str | None = None
    citation: str | None = None
    decision_ref: str | None = None
    recipient_units: str | None = None
    recipient_people: str | None = None
    team_members: str | None = None

    def emails(self) -> list[str]:
        return split_refs(self.recipient_people) + split_refs(self.team_members)

    def codes(self) -> list[str]:
        return split_refs(self.recipient_units)


def recipient_problems(fields: AwardFields, refs: References) -> list[tuple[str, object]]:
    """(column, message) for every unknown unit code or email, and for an award that names nobody."""
    problems: list[tuple[str, object]] = []
    for code in split_refs(fields.recipient_units):
        if refs.unit(code) is None:
            problems.append(("recipient_units", _l("Unknown unit code “%(code)s”.", code=code)))
    for column in ("recipient_people", "team_members"):
        for email in split_refs(getattr(fields, column)):
            if refs.person(email) is None:
                problems.append((column, _l("No person in the directory has the email “%(email)s”.", email=email)))
    if not split_refs(fields.recipient_units) and not split_refs(fields.recipient_people):
        problems.append(("recipient_people", _l("Name at least one recipient: a unit code or a person's email.")))
    return problems


def build_recipients(fields: AwardFields, refs: References) -> list[AwardRecipient]:
    """The recipient rows: units, then people, then team members; a person keeps their current unit."""
    rows = [AwardRecipient(unit=refs.unit(code)) for code in split_refs(fields.recipient_units)]
    for column, role in (("recipient_people", RecipientRole.RECIPIENT), ("team_members", RecipientRole.TEAM_MEMBER)):
        for email in split_refs(getattr(fields, column)):
            person = refs.person(email)
            rows.append(AwardRecipient(person=person, unit=person.unit, role=role))
    for position, row in enumerate(rows):
        row.position = position
    return rows


def _checked_recipients(fields: AwardFields) -> list[AwardRecipient]:
    refs = References(fields.emails(), fields.codes())
    problems = recipient_problems(fields, refs)
    if problems:
        raise RecipientProblem(*problems[0])
    return build_recipients(fields, refs)


def _award_values(fields: AwardFields) -> dict:
    def text(value):
        return (value or "").strip() or None

    return {
        "level": fields.level, "title": fields.title.strip(), "title_zh": text(fields.title_zh),
        "team_name": text(fields.team_name), "citation": text(fields.citation),
        "decision_ref": text(fields.decision_ref),
    }


def _recipient_names(rows: list[AwardRecipient]) -> list[str]:
    return [(row.person or row.unit).name for row in rows]


def new_award(program: AwardProgram, fields: AwardFields, recipients: list[AwardRecipient]) -> Award:
    """Add an award at the end of the run-sheet (flush only; the import adds many in one commit)."""
    if fields.level.program_id != program.id and fields.level not in program.levels:
        raise LevelOfOtherProgram()
    award = Award(**_award_values(fields), recipients=recipients,
                  run_order=max((a.run_order for a in program.awards), default=-1) + 1)
    program.awards.append(award)
    return award


def add_award(actor, program: AwardProgram, fields: AwardFields) -> Award:
    """An award of ``program``. Refuses a level of another program, an unknown unit code or email, and an award
    without recipients."""
    award = new_award(program, fields, _checked_recipients(fields))
    record(actor, "award.create", award, meeting=meeting_of_program(program), changes={
        "title": [None, award.title], "level": [None, fields.level.label("en")],
        "recipients": [None, _recipient_names(award.recipients)],
    })
    db.session.commit()
    return award


def update_award(actor, award: Award, fields: AwardFields) -> Award:
    """Change an award's details and recipients, with the same refusals as ``add_award``."""
    if fields.level.program_id != award.program_id:
        raise LevelOfOtherProgram()
    recipients = _checked_recipients(fields)
    values = _award_values(fields)
    changes = diff(award, **values)
    before, after = _recipient_names(award.recipients), _recipient_names(recipients)
    if before != after:
        changes["recipients"] = [before, after]
    for field, value in values.items():
        setattr(award, field, value)
    award.recipients = recipients
    if changes:
        record(actor, "award.edit", award, meeting=meeting_of_program(award.program), changes=changes)
    db.session.commit()
    return award


def delete_award(actor, award: Award) -> None:
    program = award.program
    record(actor, "award.delete", award, meeting=meeting_of_program(program), changes={"title": [award.title, None]})
    program.awards.remove(award)  # delete-orphan: the row goes at the flush
    _renumber(program)
    db.session.commit()


def _renumber(program: AwardProgram) -> None:
    for position, award in enumerate(sorted(program.awards, key=lambda a: (a.run_order, a.id or 0))):
        award.run_order = position


# --- the presentation run-sheet ------------------------------------------------------------------------


def move_award(actor, award: Award, direction: Direction | str) -> Award:
    """Move an award one place up or down the run-sheet. Refuses to move past either end."""
    program = award.program
    _renumber(program)
    awards = sorted(program.awards, key=lambda a: a.run_order)
    index = awards.index(award)
    other = index - 1 if Direction(direction) is Direction.UP else index + 1
    if not 0 <= other < len(awards):
        raise AlreadyAtEnd()
    awards[index].run_order, awards[other].run_order = awards[other].run_order, awards[index].run_order
    record(actor, "award.move", award, meeting=meeting_of_program(program),
           changes={"run_order": [index + 1, other + 1]})
    db.session.commit()
    return award


def set_handover(actor, award: Award, *, presenter: Person | None, received_by: Person | None) -> Award:
    """Who hands the award over and who receives it on the recipients' behalf (either may be nobody)."""
    changes = diff(award, presenter=presenter, received_by=received_by)
    award.presenter, award.received_by = presenter, received_by
    if changes:
        record(actor, "award.edit", award, meeting=meeting_of_program(award.program), changes=changes)
    db.session.commit()
    return award


def mark_presented(actor, award: Award, presented: bool, now) -> Award:
    """Mark the award as presented at the meeting (at ``now``), or take the mark back."""
    if award.presented != presented:
        changes = diff(award, presented=presented)
        award.presented = presented
        award.presented_at = now if presented else None
        record(actor, "award.present" if presented else "award.unpresent", award,
               meeting=meeting_of_program(award.program), changes=changes)
        db.session.commit()
    return award
