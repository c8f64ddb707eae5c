"""Sample data for the board, quorum and report tests: a small committee meeting whose counts are worked out by
hand below, and thousands of participants with check-ins inserted in bulk for the query-count tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from meetapp.agenda.models import AgendaItemType, PresenterRole
from meetapp.attendance.checkins import check_in
from meetapp.attendance.models import CheckIn, CheckInSource
from meetapp.database import utcnow
from meetapp.directory.models import Person, Unit
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingFormat, MeetingSession, VideoPlatform, Visibility
from meetapp.participants.models import (
    AttendanceMode,
    MeetingRole,
    Participant,
    ParticipantRole,
    RsvpStatus,
)
from tests.factories import (
    AgendaItemFactory,
    AgendaPresenterFactory,
    MeetingFactory,
    ParticipantFactory,
    PersonFactory,
    UnitFactory,
    VenueFactory,
)


def beijing(hour: int, minute: int = 0) -> datetime:
    """26 Feb 2026 at hour:minute in Beijing (UTC+8), as aware UTC."""
    return datetime(2026, 2, 26, hour - 8, minute, tzinfo=UTC)


@dataclass
class Committee:
    """The S&T committee's plenary (morning, with a quorum rule) and a work session (afternoon).

    People (top unit for the board in brackets), roles, planned mode → what happened in the morning:

    - Chen (HQ itself → "Group HQ"): chair + committee member, in person → checked in at 08:55
    - Wang (Technology Dept → "Technology Dept"): speaker + committee member, video → checked in by video
    - Zhao (Materials Lab, under the dept → "Technology Dept"): reporter, branch venue Hunan → not checked in
    - Li (Hunan Office → "Hunan Office"): committee member, branch venue Hunan → checked in there
    - Zhou (Hunan Office): committee member + attendee, video, declined ("Field trip") → apology
    - Sun (no unit): signatory, sends delegate Qian → Qian checked in for him (represented), in person
    - Liu (Materials Lab → "Technology Dept"): attendee, in person → checked in at 09:30 (late)
    - Ma: speaker, removed from the list after being invited → counted nowhere
    - Presider He presides the morning but is not on the list; Zhao reports on the morning's agenda.

    Committee members: Chen, Wang, Li, Zhou = 4; present without delegates: Chen (room), Wang (video), Li (branch).
    """

    meeting: Meeting
    morning: MeetingSession
    afternoon: MeetingSession
    units: dict[str, Unit]
    people: dict[str, Participant]
    presider: Person
    delegate: Person
    resolution: object  # the morning's resolution agenda item
    speech: object


def committee_meeting(organizer, checkers=(), tag: str = "") -> Committee:
    """The meeting described in ``Committee``; ``tag`` tells the venues of a second one apart."""
    hq = UnitFactory(name="Group HQ", name_zh="集团总部")
    dept = UnitFactory(name="Technology Dept", name_zh="科技部", parent=hq)
    lab = UnitFactory(name="Materials Lab", name_zh="材料实验室", parent=dept)
    office = UnitFactory(name="Hunan Office", name_zh="湖南办事处", parent=hq)
    hunan = VenueFactory(name=f"Hunan branch room{tag}", name_zh=f"湖南分会场{tag}")
    meeting = MeetingFactory(
        title="S&T Committee plenary",
        organizers=[organizer],
        visibility=Visibility.PARTICIPANTS,
        format=MeetingFormat.HYBRID,
        venue=VenueFactory(name=f"Minmetals Tower, Room 1{tag}", address="5 Sanlihe Road, Beijing"),
        video_platform=VideoPlatform.TENCENT,
        video_url="https://meeting.tencent.com/dm/example",
        starts_at=beijing(9),
        ends_at=beijing(17),
        sessions=[
            MeetingSession(title="Plenary", starts_at=beijing(9), ends_at=beijing(12), quorum_required=True),
            MeetingSession(title="Work session", starts_at=beijing(14), ends_at=beijing(17)),
        ],
    )
    meeting.branch_venues = [hunan]
    meeting.checkin_staff = list(checkers)
    presider = PersonFactory(name="He Presider", name_zh="何主持", unit=hq)
    delegate = PersonFactory(name="Qian Delegate", name_zh="钱代表", unit=None)
    morning, afternoon = meeting.sessions
    morning.presider = presider
    db.session.commit()

    def invite(key, name, name_zh, unit, roles, mode=AttendanceMode.IN_PERSON, **values):
        person = PersonFactory(name=name, name_zh=name_zh, unit=unit, title=f"{key.title()} title")
        return ParticipantFactory(
            meeting=meeting, person=person, roles=roles, mode=mode,
            branch_venue=hunan if mode == AttendanceMode.BRANCH else None, **values,
        )

    R = MeetingRole
    people = {
        "chen": invite("chen", "Chen Jun", "陈军", hq, [R.CHAIR, R.COMMITTEE_MEMBER]),
        "wang": invite("wang", "Wang Li", "王丽", dept, [R.SPEAKER, R.COMMITTEE_MEMBER], AttendanceMode.VIDEO),
        "zhao": invite("zhao", "Zhao Min", "赵敏", lab, [R.REPORTER], AttendanceMode.BRANCH),
        "li": invite("li", "Li Na", "李娜", office, [R.COMMITTEE_MEMBER], AttendanceMode.BRANCH),
        "zhou": invite("zhou", "Zhou Qiang", "周强", office, [R.COMMITTEE_MEMBER, R.ATTENDEE], AttendanceMode.VIDEO,
                       rsvp_status=RsvpStatus.DECLINED, decline_reason="Field trip"),
        "sun": invite("sun", "Sun Hao", "孙浩", None, [R.SIGNATORY], rsvp_status=RsvpStatus.DELEGATED,
                      delegate=delegate),
        "liu": invite("liu", "Liu Yang", "刘洋", lab, [R.ATTENDEE]),
        "ma": invite("ma", "Ma Gone", "马离", dept, [R.SPEAKER], cancelled_at=utcnow()),
    }
    resolution = AgendaItemFactory(session=morning, type=AgendaItemType.RESOLUTION, title="Adopt the 2026 plan")
    speech = AgendaItemFactory(session=morning, type=AgendaItemType.REPORT, title="Materials report")
    AgendaPresenterFactory(item=speech, person=people["zhao"].person, role=PresenterRole.REPORTER)

    def arrive(key, at, **kwargs):
        result = check_in(organizer, meeting, morning, participant=people[key], at=at, **kwargs)
        assert result.created, result.outcome

    arrive("chen", beijing(8, 55))
    arrive("wang", beijing(9, 2), mode=AttendanceMode.VIDEO, source=CheckInSource.SELF)
    arrive("li", beijing(9, 5))
    arrive("sun", beijing(9, 0), delegate=delegate)
    arrive("liu", beijing(9, 30))
    return Committee(meeting, morning, afternoon, {"hq": hq, "dept": dept, "lab": lab, "office": office},
                     people, presider, delegate, resolution, speech)


def bulk_attendees(meeting: Meeting, session: MeetingSession, count: int, units: list[Unit]) -> None:
    """``count`` more people on the list, spread over ``units`` and over the three modes, with roles; two in three
    of them checked in at ``session``. Inserted with executemany into the tables (the ORM's bulk insert splits
    rows with and without NULLs into separate statements), so 10,000 take a second or two."""
    first = db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(Person.id), 0)))
    now = utcnow()
    db.session.execute(
        sa.insert(Person.__table__),
        [{"name": f"Bulk {first + i:05d}", "name_zh": f"批量{i}", "email": f"bulk{first + i}@example.com",
          "unit_id": units[i % len(units)].id, "title": "Engineer", "created_at": now} for i in range(count)],
    )
    person_ids = db.session.scalars(sa.select(Person.id).where(Person.id > first).order_by(Person.id)).all()
    branch = meeting.branch_venues[0] if meeting.branch_venues else None
    modes = [AttendanceMode.IN_PERSON, AttendanceMode.VIDEO] + ([AttendanceMode.BRANCH] if branch else [])
    db.session.execute(
        sa.insert(Participant.__table__),
        [{"meeting_id": meeting.id, "person_id": pid, "mode": modes[i % len(modes)],
          "branch_venue_id": branch.id if modes[i % len(modes)] == AttendanceMode.BRANCH else None,
          "rsvp_status": RsvpStatus.DECLINED if i % 7 == 3 else RsvpStatus.ACCEPTED,
          "decline_reason": "Travelling" if i % 7 == 3 else None}
         for i, pid in enumerate(person_ids)],
    )
    rows = db.session.execute(
        sa.select(Participant.id, Participant.mode, Participant.branch_venue_id)
        .where(Participant.meeting_id == meeting.id, Participant.person_id > first)
        .order_by(Participant.id)
    ).all()
    roles = [MeetingRole.ATTENDEE, MeetingRole.COMMITTEE_MEMBER, MeetingRole.SPEAKER, MeetingRole.OBSERVER]
    db.session.execute(
        sa.insert(ParticipantRole.__table__),
        [{"participant_id": pid, "role": roles[i % len(roles)]} for i, (pid, _mode, _venue) in enumerate(rows)],
    )
    db.session.execute(
        sa.insert(CheckIn.__table__),
        [{"meeting_id": meeting.id, "session_id": session.id, "participant_id": pid, "mode": mode,
          "venue_id": venue_id, "source": CheckInSource.DESK,
          "checked_in_at": session.starts_at + timedelta(minutes=i % 40),
          "left_at": session.ends_at - timedelta(minutes=30) if mode == AttendanceMode.VIDEO and i % 2 else None,
          "minutes_attended": 120 if mode == AttendanceMode.VIDEO else None}
         for i, (pid, mode, venue_id) in enumerate(rows) if i % 3],
    )
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        # Fresh statistics, as autovacuum would gather soon after a real import: without them the planner takes
        # the thousands of new rows for a handful and joins them in nested loops.
        db.session.execute(sa.text("ANALYZE people, participants, participant_roles, check_ins"))
        db.session.commit()
