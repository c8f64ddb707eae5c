"""Importing a video report for a session: preview, then apply in one transaction — who matched, minutes, the
threshold, guests and hand-made matches, one check-in per invitee, refusals that change nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from meetapp.attendance.checkins import check_in
from meetapp.attendance.models import CheckIn, CheckInSource, VideoReport, VideoSegment
from meetapp.attendance.status import AttendanceStatus, derive
from meetapp.attendance.video_reports.reading import ReportRefused
from meetapp.attendance.video_reports.services import (
    GUEST,
    IGNORE,
    AlreadyImported,
    NotAnInvitee,
    NoTimesInReport,
    apply_report,
    preview_report,
)
from meetapp.extensions import db
from meetapp.participants.models import AttendanceMode, RsvpStatus
from tests.attendance.video_samples import (
    DURATIONS_ONLY,
    GUEST_NAMES,
    MINUTES,
    PER_PERSON,
    PER_PERSON_MINUTES,
    WITH_TIMES,
    cast_meeting,
    cst,
    many_invitees_file,
    sample,
)
from tests.factories import ParticipantFactory, PersonFactory, SessionFactory


@pytest.fixture
def cast(app, users):
    return cast_meeting(organizers=[users["organizer"]])


def preview(cast, name="zoom-participants.csv", **kwargs):
    return preview_report(cast.meeting, cast.session, name, sample(name), **kwargs)


def counts() -> dict:
    return {model.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in (VideoReport, VideoSegment, CheckIn)}


def matched_minutes(cast, result) -> dict:
    return {cast.key_of(p.match.candidate.participant.id): p.minutes for p in result.matched}


@pytest.mark.parametrize("name", WITH_TIMES)
def test_every_sample_matches_the_same_invitees_with_the_same_minutes(cast, name):
    result = preview(cast, name)
    expected = PER_PERSON_MINUTES if name in PER_PERSON else MINUTES
    assert matched_minutes(cast, result) == expected
    assert len(result.people) == 10
    unmatched = {p.name for p in result.unmatched}
    assert {n for n in unmatched if "Emily" in n or "赵磊" in n} and len(unmatched) == 3  # + the branch room
    assert all(p.default_decision == GUEST for p in result.unmatched)
    # Threshold 50 % of 150 minutes: everyone matched attended (Chen 114 and Liu Fang 127 included).
    assert result.window.required_minutes == 75
    assert {cast.key_of(p.match.candidate.participant.id) for p in result.attended} == set(expected)


def test_zhang_weis_two_joins_merge_and_the_gap_is_not_counted(cast):
    zhang = next(p for p in preview(cast).matched if p.match.candidate.participant == cast.people["zhang"])
    assert len(zhang.rows) == 2
    assert zhang.intervals == [(cst(8, 59, 30), cst(9, 47, 12)), (cst(9, 49, 5), cst(11, 33, 58))]
    assert zhang.minutes == 148  # 09:00–09:47:12 and 09:49:05–11:30


def test_how_people_matched(cast):
    how = {cast.key_of(p.match.candidate.participant.id): p.match.how for p in preview(cast).matched}
    # Li Na was on the call with another e-mail, renamed "李娜 Li Na - 科技部 (Li Na)"; Chen Xiaoming had no e-mail.
    assert how == {"wang": "email", "zhou": "email", "li": "name", "zhang": "email", "okafor": "email",
                   "chen": "name", "liu": "email"}
    tencent = {cast.key_of(p.match.candidate.participant.id): p.match.how
               for p in preview(cast, "tencent-meeting-participants.xlsx").matched}
    # 芳芳(刘芳-财务部): a part of the in-meeting name; Lina(李娜-科技部): the nickname is her name
    assert (tencent["liu"], tencent["li"], tencent["chen"]) == ("name_part", "name", "name")


def test_overlapping_joins_are_counted_once(cast):
    data = sample("zoom-participants.csv").decode("utf-8-sig") + (
        '刘芳 Liu Fang,liu.fang@example.com,"03/18/2026 09:30:00 AM","03/18/2026 11:25:00 AM",115,No\n')
    result = preview_report(cast.meeting, cast.session, "z.csv", data.encode())
    liu = next(p for p in result.matched if p.match.candidate.participant == cast.people["liu"])
    assert liu.minutes == 132  # 09:12:37–11:25, not 127 + 115


def test_the_threshold_decides_who_attended(cast):
    def attended(percent):
        result = preview(cast, threshold_percent=percent)
        return {cast.key_of(p.match.candidate.participant.id) for p in result.attended}

    assert cast.meeting.video_threshold_percent == 50
    assert attended(76) == set(MINUTES)  # 114 minutes needed: Chen Xiaoming has 114
    assert attended(77) == set(MINUTES) - {"chen"}  # 116 needed
    assert attended(84) == set(MINUTES) - {"chen"}  # 126 needed: Liu Fang has 127
    assert attended(85) == set(MINUTES) - {"chen", "liu"}  # 128 needed
    cast.meeting.video_threshold_percent = 80
    db.session.commit()
    assert preview(cast).window.required_minutes == 120


def test_time_before_the_start_counts_only_when_asked(cast):
    wang = cast.people["wang"]
    early = preview(cast, count_before_start=True)
    minutes = {p.match.candidate.participant: p.minutes for p in early.matched}
    assert minutes[wang] == 157  # from 08:52:10, not from 09:00; never after 11:30
    assert {p.match.candidate.participant: p.minutes for p in preview(cast).matched}[wang] == 150


def test_a_report_of_another_day_warns_that_nobody_was_there(cast):
    cast.session.starts_at += timedelta(days=1)
    cast.session.ends_at += timedelta(days=1)
    db.session.commit()
    result = preview(cast)
    assert not result.attended
    assert "Nobody in this report was on the call during the session" in result.warnings[0]


def test_apply_records_report_segments_and_video_check_ins(cast, users):
    result = apply_report(users["organizer"], cast.meeting, cast.session, preview(cast), {})
    report = result.report
    assert (report.platform, report.rows_total, report.people_matched, report.people_attended, report.guests) == (
        "zoom", 11, 7, 7, 3)
    assert report.imported_by_id == users["organizer"].id and report.threshold_percent == 50
    assert result.checked_in == 7 and result.updated == 0
    records = {cast.key_of(c.participant_id): c for c in db.session.scalars(sa.select(CheckIn))}
    assert set(records) == set(MINUTES)
    liu = records["liu"]
    assert (liu.mode, liu.source, liu.video_report_id) == (AttendanceMode.VIDEO, CheckInSource.IMPORT, report.id)
    assert (liu.checked_in_at, liu.left_at, liu.minutes_attended) == (cst(9, 12, 37), cst(11, 20, 15), 127)
    assert derive(cast.meeting, cast.session, cast.people["liu"], liu).status == AttendanceStatus.LEFT_EARLY
    assert records["zhang"].checked_in_at == cst(8, 59, 30) and records["zhang"].left_at == cst(11, 33, 58)
    assert derive(cast.meeting, cast.session, cast.people["zhang"], records["zhang"]).status == "present"
    segments = db.session.scalars(sa.select(VideoSegment)).all()
    assert len(segments) == 11
    assert {s.guest_name for s in segments if s.participant_id is None} == GUEST_NAMES | {
        "深圳分会场 Shenzhen Branch Room"}
    carter = next(s for s in segments if s.guest_name == "Emily Carter")
    assert carter.guest_email == "emily.carter@partner.example.org"


def test_hand_made_match_guest_and_ignore_decisions(cast, users):
    result = preview(cast)
    room = next(p for p in result.unmatched if "深圳" in p.name)
    walk_in = next(p for p in result.unmatched if "赵磊" in p.name)
    carter = next(p for p in result.unmatched if "Emily" in p.name)
    chen = next(p for p in result.matched if p.match.candidate.participant == cast.people["chen"])
    decisions = {room.key: str(cast.branch_head.id), walk_in.key: GUEST, carter.key: IGNORE, chen.key: IGNORE}
    applied = apply_report(users["organizer"], cast.meeting, cast.session, result, decisions)
    assert (applied.report.people_matched, applied.report.people_attended, applied.report.guests) == (7, 7, 1)
    checked = {c.participant_id for c in db.session.scalars(sa.select(CheckIn))}
    assert cast.branch_head.id in checked and cast.people["chen"].id not in checked
    guests = db.session.scalars(sa.select(VideoSegment.guest_name).where(VideoSegment.participant_id.is_(None)))
    assert set(guests) == {"访客-赵磊"}


def test_an_invitee_chosen_by_hand_must_be_on_the_list(cast, users):
    elsewhere = ParticipantFactory()  # on another meeting's list
    result = preview(cast)
    room = next(p for p in result.unmatched if "深圳" in p.name)
    for chosen in (str(elsewhere.id), "999999"):
        with pytest.raises(NotAnInvitee):
            apply_report(users["organizer"], cast.meeting, cast.session, result, {room.key: chosen})
    assert counts() == {"VideoReport": 0, "VideoSegment": 0, "CheckIn": 0}


def test_two_invitees_of_the_same_name_are_left_to_the_organizer(cast, users):
    namesake = PersonFactory(name="Chen Xiaoming", name_zh="陈晓明", email=None)
    second = ParticipantFactory(meeting=cast.meeting, person=namesake)
    result = preview(cast)
    chen = next(p for p in result.people if p.name == "陈晓明")
    assert chen.match.ambiguous and {c.participant for c in chen.match.candidates} == {cast.people["chen"], second}
    assert chen.default_decision == IGNORE
    apply_report(users["organizer"], cast.meeting, cast.session, result, {chen.key: str(second.id)})
    assert db.session.scalar(sa.select(CheckIn).where(CheckIn.participant_id == second.id)) is not None
    assert db.session.scalar(sa.select(CheckIn).where(CheckIn.participant_id == cast.people["chen"].id)) is None


def test_a_delegate_on_the_call_checks_in_the_invitee_as_represented(cast, users):
    zhou = cast.people["zhou"]
    zhou.person.email = "zhou.t@hq.example.com"
    db.session.commit()
    delegate = PersonFactory(name="Ma Jun", name_zh="马骏", email="zhou.ting@example.com")  # on the call
    zhou.delegate, zhou.rsvp_status = delegate, RsvpStatus.DELEGATED
    db.session.commit()
    apply_report(users["organizer"], cast.meeting, cast.session, preview(cast), {})
    record = db.session.scalar(sa.select(CheckIn).where(CheckIn.participant_id == zhou.id))
    assert record.attendee_person_id == delegate.id
    assert derive(cast.meeting, cast.session, zhou, record).status == AttendanceStatus.REPRESENTED


def test_an_invitee_already_checked_in_keeps_one_record_completed_by_the_report(cast, users):
    wang, liu = cast.people["wang"], cast.people["liu"]
    joined = check_in(None, cast.meeting, cast.session, participant=wang, mode=AttendanceMode.VIDEO,
                      source=CheckInSource.SELF, at=cst(8, 51)).check_in  # through the personal join link
    in_room = check_in(users["organizer"], cast.meeting, cast.session, participant=liu,
                       mode=AttendanceMode.IN_PERSON, at=cst(9, 5)).check_in
    result = apply_report(users["organizer"], cast.meeting, cast.session, preview(cast), {})
    assert (result.checked_in, result.updated, result.kept) == (5, 1, 1)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CheckIn)) == 7
    db.session.refresh(joined)
    db.session.refresh(in_room)
    assert (joined.source, joined.checked_in_at, joined.left_at, joined.minutes_attended) == (
        CheckInSource.SELF, cst(8, 51), cst(11, 34, 2), 150)
    assert joined.video_report_id == result.report.id
    assert (in_room.mode, in_room.left_at, in_room.minutes_attended) == (AttendanceMode.IN_PERSON, None, None)


def test_a_second_report_of_the_session_adds_to_the_first(cast, users):
    """A restarted meeting gives two files; minutes are counted over both (overlaps once)."""
    text = sample("zoom-participants.csv").decode("utf-8-sig")
    first_half = text.replace("11:20:15 AM", "09:50:00 AM")  # Liu Fang's first file ends at 09:50
    second_half = "\n".join(text.splitlines()[:4]) + (
        '\n刘芳 Liu Fang,liu.fang@example.com,"03/18/2026 09:45:00 AM","03/18/2026 11:20:15 AM",96,No\n')
    organizer = users["organizer"]
    apply_report(organizer, cast.meeting, cast.session, preview_report(
        cast.meeting, cast.session, "1.csv", first_half.encode(), threshold_percent=80), {})
    assert db.session.scalar(sa.select(CheckIn).where(CheckIn.participant_id == cast.people["liu"].id)) is None
    second = apply_report(organizer, cast.meeting, cast.session, preview_report(
        cast.meeting, cast.session, "2.csv", second_half.encode(), threshold_percent=80), {})
    record = db.session.scalar(sa.select(CheckIn).where(CheckIn.participant_id == cast.people["liu"].id))
    assert (record.checked_in_at, record.minutes_attended, record.video_report_id) == (
        cst(9, 12, 37), 127, second.report.id)


def test_reimporting_the_same_file_changes_nothing(cast, users):
    apply_report(users["organizer"], cast.meeting, cast.session, preview(cast), {})
    before = counts()
    with pytest.raises(AlreadyImported) as caught:
        preview(cast)
    assert "already imported for this session" in str(caught.value) and "Organizer" in str(caught.value)
    stale = preview_report(cast.meeting, cast.session, "x.csv", sample("zoom-participants.csv") + b"\n")
    stale.sha256 = db.session.scalar(sa.select(VideoReport.sha256))  # a preview made before the first import
    with pytest.raises(AlreadyImported):
        apply_report(users["organizer"], cast.meeting, cast.session, stale, {})
    assert counts() == before
    # Another session of the meeting may import the same file.
    afternoon = SessionFactory(meeting=cast.meeting, starts_at=cst(14, 0), ends_at=cst(16, 0))
    other = preview_report(cast.meeting, afternoon, "z.csv", sample("zoom-participants.csv"))
    assert other.warnings  # nobody was there in the afternoon


@pytest.mark.parametrize("data", [
    b"",
    sample("zoom-participants.csv")[:700],  # cut in the middle of a row
    bytes(range(256)) * 8,
])
def test_a_malformed_file_is_refused_and_changes_nothing(cast, data):
    with pytest.raises(ReportRefused):
        preview_report(cast.meeting, cast.session, "bad.csv", data)
    assert counts() == {"VideoReport": 0, "VideoSegment": 0, "CheckIn": 0}


@pytest.mark.parametrize("name", DURATIONS_ONLY)
def test_exports_without_times_are_refused_with_how_to_export_them(cast, name):
    with pytest.raises(NoTimesInReport) as caught:
        preview(cast, name)
    assert "Show unique users" in str(caught.value)


def test_apply_runs_the_same_queries_for_ten_times_the_rows(cast, users, count_queries):
    """Segments go in with one bulk insert and check-ins with one; the apply does not grow with the report."""
    big_file = many_invitees_file(cast, 100)
    small = preview(cast)
    with count_queries() as few:
        apply_report(users["organizer"], cast.meeting, cast.session, small, {})
    db.session.execute(sa.delete(CheckIn))
    big = preview_report(cast.meeting, cast.session, "many.csv", big_file)
    with count_queries() as many:
        apply_report(users["organizer"], cast.meeting, cast.session, big, {})
    assert len(big.people) >= 10 * len(small.people)
    assert many.count == few.count


def test_preview_queries_do_not_grow_with_the_invitees(cast, count_queries):
    with count_queries() as few:
        preview(cast)
    many_invitees_file(cast, 50)
    with count_queries() as many:
        preview(cast)
    assert many.count == few.count



def test_two_organizers_confirming_the_same_file_at_once_store_it_once(cast, users, monkeypatch):
    from meetapp.attendance.video_reports import services

    raced = preview(cast)  # both previewed before either confirmed
    apply_report(users["organizer"], cast.meeting, cast.session, preview(cast), {})
    before = counts()
    real_check = services._refuse_if_imported
    checks = []

    def too_early(*args):  # the second confirm checked before the first one committed
        checks.append(args)
        if len(checks) > 1:
            real_check(*args)

    monkeypatch.setattr(services, "_refuse_if_imported", too_early)
    with pytest.raises(AlreadyImported):
        apply_report(users["admin"], cast.meeting, cast.session, raced, {})
    assert counts() == before


def test_refusals_of_the_options(cast):
    from meetapp.attendance.checkins import SessionNotInMeeting
    from meetapp.attendance.video_reports.services import BadThreshold, UnknownTimeZone

    with pytest.raises(UnknownTimeZone):
        preview(cast, tz="Mars/Olympus_Mons")
    for percent in (0, 101):
        with pytest.raises(BadThreshold):
            preview(cast, threshold_percent=percent)
    elsewhere = SessionFactory()
    with pytest.raises(SessionNotInMeeting):
        preview_report(cast.meeting, elsewhere, "z.csv", sample("zoom-participants.csv"))
