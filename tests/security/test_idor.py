"""No IDOR: an id of another meeting's object in a URL of this meeting is refused (404), even for a user who may
manage both meetings, in every web and API route that takes a meeting id and another object's id.

Routes are found from the URL map. Each kind of id in a path needs a row in CHILDREN (how to make one inside a
given meeting) or in NOT_OBJECT_IDS (why it is not an object id); a route with an unknown one fails the test, so
a new area adds its row here.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa
from flask import url_for

from meetapp.extensions import db
from tests.factories import AgendaItemFactory, MaterialFactory, ParticipantFactory, UserFactory
from tests.participants.samples import future_meeting


def _session(meeting, actor):
    return meeting.sessions[0].id


def _item(meeting, actor):
    return AgendaItemFactory(session=meeting.sessions[0], position=0).id


def _material(meeting, actor):
    import io

    from meetapp.uploads import PDF, store_upload

    stored = store_upload(io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "materials", max_bytes=1024, allowed=[PDF])
    return MaterialFactory(item=AgendaItemFactory(session=meeting.sessions[0], position=1),
                           stored_name=stored.name).id


def _participant(meeting, actor):
    return ParticipantFactory(meeting=meeting).id


def _check_in(meeting, actor):
    from meetapp.attendance.checkins import check_in

    return check_in(actor, meeting, meeting.sessions[0], participant=ParticipantFactory(meeting=meeting)).check_in.id


def _video_report(meeting, actor):
    from meetapp.attendance.models import VideoPlatformReport, VideoReport

    report = VideoReport(meeting_id=meeting.id, session_id=meeting.sessions[0].id,
                         platform=VideoPlatformReport.ZOOM, filename="zoom.csv", sha256="0" * 64,
                         imported_by_id=actor.id)
    db.session.add(report)
    db.session.commit()
    return report.id


def _staff_member(meeting, actor):
    staff = UserFactory()
    meeting.checkin_staff.append(staff)
    db.session.commit()
    return staff.id


def _pending_video_import(meeting, actor):
    from meetapp.directory import pending_imports

    return pending_imports.save(b"Name,Join time\n", kind="video_report", filename="zoom.csv", owner_id=actor.id,
                                extra={"meeting_id": meeting.id, "session_id": meeting.sessions[0].id,
                                       "platform": "", "timezone": meeting.timezone})


# URL argument -> how to make such an object inside a meeting (returns the value for the URL).
CHILDREN: dict[str, Callable] = {
    "session_id": _session,
    "item_id": _item,
    "material_id": _material,
    "participant_id": _participant,
    "check_in_id": _check_in,
    "report_id": _video_report,
    "user_id": _staff_member,  # the check-in staff list: a user is refused unless on this meeting's list
    "token": _pending_video_import,
}
# Routes that answer another meeting's id with a refusal message instead of 404 (nothing changes either way).
REFUSED_WITH_A_MESSAGE = {
    "attendance.staff_remove": "the user id is an account, not the meeting's: 'not on this meeting's desk staff'",
}
NOT_OBJECT_IDS = {
    "status": "a meeting status name",
    "name": "an export's name (attendance, badges …)",
    "number": "a minutes version number, looked up within the meeting",
}

NOT_OBJECT_SAMPLES = {"status": "scheduled", "name": "attendance", "number": 1}


def meeting_child_routes(app):
    """(method, rule) for every route with ``meeting_id`` and at least one other argument."""
    for rule in app.url_map.iter_rules():
        if "meeting_id" not in rule.arguments or len(rule.arguments) < 2:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield method, rule


def row_counts() -> dict[str, int]:
    return {table.name: db.session.scalar(sa.select(sa.func.count()).select_from(table))
            for table in db.metadata.sorted_tables}


@pytest.fixture
def two_meetings(app, users):
    """The organizer manages both meetings; each has one object of every kind in CHILDREN."""
    organizer = users["organizer"]
    mine, other = future_meeting(organizers=[organizer]), future_meeting(organizers=[organizer])
    own = {name: make(mine, organizer) for name, make in CHILDREN.items()}
    foreign = {name: make(other, organizer) for name, make in CHILDREN.items()}
    return organizer, mine, own, foreign


def api_headers(user) -> dict:
    from meetapp.api.models import Scope
    from meetapp.api.tokens import create_token

    return {"Authorization": f"Bearer {create_token(user, 'idor test', list(Scope)).secret}"}


def test_every_meeting_child_route_is_covered(app):
    unknown = {f"{rule.rule}: {name}" for _method, rule in meeting_child_routes(app)
               for name in rule.arguments - {"meeting_id"} if name not in CHILDREN and name not in NOT_OBJECT_IDS}
    assert not unknown, f"add a row to CHILDREN or NOT_OBJECT_IDS in {__file__}: {sorted(unknown)}"


def test_ids_of_another_meeting_are_refused(app, client, auth, two_meetings):
    organizer, mine, _own, foreign = two_meetings
    auth.login_as(organizer)
    headers = api_headers(organizer) if any(r.rule.startswith("/api/") for r in app.url_map.iter_rules()) else {}
    before = row_counts()
    routes = [(m, r) for m, r in meeting_child_routes(app)
              if not set(r.arguments) - {"meeting_id"} <= set(NOT_OBJECT_IDS)]
    assert len(routes) >= 20
    wrong = []
    for method, rule in routes:
        values = {"meeting_id": mine.id}
        for name in rule.arguments - {"meeting_id"}:
            values[name] = foreign[name] if name in CHILDREN else NOT_OBJECT_SAMPLES[name]
        with app.test_request_context():
            url = url_for(rule.endpoint, **values)
        response = client.open(url, method=method, data={}, headers=headers if url.startswith("/api/") else {})
        refused = response.status_code == 404 or (
            rule.endpoint in REFUSED_WITH_A_MESSAGE and response.status_code in (200, 302))
        if not refused:
            wrong.append(f"{method} {url}: {response.status_code}")
    assert not wrong, "another meeting's object was not refused:\n" + "\n".join(wrong)
    db.session.expire_all()
    assert row_counts() == before  # and nothing was created or deleted on the way


def test_the_same_urls_work_with_the_meetings_own_objects(app, client, auth, two_meetings):
    """The control: with this meeting's own ids the GET routes answer (so the 404s above are about ownership)."""
    organizer, mine, own, _foreign = two_meetings
    auth.login_as(organizer)
    headers = api_headers(organizer) if any(r.rule.startswith("/api/") for r in app.url_map.iter_rules()) else {}
    not_found = []
    for method, rule in meeting_child_routes(app):
        if method != "GET" or set(rule.arguments) - {"meeting_id"} <= set(NOT_OBJECT_IDS):
            continue
        values = {"meeting_id": mine.id}
        values.update({name: own[name] if name in CHILDREN else NOT_OBJECT_SAMPLES[name]
                       for name in rule.arguments - {"meeting_id"}})
        with app.test_request_context():
            url = url_for(rule.endpoint, **values)
        if client.get(url, headers=headers if url.startswith("/api/") else {}).status_code == 404:
            not_found.append(url)
    assert not not_found, not_found


@pytest.mark.parametrize("page", ["", "board.json"])
def test_a_session_of_another_meeting_in_the_query_string_is_refused(client, auth, two_meetings, page):
    organizer, mine, own, foreign = two_meetings
    auth.login_as(organizer)
    url = f"/meetings/{mine.id}/attendance/{page}"
    assert client.get(f"{url}?session_id={own['session_id']}").status_code == 200
    assert client.get(f"{url}?session_id={foreign['session_id']}").status_code == 404


# Ids inside request bodies: (method, path under the meeting, body) — each names one object of another meeting.
OTHER_SESSION = {"session_id": "foreign:session_id", "participant_id": "own:participant_id"}
OTHER_PARTICIPANT = {"session_id": "own:session_id", "participant_id": "foreign:participant_id"}
BODY_IDS = [
    ("POST", "/api/v1/meetings/{mine}/check-ins", OTHER_SESSION),
    ("POST", "/api/v1/meetings/{mine}/check-ins", OTHER_PARTICIPANT),
    ("POST", "/meetings/{mine}/attendance/desk/scan", OTHER_SESSION),
    ("POST", "/meetings/{mine}/attendance/desk/scan", OTHER_PARTICIPANT),
]


@pytest.mark.parametrize(("method", "path", "body"), BODY_IDS)
def test_ids_of_another_meeting_in_a_body_are_refused(app, client, auth, two_meetings, method, path, body):
    organizer, mine, own, foreign = two_meetings
    if path.startswith("/api/") and not any(r.rule.startswith("/api/") for r in app.url_map.iter_rules()):
        pytest.skip("no token API in this build")
    auth.login_as(organizer)
    values = {key: (own if ref.startswith("own:") else foreign)[ref.split(":", 1)[1]] for key, ref in body.items()}
    headers = api_headers(organizer) if path.startswith("/api/") else {}
    before = row_counts()
    response = client.open(path.format(mine=mine.id), method=method, json=values, headers=headers)
    assert response.status_code in (404, 422), response.get_data(as_text=True)[:300]
    db.session.expire_all()
    after = row_counts()
    assert not {table for table in before if before[table] != after[table]}


# The same rule one level over: an award programme's URLs refuse an award of another programme.
def test_an_award_of_another_programme_is_refused(app, client, auth, users):
    from tests.factories import AwardFactory, AwardLevelFactory, AwardProgramFactory

    mine, other = AwardProgramFactory(), AwardProgramFactory()
    foreign_award = AwardFactory(level=AwardLevelFactory(program=other))
    AwardFactory(level=AwardLevelFactory(program=mine))
    auth.login_as(users["admin"])
    before = row_counts()
    routes = [(method, rule) for rule in app.url_map.iter_rules()
              if {"program_id", "award_id"} <= set(rule.arguments) and len(rule.arguments) == 2
              for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    assert len(routes) >= 5
    wrong = []
    for method, rule in routes:
        with app.test_request_context():
            url = url_for(rule.endpoint, program_id=mine.id, award_id=foreign_award.id)
        response = client.open(url, method=method, data={})
        if response.status_code != 404:
            wrong.append(f"{method} {url}: {response.status_code}")
    assert not wrong, wrong
    db.session.expire_all()
    assert row_counts() == before
