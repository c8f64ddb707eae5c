"""The demo step that records who came to the 26 February 2026 work meeting, the way the day went.

Session 1 (09:00–11:10 Beijing time): the Beijing invitees and everyone with a part in the programme are scanned at
the hall's desk between 08:30 and 09:05, a few arrive late; the regional invitees at their branch venue's desk; the
video invitees mostly click their join link, and the Tencent Meeting report exported after the session (generated
here, with one guest on the call) is imported through the report import, which checks in the video attendees who
did not use their link. A delegate is scanned in for an invitee who sent one; one badge is scanned by mistake and
the check-in undone. Session 2, the S&T Committee's plenary (11:20–12:30), is attended by most committee members
(quorate), the leadership and the meeting's staff; everyone else attended session 1 only. One branch venue
signs the plenary in on paper, and the secretary enters its sheet afterwards (source "manual").

Every check-in goes through ``checkins.check_in`` (and the import through ``preview_report``/``apply_report``), the
paths the desk, the join link and the import page use; those commit each record, so this step commits as it goes.
It runs only while the seed meeting has no check-ins: once people use the demo, its attendance is theirs.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from io import BytesIO
from typing import TYPE_CHECKING

import sqlalchemy as sa
from openpyxl import Workbook
from sqlalchemy.orm import joinedload, selectinload

from meetapp.attendance import by_hand, checkins
from meetapp.attendance.desk import DeskLocation
from meetapp.attendance.models import CheckIn, CheckInSource
from meetapp.attendance.video_reports.services import apply_report, preview_report
from meetapp.auth.services import normalize_email
from meetapp.demo.meeting_data import TIMEZONE, WORK_MEETING, WORK_MEETING_UID
from meetapp.demo.people import SEED
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingSession
from meetapp.participants.models import AttendanceMode, MeetingRole, Participant, RsvpStatus
from meetapp.timefmt import combine_to_utc, to_local_naive

if TYPE_CHECKING:
    from meetapp.demo.loader import DemoLoad

DESK_STAFF = "li.na"  # the organizer records the desk's scans
SECRETARY = "zhang.min"  # enters the paper sign-in sheet of a branch venue afterwards
LATE = 5  # invitees without a part in the programme who come after the start and the grace period
NO_SHOWS = 3  # accepted, then did not come
COMMITTEE_ABSENT = 0.15  # share of the committee members who leave after session 1
SESSION_2_ROLES = frozenset({MeetingRole.COMMITTEE_MEMBER, MeetingRole.LEADERSHIP, MeetingRole.CHAIR,
                             MeetingRole.ORGANIZER, MeetingRole.SECRETARY})
UNDO_REASON = "Scanned the badge of the wrong person: the invitee sent apologies and is not here."
GUEST_NAME = "访客-周立(长沙矿冶院外聘专家)"  # an invited expert on a phone, without an account: a guest
REPORT_FILENAME = "腾讯会议_参会成员明细_2026-02-26.xlsx"
TENCENT_HEADER = ("用户昵称（入会昵称）", "部门", "职位", "是否为企业内部人员", "入会时间", "退会时间", "单次参会时长",
                  "房间类型", "退会原因")
ReportRow = tuple[str, datetime, datetime]  # in-meeting name, joined, left


def load_attendance(load: DemoLoad) -> None:
    """Check-ins of both sessions of the seed meeting and its imported video report, when it has none yet."""
    meeting = db.session.scalar(
        sa.select(Meeting).where(Meeting.ical_uid == WORK_MEETING_UID).options(selectinload(Meeting.sessions))
    )
    if meeting is None or len(meeting.sessions) < 2:
        return
    if db.session.scalar(sa.select(CheckIn.id).where(CheckIn.meeting_id == meeting.id).limit(1)) is not None:
        return
    db.session.flush()
    session = db.session()
    keep, session.expire_on_commit = session.expire_on_commit, False  # each check-in commits; keep what we loaded
    try:
        _DemoDay(load, meeting).record()
    finally:
        session.expire_on_commit = keep


class _DemoDay:
    def __init__(self, load: DemoLoad, meeting: Meeting):
        self.load = load
        self.meeting = meeting
        self.first, self.plenary = meeting.sessions[0], meeting.sessions[1]
        self.staff = load.users[normalize_email(load.people[DESK_STAFF].email)]
        self.rng = random.Random(f"{SEED}:{WORK_MEETING_UID}:attendance")
        self.participants = list(db.session.scalars(
            sa.select(Participant)
            .where(Participant.meeting_id == meeting.id, Participant.cancelled_at.is_(None))
            .options(joinedload(Participant.person), joinedload(Participant.delegate),
                     joinedload(Participant.branch_venue), selectinload(Participant.role_rows))
            .order_by(Participant.id)
        ))

    def at(self, clock: time, spread_minutes: float = 0) -> datetime:
        moment = combine_to_utc(WORK_MEETING.day, clock, TIMEZONE)
        return moment + timedelta(seconds=int(self.rng.uniform(0, spread_minutes * 60)))

    def check_in(self, session: MeetingSession, participant: Participant, at: datetime, **options) -> CheckIn:
        result = checkins.check_in(self.staff if options.get("source") != CheckInSource.SELF else None,
                                   self.meeting, session, participant=participant, at=at, **options)
        self.load.total["check-ins"] += 1
        self.load.created["check-ins"] += int(result.created)
        return result.check_in

    def record(self) -> None:
        accepted = [p for p in self.participants if p.rsvp_status == RsvpStatus.ACCEPTED]
        plain = [p for p in accepted if p.roles <= {MeetingRole.ATTENDEE, MeetingRole.OBSERVER}]
        late = set(self.rng.sample([p for p in plain if p.mode == AttendanceMode.IN_PERSON], LATE))
        no_shows = set(self.rng.sample([p for p in plain if p not in late], NO_SHOWS))
        video_in_report: list[tuple[Participant, datetime | None]] = []

        # Session 1: the desks in the hall and at the branch venues, and the join links.
        for participant in accepted:
            if participant in no_shows:
                continue
            if participant.mode == AttendanceMode.VIDEO:
                # Two in three click their link; the report brings in the others.
                joined = self.at(time(8, 50), 12) if self.rng.random() < 0.67 else None
                if joined is not None:
                    self.check_in(self.first, participant, joined, mode=AttendanceMode.VIDEO,
                                  source=CheckInSource.SELF)
                video_in_report.append((participant, joined))
            elif participant.mode == AttendanceMode.BRANCH:
                self.check_in(self.first, participant, self.at(time(8, 40), 22), mode=AttendanceMode.BRANCH,
                              venue=participant.branch_venue)
            else:
                when = self.at(time(9, 12), 25) if participant in late else self.at(time(8, 30), 35)
                self.check_in(self.first, participant, when, mode=AttendanceMode.IN_PERSON)
        for participant in (p for p in self.participants if p.rsvp_status == RsvpStatus.DELEGATED):
            mode = AttendanceMode.BRANCH if participant.mode == AttendanceMode.BRANCH else AttendanceMode.IN_PERSON
            self.check_in(self.first, participant, self.at(time(8, 45), 15), mode=mode,
                          venue=participant.branch_venue if mode == AttendanceMode.BRANCH else None,
                          delegate=participant.delegate)
        self._mistaken_scan()
        self._import_video_report(video_in_report)

        # Session 2: the committee (most of it), the leadership and the staff stay for the plenary. One branch
        # venue's desk has gone for it: its people sign a paper sheet.
        at_branches: list[Participant] = []
        for participant in accepted:
            if participant in no_shows or not participant.roles & SESSION_2_ROLES:
                continue
            if MeetingRole.COMMITTEE_MEMBER in participant.roles and not participant.roles & {
                MeetingRole.LEADERSHIP, MeetingRole.CHAIR} and self.rng.random() < COMMITTEE_ABSENT:
                continue
            if participant.mode == AttendanceMode.VIDEO:
                self.check_in(self.plenary, participant, self.at(time(11, 14), 6), mode=AttendanceMode.VIDEO,
                              source=CheckInSource.SELF)
            elif participant.mode == AttendanceMode.BRANCH:
                at_branches.append(participant)
            else:
                self.check_in(self.plenary, participant, self.at(time(11, 11), 9), mode=AttendanceMode.IN_PERSON)
        paper_venue = at_branches[0].branch_venue if at_branches else None
        for participant in at_branches:
            if participant.branch_venue_id != paper_venue.id:
                self.check_in(self.plenary, participant, self.at(time(11, 12), 8), mode=AttendanceMode.BRANCH,
                              venue=participant.branch_venue)
        self._enter_paper_sheet(paper_venue, [p.id for p in at_branches if p.branch_venue_id == paper_venue.id])

    def _enter_paper_sheet(self, venue, participant_ids: list[int]) -> None:
        """A branch venue signed the plenary in on paper; the secretary enters the sheet afterwards."""
        if venue is None or not participant_ids:
            return
        secretary = self.load.users[normalize_email(self.load.people[SECRETARY].email)]
        result = by_hand.record_by_hand(secretary, self.meeting, self.plenary, participant_ids,
                                        DeskLocation(AttendanceMode.BRANCH, venue))
        self.load.total["check-ins"] += result.recorded
        self.load.created["check-ins"] += result.recorded

    def _mistaken_scan(self) -> None:
        """A badge of someone who sent apologies scanned at the hall's desk, and undone a minute later."""
        declined = next((p for p in self.participants if p.rsvp_status == RsvpStatus.DECLINED), None)
        if declined is None:
            return
        scanned = self.at(time(8, 47))
        record = self.check_in(self.first, declined, scanned, mode=AttendanceMode.IN_PERSON)
        checkins.undo_check_in(self.staff, record, UNDO_REASON)
        record.undone_at = scanned + timedelta(minutes=1)  # the demo replays the day: undone then, not today
        db.session.commit()

    def _import_video_report(self, attendees: list[tuple[Participant, datetime | None]]) -> None:
        """Session 1's Tencent Meeting report of the video attendees and one guest, previewed and imported."""
        data = tencent_report(self._report_rows(attendees))
        preview = preview_report(self.meeting, self.first, REPORT_FILENAME, data, tz=TIMEZONE)
        result = apply_report(self.staff, self.meeting, self.first, preview)
        self.load.total["reports"] += 1
        self.load.created["reports"] += 1
        self.load.total["check-ins"] += result.checked_in
        self.load.created["check-ins"] += result.checked_in

    def _report_rows(self, attendees: list[tuple[Participant, datetime | None]]) -> list[ReportRow]:
        """(in-meeting name, joined, left) per join: most stay to the end, two leave early, one drops and rejoins."""
        rows = []
        for index, (participant, joined) in enumerate(attendees):
            person = participant.person
            name = f"{person.name_zh or person.name}({person.name_zh or person.name})"
            joined = joined or self.at(time(8, 52), 14)
            left = self.at(time(11, 8), 6)
            if index in (3, 7):  # left early: under half the session is not attended (no check-in from the report)
                left = self.at(time(9, 50), 10) if index == 3 else self.at(time(10, 30), 5)
            if index == 5:  # the network dropped; back two minutes later
                drop = self.at(time(9, 47), 1)
                rows.append((name, joined, drop))
                joined = drop + timedelta(minutes=2)
            rows.append((name, joined, left))
        rows.append((GUEST_NAME, self.at(time(9, 20)), self.at(time(10, 41))))
        return rows


def tencent_report(rows: list[ReportRow]) -> bytes:
    """A Tencent Meeting "参会成员明细" export (every cell text, local times) of ``rows``."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("成员参会明细")
    local = [(name, to_local_naive(joined, TIMEZONE), to_local_naive(left, TIMEZONE)) for name, joined, left in rows]
    start = combine_to_utc(WORK_MEETING.day, time(9, 0), TIMEZONE)
    for line in (
        ("会议主题:", "2026年度科技创新工作会议暨科技委员会2026年第一次全体会议"),
        ("会议号:", WORK_MEETING.video_meeting_code.replace(" ", "")),
        ("预定开始时间:", f"{to_local_naive(start, TIMEZONE):%Y-%m-%d %H:%M:%S}"),
        ("参会用户总数:", str(len({name for name, _, _ in local}))),
        (),
        TENCENT_HEADER,
    ):
        sheet.append(line)
    for name, joined, left in sorted(local, key=lambda row: row[1]):
        seconds = int((left - joined).total_seconds())
        sheet.append((name, "--", "--", "否" if name == GUEST_NAME else "是", f"{joined:%Y-%m-%d %H:%M:%S}",
                      f"{left:%Y-%m-%d %H:%M:%S}", f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}",
                      "PC", "已离开会议"))
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
