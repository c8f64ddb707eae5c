"""Importing an award program's winners from CSV: the file format, the plan (every row checked against the file
and the directory), and applying it all or nothing. The reading and the plan's shape are shared with the
directory's import (``meetapp.csv_import``); the recipients are checked by the rules the award form uses."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from meetapp.audit import record
from meetapp.csv_import import Column, CsvTable, ImportFormat, ImportPlan, first_rows, read_table, start_plan
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.records.awards import AwardFields, build_recipients, meeting_of_program, new_award, recipient_problems
from meetapp.records.models import AwardProgram
from meetapp.records.references import References, split_refs

WINNERS = ImportFormat(
    "award_winners",
    _l("Award winners"),
    (
        Column("title", 300, required=True, help=_l("Project or achievement title in English.")),
        Column("title_zh", 300, help=_l("Title in Chinese.")),
        Column("level", 100, required=True, help=_l("special, first, second or third; or the name of one of the "
                                                    "program's own levels.")),
        Column("recipient_units", help=_l("Codes of the units the award goes to, separated by semicolons.")),
        Column("recipient_people", help=_l("Emails of the people the award goes to, separated by semicolons.")),
        Column("team_name", 200, help=_l("Name of the award's team, if any.")),
        Column("team_members", help=_l("Emails of the team's members, separated by semicolons.")),
        Column("citation", help=_l("The citation read out or printed with the award.")),
        Column("decision_ref", 100, help=_l("Reference of the award decision, e.g. its document number.")),
    ),
    (
        ("Green and efficient mining of deep-sea polymetallic nodules", "深海多金属结核绿色高效开采关键技术",
         "special", "CMRI", "zhang.wei@example.com", "Deep-sea mining team", "li.na@example.com",
         "For a complete technology chain from exploration to pilot mining.", "五矿科〔2026〕3号"),
        ("Low-carbon sintering of iron ore", "铁矿石低碳烧结技术", "second", "", "li.na@example.com", "", "", "", ""),
    ),
)


class ImportRefused(DomainError):
    """The file has errors (``plan`` lists them); nothing was imported."""

    message = _l("The file has errors; nothing was imported.")

    def __init__(self, plan: ImportPlan, message=None):
        super().__init__(message)
        self.plan = plan


def read_winners(data: bytes) -> CsvTable:
    return read_table(data, WINNERS)


def _levels(program: AwardProgram) -> dict[str, object]:
    return {level.key.lower(): level for level in program.levels}


def plan_winners(program: AwardProgram, table: CsvTable) -> ImportPlan:
    """What importing ``table`` into ``program`` would do, row by row, with every error: a missing title or
    level, a title repeated in the file or already in the program, an unknown level, unit code or email, a row
    without recipients. Every valid row is a new award."""
    plan = start_plan(table, WINNERS)
    existing = {award.title.casefold() for award in program.awards}
    first_rows(plan, "title")
    levels = _levels(program)
    refs = References(
        [e for row in plan.rows for c in ("recipient_people", "team_members") for e in split_refs(row.values.get(c))],
        [c for row in plan.rows for c in split_refs(row.values.get("recipient_units"))],
    )
    for row in plan.rows:
        values = row.values
        title = values.get("title", "")
        if title and title.casefold() in existing:
            plan.error(row, "title", _l("The program already has an award titled “%(title)s”.", title=title))
        level = levels.get(values.get("level", "").strip().lower())
        if values.get("level") and level is None:
            plan.error(row, "level", _l("Unknown level “%(value)s”; use one of: %(levels)s.", value=values["level"],
                                        levels=", ".join(lv.key for lv in program.levels)))
        fields = AwardFields(level=level, **{name: values.get(name) or None for name in (
            "title", "title_zh", "team_name", "citation", "decision_ref",
            "recipient_units", "recipient_people", "team_members")})
        for column, message in recipient_problems(fields, refs):
            plan.error(row, column, message)
        row.fields = {"award": fields}
    plan.existing = {"refs": refs}
    return plan


def import_winners(actor, program: AwardProgram, table: CsvTable) -> ImportPlan:
    """Add every row of ``table`` as an award of ``program``, all or nothing: refuses, changing nothing, when the
    plan (the same the preview shows) has any error."""
    plan = plan_winners(program, table)
    if plan.errors:
        raise ImportRefused(plan)
    refs = plan.existing["refs"]
    for row in plan.rows:
        fields = row.fields["award"]
        new_award(program, fields, build_recipients(fields, refs))
    record(actor, "award.import", program, meeting=meeting_of_program(program),
           summary=f"{len(plan.rows)} awards imported from CSV")
    db.session.commit()
    return plan
