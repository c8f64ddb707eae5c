"""Read side of participants: the list organizers filter, the RSVP counts, the people an "add by …" picks, and the
questions other areas (policy, meetings) ask. Each list loads what it shows in a fixed number of queries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from meetapp.directory.models import Person, group_members
from meetapp.directory.queries import PeopleFilter, contains_text, people_select, person_matches, subtree_ids
from meetapp.extensions import db
from meetapp.meetings.models import Meeting
from meetapp.participants.models import (
    AttendanceMode,
    MeetingRole,
    Participant,
    ParticipantRole,
    RsvpStatus,
)


def is_invited(meeting_id: int, person_id: int) -> bool:
    """Whether the person is on the meeting's participant list (removed participants are not)."""
    return bool(
        db.session.scalar(
            sa.select(sa.literal(True)).where(
                Participant.meeting_id == meeting_id,
                Participant.person_id == person_id,
                Participant.cancelled_at.is_(None),
            )
        )
    )


def find_by_token(token: str) -> Participant | None:
    """The participant whose personal RSVP link carries ``token``, with the meeting and people it shows."""
    if not token or len(token) > 64:
        return None
    query = (
        sa.select(Participant)
        .where(Participant.rsvp_token == token)
        .options(
            joinedload(Participant.meeting),
            joinedload(Participant.person).joinedload(Person.unit),
            joinedload(Participant.delegate),
            joinedload(Participant.branch_venue),
        )
    )
    return db.session.scalars(query).first()


# --- the organizers' list ----------------------------------------------------------------------------


class Invitation:
    """Values of the list's "invitation" filter."""

    NOT_INVITED = "not_invited"
    INVITED = "invited"
    NO_EMAIL = "no_email"
    REMOVED = "removed"


@dataclass
class ParticipantFilter:
    q: str = ""
    role: MeetingRole | None = None
    rsvp: RsvpStatus | None = None
    mode: AttendanceMode | None = None
    unit_id: int | None = None  # this unit and its sub-units
    invitation: str | None = None  # an ``Invitation`` value; removed people show only when asked for


def participant_select(meeting: Meeting, criteria: ParticipantFilter) -> sa.Select:
    """The meeting's participants matching ``criteria``, by name, with person, unit, delegate, branch venue and
    roles loaded."""
    query = (
        sa.select(Participant)
        .join(Participant.person)
        .where(Participant.meeting_id == meeting.id)
        .options(
            contains_eager(Participant.person).joinedload(Person.unit),
            joinedload(Participant.delegate),
            joinedload(Participant.branch_venue),
            selectinload(Participant.role_rows),
        )
    )
    if criteria.invitation == Invitation.REMOVED:
        query = query.where(Participant.cancelled_at.is_not(None))
    else:
        query = query.where(Participant.cancelled_at.is_(None))
    if criteria.invitation == Invitation.NOT_INVITED:
        query = query.where(Participant.invited_sequence.is_(None))
    elif criteria.invitation == Invitation.INVITED:
        query = query.where(Participant.invited_sequence.is_not(None))
    elif criteria.invitation == Invitation.NO_EMAIL:
        query = query.where(Person.email.is_(None))
    if criteria.q.strip():
        query = query.where(person_matches(criteria.q))
    if criteria.role is not None:
        with_role = sa.select(ParticipantRole.participant_id).where(ParticipantRole.role == criteria.role)
        query = query.where(Participant.id.in_(with_role))
    if criteria.rsvp is not None:
        query = query.where(Participant.rsvp_status == criteria.rsvp)
    if criteria.mode is not None:
        query = query.where(Participant.mode == criteria.mode)
    if criteria.unit_id is not None:
        query = query.where(Person.unit_id.in_(subtree_ids(criteria.unit_id)))
    return query.order_by(Person.name, Participant.id)


def participants_by_ids(meeting: Meeting, ids) -> list[Participant] | None:
    """The participants with these ids, with their people; None when any id is not one of ``meeting``'s."""
    wanted = {int(i) for i in ids}
    if not wanted:
        return []
    query = (
        sa.select(Participant)
        .where(Participant.meeting_id == meeting.id, Participant.id.in_(wanted))
        .options(joinedload(Participant.person), selectinload(Participant.role_rows))
        .order_by(Participant.id)
    )
    rows = list(db.session.scalars(query))
    return rows if len(rows) == len(wanted) else None


@dataclass
class RsvpCounts:
    """The answers so far among the people on the list (removed people are counted apart)."""

    accepted: dict[AttendanceMode, int] = field(default_factory=lambda: dict.fromkeys(AttendanceMode, 0))
    delegated: dict[AttendanceMode, int] = field(default_factory=lambda: dict.fromkeys(AttendanceMode, 0))
    declined: int = 0
    pending: int = 0
    total: int = 0
    not_invited: int = 0  # on the list, no invitation mailed yet
    to_invite: int = 0  # not invited yet and reachable: what "Send invitations" would mail
    no_email: int = 0  # on the list, not reachable by email
    removed: int = 0

    @property
    def accepted_total(self) -> int:
        return sum(self.accepted.values())

    @property
    def delegated_total(self) -> int:
        return sum(self.delegated.values())

    def expected(self, mode: AttendanceMode) -> int:
        """People expected to attend in ``mode``: acceptances plus delegates."""
        return self.accepted[mode] + self.delegated[mode]


def rsvp_counts(meeting: Meeting) -> RsvpCounts:
    """The meeting's RSVP counts, in one grouped query."""
    removed = Participant.cancelled_at.is_not(None)
    invited = Participant.invited_sequence.is_not(None)
    has_email = Person.email.is_not(None)
    rows = db.session.execute(
        sa.select(Participant.rsvp_status, Participant.mode, removed, invited, has_email, sa.func.count())
        .join(Participant.person)
        .where(Participant.meeting_id == meeting.id)
        .group_by(Participant.rsvp_status, Participant.mode, removed, invited, has_email)
    )
    counts = RsvpCounts()
    tally: Counter = Counter()
    for status, mode, is_removed, is_invited_, reachable, number in rows:
        if is_removed:
            counts.removed += number
            continue
        counts.total += number
        counts.not_invited += 0 if is_invited_ else number
        counts.to_invite += 0 if is_invited_ or not reachable else number
        counts.no_email += 0 if reachable else number
        if status == RsvpStatus.ACCEPTED:
            counts.accepted[mode] += number
        elif status == RsvpStatus.DELEGATED:
            counts.delegated[mode] += number
        else:
            tally[status] += number
    counts.declined = tally[RsvpStatus.DECLINED]
    counts.pending = tally[RsvpStatus.PENDING]
    return counts


# --- whom an "add by …" picks ------------------------------------------------------------------------


def people_in_unit(unit_id: int, include_subunits: bool) -> sa.Select:
    """Ids of the people in the unit (and, when asked, in every unit below it)."""
    in_unit = Person.unit_id.in_(subtree_ids(unit_id)) if include_subunits else Person.unit_id == unit_id
    return sa.select(Person.id).where(in_unit)


def people_in_group(group_id: int) -> sa.Select:
    return sa.select(group_members.c.person_id).where(group_members.c.group_id == group_id)


def people_with_title(text: str) -> sa.Select:
    """Ids of people whose English or Chinese title contains ``text`` (ignoring case)."""
    return sa.select(Person.id).where(contains_text(text, Person.title, Person.title_zh))


def listed_person_ids(meeting: Meeting) -> set[int]:
    """People on the meeting's list now (removed people are not)."""
    return set(
        db.session.scalars(
            sa.select(Participant.person_id).where(
                Participant.meeting_id == meeting.id, Participant.cancelled_at.is_(None)
            )
        )
    )


def delegate_candidates(participant: Participant, text: str, limit: int = 10) -> list[Person]:
    """Directory people matching ``text`` (English or Chinese name, or email) whom the invitee could name as
    delegate: not the invitee themself."""
    query = people_select(PeopleFilter(q=text)).where(Person.id != participant.person_id).limit(limit)
    return list(db.session.scalars(query))
