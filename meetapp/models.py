"""Imports every area's models so the metadata (and Alembic's autogenerate) sees all tables."""

from meetapp.agenda.models import AgendaItem, AgendaPresenter, Material  # noqa: F401
from meetapp.api.models import ApiToken  # noqa: F401
from meetapp.attendance.models import CheckIn, QuorumSnapshot, VideoReport, VideoSegment  # noqa: F401
from meetapp.audit.models import AuditEntry  # noqa: F401
from meetapp.auth.models import User, UserRole  # noqa: F401
from meetapp.calendar.models import CalendarFeed  # noqa: F401
from meetapp.directory.models import Group, Person, Unit, group_members  # noqa: F401
from meetapp.jobs.models import Job  # noqa: F401
from meetapp.mail.models import OutboxAttachment, OutboxMessage  # noqa: F401
from meetapp.meetings.models import (  # noqa: F401
    Meeting,
    MeetingSeries,
    MeetingSession,
    Venue,
    meeting_branch_venues,
    meeting_organizers,
)
from meetapp.minutes.models import (  # noqa: F401
    ActionItem,
    Decision,
    Minutes,
    MinutesApproval,
    MinutesComment,
    MinutesVersion,
    minutes_reviewers,
)
from meetapp.news.models import NewsRelease  # noqa: F401
from meetapp.participants.models import Participant, ParticipantRole  # noqa: F401
from meetapp.records.models import (  # noqa: F401
    Award,
    AwardLevel,
    AwardProgram,
    AwardRecipient,
    Milestone,
    Statement,
    StatementBatch,
)
from meetapp.search import schema as _search_schema  # noqa: F401  (the full-text index's DDL events)
from meetapp.search.models import SearchDocument  # noqa: F401
