"""Read side of the meetings pages: the meeting list, what the meeting page loads, the choices forms offer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from meetapp.agenda.models import AgendaItem, AgendaPresenter
from meetapp.auth.models import SystemRole, User, UserRole
from meetapp.database import utcnow
from meetapp.directory.models import Person
from meetapp.directory.queries import PeopleFilter, contains_text, people_select
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingSeries, MeetingSession, MeetingStatus, Venue
from meetapp.meetings.queries import meetings_involving, visible_meetings
from meetapp.participants.models import Participant, RsvpStatus

UPCOMING, PAST, ALL = "upcoming", "past", "all"


@dataclass
class MeetingFilter:
    q: str = ""
    status: MeetingStatus | None = None
    series_id: int | None = None
    when: str = UPCOMING  # upcoming (not yet ended, soonest first), past (latest first) or all (by start)
    mine: bool = False  # only meetings the user organizes or is invited to


def meetings_select(user, criteria: MeetingFilter, now: datetime | None = None) -> sa.Select:
    """The meetings ``user`` may see matching ``criteria``, with what the list shows loaded."""
    now = now or utcnow()
    query = visible_meetings(user).options(joinedload(Meeting.venue), joinedload(Meeting.series))
    if criteria.q.strip():
        query = query.where(contains_text(criteria.q, Meeting.title))
    if criteria.status is not None:
        query = query.where(Meeting.status == criteria.status)
    if criteria.series_id is not None:
        query = query.where(Meeting.series_id == criteria.series_id)
    if criteria.mine:
        query = query.where(Meeting.id.in_(meetings_involving(user).with_only_columns(Meeting.id)))
    if criteria.when == ALL:
        return query.order_by(Meeting.starts_at, Meeting.id)
    if criteria.when == PAST:
        return query.where(Meeting.ends_at < now).order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    return query.where(Meeting.ends_at >= now).order_by(Meeting.starts_at, Meeting.id)


# Everything the meeting page shows, loaded up front (a fixed number of queries, whatever the meeting's size).
MEETING_PAGE_OPTIONS = (
    joinedload(Meeting.venue).joinedload(Venue.unit),
    joinedload(Meeting.series),
    selectinload(Meeting.organizers),
    selectinload(Meeting.branch_venues),
    selectinload(Meeting.sessions).options(
        joinedload(MeetingSession.presider),
        joinedload(MeetingSession.venue_override),
        selectinload(MeetingSession.agenda_items)
        .selectinload(AgendaItem.presenters)
        .joinedload(AgendaPresenter.person),
    ),
)

# What the meeting form and the session pages need.
MEETING_FORM_OPTIONS = (
    joinedload(Meeting.venue),
    joinedload(Meeting.series),
    selectinload(Meeting.organizers),
    selectinload(Meeting.branch_venues),
    selectinload(Meeting.sessions).options(
        joinedload(MeetingSession.presider), joinedload(MeetingSession.venue_override)
    ),
)


@dataclass
class Turnout:
    invited: int
    accepted: int
    declined: int
    pending: int


def turnout(meeting: Meeting) -> Turnout:
    """RSVP counts of the meeting's (not removed) participants, in one query."""
    rows = dict(
        db.session.execute(
            sa.select(Participant.rsvp_status, sa.func.count())
            .where(Participant.meeting_id == meeting.id, Participant.cancelled_at.is_(None))
            .group_by(Participant.rsvp_status)
        ).all()
    )
    return Turnout(
        invited=sum(rows.values()),
        accepted=rows.get(RsvpStatus.ACCEPTED, 0) + rows.get(RsvpStatus.DELEGATED, 0),
        declined=rows.get(RsvpStatus.DECLINED, 0),
        pending=rows.get(RsvpStatus.PENDING, 0),
    )


# --- what the forms offer ----------------------------------------------------------------------------


def organizer_candidates(current: list[User] = ()) -> list[User]:
    """Active users with the organizer or admin role, plus whoever organizes the meeting now."""
    query = (
        sa.select(User)
        .where(User.active, User.role_rows.any(UserRole.role.in_([SystemRole.ORGANIZER, SystemRole.ADMIN])))
        .order_by(User.name, User.id)
    )
    users = list(db.session.scalars(query))
    known = {u.id for u in users}
    return users + [u for u in current if u.id not in known]


def venue_choices(keep_ids=()) -> list[Venue]:
    """Active venues by name, plus inactive ones in ``keep_ids`` (still used by the meeting being edited)."""
    keep_ids = [i for i in keep_ids if i is not None]
    condition = Venue.active if not keep_ids else sa.or_(Venue.active, Venue.id.in_(keep_ids))
    return list(db.session.scalars(sa.select(Venue).where(condition).order_by(Venue.name)))


def all_venues() -> list[Venue]:
    return list(db.session.scalars(sa.select(Venue).options(joinedload(Venue.unit)).order_by(Venue.name)))


def all_series() -> list[MeetingSeries]:
    return list(db.session.scalars(sa.select(MeetingSeries).order_by(MeetingSeries.name)))


def series_meeting_counts() -> dict[int, int]:
    return dict(
        db.session.execute(
            sa.select(Meeting.series_id, sa.func.count())
            .where(Meeting.series_id.is_not(None))
            .group_by(Meeting.series_id)
        ).all()
    )


PRESIDER_CHOICES_LIMIT = 50


def presider_candidates(meeting: Meeting, search: str = "", current: Person | None = None) -> list[Person]:
    """People to choose a presider from: directory matches for ``search`` (when given), else the meeting's
    invitees, plus the current presider."""
    if search.strip():
        query = people_select(PeopleFilter(q=search))
    else:
        query = (
            sa.select(Person)
            .options(joinedload(Person.unit))
            .where(Person.id.in_(
                sa.select(Participant.person_id).where(
                    Participant.meeting_id == meeting.id, Participant.cancelled_at.is_(None)
                )
            ))
            .order_by(Person.name, Person.id)
        )
    people = list(db.session.scalars(query.limit(PRESIDER_CHOICES_LIMIT)))
    if current is not None and all(p.id != current.id for p in people):
        people.insert(0, current)
    return people
