"""The video report samples (``tests/attendance/data/video_reports/``, copied from the project's generated samples in
``/work/shared/samples/video-reports/``) and a meeting whose invitees are their cast.

The samples describe one meeting on 18 March 2026, scheduled 09:00–11:30 China time (150 minutes); 10 people,
11 join sessions. Minutes inside 09:00–11:30 (rounded down), from the samples' join/leave times:

    Wang Jianguo 150 · Zhou Ting 150 · Li Na 150 · Zhang Wei 148 (47:12 + 100:55, a network drop in between)
    David Okafor 149 · Emily Carter 148 (external: not invited) · Chen Xiaoming 114 (no e-mail)
    Shenzhen branch room 150 (not a person) · Liu Fang 127 (09:12:37–11:20:15, late and left early)
    访客-赵磊 21 (walk-in guest: not invited)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from meetapp.meetings.models import Meeting, MeetingFormat, MeetingSession, VideoPlatform
from meetapp.participants.models import AttendanceMode, Participant
from tests.factories import MeetingFactory, ParticipantFactory, PersonFactory, UnitFactory

DATA = Path(__file__).parent / "data" / "video_reports"

# Every sample, with whether its rows are join sessions (11) or people (10).
PER_SESSION = [
    "zoom-participants.csv",
    "zoom-participants-no-meeting-data.csv",
    "zoom-participants-legacy-2021.csv",
    "zoom-api-report-meeting-participants.json",
    "teams-attendance-report.utf16le.csv",
    "teams-attendance-report.utf16be.csv",
    "teams-meetingAttendanceList-2020.utf16le.csv",
    "webex-attendee-report.utf16le.csv",
    "tencent-meeting-participants.xlsx",
]
PER_PERSON = ["teams-attendance-2021-meeting-summary.utf16le.csv", "feishu-vc-participant-list.xlsx"]
DURATIONS_ONLY = ["zoom-participants-unique-users.csv", "zoom-participants-legacy-2021-unique-users.csv"]
WITH_TIMES = PER_SESSION + PER_PERSON
ALL_SAMPLES = WITH_TIMES + DURATIONS_ONLY

MINUTES = {
    "wang": 150, "zhou": 150, "li": 150, "zhang": 148, "okafor": 149, "chen": 114, "liu": 127,
}
# Per-person layouts know only first join, last leave and the summed time: Zhang Wei's 2-minute gap is inside.
PER_PERSON_MINUTES = {**MINUTES, "zhang": 150}
GUEST_NAMES = {"Emily Carter", "访客-赵磊"}


def sample(name: str) -> bytes:
    return (DATA / name).read_bytes()


def cst(hour: int, minute: int, second: int = 0) -> datetime:
    """18 March 2026 at hh:mm:ss China time (UTC+8), as aware UTC."""
    return datetime(2026, 3, 18, hour - 8, minute, second, tzinfo=UTC)


@dataclass
class Cast:
    meeting: Meeting
    session: MeetingSession
    people: dict[str, Participant]  # key → invitee
    branch_head: Participant  # attended from the Shenzhen branch room (matched by hand in the tests)
    absent: Participant

    def key_of(self, participant_id: int) -> str:
        return next(key for key, p in self.people.items() if p.id == participant_id)


def cast_meeting(organizers=(), **overrides) -> Cast:
    """The samples' meeting with its seven invited people (Li Na's directory e-mail differs from the one she used
    on the call, Chen Xiaoming has none), the Shenzhen branch head and one absentee; not invited: Emily Carter and
    the walk-in guest."""
    values = {
        "title": "2026 Annual S&T Work Meeting",
        "starts_at": cst(9, 0),
        "ends_at": cst(11, 30),
        "timezone": "Asia/Shanghai",
        "format": MeetingFormat.HYBRID,
        "video_platform": VideoPlatform.ZOOM,
        "organizers": list(organizers),
    }
    values.update(overrides)
    meeting = MeetingFactory(**values)
    session = meeting.sessions[0]
    hq, institute = UnitFactory(name="Technology Department"), UnitFactory(name="Research Institute")
    people = {
        "wang": ("Wang Jianguo", "王建国", "wang.jianguo@example.com", hq),
        "zhou": ("Zhou Ting", "周婷", "zhou.ting@example.com", hq),
        "li": ("Li Na", "李娜", "na.li@hq.example.com", hq),
        "zhang": ("Zhang Wei", "张伟", "zhang.wei@example.com", institute),
        "okafor": ("David Okafor", None, "david.okafor@example.com", institute),
        "chen": ("Chen Xiaoming", "陈晓明", None, institute),
        "liu": ("Liu Fang", "刘芳", "liu.fang@example.com", hq),
    }
    invitees = {
        key: ParticipantFactory(meeting=meeting, mode=AttendanceMode.VIDEO,
                                person=PersonFactory(name=name, name_zh=name_zh, email=email, unit=unit))
        for key, (name, name_zh, email, unit) in people.items()
    }
    branch_head = ParticipantFactory(meeting=meeting, person=PersonFactory(name="Huang Min", name_zh="黄敏"))
    absent = ParticipantFactory(meeting=meeting, person=PersonFactory(name="Sun Li", name_zh="孙丽"))
    return Cast(meeting, session, invitees, branch_head, absent)


def many_invitees_file(cast, count: int) -> bytes:
    """``count`` more invitees and a Zoom file with each of them once and as many guests."""
    lines = ["Name (original name),Email,Join time,Leave time,Duration (minutes),Guest"]
    for i in range(count):
        person = PersonFactory()  # a new name and e-mail each time
        ParticipantFactory(meeting=cast.meeting, person=person)
        lines.append(f'{person.name},{person.email},"03/18/2026 09:0{i % 10}:00 AM","03/18/2026 11:2{i % 10}:00 AM",'
                     f"140,No")
        lines.append(f'Guest {i},,"03/18/2026 09:00:00 AM","03/18/2026 09:10:00 AM",10,Yes')
    return "\n".join(lines).encode()
