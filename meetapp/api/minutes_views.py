"""/api/v1/meetings/{id}/minutes: read and save the minutes with optimistic locking (``version``), and move them
along the workflow — through ``meetapp.minutes.services``, like the minutes pages."""

from __future__ import annotations

from flask import abort
from flask_babel import get_locale
from marshmallow import Schema, fields, validate
from sqlalchemy.orm import selectinload

from meetapp import policy
from meetapp.api import access
from meetapp.api.resources import READ_ERRORS, WRITE_ERRORS, api_blueprint, errors
from meetapp.api.schemas import ID, Choice, Text, choice
from meetapp.auth.models import User
from meetapp.extensions import db
from meetapp.minutes import services
from meetapp.minutes.models import ActionStatus, Minutes, MinutesStatus

blp = api_blueprint("api_minutes", "Minutes: versions with optimistic locking, review and publication.")


class ActionItemSchema(Schema):
    id = fields.Integer(allow_none=True, validate=ID, metadata={"description": "Omit for a new action item."})
    title = Text(required=True, validate=validate.Length(min=1, max=500))
    owner_id = fields.Integer(allow_none=True, validate=ID, metadata={"description": "A directory person."})
    due_on = fields.Date(allow_none=True)
    status = choice(ActionStatus, load_default=ActionStatus.OPEN)


class MinutesSchema(Schema):
    id = fields.Integer()
    meeting_id = fields.Integer()
    status = choice(MinutesStatus)
    version = fields.Integer(metadata={"description": "The current version: send it back with PUT."})
    body = Text(metadata={"description": "The secretary's Markdown of the current version."})
    content = Text(metadata={"description": "The whole text of the current version (body, decisions, action "
                                            "items), as reviewers approve it."})
    sha256 = Text()
    published_at = fields.AwareDateTime(allow_none=True)
    reviewer_ids = fields.List(fields.Integer())
    decisions = fields.List(Text())
    action_items = fields.List(fields.Nested(ActionItemSchema))


class MinutesInSchema(Schema):
    version = fields.Integer(required=True, validate=validate.Range(min=0, max=2**31 - 1), metadata={
        "description": "The version this text was based on (0: no minutes yet). Another → 409."})
    body = Text(required=True, validate=validate.Length(min=1, max=500_000))
    decisions = fields.List(Text(validate=validate.Length(min=1, max=10_000)), load_default=list,
                            validate=validate.Length(max=500))
    action_items = fields.List(fields.Nested(ActionItemSchema), load_default=list, validate=validate.Length(max=500))


class TransitionSchema(Schema):
    to = Choice(MinutesStatus, by_value=True, required=True, validate=validate.OneOf(
        [MinutesStatus.IN_REVIEW, MinutesStatus.APPROVED, MinutesStatus.PUBLISHED, MinutesStatus.DRAFT]))
    reviewer_ids = fields.List(fields.Integer(validate=ID), validate=validate.Length(max=100), metadata={
        "description": "With to=in_review: the reviewers (replacing the list)."})


OPTIONS = (selectinload(Minutes.versions), selectinload(Minutes.reviewers), selectinload(Minutes.decisions),
           selectinload(Minutes.action_items))


def minutes_row(minutes: Minutes) -> dict:
    current = services.current_version(minutes)
    return {
        "id": minutes.id, "meeting_id": minutes.meeting_id, "status": minutes.status,
        "version": minutes.current_number, "body": current.body if current else "",
        "content": current.content if current else "", "sha256": current.sha256 if current else "",
        "published_at": minutes.published_at, "reviewer_ids": [user.id for user in minutes.reviewers],
        "decisions": [decision.text for decision in minutes.decisions],
        "action_items": [{"id": item.id, "title": item.title, "owner_id": item.owner_id, "due_on": item.due_on,
                          "status": item.status} for item in minutes.action_items],
    }


def _minutes_or_404(meeting, write: bool) -> Minutes | None:
    """The minutes the token's user may read (and, with ``write``, write); None: none yet, for those who write."""
    user = access.api_user()
    writes = policy.can("minutes.write", meeting, user=user)
    minutes = services.get_minutes(meeting)
    if minutes is None or not policy.can("minutes.view", minutes, user=user):
        if minutes is None and writes and write:
            return None
        abort(404)
    if write and not writes:
        abort(403, description="The token's user may not write these minutes.")
    return minutes


def _locale() -> str:
    return str(get_locale() or "en")


@blp.get("/meetings/<int(max=2147483647):meeting_id>/minutes")
@blp.response(200, MinutesSchema)
@errors(blp, *READ_ERRORS)
def minutes(meeting_id: int):
    """The meeting's minutes, current version; drafts only for those who write or review them."""
    meeting = access.meeting_or_404(meeting_id)
    return minutes_row(_minutes_or_404(meeting, write=False))


@blp.put("/meetings/<int(max=2147483647):meeting_id>/minutes")
@blp.arguments(MinutesInSchema)
@blp.response(200, MinutesSchema)
@errors(blp, *WRITE_ERRORS)
def save_minutes(args, meeting_id: int):
    """Save a new version (text, decisions, action items replace the current ones). ``version`` must be the
    current one (0 when there are no minutes yet): otherwise someone saved in between → 409. Published minutes
    → 409 (they are amended, on the page)."""
    meeting = access.meeting_or_404(meeting_id)
    minutes = _minutes_or_404(meeting, write=True)
    user = access.api_user()
    expected = args["version"]
    if minutes is None:
        if expected != 0:
            raise services.StaleVersion()
        minutes = services.start_minutes(user, meeting, _locale())
        expected = minutes.current_number
    items = [services.ActionItemInput(title=item["title"], owner_id=item.get("owner_id"), due_on=item.get("due_on"),
                                      status=item["status"], id=item.get("id")) for item in args["action_items"]]
    services.save_minutes(user, minutes, body=args["body"], expected_version=expected, decisions=args["decisions"],
                          action_items=items, locale=_locale())
    return minutes_row(db.session.get(Minutes, minutes.id, options=list(OPTIONS)))


@blp.post("/meetings/<int(max=2147483647):meeting_id>/minutes/transitions")
@blp.arguments(TransitionSchema)
@blp.response(200, MinutesSchema)
@errors(blp, *WRITE_ERRORS)
def transition(args, meeting_id: int):
    """Move the minutes: draft → in_review (with ``reviewer_ids``, or the reviewers named before) → approved (once
    every reviewer approved the current version) → published. Not allowed from here → 409."""
    meeting = access.meeting_or_404(meeting_id)
    minutes = _minutes_or_404(meeting, write=True)
    if minutes is None:
        abort(404, description="This meeting has no minutes yet: PUT them first.")
    user = access.api_user()
    if args["to"] == MinutesStatus.IN_REVIEW and args.get("reviewer_ids"):
        reviewers = [db.session.get(User, user_id) for user_id in dict.fromkeys(args["reviewer_ids"])]
        if None in reviewers:
            from flask_smorest import abort as abort_with

            abort_with(422, errors={"reviewer_ids": ["Every reviewer must be a user."]})
        services.submit_for_review(user, minutes, reviewers)
    else:
        services.transition(user, minutes, args["to"])
    return minutes_row(minutes)
