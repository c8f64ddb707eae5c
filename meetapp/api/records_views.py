"""/api/v1/meetings/{id}/awards and /statements: the awards of the award programs, and the responsibility
statements of the statement batches, linked to the meeting's agenda items — through ``meetapp.records``."""

from __future__ import annotations

import sqlalchemy as sa
from flask_smorest import abort as abort_with
from marshmallow import Schema, fields, validate
from sqlalchemy.orm import selectinload

from meetapp.api import access
from meetapp.api.resources import READ_ERRORS, WRITE_ERRORS, api_blueprint, errors, paginate
from meetapp.api.schemas import ID, PageQuery, Text, choice, page_of
from meetapp.directory.models import Person, Unit
from meetapp.extensions import db
from meetapp.records import awards as award_services
from meetapp.records import statements as statement_services
from meetapp.records.models import (
    Award,
    AwardLevel,
    AwardProgram,
    LevelKind,
    RecipientRole,
    Statement,
    StatementBatch,
    StatementStatus,
)
from meetapp.records.summary import AWARD_LOADING, meeting_item_ids

blp = api_blueprint("api_records", "Awards and responsibility statements of a meeting.")


class RecipientSchema(Schema):
    role = choice(RecipientRole)
    person_id = fields.Integer(allow_none=True)
    unit_id = fields.Integer(allow_none=True)


class AwardSchema(Schema):
    id = fields.Integer()
    program_id = fields.Integer()
    level_id = fields.Integer()
    level_kind = choice(LevelKind)
    title = Text()
    title_zh = Text(allow_none=True)
    team_name = Text(allow_none=True)
    citation = Text(allow_none=True)
    decision_ref = Text(allow_none=True)
    run_order = fields.Integer()
    presented = fields.Boolean()
    recipients = fields.List(fields.Nested(RecipientSchema))


class AwardInSchema(Schema):
    program_id = fields.Integer(required=True, validate=ID, metadata={
        "description": "An award program linked to one of the meeting's agenda items."})
    level_id = fields.Integer(required=True, validate=ID)
    title = Text(required=True, validate=validate.Length(min=1, max=300))
    title_zh = Text(allow_none=True, validate=validate.Length(max=300))
    team_name = Text(allow_none=True, validate=validate.Length(max=200))
    citation = Text(allow_none=True, validate=validate.Length(max=20000))
    decision_ref = Text(allow_none=True, validate=validate.Length(max=100))
    recipient_units = fields.List(Text(validate=validate.Length(min=1, max=40)), load_default=list,
                                  validate=validate.Length(max=100), metadata={"description": "Unit codes."})
    recipient_people = fields.List(Text(validate=validate.Length(min=1, max=254)), load_default=list,
                                   validate=validate.Length(max=100), metadata={"description": "E-mails."})
    team_members = fields.List(Text(validate=validate.Length(min=1, max=254)), load_default=list,
                               validate=validate.Length(max=100), metadata={"description": "E-mails."})


class MilestoneSchema(Schema):
    title = Text(required=True, validate=validate.Length(min=1, max=300))
    due_date = fields.Date(required=True)
    done_on = fields.Date(allow_none=True, dump_only=True)


class StatementSchema(Schema):
    id = fields.Integer()
    batch_id = fields.Integer()
    key_task = Text()
    key_task_zh = Text(allow_none=True)
    unit_id = fields.Integer()
    first_signatory_id = fields.Integer()
    second_signatory_id = fields.Integer()
    targets = Text(allow_none=True)
    status = choice(StatementStatus)
    signed_at = fields.AwareDateTime(allow_none=True)
    milestones = fields.List(fields.Nested(MilestoneSchema))


class StatementInSchema(Schema):
    batch_id = fields.Integer(required=True, validate=ID, metadata={
        "description": "A statement batch whose signing is one of the meeting's agenda items."})
    key_task = Text(required=True, validate=validate.Length(min=1, max=300))
    key_task_zh = Text(allow_none=True, validate=validate.Length(max=300))
    unit_id = fields.Integer(required=True, validate=ID)
    first_signatory_id = fields.Integer(required=True, validate=ID)
    second_signatory_id = fields.Integer(required=True, validate=ID)
    targets = Text(allow_none=True, validate=validate.Length(max=20000))
    milestones = fields.List(fields.Nested(MilestoneSchema), load_default=list, validate=validate.Length(max=100))


def _linked_programs(meeting_id: int):
    items = meeting_item_ids(meeting_id)
    return sa.select(AwardProgram.id).where(sa.or_(AwardProgram.announcement_item_id.in_(items),
                                                   AwardProgram.presentation_item_id.in_(items)))


def _linked_batches(meeting_id: int):
    return sa.select(StatementBatch.id).where(StatementBatch.signing_item_id.in_(meeting_item_ids(meeting_id)))


def _row(model, object_id: int, field: str, linked=None):
    found = db.session.get(model, object_id)
    if found is None or (linked is not None and found.id not in set(db.session.scalars(linked))):
        abort_with(422, errors={field: ["Unknown, or not linked to this meeting's agenda."]})
    return found


def award_row(award: Award) -> dict:
    return {**{name: getattr(award, name) for name in (
        "id", "program_id", "level_id", "title", "title_zh", "team_name", "citation", "decision_ref", "run_order",
        "presented", "recipients")}, "level_kind": award.level.kind}


def statement_row(statement: Statement) -> dict:
    return {name: getattr(statement, name) for name in StatementSchema._declared_fields}


@blp.get("/meetings/<int(max=2147483647):meeting_id>/awards")
@blp.arguments(PageQuery, location="query")
@blp.response(200, page_of(AwardSchema))
@errors(blp, *READ_ERRORS, 422)
def awards(args, meeting_id: int):
    """The awards of the programs announced or presented at the meeting, in run-sheet order."""
    meeting = access.meeting_or_404(meeting_id, "records.view")
    query = (sa.select(Award).where(Award.program_id.in_(_linked_programs(meeting.id))).options(*AWARD_LOADING)
             .order_by(Award.program_id, Award.run_order, Award.id))
    return paginate(query, args, award_row)


@blp.post("/meetings/<int(max=2147483647):meeting_id>/awards")
@blp.arguments(AwardInSchema)
@blp.response(201, AwardSchema)
@errors(blp, *WRITE_ERRORS)
def add_award(args, meeting_id: int):
    """Add an award to a program of the meeting; recipients by unit code and e-mail (unknown ones → 422)."""
    meeting = access.meeting_or_404(meeting_id, "records.manage")
    program = _row(AwardProgram, args["program_id"], "program_id", _linked_programs(meeting.id))
    level = _row(AwardLevel, args["level_id"], "level_id")
    fields_ = award_services.AwardFields(
        level=level, title=args["title"], title_zh=args.get("title_zh"), team_name=args.get("team_name"),
        citation=args.get("citation"), decision_ref=args.get("decision_ref"),
        recipient_units=";".join(args["recipient_units"]), recipient_people=";".join(args["recipient_people"]),
        team_members=";".join(args["team_members"]))
    return award_row(award_services.add_award(access.api_user(), program, fields_))


@blp.get("/meetings/<int(max=2147483647):meeting_id>/statements")
@blp.arguments(PageQuery, location="query")
@blp.response(200, page_of(StatementSchema))
@errors(blp, *READ_ERRORS, 422)
def statements(args, meeting_id: int):
    """The responsibility statements of the batches signed at the meeting, in order."""
    meeting = access.meeting_or_404(meeting_id, "records.view")
    query = (sa.select(Statement).where(Statement.batch_id.in_(_linked_batches(meeting.id)))
             .options(selectinload(Statement.milestones)).order_by(Statement.batch_id, Statement.position,
                                                                   Statement.id))
    return paginate(query, args, statement_row)


@blp.post("/meetings/<int(max=2147483647):meeting_id>/statements")
@blp.arguments(StatementInSchema)
@blp.response(201, StatementSchema)
@errors(blp, *WRITE_ERRORS)
def add_statement(args, meeting_id: int):
    """Add a drafted statement (with milestones) to a batch signed at the meeting."""
    meeting = access.meeting_or_404(meeting_id, "records.manage")
    batch = _row(StatementBatch, args["batch_id"], "batch_id", _linked_batches(meeting.id))
    fields_ = statement_services.StatementFields(
        key_task=args["key_task"], key_task_zh=args.get("key_task_zh"), targets=args.get("targets"),
        unit=_row(Unit, args["unit_id"], "unit_id"),
        first_signatory=_row(Person, args["first_signatory_id"], "first_signatory_id"),
        second_signatory=_row(Person, args["second_signatory_id"], "second_signatory_id"),
        milestones=[(m["due_date"], m["title"]) for m in args["milestones"]])
    return statement_row(statement_services.add_statement(access.api_user(), batch, fields_))
