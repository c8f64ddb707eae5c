"""The demo meetings as data: the 2026 annual S&T innovation work meeting the seed report describes (with the S&T
Committee's first plenary as its second session), and the committee's second plenary, still to come.

Times are wall-clock times in Beijing. People are referred to by ``DemoPerson.key`` (the written-out people) or by
a ``PersonRef`` the step resolves against the directory (e.g. "the chair of a specialised committee"). Who is
invited, in which roles and how, is decided by rules in ``meetapp.demo.meeting``; this module holds the facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from meetapp.agenda.models import AgendaItemType, PresenterRole
from meetapp.demo.organisation import HQ, STC_ENGINEERING, STC_MATERIALS, STC_RESOURCES
from meetapp.meetings.models import MeetingKind, MeetingStatus, VideoPlatform

TIMEZONE = "Asia/Shanghai"

WORK_MEETING_UID = "demo-2026-st-work-meeting@meetapp"
PLENARY_UID = "demo-2026-st-committee-plenary-2@meetapp"

ANNUAL_SERIES = "Annual S&T Innovation Work Meeting"
PLENARY_SERIES = "S&T Committee plenaries"


@dataclass(frozen=True)
class DemoSeries:
    name: str
    name_zh: str
    description: str


SERIES: tuple[DemoSeries, ...] = (
    DemoSeries(ANNUAL_SERIES, "年度科技创新工作会议",
               "The group's yearly meeting on S&T innovation: the report, the S&T Awards and the responsibility "
               "statements for the key tasks of the year."),
    DemoSeries(PLENARY_SERIES, "科学技术委员会全体会议",
               "Plenary meetings of the S&T Committee: the specialised committees' work plans, reviews and votes."),
)


@dataclass(frozen=True)
class DemoVenue:
    name: str
    name_zh: str
    address: str
    capacity: int
    unit: str  # the unit that runs the room
    has_video: bool = True


HALL = "Minmetals Building, Conference Hall"
ROOM_1201 = "Minmetals Building, Meeting Room 1201"
ROOM_NORTH = "North China Regional Office, Video Conference Room"
ROOM_EAST = "East China Regional Office, Video Conference Room"
ROOM_SOUTH = "South China Regional Office, Video Conference Room"
ROOM_SOUTHWEST = "Southwest Regional Office, Video Conference Room"
ROOM_MCC = "MCC Tower, Video Conference Centre"
ROOM_CHANGSHA = "Changsha Science Park, Video Conference Hall"

VENUES: tuple[DemoVenue, ...] = (
    DemoVenue(HALL, "五矿大厦报告厅", "Minmetals Building, Haidian District, Beijing", 300, HQ),
    DemoVenue(ROOM_1201, "五矿大厦1201会议室", "Minmetals Building, 12th floor, Haidian District, Beijing", 60, HQ),
    DemoVenue(ROOM_NORTH, "华北区域总部视频会议室", "Hexi District, Tianjin", 30, "RO-NORTH"),
    DemoVenue(ROOM_EAST, "华东区域总部视频会议室", "Pudong New Area, Shanghai", 30, "RO-EAST"),
    DemoVenue(ROOM_SOUTH, "华南区域总部视频会议室", "Tianhe District, Guangzhou", 24, "RO-SOUTH"),
    DemoVenue(ROOM_SOUTHWEST, "西南区域总部视频会议室", "Gaoxin District, Chengdu", 24, "RO-SOUTHWEST"),
    DemoVenue(ROOM_MCC, "中冶大厦视频会议中心", "MCC Tower, Chaoyang District, Beijing", 80, "MCC"),
    DemoVenue(ROOM_CHANGSHA, "长沙科技园视频会议厅", "Lushan South Road, Yuelu District, Changsha", 120, "CRIMM"),
)

# Where the people of a unit (by the top unit under the group HQ) follow the meeting when they do not come to
# Beijing: a branch venue's room, or None for their own desks by video. Units not listed are in Beijing.
AWAY_FROM_BEIJING: dict[str, str | None] = {
    "RO-NORTH": ROOM_NORTH,
    "RO-EAST": ROOM_EAST,
    "RO-SOUTH": ROOM_SOUTH,
    "RO-SOUTHWEST": ROOM_SOUTHWEST,
    "MCC": ROOM_MCC,
    "CRIMM": ROOM_CHANGSHA,
    "CIMR": ROOM_CHANGSHA,
    "MNM": ROOM_CHANGSHA,
    "CTHM": ROOM_CHANGSHA,
    "MREC": None,  # Ganzhou: no branch room, by video
    "MMG": None,  # operations abroad: by video
}


@dataclass(frozen=True)
class PersonRef:
    """A person the data cannot name in advance: the first person (in directory order) of ``group`` and/or
    ``unit`` holding ``title`` (any title when None)."""

    group: str | None = None
    unit: str | None = None
    title: str | None = None


def committee_chair(group: str) -> PersonRef:
    # The specialised committees are chaired by their senior member, the first one the directory lists.
    return PersonRef(group=group)


@dataclass(frozen=True)
class DemoItem:
    type: AgendaItemType
    title: str
    minutes: int
    presenters: tuple[tuple[str | PersonRef, PresenterRole], ...] = ()
    description: str | None = None


@dataclass(frozen=True)
class DemoSession:
    title: str
    starts: time
    ends: time
    presider: str | PersonRef
    items: tuple[DemoItem, ...]
    quorum_required: bool = False  # committee sessions decide by vote


@dataclass(frozen=True)
class DemoMeeting:
    ical_uid: str
    title: str
    description: str
    kind: MeetingKind
    status: MeetingStatus
    day: date
    series: str
    venue: str
    branch_venues: tuple[str, ...]
    video_url: str
    video_meeting_code: str
    video_passcode: str
    sessions: tuple[DemoSession, ...]
    invited_at: datetime  # Beijing wall clock
    # How many invitees (among those without a part in the programme) declined, sent a delegate or have not
    # answered; everyone else accepted.
    declined: int
    delegated: int
    pending: int
    video_platform: VideoPlatform = VideoPlatform.TENCENT
    organizers: tuple[str, ...] = field(default=("li.na", "sun.hao"))  # DemoPerson keys of account holders


SP, RE, AN, PR = PresenterRole.SPEAKER, PresenterRole.REPORTER, PresenterRole.ANNOUNCER, PresenterRole.PRESENTER
CHAIRS = (committee_chair(STC_RESOURCES), committee_chair(STC_MATERIALS), committee_chair(STC_ENGINEERING))

WORK_MEETING = DemoMeeting(
    ical_uid=WORK_MEETING_UID,
    title="2026 Annual S&T Innovation Work Meeting and First Plenary Meeting of the S&T Committee",
    description=(
        "The group's annual S&T innovation work meeting, followed by the first plenary meeting of the S&T "
        "Committee for 2026. Held in the conference hall of the Minmetals Building and over Tencent Meeting: the "
        "regional offices, MCC and the Changsha institutes and enterprises join from their video rooms.\n"
        "Programme: the 2025 China Minmetals S&T Awards, the S&T innovation report, the signing of the 2026 "
        "Responsibility Statements for Key S&T Innovation Tasks, the chairman's speech, and the specialised "
        "committees' 2026 work plans."
    ),
    kind=MeetingKind.WORK_MEETING,
    status=MeetingStatus.ENDED,
    day=date(2026, 2, 26),
    series=ANNUAL_SERIES,
    venue=HALL,
    branch_venues=(ROOM_NORTH, ROOM_EAST, ROOM_SOUTH, ROOM_SOUTHWEST, ROOM_MCC, ROOM_CHANGSHA),
    video_url="https://meeting.tencent.example/dm/st-2026-0226",
    video_meeting_code="426 813 975",
    video_passcode="260226",
    invited_at=datetime(2026, 2, 12, 10, 0),
    declined=8,
    delegated=2,
    pending=3,
    sessions=(
        DemoSession(
            "2026 Annual S&T Innovation Work Meeting", time(9, 0), time(11, 10), "zhu.kebing", (
                DemoItem(AgendaItemType.OPENING, "Opening and presiding remarks", 5, (("zhu.kebing", PR),)),
                DemoItem(AgendaItemType.ANNOUNCEMENT,
                         "Announcement of the decisions on the 2025 China Minmetals S&T Awards", 10,
                         (("wang.jiezhi", AN),)),
                DemoItem(AgendaItemType.AWARD_PRESENTATION, "Presentation of the 2025 S&T Awards", 20,
                         (("chen.dexin", PR), ("zhu.kebing", PR)),
                         "The leadership team presents the awards to the recipients on stage."),
                DemoItem(AgendaItemType.REPORT, "S&T innovation report", 30, (("wang.xingquan", RE),)),
                DemoItem(AgendaItemType.STATEMENT_SIGNING,
                         "Signing of the 2026 Responsibility Statements for Key S&T Innovation Tasks", 15,
                         (("zhu.kebing", PR),),
                         "The general manager signs with the heads of the enterprises and institutes."),
                DemoItem(AgendaItemType.SPEECH, "Speech by the Chairman", 40, (("chen.dexin", SP),)),
                DemoItem(AgendaItemType.CLOSING, "Closing remarks", 5, (("zhu.kebing", PR),)),
            ),
        ),
        DemoSession(
            "First Plenary Meeting of the S&T Committee for 2026", time(11, 20), time(12, 30), "wang.xingquan", (
                DemoItem(AgendaItemType.OPENING, "Opening", 5, (("wang.xingquan", PR),)),
                DemoItem(AgendaItemType.BRIEFING,
                         "Briefing on the 2026 work plans of the Specialised S&T Committees", 30,
                         tuple((chair, PR) for chair in CHAIRS)),
                DemoItem(AgendaItemType.DISCUSSION, "Discussion of the work plans", 20),
                DemoItem(AgendaItemType.RESOLUTION,
                         "Vote on the Specialised S&T Committees' 2026 work plans", 10, (("wang.xingquan", PR),)),
            ),
            quorum_required=True,
        ),
    ),
)

PLENARY = DemoMeeting(
    ical_uid=PLENARY_UID,
    title="Second Plenary Meeting of the S&T Committee for 2026",
    description=(
        "The S&T Committee reviews the key S&T innovation tasks of 2026 and votes on the task list for 2027. "
        "Members outside Beijing join from the Changsha and MCC video rooms or over Tencent Meeting."
    ),
    kind=MeetingKind.COMMITTEE_PLENARY,
    status=MeetingStatus.SCHEDULED,
    day=date(2026, 12, 17),
    series=PLENARY_SERIES,
    venue=ROOM_1201,
    branch_venues=(ROOM_MCC, ROOM_CHANGSHA, ROOM_EAST),
    video_url="https://meeting.tencent.example/dm/stc-2026-1217",
    video_meeting_code="731 502 648",
    video_passcode="171226",
    invited_at=datetime(2026, 11, 20, 15, 0),
    declined=2,
    delegated=1,
    pending=12,
    sessions=(
        DemoSession(
            "Second Plenary Meeting of the S&T Committee for 2026", time(14, 30), time(16, 30), "wang.xingquan", (
                DemoItem(AgendaItemType.OPENING, "Opening", 5, (("wang.xingquan", PR),)),
                DemoItem(AgendaItemType.REPORT, "Review of the 2026 key S&T innovation tasks", 25,
                         ((PersonRef(unit="HQ-ST", title="Director General"), RE),)),
                DemoItem(AgendaItemType.BRIEFING, "Progress of the Specialised S&T Committees", 30,
                         tuple((chair, PR) for chair in CHAIRS)),
                DemoItem(AgendaItemType.DISCUSSION, "Discussion of the draft 2027 S&T innovation plan", 40),
                DemoItem(AgendaItemType.RESOLUTION, "Vote on the 2027 key S&T innovation task list", 10,
                         (("wang.xingquan", PR),)),
                DemoItem(AgendaItemType.CLOSING, "Closing remarks by the Chairman", 5, (("chen.dexin", SP),)),
            ),
            quorum_required=True,
        ),
    ),
)

MEETINGS: tuple[DemoMeeting, ...] = (WORK_MEETING, PLENARY)

# Apologies as people write them.
DECLINE_REASONS: tuple[str, ...] = (
    "On a business trip abroad (project site visit) that week.",
    "Attending the SASAC training course for enterprise leaders on the same day.",
    "On sick leave.",
    "Leading the on-site safety inspection at the mine that day.",
    "Accompanying a ministry delegation on the same morning.",
    "Defending our project at the national key R&D programme review that day.",
    "On annual leave, approved before the meeting was announced.",
    "In the board meeting of our listed subsidiary at the same time.",
)
