"""Every API path × every role, each with a full-scope token of its own (anonymous: no token).

The sample meeting is participants-only and organized by the organizer account: the member (not invited) does not
see it (404); the secretary sees it and reads its attendance but manages nothing (403); admins manage everything.
"""

from __future__ import annotations

import pytest

from meetapp.attendance.checkins import check_in
from tests.api.conftest import assert_problem, make_world
from tests.attendance.video_samples import DATA
from tests.route_matrix import ROLES


def expect(anonymous, member, organizer, secretary, admin) -> dict:
    return dict(zip(ROLES, (anonymous, member, organizer, secretary, admin), strict=True))


SEES_ALL = expect(401, 200, 200, 200, 200)
SEES_MEETING = expect(401, 404, 200, 200, 200)
MANAGES = expect(401, 404, 200, 403, 200)
CREATES = expect(401, 404, 201, 403, 201)


def _meeting(w):
    return f"/meetings/{w.meeting.id}"


def _checked_in(w):
    return check_in(w.users["admin"], w.meeting, w.session, participant=w.invitee).check_in.id


def _report(w):
    return {"data": {"session_id": str(w.session.id), "file": (open(DATA / "zoom-participants.csv", "rb"),
                                                                "zoom.csv")},
            "content_type": "multipart/form-data"}


ROWS = [
    ("GET", lambda w: "/me", None, SEES_ALL),
    ("GET", lambda w: "/people", None, SEES_ALL),
    ("GET", lambda w: "/units", None, SEES_ALL),
    ("GET", lambda w: "/auth/tokens", None, SEES_ALL),
    ("GET", lambda w: "/meetings", None, SEES_ALL),
    ("POST", lambda w: "/meetings", lambda w: {"json": {
        "title": "Budget review", "starts_at": "2027-03-01T09:00:00+08:00", "ends_at": "2027-03-01T10:00:00+08:00"}},
     expect(401, 403, 201, 403, 201)),
    ("GET", _meeting, None, SEES_MEETING),
    ("PATCH", _meeting, lambda w: {"json": {"title": "Renamed"}}, MANAGES),
    ("DELETE", _meeting, None, MANAGES),
    ("GET", lambda w: f"{_meeting(w)}/sessions", None, SEES_MEETING),
    ("POST", lambda w: f"{_meeting(w)}/sessions", lambda w: {"json": {
        "title": "Afternoon", "starts_at": w.meeting.ends_at.isoformat(),
        "ends_at": w.meeting.ends_at.replace(hour=w.meeting.ends_at.hour + 2).isoformat()}}, CREATES),
    ("GET", lambda w: f"{_meeting(w)}/agenda-items", None, SEES_MEETING),
    ("POST", lambda w: f"{_meeting(w)}/agenda-items", lambda w: {"json": {
        "session_id": w.session.id, "title": "Opening", "type": "opening", "duration_minutes": 5}}, CREATES),
    ("GET", lambda w: f"{_meeting(w)}/participants", None, MANAGES),
    ("POST", lambda w: f"{_meeting(w)}/participants", lambda w: {"json": {"person_ids": [w.newcomer.id]}}, CREATES),
    ("GET", lambda w: f"{_meeting(w)}/participants/{w.invitee.id}", None, MANAGES),
    ("PATCH", lambda w: f"{_meeting(w)}/participants/{w.invitee.id}", lambda w: {"json": {"roles": ["speaker"]}},
     MANAGES),
    ("DELETE", lambda w: f"{_meeting(w)}/participants/{w.invitee.id}", None, expect(401, 404, 204, 403, 204)),
    ("POST", lambda w: f"{_meeting(w)}/check-ins", lambda w: {"json": {
        "ticket_code": w.invitee.ticket_code, "session_id": w.session.id}}, CREATES),
    ("DELETE", lambda w: f"{_meeting(w)}/check-ins/{_checked_in(w)}", None, MANAGES),
    ("GET", lambda w: f"{_meeting(w)}/attendance", None, SEES_MEETING),
    ("POST", lambda w: f"{_meeting(w)}/video-reports?dry_run=true", _report, MANAGES),
    ("POST", lambda w: f"{_meeting(w)}/video-reports", _report, expect(401, 404, 201, 403, 201)),
]


@pytest.mark.parametrize(("method", "path", "body", "expected"), ROWS,
                         ids=[f"{method} {index}" for index, (method, *_rest) in enumerate(ROWS)])
def test_path_by_role(api, users, method, path, body, expected):
    """Refused roles first, all on one meeting (a refusal changes nothing); each role that succeeds gets a meeting
    of its own, so one success does not change what the next one meets."""
    refused_world = make_world(users)
    failures = []
    for role in sorted(ROLES, key=lambda r: expected[r] < 400):
        world = refused_world if expected[role] >= 400 else make_world(users)
        response = api.open(method, path(world), as_=None if role == "anonymous" else role,
                            **(body(world) if body else {}))
        if response.status_code != expected[role]:
            failures.append(f"{role}: {response.status_code}, expected {expected[role]}: {response.get_data()[:200]}")
        elif expected[role] >= 400:
            assert_problem(response, expected[role])
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ROLES[1:])
def test_revoking_ones_own_token(api, role):
    own = api.get("/me", as_=role).get_json()["token"]["id"]
    assert api.delete(f"/auth/tokens/{own}", as_=role).status_code == 200
    assert_problem(api.get("/me", as_=role), 401)


def test_no_one_revokes_another_users_token(api):
    organizers_token = api.get("/me", as_="organizer").get_json()["token"]["id"]
    assert_problem(api.delete(f"/auth/tokens/{organizers_token}", as_="admin"), 404)
    assert api.get("/me", as_="organizer").status_code == 200


@pytest.mark.parametrize("path", ["/meetings/999999", "/meetings/999999/sessions", "/meetings/999999/participants",
                                  "/meetings/999999/attendance"])
def test_a_meeting_that_does_not_exist_is_404_even_for_admins(api, path):
    assert_problem(api.get(path, as_="admin"), 404)


def test_ids_of_another_meeting_are_404(api, world):
    from tests.factories import ParticipantFactory

    stranger = ParticipantFactory()
    assert_problem(api.get(f"/meetings/{world.meeting.id}/participants/{stranger.id}", as_="admin"), 404)
