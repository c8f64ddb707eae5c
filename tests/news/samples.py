"""A meeting shaped like the seed article's: a hybrid work meeting in the group's hall with two branch venues and a
video link, presided, with a speech, a report, the award decisions announced and awards presented, statements
signed, a briefing, and attendance recorded at the desk, at a branch venue and by video."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from meetapp.agenda.models import AgendaItemType, AgendaPresenter, PresenterRole
from meetapp.attendance.models import CheckIn, CheckInSource
from meetapp.directory.models import UnitKind
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingFormat, MeetingSession, VideoPlatform, Visibility
from meetapp.participants.models import AttendanceMode, MeetingRole, Participant, RsvpStatus
from meetapp.records.models import AwardRecipient, LevelKind
from tests.factories import (
    AgendaItemFactory,
    AwardFactory,
    AwardLevelFactory,
    AwardProgramFactory,
    GroupFactory,
    MeetingFactory,
    PersonFactory,
    StatementBatchFactory,
    StatementFactory,
    UnitFactory,
    VenueFactory,
)


def beijing(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 2, 26, hour - 8, minute, tzinfo=UTC)


@dataclass
class SeedMeeting:
    meeting: Meeting
    chairman: object
    general_manager: object
    announcer: object
    reporter: object
    other_leader: object


def seed_meeting(organizers=(), visibility=Visibility.INTERNAL) -> SeedMeeting:
    hq = UnitFactory(name="China Minmetals Corporation", name_zh="中国五矿集团有限公司", kind=UnitKind.GROUP_HQ)
    east = UnitFactory(name="East China Regional Office", name_zh="华东区域总部", parent=hq)
    institute = UnitFactory(name="Changsha Research Institute of Mining and Metallurgy", name_zh="长沙矿冶研究院",
                            parent=hq)
    hall = VenueFactory(name="Minmetals Building, Conference Hall", name_zh="五矿大厦报告厅", unit=hq)
    branches = [
        VenueFactory(name="East China Regional Office, Video Room", name_zh="华东区域总部视频会议室", unit=east),
        VenueFactory(name="Changsha Science Park, Video Hall", name_zh="长沙科技园视频会议厅", unit=institute),
    ]
    meeting = MeetingFactory(
        title="2026 Annual S&T Innovation Work Meeting", visibility=visibility, format=MeetingFormat.HYBRID,
        venue=hall, branch_venues=branches, video_platform=VideoPlatform.TENCENT,
        video_url="https://meeting.tencent.example/dm/1", organizers=list(organizers),
        starts_at=beijing(9), ends_at=beijing(12),
        sessions=[MeetingSession(title="Work meeting", starts_at=beijing(9), ends_at=beijing(12))],
    )
    session = meeting.sessions[0]

    def leader(name, name_zh, title, title_zh):
        return PersonFactory(name=name, name_zh=name_zh, title=title, title_zh=title_zh, unit=hq)

    chairman = leader("Chen Dexin", "陈得信", "Secretary of the Party Leadership Group and Chairman",
                      "党组书记、董事长")
    manager = leader("Zhu Kebing", "朱可炳", "General Manager", "总经理")
    announcer = leader("Wang Jiezhi", "王杰智", "Director", "董事")
    reporter = leader("Wang Xingquan", "王兴泉", "Senior Vice President", "副总经理")
    other_leader = leader("Li Ming", "李明", "Vice President", "副总经理")
    session.presider = manager

    def item(kind, title, *presenters):
        entry = AgendaItemFactory(session=session, type=kind, title=title)
        entry.presenters = [AgendaPresenter(person=p, role=role, position=n) for n, (p, role) in enumerate(presenters)]
        return entry

    announcement = item(AgendaItemType.ANNOUNCEMENT, "Announcement of the award decisions",
                        (announcer, PresenterRole.ANNOUNCER))
    presentation = item(AgendaItemType.AWARD_PRESENTATION, "Presentation of the 2025 S&T Awards",
                        (chairman, PresenterRole.PRESENTER))
    item(AgendaItemType.REPORT, "S&T innovation report", (reporter, PresenterRole.REPORTER))
    signing = item(AgendaItemType.STATEMENT_SIGNING, "Signing of the responsibility statements",
                   (manager, PresenterRole.PRESENTER))
    item(AgendaItemType.SPEECH, "Speech by the Chairman", (chairman, PresenterRole.SPEAKER))
    item(AgendaItemType.BRIEFING, "Briefing on the 2026 work plans of the Specialised S&T Committees")

    program = AwardProgramFactory(name="2025 China Minmetals S&T Award", name_zh="2025年度中国五矿科技奖",
                                  announcement_item_id=announcement.id, presentation_item_id=presentation.id)
    special = AwardLevelFactory(program=program, kind=LevelKind.SPECIAL, rank=0)
    first = AwardLevelFactory(program=program, kind=LevelKind.FIRST, rank=1)
    miner = PersonFactory(name="Zhao Lei", name_zh="赵磊", unit=institute)
    AwardFactory(level=special, title="Deep-sea polymetallic nodule mining system", title_zh="深海多金属结核采矿系统",
                 presented=True, presented_at=beijing(9, 30), recipients=[AwardRecipient(person=miner, unit=institute)])
    AwardFactory(level=first, title="Green smelting of rare earths", title_zh="稀土绿色冶炼", presented=True,
                 presented_at=beijing(9, 35), recipients=[AwardRecipient(unit=east)])
    batch = StatementBatchFactory(name="2026 Responsibility Statements for Key S&T Innovation Tasks",
                                  name_zh="2026年度科技创新重点任务责任书")
    StatementFactory(batch=batch, unit=institute, signed_item_id=signing.id, signed_at=beijing(10))

    committee = GroupFactory(name="S&T Committee", name_zh="科学技术委员会")
    members = []
    for person, mode, venue, roles in (
        (chairman, AttendanceMode.IN_PERSON, None, [MeetingRole.SPEAKER, MeetingRole.LEADERSHIP]),
        (manager, AttendanceMode.IN_PERSON, None, [MeetingRole.PRESIDER, MeetingRole.LEADERSHIP]),
        (other_leader, AttendanceMode.IN_PERSON, None, [MeetingRole.LEADERSHIP]),
        (PersonFactory(unit=east), AttendanceMode.BRANCH, branches[0], [MeetingRole.ATTENDEE]),
        (PersonFactory(unit=institute), AttendanceMode.VIDEO, None, [MeetingRole.COMMITTEE_MEMBER]),
    ):
        participant = Participant(meeting=meeting, person=person, mode=mode, branch_venue=venue,
                                  rsvp_status=RsvpStatus.ACCEPTED)
        participant.roles = roles
        db.session.add(participant)
        members.append((participant, venue))
    committee.members = [members[-1][0].person, chairman]
    db.session.flush()
    for participant, venue in members:
        db.session.add(CheckIn(meeting_id=meeting.id, session_id=session.id, participant_id=participant.id,
                               mode=participant.mode, venue_id=venue.id if venue else None,
                               source=CheckInSource.DESK, checked_in_at=beijing(8, 50)))
    db.session.commit()
    return SeedMeeting(meeting, chairman, manager, announcer, reporter, other_leader)
