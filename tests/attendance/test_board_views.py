"""The board page, its JSON (ETag / 304), recording the quorum, who may see it, and its constant query count."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from meetapp.attendance.checkins import check_in, undo_check_in
from meetapp.attendance.models import QuorumSnapshot
from meetapp.extensions import db
from tests.attendance.board_samples import bulk_attendees, committee_meeting
from tests.factories import UserFactory


@pytest.fixture
def committee(app, users):
    return committee_meeting(users["organizer"])


def board_url(committee, session=None):
    session = session or committee.morning
    return f"/meetings/{committee.meeting.id}/attendance/?session_id={session.id}"


def json_url(committee, session=None):
    session = session or committee.morning
    return f"/meetings/{committee.meeting.id}/attendance/board.json?session_id={session.id}"


def test_the_board_shows_counts_quorum_and_key_people(client, auth, users, committee):
    auth.login_as(users["organizer"])
    page = client.get(board_url(committee)).get_data(as_text=True)
    assert "5 of 7 present." in page
    assert "Quorum met" in page
    assert "3 of 4 committee members present; 3 needed (more than 50%)." in page
    assert "He Presider" in page and "Not on the participant list" in page
    assert "Zhao Min" in page
    assert 'data-row="unit:' in page and "Technology Dept" in page
    assert "Branch venue: Hunan branch room" in page
    assert "Record quorum now" in page
    assert 'aria-live="polite"' in page
    assert "/static/js/board.js" in page and "<script>" not in page  # no inline script


def test_the_board_picks_a_session_and_refuses_another_meetings(client, auth, users, committee):
    auth.login_as(users["organizer"])
    afternoon = client.get(board_url(committee, committee.afternoon)).get_data(as_text=True)
    assert "0 of 7 present." in afternoon
    assert "Record quorum now" not in afternoon  # no quorum rule in the afternoon
    other = committee_meeting(users["admin"], tag=" 2")
    assert client.get(f"/meetings/{committee.meeting.id}/attendance/?session_id={other.morning.id}").status_code == 404
    assert client.get(f"/meetings/{committee.meeting.id}/attendance/").status_code == 200


def test_the_meeting_tabs_lead_to_the_board(client, auth, users, committee):
    auth.login_as(users["organizer"])
    page = client.get(f"/meetings/{committee.meeting.id}").get_data(as_text=True)
    assert f'href="/meetings/{committee.meeting.id}/attendance/"' in page


def test_board_json_answers_304_until_a_check_in_or_an_undo(client, auth, users, committee):
    auth.login_as(users["organizer"])
    first = client.get(json_url(committee))
    assert first.status_code == 200
    assert first.json["totals"]["present"] == 5
    assert first.json["rows"]["role:committee_member"] == {"invited": 4, "present": 3, "percent": 75}
    assert first.json["quorum"]["met"] is True
    assert "no-cache" in first.headers["Cache-Control"]
    etag = first.headers["ETag"]

    unchanged = client.get(json_url(committee), headers={"If-None-Match": etag})
    assert unchanged.status_code == 304
    assert unchanged.get_data() == b""
    assert unchanged.headers["ETag"] == etag

    record = check_in(users["organizer"], committee.meeting, committee.morning,
                      participant=committee.people["zhao"]).check_in
    after_check_in = client.get(json_url(committee), headers={"If-None-Match": etag})
    assert after_check_in.status_code == 200
    assert after_check_in.json["totals"]["present"] == 6
    assert [p["name"] for p in after_check_in.json["key_absent"]] == ["He Presider"]
    assert after_check_in.headers["ETag"] != etag

    undo_check_in(users["organizer"], record, "Wrong badge")
    after_undo = client.get(json_url(committee), headers={"If-None-Match": after_check_in.headers["ETag"]})
    assert after_undo.status_code == 200
    assert after_undo.json["totals"]["present"] == 5
    assert after_undo.headers["ETag"] not in (etag, after_check_in.headers["ETag"])


def test_board_json_needs_a_session_of_the_meeting(client, auth, users, committee):
    auth.login_as(users["organizer"])
    assert client.get(f"/meetings/{committee.meeting.id}/attendance/board.json").status_code == 404
    other = committee_meeting(users["admin"], tag=" 2")
    assert client.get(json_url(committee, other.morning)).status_code == 404


def test_recording_the_quorum_at_a_resolution(client, auth, users, committee):
    auth.login_as(users["organizer"])
    url = f"/meetings/{committee.meeting.id}/attendance/items/{committee.resolution.id}/quorum"
    response = client.post(url)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"session_id={committee.morning.id}#item-{committee.resolution.id}")
    snapshot = db.session.scalar(sa.select(QuorumSnapshot))
    assert (snapshot.present, snapshot.required, snapshot.met) == (3, 3, True)
    page = client.get(board_url(committee)).get_data(as_text=True)
    assert "Quorum recorded for “Adopt the 2026 plan”: met (3 of 4 members present)." in page
    assert "Organizer" in page  # recorded by

    refused = client.post(f"/meetings/{committee.meeting.id}/attendance/items/{committee.speech.id}/quorum",
                          follow_redirects=True)
    assert "The quorum is recorded for resolution and vote items only." in refused.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(QuorumSnapshot.id))) == 1


def test_an_item_of_another_meeting_is_not_found(client, auth, users, committee):
    other = committee_meeting(users["organizer"], tag=" 2")
    auth.login_as(users["organizer"])
    response = client.post(f"/meetings/{committee.meeting.id}/attendance/items/{other.resolution.id}/quorum")
    assert response.status_code == 404


def test_who_sees_the_board(client, auth, users, committee):
    """Managers, check-in staff and secretaries see it; an invitee (an attendee with an account) does not; only
    managers record the quorum."""
    staff = UserFactory()
    committee.meeting.checkin_staff = [staff]
    attendee = UserFactory(person=committee.people["liu"].person)
    db.session.commit()
    record = f"/meetings/{committee.meeting.id}/attendance/items/{committee.resolution.id}/quorum"
    for user, board_status, quorum_status in (
        (users["organizer"], 200, 302),
        (users["admin"], 200, 302),
        (users["secretary"], 200, 403),
        (staff, 200, 403),
        (attendee, 403, 403),
    ):
        auth.login_as(user)
        assert client.get(board_url(committee)).status_code == board_status, user
        assert client.get(json_url(committee)).status_code == board_status, user
        assert client.post(record).status_code == quorum_status, user
    auth.logout()
    assert client.get(json_url(committee)).status_code == 302


def test_board_queries_stay_constant_from_20_to_10000_participants(client, auth, users, committee, count_queries):
    auth.login_as(users["organizer"])
    units = list(committee.units.values())
    meeting, morning = committee.meeting, committee.morning

    def measure():
        counts = []
        for url in (board_url(committee), json_url(committee)):
            with count_queries() as counter:
                response = client.get(url)
            assert response.status_code == 200
            counts.append(counter.count)
        return counts

    bulk_attendees(meeting, morning, 12, units)
    small = measure()
    bulk_attendees(meeting, morning, 10_000 - 20, units)
    large = measure()
    assert large == small
    assert client.get(json_url(committee)).json["totals"]["invited"] == 7 + 12 + 9_980


def test_the_agenda_links_a_resolution_to_its_quorum(client, auth, users, committee):
    link = f'/attendance/?session_id={committee.morning.id}#item-{committee.resolution.id}"'
    agenda = f"/meetings/{committee.meeting.id}/agenda/"
    auth.login_as(users["secretary"])
    page = client.get(agenda).get_data(as_text=True)
    assert page.count("Quorum: record it and see it on the attendance board") == 1  # not for the report item
    assert link in page
    attendee = UserFactory(person=committee.people["liu"].person)
    auth.login_as(attendee)
    page = client.get(agenda).get_data(as_text=True)
    assert "Adopt the 2026 plan" in page and link not in page
