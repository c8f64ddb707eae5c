"""Read side of the agenda: a meeting's sessions with their scheduled items, loaded in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from meetapp.agenda.models import AgendaItem, AgendaPresenter, planned_starts
from meetapp.directory.models import Person
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingSession


@dataclass(frozen=True)
class ScheduledItem:
    item: AgendaItem
    starts_at: datetime

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + self.item.duration


@dataclass(frozen=True)
class SessionAgenda:
    session: MeetingSession
    items: list[ScheduledItem]

    @property
    def planned_end(self) -> datetime:
        return self.items[-1].ends_at if self.items else self.session.starts_at

    @property
    def overrun(self) -> timedelta:
        """How far the items run past the session's end (zero when they fit)."""
        return max(self.planned_end - self.session.ends_at, timedelta(0))

    @property
    def overrun_minutes(self) -> int:
        return int(self.overrun.total_seconds() // 60)


def meeting_agenda(meeting: Meeting) -> list[SessionAgenda]:
    """Every session of ``meeting`` in time order, each with its items in order and their planned start times;
    presenters (with person and unit), materials, presiders and session venues load with it."""
    query = (
        sa.select(MeetingSession)
        .where(MeetingSession.meeting_id == meeting.id)
        .order_by(MeetingSession.starts_at, MeetingSession.id)
        .options(
            joinedload(MeetingSession.presider),
            joinedload(MeetingSession.venue_override),
            selectinload(MeetingSession.agenda_items).options(
                selectinload(AgendaItem.presenters).joinedload(AgendaPresenter.person).joinedload(Person.unit),
                selectinload(AgendaItem.materials),
            ),
        )
    )
    agenda = []
    for session in db.session.scalars(query):
        starts = planned_starts(session.agenda_items, session.starts_at)
        items = [ScheduledItem(item, starts[item.id]) for item in session.agenda_items]
        agenda.append(SessionAgenda(session, items))
    return agenda


def sessions_of(meeting: Meeting) -> list[MeetingSession]:
    """The meeting's sessions in time order (for choosing where an item goes)."""
    query = sa.select(MeetingSession).where(MeetingSession.meeting_id == meeting.id)
    return list(db.session.scalars(query.order_by(MeetingSession.starts_at, MeetingSession.id)))


def item_with_details(item_id: int) -> AgendaItem | None:
    """One item with its session, presenters (person, unit) and materials."""
    return db.session.get(
        AgendaItem,
        item_id,
        options=[
            joinedload(AgendaItem.session),
            selectinload(AgendaItem.presenters).joinedload(AgendaPresenter.person).joinedload(Person.unit),
            selectinload(AgendaItem.materials),
        ],
    )
