"""A check-in under load: 100 concurrent scans of one ticket through a real threaded HTTP server store exactly one
record (the database decides, not only the code), 100 replays of one nonce too; and one check-in costs the same
few queries for 20 or 2,000 invitees."""

from __future__ import annotations

import http.cookiejar
import json
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from meetapp import create_app
from meetapp.attendance.models import CheckIn
from meetapp.directory.models import Person
from meetapp.extensions import db
from meetapp.participants.models import Participant
from tests.attendance.desk_samples import desk_world
from tests.browser.conftest import LiveServer
from tests.factories import PASSWORD
from tests.participants.samples import bulk_participants

CLIENTS = 100
# The desk's hot path (attendance/fast_scan.py). The desk's access (the signed-in account with its roles and its
# relation to the meeting, the session and its venue) is read once and kept for DESK_ACCESS_SECONDS: one statement
# for the first scan of a desk, none for the next. Then the ticket's participant (person, unit, roles) and the insert
# of the check-in with its audit row: one statement on PostgreSQL, three on SQLite. The unique indexes decide
# repeats, so a first scan looks nothing else up.
def query_budget(*, access_kept: bool) -> int:
    per_scan = 1 if db.engine.dialect.name == "postgresql" else 3
    return per_scan if access_kept else per_scan + 1


@pytest.fixture
def world(app, users):
    return desk_world(users)


@pytest.fixture
def server(app, app_config):
    """The app served by a threaded server on a free port (CSRF off, as in the other tests), on the test database."""
    with LiveServer(create_app(app_config)) as live:
        yield live


def signed_in_opener(server, email: str):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = urllib.parse.urlencode({"email": email, "password": PASSWORD}).encode()
    opener.open(f"{server.url}/login", data=form, timeout=30)
    assert any(cookie.name == "session" for cookie in jar)
    return opener


def fire(server, opener, path: str, bodies: list[dict]) -> list[dict]:
    """POST each body as JSON from its own thread, all at once; the answers, in order."""

    def post(body):
        request = urllib.request.Request(  # noqa: S310  (the local test server)
            f"{server.url}{path}", data=json.dumps(body).encode(), method="POST",
            headers={"Content-Type": "application/json"},
        )
        with opener.open(request, timeout=60) as response:
            assert response.status == 200
            return json.loads(response.read())

    with ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        return list(pool.map(post, bodies))


def stored():
    db.session.expire_all()
    return list(db.session.scalars(sa.select(CheckIn)))


def test_concurrent_scans_of_one_ticket_store_one_check_in(server, world):
    opener = signed_in_opener(server, "organizer@example.com")
    bodies = [{"session_id": world.morning.id, "ticket_code": world.chen.ticket_code, "nonce": str(uuid.uuid4())}
              for _ in range(CLIENTS)]
    answers = fire(server, opener, f"/meetings/{world.meeting.id}/attendance/desk/scan", bodies)
    assert Counter(a["outcome"] for a in answers) == {"checked_in": 1, "already_checked_in": CLIENTS - 1}
    (record,) = stored()
    assert {a["check_in_id"] for a in answers} == {record.id}


def test_concurrent_replays_of_one_nonce_store_one_check_in(server, world):
    opener = signed_in_opener(server, "organizer@example.com")
    body = {"session_id": world.morning.id, "ticket_code": world.chen.ticket_code, "nonce": str(uuid.uuid4())}
    answers = fire(server, opener, f"/meetings/{world.meeting.id}/attendance/desk/scan", [body] * CLIENTS)
    assert Counter(a["outcome"] for a in answers) == {"checked_in": 1, "already_checked_in": CLIENTS - 1}
    assert all(a["replayed"] for a in answers if a["outcome"] == "already_checked_in")
    (record,) = stored()
    assert record.client_nonce == body["nonce"]


def test_one_check_in_costs_a_few_queries_whatever_the_size_of_the_meeting(app, client, auth, users, world,
                                                                            count_queries):
    app.config["DESK_ACCESS_SECONDS"] = 3600  # kept while 2,000 invitees are added, however slow the machine
    auth.login_as(users["organizer"])
    url = f"/meetings/{world.meeting.id}/attendance/desk/scan"

    def check_in_cost(participant) -> int:
        body = {"session_id": world.morning.id, "ticket_code": participant.ticket_code, "nonce": str(uuid.uuid4())}
        with count_queries() as counter:
            answer = client.post(url, json=body).json
        assert answer["outcome"] == "checked_in"
        return counter.count

    first = check_in_cost(world.chen)  # the desk's first scan reads its access
    bulk_participants(world.meeting, 2000)
    later = check_in_cost(world.wang)  # the next, within DESK_ACCESS_SECONDS, does not
    assert (first, later) == (query_budget(access_kept=False), query_budget(access_kept=True))
    app.extensions["meetapp.desk_access"].clear()  # as after DESK_ACCESS_SECONDS
    bulk = db.session.scalar(sa.select(Participant).where(Participant.meeting_id == world.meeting.id,
                                                          Participant.person.has(Person.name.like("Bulk %"))))
    assert check_in_cost(bulk) == query_budget(access_kept=False)
