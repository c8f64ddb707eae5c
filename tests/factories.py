"""factory_boy factories for meetapp's models (SQLAlchemy session: the app's)."""

from __future__ import annotations

import functools
import secrets
from datetime import UTC, datetime

import factory
from werkzeug.security import generate_password_hash

from meetapp.agenda.models import AgendaItem, AgendaItemType, AgendaPresenter, Material, PresenterRole
from meetapp.auth.models import SystemRole, User
from meetapp.calendar.models import CalendarFeed
from meetapp.directory.models import Group, Person, Unit, UnitKind
from meetapp.extensions import db
from meetapp.meetings.models import (
    Meeting,
    MeetingFormat,
    MeetingKind,
    MeetingSession,
    MeetingStatus,
    Venue,
    Visibility,
)
from meetapp.participants.models import AttendanceMode, MeetingRole, Participant

PASSWORD = "correct horse battery"


@functools.cache
def _password_hash() -> str:
    # Hashing with scrypt costs ~50 ms; the suite hashes the shared test password once.
    return generate_password_hash(PASSWORD, method="scrypt")


class BaseFactory(factory.alchemy.SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "commit"


class UserFactory(BaseFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    name = factory.Sequence(lambda n: f"User {n}")
    password_hash = factory.LazyFunction(_password_hash)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        self.roles = extracted or [SystemRole.MEMBER]
        if create:
            db.session.commit()


class UnitFactory(BaseFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Unit {n}")
    name_zh = factory.Sequence(lambda n: f"单位{n}")
    kind = UnitKind.DEPARTMENT


class PersonFactory(BaseFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    name_zh = factory.Sequence(lambda n: f"人员{n}")
    title = "Engineer"
    unit = factory.SubFactory(UnitFactory)
    email = factory.Sequence(lambda n: f"person{n}@example.com")


class GroupFactory(BaseFactory):
    class Meta:
        model = Group

    code = factory.Sequence(lambda n: f"G{n:03d}")
    name = factory.Sequence(lambda n: f"Group {n}")


# --- scheduling -------------------------------------------------------------------------------------
class VenueFactory(BaseFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Room {n}")
    capacity = 100


class MeetingFactory(BaseFactory):
    """A scheduled, internal, in-person meeting on 26 Feb 2026, 09:00–12:00 Beijing time, with one session."""

    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Meeting {n}")
    kind = MeetingKind.WORK_MEETING
    timezone = "Asia/Shanghai"
    starts_at = datetime(2026, 2, 26, 1, 0, tzinfo=UTC)
    ends_at = datetime(2026, 2, 26, 4, 0, tzinfo=UTC)
    format = MeetingFormat.IN_PERSON
    status = MeetingStatus.SCHEDULED
    visibility = Visibility.INTERNAL

    @factory.post_generation
    def sessions(self, create, extracted, **kwargs):
        if extracted is not None:
            self.sessions = list(extracted)
        else:
            self.sessions = [MeetingSession(title="Plenary", starts_at=self.starts_at, ends_at=self.ends_at)]
        if create:
            db.session.commit()


class SessionFactory(BaseFactory):
    class Meta:
        model = MeetingSession

    meeting = factory.SubFactory(MeetingFactory, sessions=[])
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyAttribute(lambda s: s.meeting.starts_at)
    ends_at = factory.LazyAttribute(lambda s: s.meeting.ends_at)


class AgendaItemFactory(BaseFactory):
    class Meta:
        model = AgendaItem

    session = factory.SubFactory(SessionFactory)
    position = factory.Sequence(lambda n: n)
    type = AgendaItemType.SPEECH
    title = factory.Sequence(lambda n: f"Item {n}")
    duration_minutes = 15


class ParticipantFactory(BaseFactory):
    class Meta:
        model = Participant

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    mode = AttendanceMode.IN_PERSON

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        self.roles = extracted or [MeetingRole.ATTENDEE]
        if create:
            db.session.commit()


# --- calendar ---------------------------------------------------------------------------------------
class CalendarFeedFactory(BaseFactory):
    class Meta:
        model = CalendarFeed

    user = factory.SubFactory(UserFactory)


# --- agenda presenters and materials -----------------------------------------------------------------
class AgendaPresenterFactory(BaseFactory):
    class Meta:
        model = AgendaPresenter

    item = factory.SubFactory(AgendaItemFactory)
    person = factory.SubFactory(PersonFactory)
    role = PresenterRole.SPEAKER
    position = factory.Sequence(lambda n: n)


class MaterialFactory(BaseFactory):
    """A material row only; tests that download it store a file through the agenda service instead."""

    class Meta:
        model = Material

    item = factory.SubFactory(AgendaItemFactory)
    filename = factory.Sequence(lambda n: f"material-{n}.pdf")
    stored_name = factory.LazyFunction(lambda: secrets.token_hex(16))
    content_type = "application/pdf"
    size = 1234
    sha256 = "0" * 64


# --- meeting series ----------------------------------------------------------------------------------
from meetapp.meetings.models import MeetingSeries  # noqa: E402  (appended with the meetings area)


class MeetingSeriesFactory(BaseFactory):
    class Meta:
        model = MeetingSeries

    name = factory.Sequence(lambda n: f"Series {n}")


# --- records: awards and responsibility statements ----------------------------------------------------
from datetime import date  # noqa: E402  (appended with the records area)

from meetapp.records.models import (  # noqa: E402
    Award,
    AwardLevel,
    AwardProgram,
    AwardRecipient,
    LevelKind,
    Milestone,
    Statement,
    StatementBatch,
)


class AwardProgramFactory(BaseFactory):
    class Meta:
        model = AwardProgram

    name = factory.Sequence(lambda n: f"S&T Award {n}")
    name_zh = factory.Sequence(lambda n: f"科技奖{n}")
    year = 2025


class AwardLevelFactory(BaseFactory):
    class Meta:
        model = AwardLevel

    program = factory.SubFactory(AwardProgramFactory)
    kind = LevelKind.FIRST
    rank = 1


class AwardFactory(BaseFactory):
    """An award with one person recipient (of their unit)."""

    class Meta:
        model = Award

    level = factory.SubFactory(AwardLevelFactory)
    program = factory.LazyAttribute(lambda award: award.level.program)
    title = factory.Sequence(lambda n: f"Project {n}")
    title_zh = factory.Sequence(lambda n: f"项目{n}")
    run_order = factory.Sequence(lambda n: n)

    @factory.post_generation
    def recipients(self, create, extracted, **kwargs):
        if extracted is None:
            person = PersonFactory()
            extracted = [AwardRecipient(person=person, unit=person.unit)]
        self.recipients = list(extracted)
        if create:
            db.session.commit()


class StatementBatchFactory(BaseFactory):
    class Meta:
        model = StatementBatch

    name = factory.Sequence(lambda n: f"Responsibility Statements {n}")
    year = 2026


class StatementFactory(BaseFactory):
    class Meta:
        model = Statement

    batch = factory.SubFactory(StatementBatchFactory)
    key_task = factory.Sequence(lambda n: f"Key task {n}")
    unit = factory.SubFactory(UnitFactory)
    first_signatory = factory.SubFactory(PersonFactory)
    second_signatory = factory.SubFactory(PersonFactory, unit=factory.SelfAttribute("..unit"))
    position = factory.Sequence(lambda n: n)


class MilestoneFactory(BaseFactory):
    class Meta:
        model = Milestone

    statement = factory.SubFactory(StatementFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_date = date(2026, 6, 30)


# --- news releases --------------------------------------------------------------------------------------------
from meetapp.news.models import NewsLanguage, NewsRelease, NewsStatus  # noqa: E402


class NewsReleaseFactory(BaseFactory):
    """A draft release; pass ``status=NewsStatus.PUBLISHED, published_at=…`` for a published one."""

    class Meta:
        model = NewsRelease

    meeting = factory.SubFactory(MeetingFactory)
    language = NewsLanguage.EN
    headline = factory.Sequence(lambda n: f"Headline {n}")
    body = "The meeting was held.\n"
    status = NewsStatus.DRAFT
