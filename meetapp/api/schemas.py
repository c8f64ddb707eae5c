"""The API's shapes (marshmallow): what each path reads and answers; the OpenAPI document is made from them."""

from __future__ import annotations

from datetime import UTC, datetime

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from meetapp.agenda.models import AgendaItemType, PresenterRole
from meetapp.api.models import Scope
from meetapp.attendance.models import CheckInSource
from meetapp.auth.models import SystemRole
from meetapp.meetings.models import MeetingFormat, MeetingKind, MeetingStatus, VideoPlatform, Visibility
from meetapp.participants.models import AttendanceMode, MeetingRole, RsvpStatus

MAX_PER_PAGE = 200
MAX_ID = 2**31 - 1  # ids are 32-bit integers in the database: larger ones name nothing
ID = validate.Range(min=1, max=MAX_ID)
EARLIEST, LATEST = datetime(1900, 1, 1, tzinfo=UTC), datetime(2200, 1, 1, tzinfo=UTC)


class Text(fields.String):
    """A string without NUL characters (PostgreSQL cannot store them)."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if "\x00" in text:
            raise ValidationError("Text may not contain NUL characters.")
        return text


class Moment(fields.AwareDateTime):
    """An ISO 8601 date and time with its UTC offset, between 1900 and 2200, as aware UTC."""

    def _deserialize(self, value, attr, data, **kwargs):
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            moment = moment.astimezone(UTC)
        except OverflowError:
            moment = None
        if moment is None or not EARLIEST <= moment < LATEST:
            raise ValidationError("Give a date and time between 1900 and 2200.")
        return moment


class Choice(fields.Enum):
    """An enum by its value; dumps plain strings as well (rows read with column selects)."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and not isinstance(value, self.enum):
            value = self.enum(value)
        return super()._serialize(value, attr, obj, **kwargs)


def choice(enum_cls, **kwargs):
    return Choice(enum_cls, by_value=True, **kwargs)


class ProblemSchema(Schema):
    """RFC 9457 problem details."""

    type = Text(metadata={"example": "about:blank"})
    title = Text()
    status = fields.Integer()
    detail = Text()
    errors = fields.Dict(metadata={"description": "Field errors of a request that did not validate."})
    outcome = Text(metadata={"description": "Check-ins: why the scan was refused."})


class PageQuery(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=MAX_PER_PAGE))


def page_of(item_schema: type[Schema]) -> type[Schema]:
    """The envelope of a paginated list: ``items`` and where the page is."""
    return type(f"{item_schema.__name__.removesuffix('Schema')}PageSchema", (Schema,), {
        "items": fields.List(fields.Nested(item_schema), required=True),
        "page": fields.Integer(required=True),
        "per_page": fields.Integer(required=True),
        "total": fields.Integer(required=True),
        "pages": fields.Integer(required=True),
    })


# --- tokens and the caller -------------------------------------------------------------------------------


class TokenRequestSchema(Schema):
    email = Text(required=True, validate=validate.Length(min=1, max=254))
    password = Text(required=True, validate=validate.Length(min=1, max=1000), load_only=True)
    name = Text(load_default="API", validate=validate.Length(min=1, max=100))
    scopes = fields.List(choice(Scope), load_default=lambda: [Scope.READ], validate=validate.Length(min=1))
    expires_at = Moment(load_default=None, allow_none=True)


class TokenSchema(Schema):
    id = fields.Integer()
    name = Text()
    prefix = Text(metadata={"description": "The token's first characters, to tell tokens apart."})
    scopes = fields.List(choice(Scope))
    created_at = Moment()
    expires_at = Moment(allow_none=True)
    last_used_at = Moment(allow_none=True)
    revoked_at = Moment(allow_none=True)


class NewTokenSchema(TokenSchema):
    token = Text(metadata={"description": "The token itself; shown this once, never again."})


class MeSchema(Schema):
    id = fields.Integer()
    email = Text()
    name = Text()
    roles = fields.List(choice(SystemRole))
    person_id = fields.Integer(allow_none=True)
    token = fields.Nested(TokenSchema)


# --- directory -------------------------------------------------------------------------------------------


class UnitSchema(Schema):
    id = fields.Integer()
    code = Text()
    name = Text()
    name_zh = Text(allow_none=True)
    kind = Text()
    parent_id = fields.Integer(allow_none=True)


class PersonSchema(Schema):
    id = fields.Integer()
    name = Text()
    name_zh = Text(allow_none=True)
    title = Text(allow_none=True)
    title_zh = Text(allow_none=True)
    unit_id = fields.Integer(allow_none=True)
    email = Text(allow_none=True)


class PeopleQuery(PageQuery):
    q = Text(load_default="", validate=validate.Length(max=200))
    unit_id = fields.Integer(load_default=None, validate=ID)


# --- meetings --------------------------------------------------------------------------------------------


class VideoSchema(Schema):
    platform = choice(VideoPlatform, allow_none=True)
    url = Text()
    meeting_code = Text(allow_none=True)
    passcode = Text(allow_none=True)


class MeetingSchema(Schema):
    id = fields.Integer()
    title = Text()
    description = Text(allow_none=True)
    kind = choice(MeetingKind)
    format = choice(MeetingFormat)
    status = choice(MeetingStatus)
    visibility = choice(Visibility)
    timezone = Text()
    starts_at = Moment()
    ends_at = Moment()
    venue_id = fields.Integer(allow_none=True)
    series_id = fields.Integer(allow_none=True)
    updated_at = Moment()


class MeetingDetailSchema(MeetingSchema):
    organizer_ids = fields.List(fields.Integer())
    branch_venue_ids = fields.List(fields.Integer())
    session_ids = fields.List(fields.Integer())
    video = fields.Nested(VideoSchema, allow_none=True,
                          metadata={"description": "Join details: for the meeting's managers and invitees only."})


class MeetingQuery(PageQuery):
    q = Text(load_default="", validate=validate.Length(max=200))
    status = choice(MeetingStatus, load_default=None)
    series_id = fields.Integer(load_default=None, validate=ID)
    when = Text(load_default="all", validate=validate.OneOf(["all", "upcoming", "past"]))
    mine = fields.Boolean(load_default=False)


def _ends_after_start(data, partial=False):
    starts, ends = data.get("starts_at"), data.get("ends_at")
    if starts is not None and ends is not None and ends <= starts:
        raise ValidationError("The end must be after the start.", "ends_at")


class MeetingInSchema(Schema):
    title = Text(required=True, validate=validate.Length(min=1, max=300))
    starts_at = Moment(required=True)
    ends_at = Moment(required=True)
    timezone = Text(validate=validate.Length(min=1, max=64))
    description = Text(allow_none=True, validate=validate.Length(max=20000))
    kind = choice(MeetingKind)
    format = choice(MeetingFormat)
    visibility = choice(Visibility)
    venue_id = fields.Integer(allow_none=True, validate=ID)
    branch_venue_ids = fields.List(fields.Integer(validate=ID), validate=validate.Length(max=100))
    series_id = fields.Integer(allow_none=True, validate=ID)
    organizer_ids = fields.List(fields.Integer(validate=ID), validate=validate.Length(max=100))
    video_platform = choice(VideoPlatform, allow_none=True)
    video_url = Text(allow_none=True, validate=validate.Length(max=500))
    video_meeting_code = Text(allow_none=True, validate=validate.Length(max=100))
    video_passcode = Text(allow_none=True, validate=validate.Length(max=100))

    @validates_schema
    def check_times(self, data, **kwargs):
        _ends_after_start(data)


class MeetingPatchSchema(MeetingInSchema):
    status = choice(MeetingStatus)


class SessionSchema(Schema):
    id = fields.Integer()
    meeting_id = fields.Integer()
    title = Text()
    starts_at = Moment()
    ends_at = Moment()
    presider_id = fields.Integer(allow_none=True)
    venue_id = fields.Integer(allow_none=True, metadata={"description": "The session's own room; null: the "
                                                                          "meeting's main venue."})
    quorum_required = fields.Boolean()
    quorum_percent = fields.Integer()


class SessionInSchema(Schema):
    title = Text(required=True, validate=validate.Length(min=1, max=300))
    starts_at = Moment(required=True)
    ends_at = Moment(required=True)
    presider_id = fields.Integer(allow_none=True, validate=ID)
    venue_id = fields.Integer(allow_none=True, validate=ID)

    @validates_schema
    def check_times(self, data, **kwargs):
        _ends_after_start(data)


class PresenterSchema(Schema):
    person_id = fields.Integer()
    role = choice(PresenterRole)


class AgendaItemSchema(Schema):
    id = fields.Integer()
    session_id = fields.Integer()
    position = fields.Integer()
    type = choice(AgendaItemType)
    title = Text()
    description = Text(allow_none=True)
    duration_minutes = fields.Integer()
    presenters = fields.List(fields.Nested(PresenterSchema))


class AgendaQuery(PageQuery):
    session_id = fields.Integer(load_default=None, validate=ID)


class AgendaItemInSchema(Schema):
    session_id = fields.Integer(required=True, validate=ID)
    type = choice(AgendaItemType, load_default=AgendaItemType.OTHER)
    title = Text(required=True, validate=validate.Length(min=1, max=300))
    description = Text(allow_none=True, validate=validate.Length(max=20000))
    duration_minutes = fields.Integer(load_default=10, validate=validate.Range(min=0, max=1440))


# --- participants ----------------------------------------------------------------------------------------


class ParticipantSchema(Schema):
    id = fields.Integer()
    meeting_id = fields.Integer()
    person_id = fields.Integer()
    person = fields.Nested(PersonSchema)
    roles = fields.List(choice(MeetingRole))
    mode = choice(AttendanceMode)
    branch_venue_id = fields.Integer(allow_none=True)
    rsvp_status = choice(RsvpStatus)
    delegate_id = fields.Integer(allow_none=True)
    seat = Text(allow_none=True)
    invited = fields.Boolean()
    removed = fields.Boolean()
    ticket_code = Text(metadata={"description": "What the ticket's QR code holds."})


class ParticipantQuery(PageQuery):
    q = Text(load_default="", validate=validate.Length(max=200))
    role = choice(MeetingRole, load_default=None)
    rsvp = choice(RsvpStatus, load_default=None)
    mode = choice(AttendanceMode, load_default=None)
    removed = fields.Boolean(load_default=False)


class ParticipantsInSchema(Schema):
    person_ids = fields.List(fields.Integer(validate=ID), required=True,
                             validate=validate.Length(min=1, max=5000))
    roles = fields.List(choice(MeetingRole), load_default=lambda: [MeetingRole.ATTENDEE],
                        validate=validate.Length(min=1))
    mode = choice(AttendanceMode, load_default=None)
    branch_venue_id = fields.Integer(load_default=None, allow_none=True, validate=ID)


class AddedSchema(Schema):
    added = fields.Integer()
    already = fields.Integer(metadata={"description": "Already on the list: left as they were."})
    items = fields.List(fields.Nested(ParticipantSchema))


class ParticipantPatchSchema(Schema):
    roles = fields.List(choice(MeetingRole), validate=validate.Length(min=1))
    mode = choice(AttendanceMode)
    branch_venue_id = fields.Integer(allow_none=True, validate=ID)


# --- check-ins and attendance ----------------------------------------------------------------------------


class CheckInInSchema(Schema):
    ticket_code = Text(validate=validate.Length(min=1, max=64))
    participant_id = fields.Integer(validate=ID)
    session_id = fields.Integer(required=True, validate=ID)
    mode = choice(AttendanceMode, load_default=None)
    branch_venue_id = fields.Integer(load_default=None, allow_none=True, validate=ID)
    nonce = Text(load_default=None, allow_none=True, validate=validate.Length(min=1, max=64),
                          metadata={"description": "The client's idempotency key: a retried request with the same "
                                                   "nonce gets the first answer's record."})
    source = Text(load_default=CheckInSource.DESK.value,
                  validate=validate.OneOf([CheckInSource.DESK.value, CheckInSource.MANUAL.value]),
                  metadata={"description": "desk (the default): seen at the door, checked in now. manual: entered "
                                           "afterwards, e.g. from the paper sign-in sheet, at checked_in_at or at "
                                           "the session's start; only once the session has started."})
    checked_in_at = Moment(load_default=None, allow_none=True,
                           metadata={"description": "Manual check-ins only: when the person arrived (before the "
                                                    "session's end, not in the future). Default: the session's "
                                                    "start, so not late."})

    @validates_schema
    def one_way_to_name_the_person(self, data, **kwargs):
        if ("ticket_code" in data) == ("participant_id" in data):
            raise ValidationError("Give either ticket_code or participant_id.", "ticket_code")

    @validates_schema
    def a_time_only_when_entered_by_hand(self, data, **kwargs):
        if data.get("checked_in_at") is not None and data.get("source") != CheckInSource.MANUAL.value:
            raise ValidationError("Only a manual check-in takes a time; a desk check-in is now.", "checked_in_at")


class CheckInSchema(Schema):
    id = fields.Integer()
    meeting_id = fields.Integer()
    session_id = fields.Integer()
    participant_id = fields.Integer()
    attendee_person_id = fields.Integer(allow_none=True, metadata={"description": "A delegate sitting in."})
    mode = choice(AttendanceMode)
    venue_id = fields.Integer(allow_none=True)
    source = choice(CheckInSource)
    checked_in_at = Moment()
    undone_at = Moment(allow_none=True)
    undo_reason = Text(allow_none=True)
    nonce = Text(attribute="client_nonce", allow_none=True)


class UndoQuery(Schema):
    reason = Text(load_default=None, validate=validate.Length(max=300))


class AttendanceQuery(Schema):
    session_id = fields.Integer(load_default=None, validate=ID,
                                metadata={"description": "Default: the session on now, else the first."})


class TallySchema(Schema):
    key = Text(metadata={"example": "role:speaker"})
    label = Text()
    invited = fields.Integer()
    present = fields.Integer()
    percent = fields.Integer()


class TotalsSchema(Schema):
    invited = fields.Integer()
    present = fields.Integer()
    represented = fields.Integer()
    apologies = fields.Integer()
    not_arrived = fields.Integer()
    percent = fields.Integer()


class QuorumSchema(Schema):
    members = fields.Integer()
    present = fields.Integer()
    present_in_person = fields.Integer()
    present_video = fields.Integer()
    required = fields.Integer()
    percent = fields.Integer()
    counts_video = fields.Boolean()
    met = fields.Boolean()


class AttendanceSchema(Schema):
    meeting_id = fields.Integer()
    session_id = fields.Integer()
    totals = fields.Nested(TotalsSchema)
    by_role = fields.List(fields.Nested(TallySchema))
    by_mode = fields.List(fields.Nested(TallySchema))
    by_unit = fields.List(fields.Nested(TallySchema))
    quorum = fields.Nested(QuorumSchema, allow_none=True)


# --- video reports ---------------------------------------------------------------------------------------


class VideoReportQuery(Schema):
    dry_run = fields.Boolean(load_default=False)


class VideoReportFormSchema(Schema):
    session_id = fields.Integer(required=True, validate=ID)
    platform = Text(load_default=None, validate=validate.OneOf(["zoom", "teams", "tencent", "webex",
                                                                         "feishu"]))
    timezone = Text(load_default=None, validate=validate.Length(min=1, max=64))
    threshold_percent = fields.Integer(load_default=None, validate=validate.Range(min=1, max=100))


class VideoReportFileSchema(Schema):
    file = fields.Raw(required=True, metadata={"type": "string", "format": "binary"})


class ReportPersonSchema(Schema):
    key = Text()
    name = Text()
    email = Text()
    minutes = fields.Integer()
    attended = fields.Boolean()
    participant_id = fields.Integer(allow_none=True, metadata={"description": "The matched invitee; null: none."})


class ReportPreviewSchema(Schema):
    filename = Text()
    platform = Text()
    rows_total = fields.Integer()
    people = fields.List(fields.Nested(ReportPersonSchema))
    warnings = fields.List(Text())


class ReportImportedSchema(Schema):
    report_id = fields.Integer()
    checked_in = fields.Integer()
    updated = fields.Integer()
    kept = fields.Integer()
    guests = fields.Integer()
