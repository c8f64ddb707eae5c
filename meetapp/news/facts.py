"""What the record says about who came to a meeting, for the news release: how many attended and how (main venue,
branch venues, video), from which units, which groups were represented, and whether members of the leadership team
beyond those with a part in the programme were there. Four aggregate queries, whatever the meeting's size.

"Attended" means an active check-in at any of the meeting's sessions; before anyone has checked in (a release
drafted ahead of the day) it means accepted the invitation, so the draft still names who is expected.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from meetapp.attendance.board import top_units
from meetapp.attendance.models import CheckIn
from meetapp.database import in_language
from meetapp.directory.models import Group, Person, Unit, group_members
from meetapp.extensions import db
from meetapp.participants.models import AttendanceMode, MeetingRole, Participant, ParticipantRole, RsvpStatus


@dataclass(frozen=True)
class Turnout:
    total: int
    by_mode: dict[AttendanceMode, int]
    units: list[str]  # top-level units, the largest delegations first
    groups: list[str]  # directory groups with members present, the largest first
    leadership: frozenset[int]  # person ids of the leadership team who attended


def _attended(meeting_id: int) -> tuple[sa.ColumnElement[bool], bool]:
    """The condition on ``Participant`` for "attended", and whether it comes from check-ins."""
    checked_in = sa.exists().where(
        CheckIn.participant_id == Participant.id, CheckIn.meeting_id == meeting_id, CheckIn.undone_at.is_(None)
    )
    on_list = sa.and_(Participant.meeting_id == meeting_id, Participant.cancelled_at.is_(None))
    any_check_in = db.session.scalar(
        sa.select(CheckIn.id).where(CheckIn.meeting_id == meeting_id, CheckIn.undone_at.is_(None)).limit(1)
    )
    if any_check_in is not None:
        return sa.and_(on_list, checked_in), True
    return sa.and_(on_list, Participant.rsvp_status.in_([RsvpStatus.ACCEPTED, RsvpStatus.DELEGATED])), False


def turnout(meeting, locale: str) -> Turnout:
    attended, from_check_ins = _attended(meeting.id)
    if from_check_ins:
        # The mode each attendee actually came by (their first active check-in).
        first_mode = (
            sa.select(CheckIn.mode)
            .where(CheckIn.participant_id == Participant.id, CheckIn.undone_at.is_(None))
            .order_by(CheckIn.checked_in_at, CheckIn.id)
            .limit(1)
            .scalar_subquery()
        )
    else:
        first_mode = Participant.mode
    by_mode = {
        AttendanceMode(mode): count
        for mode, count in db.session.execute(
            sa.select(first_mode.label("came_by"), sa.func.count())
            .where(attended)
            .group_by(sa.literal_column("came_by"))
        ).all()
    }
    tops, top = top_units(), aliased(Unit)
    units = _largest_first(top, attended, locale, (Person, Person.id == Participant.person_id),
                           (tops, tops.c.unit_id == Person.unit_id), (top, top.id == tops.c.top_id))
    groups = _largest_first(Group, attended, locale,
                            (group_members, group_members.c.person_id == Participant.person_id),
                            (Group, Group.id == group_members.c.group_id))
    leadership = db.session.scalars(
        sa.select(Participant.person_id).where(
            attended,
            Participant.role_rows.any(ParticipantRole.role == MeetingRole.LEADERSHIP),
        )
    ).all()
    return Turnout(
        total=sum(by_mode.values()),
        by_mode=by_mode,
        units=units,
        groups=groups,
        leadership=frozenset(leadership),
    )


def _largest_first(named, attended, locale: str, *joins) -> list[str]:
    """The names of ``named`` (units or groups, reached from the participants through ``joins``) that attendees
    belong to, the most attendees first, in ``locale``."""
    query = sa.select(named.name, named.name_zh, sa.func.count(Participant.id).label("n")).select_from(Participant)
    for target, condition in joins:
        query = query.join(target, condition)
    rows = db.session.execute(
        query.where(attended).group_by(named.id, named.name, named.name_zh).order_by(sa.desc("n"), named.name)
    ).all()
    return [in_language(name, name_zh, locale) for name, name_zh, _n in rows]
