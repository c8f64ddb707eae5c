"""/api/v1/meetings, their sessions and agenda items: the meetings and agenda services do the work."""

from __future__ import annotations

import dataclasses

import sqlalchemy as sa
from flask_smorest import abort as abort_with
from sqlalchemy.orm import selectinload

from meetapp import policy
from meetapp.agenda import services as agenda_services
from meetapp.agenda.models import AgendaItem
from meetapp.api import access
from meetapp.api.resources import READ_ERRORS, WRITE_ERRORS, api_blueprint, errors, paginate
from meetapp.api.schemas import (
    AgendaItemInSchema,
    AgendaItemSchema,
    AgendaQuery,
    MeetingDetailSchema,
    MeetingInSchema,
    MeetingPatchSchema,
    MeetingQuery,
    MeetingSchema,
    PageQuery,
    SessionInSchema,
    SessionSchema,
    page_of,
)
from meetapp.auth.models import User
from meetapp.directory.models import Person
from meetapp.extensions import db
from meetapp.meetings import listing, services
from meetapp.meetings.models import Meeting, MeetingSeries, MeetingSession, Venue

blp = api_blueprint("api_meetings", "Meetings, their sessions and agenda items.")

# Changes through the API are strict about rooms: a double-booked venue is refused (409), not saved with a warning.
STRICT = True


def lookup(model, object_id: int | None, field: str):
    """The row ``object_id`` names in the request, or 422 naming the field."""
    if object_id is None:
        return None
    found = db.session.get(model, object_id)
    if found is None:
        abort_with(422, errors={field: [f"No {model.__tablename__} row has the id {object_id}."]})
    return found


def lookup_all(model, ids, field: str) -> list:
    return [lookup(model, object_id, field) for object_id in dict.fromkeys(ids or [])]


def meeting_data(args: dict, data: services.MeetingData | None = None) -> services.MeetingData:
    """The service's ``MeetingData`` from the request (over ``data``: the meeting's details, for PATCH)."""
    plain = ("title", "starts_at", "ends_at", "timezone", "description", "kind", "format", "visibility",
             "video_platform", "video_url", "video_meeting_code", "video_passcode")
    changes = {name: args[name] for name in plain if name in args}
    if "venue_id" in args:
        changes["venue"] = lookup(Venue, args["venue_id"], "venue_id")
    if "branch_venue_ids" in args:
        changes["branch_venues"] = lookup_all(Venue, args["branch_venue_ids"], "branch_venue_ids")
    if "series_id" in args:
        changes["series"] = lookup(MeetingSeries, args["series_id"], "series_id")
    if "organizer_ids" in args:
        changes["organizers"] = lookup_all(User, args["organizer_ids"], "organizer_ids")
    if data is None:
        return services.MeetingData(**changes)
    return dataclasses.replace(data, **changes)


def meeting_detail(meeting: Meeting) -> dict:
    shows_video = meeting.video_url and policy.can("meeting.view_join_details", meeting, user=access.api_user())
    return {
        **{name: getattr(meeting, name) for name in MeetingSchema._declared_fields},
        "organizer_ids": [user.id for user in meeting.organizers],
        "branch_venue_ids": [venue.id for venue in meeting.branch_venues],
        "session_ids": [session.id for session in meeting.sessions],
        "video": {"platform": meeting.video_platform, "url": meeting.video_url,
                  "meeting_code": meeting.video_meeting_code, "passcode": meeting.video_passcode}
        if shows_video else None,
    }


DETAIL_OPTIONS = (selectinload(Meeting.organizers), selectinload(Meeting.branch_venues),
                  selectinload(Meeting.sessions))


# --- meetings --------------------------------------------------------------------------------------------


@blp.get("/meetings")
@blp.arguments(MeetingQuery, location="query")
@blp.response(200, page_of(MeetingSchema))
@errors(blp, 401, 403, 422)
def meetings(args):
    """The meetings the token's user may see; ``when`` = all (default), upcoming or past; ``mine``: only those
    they organize or are invited to."""
    access.needs()
    access.allow("meeting.list")
    criteria = listing.MeetingFilter(q=args["q"], status=args["status"], series_id=args["series_id"],
                                     when=args["when"], mine=args["mine"])
    return paginate(listing.meetings_select(access.api_user(), criteria), args)


@blp.post("/meetings")
@blp.arguments(MeetingInSchema)
@blp.response(201, MeetingDetailSchema)
@errors(blp, *WRITE_ERRORS)
def create_meeting(args):
    """A new draft meeting with one session spanning it; the creator organizes it. A venue booked by another
    meeting at that time → 409."""
    access.needs()
    access.allow("meeting.create")
    meeting = services.create_meeting(access.api_user(), meeting_data(args), strict=STRICT)
    return meeting_detail(meeting)


@blp.get("/meetings/<int(max=2147483647):meeting_id>")
@blp.response(200, MeetingDetailSchema)
@errors(blp, *READ_ERRORS)
def meeting(meeting_id: int):
    """One meeting; ``video`` (join details) only for its managers and invitees."""
    return meeting_detail(access.meeting_or_404(meeting_id, options=DETAIL_OPTIONS))


@blp.patch("/meetings/<int(max=2147483647):meeting_id>")
@blp.arguments(MeetingPatchSchema(partial=True))
@blp.response(200, MeetingDetailSchema)
@errors(blp, *WRITE_ERRORS)
def update_meeting(args, meeting_id: int):
    """Change some details; ``status`` moves the meeting along (draft → scheduled → in_progress → ended, or
    cancelled), after the details are saved. A double-booked venue → 409, a transition not allowed → 409."""
    meeting = access.meeting_or_404(meeting_id, "meeting.manage", options=DETAIL_OPTIONS)
    status = args.pop("status", None)
    if args:
        services.update_meeting(access.api_user(), meeting, meeting_data(args, services.MeetingData.of(meeting)),
                                strict=STRICT)
    if status is not None and status != meeting.status:
        services.change_status(access.api_user(), meeting, status)
    return meeting_detail(meeting)


@blp.delete("/meetings/<int(max=2147483647):meeting_id>")
@blp.response(200, MeetingDetailSchema)
@errors(blp, *WRITE_ERRORS)
def cancel_meeting(meeting_id: int):
    """Cancel the meeting: nothing is erased (sessions, agenda, participants stay) and attendees are told.
    An ended or already cancelled meeting → 409."""
    meeting = access.meeting_or_404(meeting_id, "meeting.manage", options=DETAIL_OPTIONS)
    services.cancel_meeting(access.api_user(), meeting)
    return meeting_detail(meeting)


# --- sessions --------------------------------------------------------------------------------------------


def session_row(session: MeetingSession) -> dict:
    return {**{name: getattr(session, name) for name in (
        "id", "meeting_id", "title", "starts_at", "ends_at", "presider_id", "quorum_required", "quorum_percent")},
        "venue_id": session.venue_id}


@blp.get("/meetings/<int(max=2147483647):meeting_id>/sessions")
@blp.arguments(PageQuery, location="query")
@blp.response(200, page_of(SessionSchema))
@errors(blp, *READ_ERRORS, 422)
def sessions(args, meeting_id: int):
    """The meeting's sessions in time order."""
    meeting = access.meeting_or_404(meeting_id)
    query = (sa.select(MeetingSession).where(MeetingSession.meeting_id == meeting.id)
             .order_by(MeetingSession.starts_at, MeetingSession.id))
    return paginate(query, args, session_row)


@blp.post("/meetings/<int(max=2147483647):meeting_id>/sessions")
@blp.arguments(SessionInSchema)
@blp.response(201, SessionSchema)
@errors(blp, *WRITE_ERRORS)
def add_session(args, meeting_id: int):
    """A new session (attendees are told); its room double-booked → 409."""
    meeting = access.meeting_or_404(meeting_id, "meeting.manage")
    data = services.SessionData(title=args["title"], starts_at=args["starts_at"], ends_at=args["ends_at"],
                                presider=lookup(Person, args.get("presider_id"), "presider_id"),
                                venue_override=lookup(Venue, args.get("venue_id"), "venue_id"))
    return session_row(services.add_session(access.api_user(), meeting, data, strict=STRICT))


# --- agenda items ----------------------------------------------------------------------------------------


def item_row(item: AgendaItem) -> dict:
    return {**{name: getattr(item, name) for name in (
        "id", "session_id", "position", "type", "title", "description", "duration_minutes")},
        "presenters": [{"person_id": p.person_id, "role": p.role} for p in item.presenters]}


@blp.get("/meetings/<int(max=2147483647):meeting_id>/agenda-items")
@blp.arguments(AgendaQuery, location="query")
@blp.response(200, page_of(AgendaItemSchema))
@errors(blp, *READ_ERRORS, 422)
def agenda_items(args, meeting_id: int):
    """The agenda in order (session by session), optionally of one session (``session_id``)."""
    meeting = access.meeting_or_404(meeting_id)
    query = (sa.select(AgendaItem).join(AgendaItem.session).where(MeetingSession.meeting_id == meeting.id)
             .options(selectinload(AgendaItem.presenters))
             .order_by(MeetingSession.starts_at, MeetingSession.id, AgendaItem.position, AgendaItem.id))
    if args["session_id"] is not None:
        query = query.where(AgendaItem.session_id == args["session_id"])
    return paginate(query, args, item_row)


@blp.post("/meetings/<int(max=2147483647):meeting_id>/agenda-items")
@blp.arguments(AgendaItemInSchema)
@blp.response(201, AgendaItemSchema)
@errors(blp, *WRITE_ERRORS)
def add_agenda_item(args, meeting_id: int):
    """Append an item to the session ``session_id`` (a session of this meeting, else 422)."""
    meeting = access.meeting_or_404(meeting_id, "meeting.manage")
    session = db.session.get(MeetingSession, args["session_id"])
    if session is None or session.meeting_id != meeting.id:
        abort_with(422, errors={"session_id": ["Not a session of this meeting."]})
    item = agenda_services.add_item(session, type=args["type"], title=args["title"],
                                    duration_minutes=args["duration_minutes"], description=args.get("description"))
    return item_row(item)
