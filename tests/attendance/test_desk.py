"""The check-in desk: every answer a scan can get, undo and checking in again, delegates, branch venues and video,
replayed nonces, the form the desk posts without JavaScript, and the search by name or unit."""

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from meetapp.attendance.models import CheckIn, CheckInSource
from meetapp.attendance.status import AttendanceStatus, derive
from meetapp.database import utcnow
from meetapp.extensions import db
from meetapp.meetings.models import Visibility
from meetapp.participants.models import AttendanceMode
from tests.attendance.desk_samples import desk_world


def shown(answer: dict) -> str:
    """Everything the desk shows of a scan's JSON answer, as one text to search."""
    return json.dumps(answer, ensure_ascii=False)


@pytest.fixture
def world(app, users, auth):
    world = desk_world(users)
    auth.login_as(users["organizer"])
    return world


def scan(client, world, **body):
    body.setdefault("session_id", world.morning.id)
    return client.post(f"/meetings/{world.meeting.id}/attendance/desk/scan", json=body)


def records(**where):
    return list(db.session.scalars(sa.select(CheckIn).filter_by(**where).order_by(CheckIn.id)))


def test_a_scan_checks_the_ticket_holder_in_at_the_main_venue(client, world, users):
    response = scan(client, world, ticket_code=world.chen.ticket_code, nonce="scan-0001")
    assert response.status_code == 200
    answer = response.json
    assert answer["outcome"] == "checked_in" and answer["created"] and answer["name"] == "Chen Jun"
    assert "Chen Jun" in shown(answer) and "陈军" in shown(answer) and "Chairman" in shown(answer)
    assert "Group Headquarters" in shown(answer) and "Seat A1" in shown(answer) and "Chair" in shown(answer)
    (record,) = records()
    assert record.session_id == world.morning.id and record.participant_id == world.chen.id
    assert record.mode == AttendanceMode.IN_PERSON and record.venue_id == world.meeting.venue_id
    assert record.source == CheckInSource.DESK and record.recorded_by_id == users["organizer"].id
    assert record.client_nonce == "scan-0001"


def test_a_second_scan_says_already_checked_in_when_where_and_by_whom(client, world):
    scan(client, world, ticket_code=world.chen.ticket_code)
    answer = scan(client, world, ticket_code=world.chen.ticket_code).json
    assert answer["outcome"] == "already_checked_in" and not answer["created"]
    assert "Already checked in" in shown(answer)
    assert "Minmetals Plaza, Hall A, by Organizer." in shown(answer)
    assert "No second check-in was recorded." in shown(answer)
    assert len(records()) == 1


def test_the_same_person_checks_in_per_session(client, world):
    scan(client, world, ticket_code=world.chen.ticket_code)
    answer = scan(client, world, ticket_code=world.chen.ticket_code, session_id=world.afternoon.id).json
    assert answer["outcome"] == "checked_in"
    assert [r.session_id for r in records()] == [world.morning.id, world.afternoon.id]


def test_an_unknown_code_is_not_invited(client, world):
    answer = scan(client, world, ticket_code="no-such-ticket").json
    assert answer["outcome"] == "not_invited" and not answer["ok"]
    assert "No participant of this meeting has this ticket." in shown(answer)
    assert records() == []


def test_a_ticket_of_another_meeting_names_it_when_the_user_may_see_it(client, world, users, auth):
    answer = scan(client, world, ticket_code=world.stranger.ticket_code).json
    assert answer["outcome"] == "other_meeting"
    assert "This ticket is for another meeting: Board meeting" in shown(answer)
    assert records() == []

    world.other_meeting.visibility = Visibility.PARTICIPANTS
    db.session.commit()
    answer = scan(client, world, ticket_code=world.stranger.ticket_code).json
    assert answer["outcome"] == "other_meeting"
    assert "Board meeting" not in shown(answer) and "This ticket is for another meeting." in shown(answer)


def test_a_removed_participant_is_not_checked_in(client, world):
    answer = scan(client, world, ticket_code=world.removed.ticket_code).json
    assert answer["outcome"] == "cancelled_participant"
    assert "Removed from the participant list" in shown(answer) and "Sun Hao" in shown(answer)
    assert records() == []


def test_undo_keeps_the_record_and_allows_a_new_check_in(client, world, users):
    first = scan(client, world, ticket_code=world.chen.ticket_code).json
    response = client.post(
        f"/meetings/{world.meeting.id}/attendance/desk/check-ins/{first['check_in_id']}/undo",
        data={"reason": "Scanned the wrong badge", "session_id": world.morning.id}, follow_redirects=True,
    )
    assert "The check-in of Chen Jun was undone." in response.text
    (undone,) = records()
    assert undone.undone_at is not None and undone.undone_by_id == users["organizer"].id
    assert undone.undo_reason == "Scanned the wrong badge"

    again = scan(client, world, ticket_code=world.chen.ticket_code).json
    assert again["outcome"] == "checked_in"
    assert [r.undone_at is None for r in records()] == [False, True]


def test_check_ins_and_undos_are_in_the_audit_log_and_a_repeat_adds_nothing(client, world, users):
    from meetapp.audit.models import AuditEntry

    def audit_rows():
        return [(row.action, row.object_id, row.meeting_id, row.actor_id, row.summary)
                for row in db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action.like("checkin.%"))
                                               .order_by(AuditEntry.id))]

    first = scan(client, world, ticket_code=world.chen.ticket_code).json
    scan(client, world, ticket_code=world.chen.ticket_code)  # already checked in: nothing new to record
    client.post(f"/meetings/{world.meeting.id}/attendance/desk/check-ins/{first['check_in_id']}/undo",
                data={"reason": "Scanned the wrong badge", "session_id": world.morning.id})
    organizer, meeting_id, record_id = users["organizer"].id, world.meeting.id, first["check_in_id"]
    assert audit_rows() == [
        ("checkin.create", record_id, meeting_id, organizer, "Chen Jun"),
        ("checkin.undo", record_id, meeting_id, organizer, "Chen Jun"),
    ]
    undo_row = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "checkin.undo")).one()
    assert undo_row.changes["undo_reason"] == [None, "Scanned the wrong badge"]


def test_undo_asks_for_a_reason(client, world):
    first = scan(client, world, ticket_code=world.chen.ticket_code).json
    response = client.post(
        f"/meetings/{world.meeting.id}/attendance/desk/check-ins/{first['check_in_id']}/undo",
        data={"reason": "  ", "session_id": world.morning.id},
    )
    assert response.status_code == 200
    assert "This field is required." in response.text and "Chen Jun" in response.text
    assert records()[0].undone_at is None


def test_a_nonce_already_used_at_another_meeting_is_refused_and_records_nothing(client, world, users):
    from meetapp.attendance.checkins import check_in

    other_session = world.other_meeting.sessions[0]
    check_in(users["admin"], world.other_meeting, other_session, participant=world.stranger, nonce="shared-nonce")
    response = scan(client, world, ticket_code=world.chen.ticket_code, nonce="shared-nonce")
    assert response.status_code == 422
    assert response.json["error"] == "This scan was already sent for another meeting."
    assert records(participant_id=world.chen.id) == []


def test_undo_of_another_meetings_check_in_is_not_found(client, world):
    from meetapp.attendance.checkins import check_in

    other = check_in(None, world.other_meeting, world.other_meeting.sessions[0], participant=world.stranger)
    response = client.post(
        f"/meetings/{world.meeting.id}/attendance/desk/check-ins/{other.check_in.id}/undo", data={"reason": "x"}
    )
    assert response.status_code == 404


def test_the_ticket_of_an_invitee_who_sent_a_delegate_checks_the_delegate_in(client, world):
    answer = scan(client, world, ticket_code=world.liu.ticket_code).json
    assert answer["outcome"] == "checked_in"
    assert "Zhou Qiang" in shown(answer) and "Delegate, attending for Liu Yang" in shown(answer)
    (record,) = records()
    assert record.attendee_person_id == world.zhou.id
    assert derive(world.meeting, world.morning, world.liu, record).status == AttendanceStatus.REPRESENTED


def test_the_desk_can_check_in_the_invitee_themself_or_the_delegate_by_choice(client, world):
    answer = scan(client, world, participant_id=world.liu.id, delegate=False).json
    assert answer["outcome"] == "checked_in" and records()[0].attendee_person_id is None

    answer = scan(client, world, participant_id=world.liu.id, delegate=True, session_id=world.afternoon.id).json
    assert answer["outcome"] == "checked_in" and records()[1].attendee_person_id == world.zhou.id


def test_a_delegate_check_in_needs_a_named_delegate(client, world):
    response = scan(client, world, participant_id=world.chen.id, delegate=True)
    assert response.status_code == 422
    assert response.json["error"] == "Chen Jun has not named a delegate."
    assert records() == []


def test_a_branch_venue_desk_records_that_venue(client, world):
    answer = scan(client, world, ticket_code=world.chen.ticket_code, mode="branch", venue_id=world.branch.id).json
    assert answer["outcome"] == "checked_in" and "Hunan Office Video Room" in shown(answer)
    (record,) = records()
    assert record.mode == AttendanceMode.BRANCH and record.venue_id == world.branch.id


def test_a_venue_that_is_not_a_branch_venue_of_the_meeting_is_refused(client, world):
    response = scan(client, world, ticket_code=world.chen.ticket_code, mode="branch",
                    venue_id=world.meeting.venue_id)
    assert response.status_code == 400
    assert "Choose where this desk checks people in" in response.json["error"]
    assert records() == []


def test_video_check_in_at_the_desk(client, world):
    answer = scan(client, world, participant_id=world.wang.id, mode="video").json
    assert answer["outcome"] == "checked_in"
    (record,) = records()
    assert record.mode == AttendanceMode.VIDEO and record.venue_id is None


def test_a_replayed_nonce_is_one_check_in(client, world):
    first = scan(client, world, ticket_code=world.chen.ticket_code, nonce="a1b2c3d4-replay").json
    again = scan(client, world, ticket_code=world.chen.ticket_code, nonce="a1b2c3d4-replay").json
    assert first["outcome"] == "checked_in" and not first["replayed"]
    assert again["outcome"] == "already_checked_in" and again["replayed"]
    assert again["check_in_id"] == first["check_in_id"]
    assert "this scan was sent again" in shown(again)
    assert len(records()) == 1


def test_a_replayed_scan_keeps_the_time_it_was_made_within_reason(client, world):
    made = (utcnow() - timedelta(minutes=7)).replace(microsecond=0)
    scan(client, world, ticket_code=world.chen.ticket_code, scanned_at=made.isoformat())
    assert records()[0].checked_in_at == made

    future = utcnow() + timedelta(days=1)
    scan(client, world, ticket_code=world.wang.ticket_code, scanned_at=future.isoformat())
    assert records()[1].checked_in_at < future - timedelta(hours=23)


@pytest.mark.parametrize(
    "body",
    [
        {"ticket_code": "x", "session_id": "morning"},
        {"ticket_code": "x", "nonce": "no spaces allowed"},
        {"ticket_code": "x", "mode": "teleport"},
        {"ticket_code": "x", "scanned_at": "yesterday"},
        {"ticket_code": 12},
        {},
    ],
)
def test_malformed_scans_are_refused(client, world, body):
    response = scan(client, world, **body)
    assert response.status_code == 400 and response.json["error"]
    assert records() == []


def test_ids_of_another_meeting_are_not_found(client, world):
    assert scan(client, world, participant_id=world.stranger.id).status_code == 404
    other_session = world.other_meeting.sessions[0]
    assert scan(client, world, ticket_code=world.chen.ticket_code, session_id=other_session.id).status_code == 404
    assert records() == []


# --- the desk page, without JavaScript -----------------------------------------------------------------------


def desk_url(world, **args):
    query = "&".join(f"{k}={v}" for k, v in args.items())
    return f"/meetings/{world.meeting.id}/attendance/desk" + (f"?{query}" if query else "")


def test_the_desk_opens_on_the_running_session_with_an_autofocused_field(client, world):
    response = client.get(desk_url(world))
    assert response.status_code == 200
    html = response.text
    assert f'<option value="{world.morning.id}" selected>' in html
    assert 'name="code"' in html and "autofocus" in html
    assert 'src="/static/js/desk.js"' in html and "<script>" not in html  # CSP-friendly: no inline script
    assert "In person: Minmetals Plaza, Hall A" in html and "Branch venue: Hunan Office Video Room" in html


def test_the_desk_opens_on_the_next_session_between_sessions(client, world):
    world.morning.ends_at = utcnow() - timedelta(minutes=5)
    db.session.commit()
    assert f'<option value="{world.afternoon.id}" selected>' in client.get(desk_url(world)).text


def test_the_plain_form_checks_in_and_a_resent_page_records_nothing_twice(client, world):
    form = {"session_id": world.morning.id, "where": f"branch-{world.branch.id}", "code": world.chen.ticket_code,
            "nonce": "0b3e2f8a-form"}
    response = client.post(desk_url(world), data=form)
    assert response.status_code == 200
    assert 'data-outcome="checked_in"' in response.text and "Chen Jun" in response.text
    # The desk keeps its place: the branch venue stays chosen.
    assert f'<option value="branch-{world.branch.id}" selected>' in response.text
    client.post(desk_url(world), data=form)  # the browser sends the page again
    (record,) = records()
    assert record.venue_id == world.branch.id


def test_the_plain_form_without_a_code_says_what_is_missing(client, world):
    response = client.post(desk_url(world), data={"session_id": world.morning.id, "code": ""})
    assert response.status_code == 200 and "Scan a ticket or type its code." in response.text
    assert records() == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("chen", ["Chen Jun"]),
        ("王丽", ["Wang Li"]),
        ("changsha", ["Liu Yang", "Wang Li"]),  # unit, English
        ("集团总部", ["Chen Jun", "Sun Hao"]),  # unit, Chinese; the removed participant is found (and flagged)
        ("zhou", ["Liu Yang"]),  # the delegate's name finds the invitee
    ],
)
def test_search_by_name_or_unit(client, world, text, found):
    html = client.get(desk_url(world, q=text, session_id=world.morning.id)).text
    rows = html.split('data-testid="desk-hit"')[1:]
    assert [name for name in ["Chen Jun", "Liu Yang", "Sun Hao", "Wang Li"] if any(name in r for r in rows)] == found
    assert "Li Na" not in html  # another meeting's invitee


def test_search_results_offer_the_check_in_buttons(client, world):
    scan(client, world, ticket_code=world.wang.ticket_code)
    html = client.get(desk_url(world, q="changsha")).text
    assert "Check in Liu Yang" in html and "Check in delegate Zhou Qiang" in html
    assert "Check in Wang Li" not in html and "Checked in at" in html  # already there
    html = client.get(desk_url(world, q="sun")).text
    assert "Removed from the list" in html and "Check in Sun Hao" not in html


def test_a_search_result_button_checks_in(client, world):
    response = client.post(desk_url(world), data={"session_id": world.morning.id, "participant_id": world.liu.id,
                                                   "delegate": "1", "nonce": "5d1f0c7e-button"})
    assert 'data-outcome="checked_in"' in response.text and "Zhou Qiang" in response.text
    assert records()[0].attendee_person_id == world.zhou.id


def test_latest_check_ins_are_listed_with_an_undo(client, world):
    scan(client, world, ticket_code=world.chen.ticket_code)
    html = client.get(desk_url(world)).text
    recent = html.split('id="desk-recent"')[1]
    assert "Chen Jun" in recent and "Undo…" in recent


def test_the_desk_page_queries_do_not_grow_with_search_results_or_check_ins(client, world, count_queries):
    from tests.factories import ParticipantFactory, PersonFactory

    def measure() -> int:
        url = desk_url(world, q="bulk", session_id=world.morning.id)
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        return counter.count

    def add(count: int) -> None:
        for number in range(count):
            participant = ParticipantFactory(
                meeting=world.meeting, delegate=PersonFactory(unit=world.hq),
                person=PersonFactory(name=f"Bulk {number:03d}", unit=world.institute),
            )
            scan(client, world, participant_id=participant.id, delegate=number % 2 == 0)

    add(2)
    small = measure()
    add(18)
    assert measure() == small
