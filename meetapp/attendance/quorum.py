"""Quorum of committee sessions: the committee members present now, and the record kept when a resolution or vote
is taken up.

A session with ``quorum_required`` is quorate when the committee members present are MORE than ``quorum_percent``
per cent of all committee members on the list (participants with the role ``committee_member``). Members at a
branch venue join over the video link, so they count with video attendance, which counts only when
``quorum_counts_video`` is set. A delegate sitting in for a member does not make the member present for the quorum.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from meetapp.agenda.models import AgendaItem, AgendaItemType
from meetapp.attendance.models import CheckIn, QuorumSnapshot
from meetapp.attendance.status import active_check_in_of
from meetapp.auth.models import User
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.meetings.models import MeetingSession
from meetapp.participants.models import AttendanceMode, MeetingRole, Participant, ParticipantRole


@dataclass(frozen=True)
class QuorumState:
    members: int
    present_in_person: int  # in the session's room
    present_video: int  # on the video link, branch venues included
    percent: int
    counts_video: bool

    @property
    def present(self) -> int:
        """The members who count towards the quorum."""
        return self.present_in_person + (self.present_video if self.counts_video else 0)

    @property
    def required(self) -> int:
        """The fewest members present that are more than ``percent`` % of all members."""
        return self.members * self.percent // 100 + 1

    @property
    def met(self) -> bool:
        return self.members > 0 and self.present >= self.required

    @property
    def missing(self) -> int:
        return max(self.required - self.present, 0)

    def as_json(self) -> dict:
        return {
            "members": self.members,
            "present": self.present,
            "present_in_person": self.present_in_person,
            "present_video": self.present_video,
            "required": self.required,
            "met": self.met,
            "counts_video": self.counts_video,
        }


def quorum_now(session: MeetingSession) -> QuorumState:
    """The committee members on the list and those present at ``session`` right now, in one query."""
    def present_in(*modes):
        return sa.func.coalesce(sa.func.sum(sa.case((CheckIn.mode.in_(modes), 1), else_=0)), 0)

    members, in_person, video = db.session.execute(
        sa.select(
            sa.func.count(Participant.id),
            present_in(AttendanceMode.IN_PERSON),
            present_in(AttendanceMode.VIDEO, AttendanceMode.BRANCH),
        )
        .select_from(Participant)
        .join(
            ParticipantRole,
            sa.and_(
                ParticipantRole.participant_id == Participant.id,
                ParticipantRole.role == MeetingRole.COMMITTEE_MEMBER,
            ),
        )
        .outerjoin(CheckIn, sa.and_(active_check_in_of(session.id), CheckIn.attendee_person_id.is_(None)))
        .where(Participant.meeting_id == session.meeting_id, Participant.cancelled_at.is_(None))
    ).one()
    return QuorumState(
        members=members,
        present_in_person=int(in_person),
        present_video=int(video),
        percent=session.quorum_percent,
        counts_video=session.quorum_counts_video,
    )


class NotAResolution(DomainError):
    message = _l("The quorum is recorded for resolution and vote items only.")


class NoQuorumRule(DomainError):
    message = _l("This session has no quorum rule; turn it on in the session's settings first.")


def record_quorum(actor, item: AgendaItem) -> QuorumSnapshot:
    """Store the quorum as it stands now with the resolution/vote ``item`` (who recorded it and when); commits.

    Refuses items of another type and items of a session without a quorum rule."""
    if item.type != AgendaItemType.RESOLUTION:
        raise NotAResolution()
    session = item.session
    if not session.quorum_required:
        raise NoQuorumRule()
    state = quorum_now(session)
    snapshot = QuorumSnapshot(
        agenda_item_id=item.id,
        session_id=session.id,
        members=state.members,
        present=state.present,
        present_in_person=state.present_in_person,
        present_video=state.present_video,
        required=state.required,
        met=state.met,
        counts_video=state.counts_video,
        recorded_by_id=actor.id if actor is not None else None,
    )
    db.session.add(snapshot)
    db.session.commit()
    return snapshot


@dataclass(frozen=True)
class RecordedQuorum:
    snapshot: QuorumSnapshot
    recorded_by: str | None


@dataclass(frozen=True)
class ResolutionItem:
    item: AgendaItem
    snapshots: list[RecordedQuorum]  # oldest first

    @property
    def latest(self) -> RecordedQuorum | None:
        return self.snapshots[-1] if self.snapshots else None


def resolution_items(session_ids: list[int]) -> dict[int, list[ResolutionItem]]:
    """session id → its resolution/vote items in agenda order, each with the quorum recorded for it (and by
    whom); two queries whatever the number of sessions."""
    items = db.session.scalars(
        sa.select(AgendaItem)
        .where(AgendaItem.session_id.in_(session_ids), AgendaItem.type == AgendaItemType.RESOLUTION)
        .order_by(AgendaItem.session_id, AgendaItem.position)
    ).all()
    recorded: dict[int, list[RecordedQuorum]] = {item.id: [] for item in items}
    if items:
        rows = db.session.execute(
            sa.select(QuorumSnapshot, User.name)
            .outerjoin(User, User.id == QuorumSnapshot.recorded_by_id)
            .where(QuorumSnapshot.agenda_item_id.in_(list(recorded)))
            .order_by(QuorumSnapshot.recorded_at, QuorumSnapshot.id)
        )
        for snapshot, name in rows:
            recorded[snapshot.agenda_item_id].append(RecordedQuorum(snapshot, name))
    by_session: dict[int, list[ResolutionItem]] = {session_id: [] for session_id in session_ids}
    for item in items:
        by_session[item.session_id].append(ResolutionItem(item, recorded[item.id]))
    return by_session
