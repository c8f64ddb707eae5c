"""Route × role rows of the attendance area. Each part of the area keeps its rows, sample objects and URL values
in its own block below and registers them with ``_part``; re-read the file before adding a block."""

from __future__ import annotations

from types import SimpleNamespace

from tests.route_matrix import everyone, only

MANAGERS = ("organizer", "admin")

ROUTES: dict = {}
_POPULATE: list = []
_URL_VALUES: list = []


def _part(routes: dict, populate=None, url_values=None) -> None:
    for key in routes:
        assert key not in ROUTES, f"{key} listed twice in tests/attendance/routes.py"
    ROUTES.update(routes)
    if populate is not None:
        _POPULATE.append(populate)
    if url_values is not None:
        _URL_VALUES.append(url_values)


def populate(world) -> None:
    world.attendance = SimpleNamespace()
    for fill in _POPULATE:
        fill(world)


def url_values(world) -> dict[str, dict]:
    values: dict = {}
    for part in _URL_VALUES:
        values.update(part(world))
    return values


# --- check-in desk, tickets, badge sheet, join links ------------------------------------------------------
# The desk is for the meeting's managers (the organizer account organizes the sample meeting; admins manage every
# meeting) and its check-in staff (tests/attendance/test_desk_access.py). A ticket is its invitee's alone: the
# member account is linked to the sample invitee, every other account gets 404. The RSVP and join tokens are
# the credential, signed in or not.


def _populate_desk(world) -> None:
    from meetapp.attendance.checkins import check_in
    from meetapp.extensions import db
    from tests.factories import ParticipantFactory, UserFactory
    from tests.participants.samples import future_meeting

    meeting = future_meeting(organizers=[world.users["organizer"]])
    invitee = ParticipantFactory(meeting=meeting)
    world.users["member"].person_id = invitee.person_id
    staff = UserFactory()
    meeting.checkin_staff.append(staff)
    db.session.commit()
    record = check_in(world.users["organizer"], meeting, meeting.sessions[0], participant=invitee).check_in
    world.attendance.desk = SimpleNamespace(meeting=meeting, invitee=invitee, staff=staff, record=record)


def _desk_url_values(world) -> dict[str, dict]:
    sample = world.attendance.desk
    meeting = {"meeting_id": sample.meeting.id}
    return {
        **dict.fromkeys(
            ("attendance.desk_page", "attendance.desk_check_in", "attendance.desk_scan", "attendance.desk_token",
             "attendance.desk_decode",
             "attendance.staff_page", "attendance.my_ticket", "attendance.badges"),
            meeting,
        ),
        "attendance.desk_undo": {**meeting, "check_in_id": sample.record.id},
        "attendance.staff_remove": {**meeting, "user_id": sample.staff.id},
        "tickets.by_token": {"token": sample.invitee.rsvp_token},
        "join.join": {"token": sample.invitee.join_token},
    }


_part(
    {
        ("GET", "attendance.desk_page"): only(MANAGERS, 200),
        ("POST", "attendance.desk_check_in"): only(MANAGERS, 200),  # nothing scanned: the desk again, with why
        ("POST", "attendance.desk_scan"): only(MANAGERS, 400),  # not a JSON scan
        ("GET", "attendance.desk_token"): only(MANAGERS, 200),
        ("POST", "attendance.desk_decode"): only(MANAGERS, 400),  # no camera frame sent
        ("POST", "attendance.desk_undo"): only(MANAGERS, 200),  # no reason given: the desk again, with why
        ("GET", "attendance.staff_page"): only(MANAGERS, 200),
        ("POST", "attendance.staff_page"): only(MANAGERS, 200),  # no email: the form again
        ("POST", "attendance.staff_remove"): only(MANAGERS, 302),
        ("GET", "attendance.badges"): only(MANAGERS, 200),
        # Only the invitee's own account has a ticket here; nobody sees another's.
        ("GET", "attendance.my_ticket"): only(("member",), 200, denied=404),
        ("GET", "tickets.by_token"): everyone(200),
        ("GET", "join.join"): everyone(302),  # to the video meeting (no session near: nothing recorded)
    },
    _populate_desk,
    _desk_url_values,
)


# --- video report import (video import helper) --------------------------------------------------------------
# Reading the imported reports is for those who read attendance (managers, check-in staff, secretaries); importing
# is for the meeting's managers. A pending upload belongs to whoever uploaded it (the organizer account here): an
# admin, although a manager, gets 404 for it.


def _populate_video(world) -> None:
    from meetapp.attendance.models import VideoPlatformReport, VideoReport
    from meetapp.directory import pending_imports
    from meetapp.extensions import db
    from tests.attendance.video_samples import sample
    from tests.participants.samples import future_meeting

    meeting = future_meeting(organizers=[world.users["organizer"]])
    session = meeting.sessions[0]
    report = VideoReport(meeting_id=meeting.id, session_id=session.id, platform=VideoPlatformReport.ZOOM,
                         filename="zoom.csv", sha256="0" * 64, imported_by_id=world.users["organizer"].id)
    db.session.add(report)
    db.session.commit()

    def pending() -> str:
        return pending_imports.save(sample("zoom-participants.csv"), kind="video_report", filename="zoom.csv",
                                    owner_id=world.users["organizer"].id,
                                    extra={"meeting_id": meeting.id, "session_id": session.id, "platform": "",
                                           "timezone": meeting.timezone})

    world.attendance.video = SimpleNamespace(meeting=meeting, report=report, token=pending(), cancel_token=pending())


def _video_url_values(world) -> dict[str, dict]:
    sample = world.attendance.video
    meeting = {"meeting_id": sample.meeting.id}
    return {
        "attendance.video_reports": meeting,
        "attendance.video_upload": meeting,
        "attendance.video_preview": {**meeting, "token": sample.token},
        "attendance.video_cancel": {**meeting, "token": sample.cancel_token},
        "attendance.video_report": {**meeting, "report_id": sample.report.id},
    }


_VIDEO_READERS = ("organizer", "secretary", "admin")
_VIDEO_UPLOADER_ONLY = {"anonymous": 302, "member": 403, "organizer": 200, "secretary": 403, "admin": 404}

_part(
    {
        ("GET", "attendance.video_reports"): only(_VIDEO_READERS, 200),
        ("GET", "attendance.video_report"): only(_VIDEO_READERS, 200),
        ("GET", "attendance.video_upload"): only(MANAGERS, 200),
        ("POST", "attendance.video_upload"): only(MANAGERS, 200),  # no file: the form again, with why
        ("GET", "attendance.video_preview"): _VIDEO_UPLOADER_ONLY,
        ("POST", "attendance.video_preview"): _VIDEO_UPLOADER_ONLY,  # no threshold: the preview again, with why
        ("POST", "attendance.video_cancel"): {**_VIDEO_UPLOADER_ONLY, "organizer": 302},
    },
    _populate_video,
    _video_url_values,
)


# --- live board, quorum and reports (board and report helper) ------------------------------------------------
# Attendance is read by the meeting's managers, its check-in staff and secretaries; an invitee who is only an
# attendee (the member account is on this meeting's list) is refused. Recording the quorum is for managers.


def _populate_board(world) -> None:
    from meetapp.extensions import db
    from tests.attendance.board_samples import committee_meeting
    from tests.factories import ParticipantFactory, PersonFactory

    committee = committee_meeting(world.users["organizer"], tag=" (matrix)")
    member = world.users["member"]
    if member.person is None:
        member.person = PersonFactory()
        db.session.commit()
    ParticipantFactory(meeting=committee.meeting, person=member.person)
    world.attendance.board = committee


def _board_url_values(world) -> dict[str, dict]:
    committee = world.attendance.board
    meeting = {"meeting_id": committee.meeting.id}
    return {
        **dict.fromkeys(
            ("attendance.board", "attendance.report", "attendance.report_csv", "attendance.report_xlsx",
             "attendance.report_pdf", "attendance.sign_in_sheet"),
            meeting,
        ),
        "attendance.board_data": {**meeting, "session_id": committee.morning.id},
        "attendance.record_quorum": {**meeting, "item_id": committee.resolution.id},
    }


_ATTENDANCE_READERS = ("organizer", "secretary", "admin")

_part(
    {
        ("GET", "attendance.board"): only(_ATTENDANCE_READERS, 200),
        ("GET", "attendance.board_data"): only(_ATTENDANCE_READERS, 200),
        ("POST", "attendance.record_quorum"): only(MANAGERS, 302),  # recorded, back to the board
        ("GET", "attendance.report"): only(_ATTENDANCE_READERS, 200),
        ("GET", "attendance.report_csv"): only(_ATTENDANCE_READERS, 200),
        ("GET", "attendance.report_xlsx"): only(_ATTENDANCE_READERS, 200),
        ("GET", "attendance.report_pdf"): only(_ATTENDANCE_READERS, 200),
        ("GET", "attendance.sign_in_sheet"): only(_ATTENDANCE_READERS, 200),
    },
    _populate_board,
    _board_url_values,
)


# --- attendance entered by hand from the paper sign-in sheet -------------------------------------------------
# For those who keep the meeting's record: its managers and secretaries (check-in staff are refused:
# tests/attendance/test_by_hand.py). Uses the board's committee meeting.


def _by_hand_url_values(world) -> dict[str, dict]:
    committee = world.attendance.board
    return {"attendance.by_hand_page": {"meeting_id": committee.meeting.id, "session_id": committee.afternoon.id}}


_part(
    {
        ("GET", "attendance.by_hand_page"): only(("organizer", "secretary", "admin"), 200),
        ("POST", "attendance.by_hand_page"): only(("organizer", "secretary", "admin"), 200),  # nobody ticked: why
    },
    url_values=_by_hand_url_values,
)
