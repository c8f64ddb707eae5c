"""The demo's attendance of the 26 February 2026 work meeting: check-ins in the hall, at branch venues and by video,
from the desk, join links and an imported Tencent Meeting report (with a guest); a late arrival, an undone scan, a
delegate, a quorate committee plenary; loading the demo again adds nothing."""

from __future__ import annotations

import time
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from meetapp.attendance.models import CheckIn, CheckInSource, VideoReport, VideoSegment
from meetapp.attendance.quorum import quorum_now
from meetapp.attendance.status import AttendanceStatus, derive
from meetapp.auth.models import User
from meetapp.demo.loader import load_demo
from meetapp.extensions import db
from meetapp.meetings.models import Meeting
from meetapp.participants.models import AttendanceMode, Participant, RsvpStatus
from tests.demo.test_demo_meeting import ORGANIZER, WORK_MEETING_UID


@pytest.fixture(scope="module")
def timing():
    return {}


@pytest.fixture
def meeting(app, timing):
    started = time.perf_counter()
    load_demo()
    timing["load"] = time.perf_counter() - started
    db.session.expire_all()
    return db.session.scalar(sa.select(Meeting).where(Meeting.ical_uid == WORK_MEETING_UID))


def check_ins(meeting, **where):
    return list(db.session.scalars(
        sa.select(CheckIn)
        .where(CheckIn.meeting_id == meeting.id, *(getattr(CheckIn, k) == v for k, v in where.items()))
    ))


def test_both_sessions_have_check_ins_in_every_mode_and_from_every_source(meeting, timing):
    first, plenary = meeting.sessions
    active = [c for c in check_ins(meeting) if c.undone_at is None]
    assert {c.mode for c in active if c.session_id == first.id} == set(AttendanceMode)
    assert set(CheckInSource) == {c.source for c in active}
    in_first = {c.participant_id for c in active if c.session_id == first.id}
    in_plenary = {c.participant_id for c in active if c.session_id == plenary.id}
    assert 150 < len(in_first) < 228 and 0 < len(in_plenary) < len(in_first)
    assert in_plenary - in_first == set()  # some people only in session 1, nobody only in session 2
    organizer = db.session.scalar(sa.select(User).where(User.email == ORGANIZER))
    desk = [c for c in active if c.source == CheckInSource.DESK]
    assert {c.recorded_by_id for c in desk} == {organizer.id}
    assert {c.recorded_by_id for c in active if c.source == CheckInSource.SELF} == {None}
    # One branch venue signed the plenary in on paper, entered afterwards by the secretary: on time, at that venue.
    on_paper = [c for c in active if c.source == CheckInSource.MANUAL]
    secretary = db.session.scalar(sa.select(User).where(User.email == "zhang.min@minmetals.example.com"))
    assert {(c.session_id, c.mode, c.recorded_by_id, c.checked_in_at) for c in on_paper} == {
        (plenary.id, AttendanceMode.BRANCH, secretary.id, plenary.starts_at)}
    assert len({c.venue_id for c in on_paper}) == 1
    branch = [c for c in desk if c.mode == AttendanceMode.BRANCH]
    assert all(c.venue in meeting.branch_venues for c in branch)
    assert {c.venue_id for c in desk if c.mode == AttendanceMode.IN_PERSON} == {meeting.venue_id}
    assert timing["load"] < 15  # the whole demo, on a test machine: a few seconds


def test_hall_desk_times_are_around_half_past_eight_and_a_few_are_late(meeting):
    first = meeting.sessions[0]
    participants = {p.id: p for p in meeting.participants}
    hall = [c for c in check_ins(meeting, session_id=first.id, mode=AttendanceMode.IN_PERSON) if c.undone_at is None]
    beijing = sorted(c.checked_in_at.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%H:%M")
                     for c in hall)
    assert beijing[0] >= "08:30" and beijing[len(beijing) // 2] < "09:05"
    statuses = [derive(meeting, first, participants[c.participant_id], c).status for c in hall]
    late = [status for status in statuses if status == AttendanceStatus.LATE]
    assert 1 <= len(late) <= 10


def test_the_imported_video_report_has_a_guest_and_checked_in_those_without_a_join_click(meeting):
    first = meeting.sessions[0]
    (report,) = db.session.scalars(sa.select(VideoReport).where(VideoReport.session_id == first.id))
    assert report.platform == "tencent" and report.guests == 1 and report.people_attended > 10
    guests = db.session.scalars(sa.select(VideoSegment).where(VideoSegment.report_id == report.id,
                                                              VideoSegment.participant_id.is_(None))).all()
    assert len(guests) == 1 and guests[0].guest_name
    imported = check_ins(meeting, session_id=first.id, source=CheckInSource.IMPORT)
    assert imported and all(c.video_report_id == report.id and c.minutes_attended for c in imported)
    # Join-link check-ins got the report's leave time and minutes; someone left early.
    self_joined = check_ins(meeting, session_id=first.id, source=CheckInSource.SELF)
    assert self_joined and all(c.left_at and c.minutes_attended for c in self_joined)
    participants = {p.id: p for p in meeting.participants}
    statuses = {derive(meeting, first, participants[c.participant_id], c).status for c in self_joined + imported}
    assert AttendanceStatus.LEFT_EARLY in statuses


def test_an_undone_scan_and_a_delegate(meeting):
    first = meeting.sessions[0]
    (undone,) = [c for c in check_ins(meeting) if c.undone_at is not None]
    assert undone.undo_reason and undone.undone_by is not None
    assert undone.participant.rsvp_status == RsvpStatus.DECLINED
    assert undone.undone_at > undone.checked_in_at
    represented = [c for c in check_ins(meeting, session_id=first.id) if c.attendee_person_id is not None]
    assert represented
    for record in represented:
        assert record.participant.rsvp_status == RsvpStatus.DELEGATED
        assert record.attendee_person_id == record.participant.delegate_id
        assert derive(meeting, first, record.participant, record).status == AttendanceStatus.REPRESENTED


def test_the_committee_plenary_is_quorate(meeting):
    plenary = meeting.sessions[1]
    assert plenary.quorum_required
    quorum = quorum_now(plenary)
    assert quorum.members > 10 and quorum.met
    assert quorum.present < quorum.members  # not everyone stayed


def test_loading_the_demo_again_changes_nothing(meeting):
    before = db.session.execute(sa.select(CheckIn.id, CheckIn.undone_at, CheckIn.left_at)).all()
    reports = db.session.scalar(sa.select(sa.func.count(VideoReport.id)))
    again = load_demo()
    db.session.expire_all()
    assert db.session.execute(sa.select(CheckIn.id, CheckIn.undone_at, CheckIn.left_at)).all() == before
    assert db.session.scalar(sa.select(sa.func.count(VideoReport.id))) == reports == 1
    assert again.created["check-ins"] == 0 and again.created["reports"] == 0
    assert db.session.scalar(sa.select(sa.func.count(Participant.id)).where(Participant.meeting_id == meeting.id))
