"""What integrations rely on: problem+json errors, pagination, ETags, idempotent check-ins, the 409s, rate limits,
and lists whose query count does not grow with the data."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from meetapp.attendance.models import CheckIn
from meetapp.extensions import db
from meetapp.meetings.models import Visibility
from tests.api.conftest import assert_problem, make_world
from tests.factories import MeetingFactory, ParticipantFactory, PersonFactory, UnitFactory

# --- errors ------------------------------------------------------------------------------------------------


def test_routing_errors_are_problems(api):
    assert_problem(api.get("/no-such-path"), 404)
    problem = assert_problem(api.put("/meetings"), 405)
    assert problem["detail"]


def test_validation_errors_name_the_fields(api, world):
    problem = assert_problem(api.post("/meetings", json={"title": "", "starts_at": "tomorrow",
                                                         "ends_at": "2027-01-01T10:00:00+08:00"}), 422)
    assert set(problem["errors"]) == {"title", "starts_at"}
    problem = assert_problem(api.post(f"/meetings/{world.meeting.id}/check-ins", json={"session_id": 1}), 422)
    assert "ticket_code" in problem["errors"]
    problem = assert_problem(api.get("/people?per_page=1000"), 422)
    assert "per_page" in problem["errors"]


def test_a_service_refusal_is_a_problem_with_its_message(api, world):
    problem = assert_problem(api.post(f"/meetings/{world.meeting.id}/sessions", json={
        "title": "Backwards", "starts_at": "2027-01-01T10:00:00+08:00", "ends_at": "2027-01-01T09:00:00+08:00"}), 422)
    assert problem["errors"]["ends_at"] == ["The end must be after the start."]


def test_a_crash_is_a_problem_that_tells_nothing_inside(api, app, monkeypatch):
    from meetapp.meetings import listing

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(listing, "meetings_select", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    problem = assert_problem(api.get("/meetings"), 500)
    assert "secret" not in problem["detail"]


def test_pages_outside_the_api_keep_their_html_errors(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404 and response.mimetype == "text/html"


# --- lists and caching -------------------------------------------------------------------------------------


def test_lists_are_paginated(api):
    unit = UnitFactory()
    PersonFactory.create_batch(7, unit=unit)
    body = api.get(f"/people?unit_id={unit.id}&per_page=3&page=3").get_json()
    assert (body["total"], body["pages"], body["page"], body["per_page"], len(body["items"])) == (7, 3, 3, 3, 1)
    assert api.get(f"/people?unit_id={unit.id}&page=9").get_json()["items"] == []


def test_meeting_list_filters(api, users):
    MeetingFactory(title="Board meeting", visibility=Visibility.INTERNAL)
    MeetingFactory(title="Work meeting", visibility=Visibility.INTERNAL)
    titles = [m["title"] for m in api.get("/meetings?q=board", as_="member").get_json()["items"]]
    assert titles == ["Board meeting"]
    assert api.get("/meetings?when=upcoming", as_="member").get_json()["total"] == 0  # both were in February 2026


def test_reads_answer_304_while_nothing_changed(api, world):
    path = f"/meetings/{world.meeting.id}"
    first = api.get(path)
    etag = first.headers["ETag"]
    assert "Authorization" in first.headers["Vary"]
    again = api.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    api.patch(path, json={"title": "Changed"})
    changed = api.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


# --- check-ins ---------------------------------------------------------------------------------------------


def test_check_in_is_idempotent_and_undo_is_recorded(api, world, users):
    path = f"/meetings/{world.meeting.id}/check-ins"
    scan = {"ticket_code": world.invitee.ticket_code, "session_id": world.session.id}
    first = api.post(path, json=scan, as_="organizer")
    assert first.status_code == 201
    again = api.post(path, json={"participant_id": world.invitee.id, "session_id": world.session.id})
    assert again.status_code == 200 and again.get_json()["id"] == first.get_json()["id"]
    undone = api.delete(f"{path}/{first.get_json()['id']}?reason=wrong%20person", as_="organizer")
    assert undone.status_code == 200 and undone.get_json()["undone_at"]
    record = db.session.get(CheckIn, first.get_json()["id"])
    assert record.undone_by_id == users["organizer"].id and record.undo_reason == "wrong person"
    assert_problem(api.delete(f"{path}/{record.id}"), 409)
    assert api.post(path, json=scan).status_code == 201  # checked in again after the undo


def test_a_check_in_through_the_api_is_audited_with_its_token(api, world, users):
    from meetapp.api.models import ApiToken
    from meetapp.audit.models import AuditEntry

    scan = {"ticket_code": world.invitee.ticket_code, "session_id": world.session.id}
    created = api.post(f"/meetings/{world.meeting.id}/check-ins", json=scan, as_="organizer")
    assert created.status_code == 201
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.user_id == users["organizer"].id))
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "checkin.create"))
    assert (entry.actor_id, entry.token_id, entry.object_id) == (users["organizer"].id, token.id,
                                                                 created.get_json()["id"])


def test_a_retried_request_with_its_nonce_gets_the_first_record(api, world):
    path = f"/meetings/{world.meeting.id}/check-ins"
    scan = {"ticket_code": world.invitee.ticket_code, "session_id": world.session.id, "nonce": "tablet-1-0001"}
    first = api.post(path, json=scan)
    retry = api.post(path, json=scan)
    assert (first.status_code, retry.status_code) == (201, 200)
    assert retry.get_json() == first.get_json() and first.get_json()["nonce"] == "tablet-1-0001"
    assert db.session.scalar(sa.select(sa.func.count(CheckIn.id))) == 1


def test_refused_scans_say_why(api, world, users):
    path = f"/meetings/{world.meeting.id}/check-ins"
    problem = assert_problem(api.post(path, json={"ticket_code": "nobody", "session_id": world.session.id}), 422)
    assert problem["outcome"] == "not_invited"
    other = make_world(users).invitee
    problem = assert_problem(api.post(path, json={"ticket_code": other.ticket_code,
                                                  "session_id": world.session.id}), 422)
    assert problem["outcome"] == "other_meeting"
    other_session = make_world(users).session
    assert "session_id" in assert_problem(api.post(path, json={"ticket_code": world.invitee.ticket_code,
                                                               "session_id": other_session.id}), 422)["errors"]


def test_attendance_counts_by_role_mode_unit_and_quorum(api, world):
    world.session.quorum_required = True
    committee = ParticipantFactory(meeting=world.meeting, roles=["committee_member"])
    db.session.commit()
    api.post(f"/meetings/{world.meeting.id}/check-ins", json={"participant_id": committee.id,
                                                              "session_id": world.session.id})
    body = api.get(f"/meetings/{world.meeting.id}/attendance?session_id={world.session.id}").get_json()
    assert body["totals"]["invited"] == 2 and body["totals"]["present"] == 1
    roles = {row["key"]: (row["invited"], row["present"]) for row in body["by_role"]}
    assert roles == {"role:attendee": (1, 0), "role:committee_member": (1, 1)}
    assert {row["key"] for row in body["by_mode"]} == {"mode:in_person"}
    assert body["quorum"]["members"] == 1 and body["quorum"]["met"] is True


# --- conflicts ---------------------------------------------------------------------------------------------


def test_a_double_booked_venue_is_409_and_nothing_is_saved(api, world):
    meeting = world.meeting
    body = {"title": "Clash", "starts_at": meeting.starts_at.isoformat(),
            "ends_at": (meeting.starts_at + timedelta(hours=1)).isoformat(), "venue_id": meeting.venue_id}
    problem = assert_problem(api.post("/meetings", json=body), 409)
    assert meeting.venue.name in problem["detail"]
    assert api.get("/meetings?q=Clash").get_json()["total"] == 0


def test_a_meeting_cannot_be_cancelled_twice(api, world):
    assert api.delete(f"/meetings/{world.meeting.id}").get_json()["status"] == "cancelled"
    assert_problem(api.delete(f"/meetings/{world.meeting.id}"), 409)
    assert_problem(api.post(f"/meetings/{world.meeting.id}/participants",
                            json={"person_ids": [world.newcomer.id]}), 409)


# --- query counts ------------------------------------------------------------------------------------------


def _count(count_queries, api, path) -> int:
    api.get(path)  # warm: the token's last use is written at most once a minute
    with count_queries() as counter:
        assert api.get(path).status_code == 200
    return counter.count


@pytest.mark.parametrize("grow", ["meetings", "participants", "agenda", "people"])
def test_list_queries_do_not_grow_with_the_data(api, world, count_queries, grow):
    from tests.factories import AgendaItemFactory, AgendaPresenterFactory

    paths = {"meetings": "/meetings", "participants": f"/meetings/{world.meeting.id}/participants",
             "agenda": f"/meetings/{world.meeting.id}/agenda-items", "people": "/people"}

    def add(n):
        for _ in range(n):
            if grow == "meetings":
                MeetingFactory()
            elif grow == "participants":
                ParticipantFactory(meeting=world.meeting, roles=["speaker", "attendee"])
            elif grow == "agenda":
                AgendaPresenterFactory(item=AgendaItemFactory(session=world.session))
            else:
                PersonFactory()

    add(2)
    small = _count(count_queries, api, paths[grow])
    add(18)
    assert _count(count_queries, api, paths[grow]) == small


def test_the_openapi_document_and_the_docs_page_come_from_the_code(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert document["components"]["securitySchemes"]["bearerToken"]["scheme"] == "bearer"
    paths = set(document["paths"])
    for path in ("/api/v1/meetings/{meeting_id}/check-ins", "/api/v1/meetings/{meeting_id}/minutes/transitions",
                 "/api/v1/meetings/{meeting_id}/agenda-items", "/api/v1/people", "/api/v1/units", "/api/v1/me"):
        assert path in paths
    not_found = document["components"]["responses"]["NOT_FOUND"]["content"]
    assert list(not_found) == ["application/problem+json"]
    page = client.get("/api/v1/docs").get_data(as_text=True)
    # Nothing inline, nothing from elsewhere (not a word search for "cdn": the page's random CSRF token once held it).
    assert "<script>" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page), "an asset from another host"
    for path in paths:
        assert path in page


def test_attendance_entered_afterwards_is_manual_at_the_time_given(api, world, users):
    """A system entering the paper sign-in sheet says ``source: manual``: on time unless it gives the arrival."""
    from datetime import datetime

    from tests.attendance.board_samples import beijing, committee_meeting

    committee = committee_meeting(users["organizer"])
    path = f"/meetings/{committee.meeting.id}/check-ins"
    entry = {"session_id": committee.afternoon.id, "source": "manual"}
    # Entered by hand, as on the page, by who keeps the meeting's record: a secretary (who does not run its desk).
    assert api.post(path, json={**entry, "participant_id": committee.people["liu"].id, "source": "desk"},
                    as_="secretary").status_code == 403
    on_time = api.post(path, json={**entry, "participant_id": committee.people["liu"].id}, as_="secretary")
    assert on_time.status_code == 201
    assert on_time.get_json()["source"] == "manual"
    assert datetime.fromisoformat(on_time.get_json()["checked_in_at"]) == beijing(14)
    late = api.post(path, json={**entry, "participant_id": committee.people["chen"].id,
                                "checked_in_at": "2026-02-26T14:35:00+08:00"}).get_json()
    assert datetime.fromisoformat(late["checked_in_at"]) == beijing(14, 35)

    zhao = committee.people["zhao"].id
    after_the_end = {**entry, "participant_id": zhao, "checked_in_at": "2026-02-26T17:30:00+08:00"}
    assert "checked_in_at" in assert_problem(api.post(path, json=after_the_end), 422)["errors"]
    a_desk_with_a_time = {**after_the_end, "source": "desk", "checked_in_at": "2026-02-26T14:10:00+08:00"}
    assert "checked_in_at" in assert_problem(api.post(path, json=a_desk_with_a_time), 422)["errors"]
    assert "source" in assert_problem(api.post(path, json={**entry, "participant_id": zhao, "source": "import"}),
                                      422)["errors"]
    not_started = {"session_id": world.session.id, "participant_id": world.invitee.id, "source": "manual"}
    assert "session_id" in assert_problem(api.post(f"/meetings/{world.meeting.id}/check-ins", json=not_started),
                                          422)["errors"]
    assert db.session.scalar(sa.select(sa.func.count(CheckIn.id)).where(CheckIn.participant_id.in_(
        [zhao, world.invitee.id]))) == 0


def test_a_branch_venue_check_in_names_its_venue(api, world):
    branch = world.meeting.branch_venues[0]
    path = f"/meetings/{world.meeting.id}/check-ins"
    scan = {"participant_id": world.invitee.id, "session_id": world.session.id, "mode": "branch"}
    assert_problem(api.post(path, json={**scan, "branch_venue_id": 999}), 422)
    record = api.post(path, json={**scan, "branch_venue_id": branch.id}).get_json()
    assert (record["mode"], record["venue_id"]) == ("branch", branch.id)


def test_a_video_report_imported_twice_is_409(api, world):
    from tests.attendance.video_samples import DATA

    def upload():
        return {"data": {"session_id": str(world.session.id),
                         "file": (open(DATA / "zoom-participants.csv", "rb"), "zoom.csv")},
                "content_type": "multipart/form-data"}

    path = f"/meetings/{world.meeting.id}/video-reports"
    preview = api.post(f"{path}?dry_run=true", **upload()).get_json()
    assert preview["rows_total"] == 11 and preview["people"]
    imported = api.post(path, **upload())
    assert imported.status_code == 201 and imported.get_json()["report_id"]
    assert "already imported" in assert_problem(api.post(path, **upload()), 409)["detail"]


def test_a_token_cannot_expire_in_the_past(client, users):
    from tests.factories import PASSWORD

    problem = assert_problem(client.post("/api/v1/auth/tokens", json={
        "email": "admin@example.com", "password": PASSWORD, "expires_at": "2020-01-01T00:00:00+00:00"}), 422)
    assert "future" in problem["detail"]
