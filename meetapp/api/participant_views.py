"""/api/v1/meetings/{id}/participants: the list of invitees, through the participants services."""

from __future__ import annotations

import sqlalchemy as sa
from flask_smorest import abort as abort_with
from sqlalchemy.orm import joinedload, selectinload

from meetapp.api import access
from meetapp.api.resources import READ_ERRORS, WRITE_ERRORS, api_blueprint, errors, paginate
from meetapp.api.schemas import (
    AddedSchema,
    ParticipantPatchSchema,
    ParticipantQuery,
    ParticipantSchema,
    ParticipantsInSchema,
    page_of,
)
from meetapp.directory.models import Person
from meetapp.extensions import db
from meetapp.participants import queries, services
from meetapp.participants.models import Participant

blp = api_blueprint("api_participants", "Who is invited, in which meeting roles and attendance mode.")


def participant_row(participant: Participant) -> dict:
    return {
        **{name: getattr(participant, name) for name in (
            "id", "meeting_id", "person_id", "person", "mode", "branch_venue_id", "rsvp_status", "delegate_id",
            "seat", "ticket_code")},
        "roles": sorted(participant.roles),
        "invited": participant.invited_sequence is not None,
        "removed": participant.is_cancelled,
    }


def _one(meeting, participant_id: int) -> Participant:
    return access.child_or_404(Participant, participant_id, meeting, options=[
        joinedload(Participant.person), selectinload(Participant.role_rows)])


@blp.get("/meetings/<int(max=2147483647):meeting_id>/participants")
@blp.arguments(ParticipantQuery, location="query")
@blp.response(200, page_of(ParticipantSchema))
@errors(blp, *READ_ERRORS, 422)
def participants(args, meeting_id: int):
    """The meeting's participants by name (for its managers), filtered by name, role, answer or mode; removed
    people only with ``removed=true``."""
    meeting = access.meeting_or_404(meeting_id, "meeting.manage")
    criteria = queries.ParticipantFilter(q=args["q"], role=args["role"], rsvp=args["rsvp"], mode=args["mode"],
                                         invitation=queries.Invitation.REMOVED if args["removed"] else None)
    return paginate(queries.participant_select(meeting, criteria), args, participant_row)


@blp.post("/meetings/<int(max=2147483647):meeting_id>/participants")
@blp.arguments(ParticipantsInSchema)
@blp.response(201, AddedSchema)
@errors(blp, *WRITE_ERRORS)
def add_participants(args, meeting_id: int):
    """Put people on the list with these roles and mode (people already on it stay as they are); the answer lists
    every named person's participant row. A cancelled or ended meeting → 409."""
    meeting = access.meeting_or_404(meeting_id, "meeting.manage")
    person_ids = list(dict.fromkeys(args["person_ids"]))
    known = set(db.session.scalars(sa.select(Person.id).where(Person.id.in_(person_ids))))
    unknown = [pid for pid in person_ids if pid not in known]
    if unknown:
        abort_with(422, errors={"person_ids": [f"No person has the id {pid}." for pid in unknown[:20]]})
    where = services.placement(meeting, args["roles"], args["mode"], args["branch_venue_id"])
    result = services.add_people(meeting, person_ids, where)
    rows = db.session.scalars(
        queries.participant_select(meeting, queries.ParticipantFilter()).where(Participant.person_id.in_(person_ids))
    ).unique().all()
    return {"added": result.added, "already": result.already, "items": [participant_row(p) for p in rows]}


@blp.get("/meetings/<int(max=2147483647):meeting_id>/participants/<int(max=2147483647):participant_id>")
@blp.response(200, ParticipantSchema)
@errors(blp, *READ_ERRORS)
def participant(meeting_id: int, participant_id: int):
    meeting = access.meeting_or_404(meeting_id, "meeting.manage")
    return participant_row(_one(meeting, participant_id))


@blp.patch("/meetings/<int(max=2147483647):meeting_id>/participants/<int(max=2147483647):participant_id>")
@blp.arguments(ParticipantPatchSchema)
@blp.response(200, ParticipantSchema)
@errors(blp, *WRITE_ERRORS)
def update_participant(args, meeting_id: int, participant_id: int):
    """Replace the roles and/or change the planned mode (``branch`` needs ``branch_venue_id``)."""
    meeting = access.meeting_or_404(meeting_id, "meeting.manage")
    found = _one(meeting, participant_id)
    roles = args.get("roles") or ()
    services.update_participants(
        meeting, [found], roles_change=services.RolesChange.SET if roles else services.RolesChange.KEEP,
        roles=roles, mode=args.get("mode"), branch_venue_id=args.get("branch_venue_id"))
    return participant_row(_one(meeting, participant_id))


@blp.delete("/meetings/<int(max=2147483647):meeting_id>/participants/<int(max=2147483647):participant_id>")
@blp.response(204)
@errors(blp, *WRITE_ERRORS)
def remove_participant(meeting_id: int, participant_id: int):
    """Take the person off the list: deleted when never invited, else kept as removed and sent a cancellation."""
    meeting = access.meeting_or_404(meeting_id, "meeting.manage")
    services.remove_participants(meeting, [_one(meeting, participant_id)])
    return None
