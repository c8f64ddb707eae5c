"""CPU time per request of the desk's scan, in-process, against the floor (see ``bench/README.md``).

    .venv/bin/python bench/scan_cpu.py                                  # SQLite in a temp file
    .venv/bin/python bench/scan_cpu.py --database postgresql+psycopg://root@127.0.0.1:5432/meetapp_cpu

``bench/checkin.py`` measures throughput through gunicorn; on this noisy 2-core VM that swings by a third from run to
run, too much to see what a change to the scan's code is worth. This script drives the apps with Flask's test
client in this one process and counts ``time.process_time()`` — the CPU this process spends, whatever else the
machine is doing — so its figures are far steadier. Each line is the mean over ``-n`` requests (after 100 untimed
warm-up requests), in CPU ms per request with the wall-clock ms beside it:

- ``floor``: ``POST /scan`` of ``bench/floor_app.py`` with a fresh ticket code each — one ORM insert and commit, the
  least a check-in costs with Flask + Flask-SQLAlchemy (the floor of ``checkin.py``);
- ``scan (hot path)``: the real app's ``POST /meetings/<id>/attendance/desk/scan`` (``{session_id, ticket_code,
  nonce}``, X-CSRFToken header), signed in through the login form as the organizer, each a first check-in of a
  fresh ticket — the common scan, answered by ``desk_views._fast_answer``; every answer must be 200 ``checked_in``;
- ``scan (full path)``: the same with ``_fast_answer`` switched off (answering None) for the measurement — the way
  every scan goes that is not the common case;
- ``healthz``: ``GET /healthz`` of the real app, the least the framework and the app's request hooks cost (no
  session user, no database), for scale.

Then the ratio floor CPU / hot-path CPU (1.0: the scan costs no more CPU than the floor). The test client's own
cost (building the WSGI environ, reading the response: roughly 0.1-0.2 ms) is in every line alike. The CPU is this
process's only: with SQLite the database's work is in it, with PostgreSQL the server's is not (the wall-clock
figure includes the round trips). ``--profile NAME`` runs that line's timed requests under cProfile (timer
``time.process_time``) and prints the 40 functions with the most cumulative time; that line's figures then include
the profiler's overhead.

The database is created for the run (as ``checkin.py``: migrated, one running meeting loaded in bulk with
2 × (n + 100) participants and a margin, the floor's table created) and removed at the end.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import pstats
import re
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.checkin import ORGANIZER_EMAIL, ORGANIZER_PASSWORD, TempDatabase, app_env, load_meeting, migrate

WARMUP = 100  # untimed requests before each line: imports, caches, pooled connections, compiled statements
TICKET_MARGIN = 50  # participants beyond the 2 × (n + WARMUP) tickets the two scan lines use
JSON = {"Content-Type": "application/json"}
LINES = {"floor": "floor", "hot": "scan (hot path)", "full": "scan (full path)", "healthz": "healthz"}


def measure(name: str, one: Callable[[], None], n: int, profile: bool) -> float:
    """Calls ``one()`` WARMUP times untimed, then n times timed; prints the line and returns CPU ms per request."""
    for _ in range(WARMUP):
        one()
    gc.collect()  # start each line with no garbage left by the previous one
    profiler = cProfile.Profile(time.process_time) if profile else None
    wall0, cpu0 = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    for _ in range(n):
        one()
    if profiler:
        profiler.disable()
    cpu = (time.process_time() - cpu0) / n * 1000
    wall = (time.perf_counter() - wall0) / n * 1000
    print(f"{name:<18} {cpu:7.3f} ms CPU per request  ({wall:7.3f} ms wall)" + ("  [profiled]" if profiler else ""),
          flush=True)
    if profiler:
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(40)
    return cpu


def floor_request(database_url: str) -> Callable[[], None]:
    """One floor check-in per call, each with a new ticket code (its table's unique index never refuses one)."""
    os.environ["MEETAPP_DATABASE_URL"] = database_url  # floor_app reads it when imported
    from bench.floor_app import app, create_table

    create_table()
    client = app.test_client()
    counter = iter(range(10**9))

    def one() -> None:
        response = client.post("/scan", data=json.dumps({"ticket_code": f"floor-{next(counter)}"}), headers=JSON)
        assert response.status_code == 200 and response.get_json()["outcome"] == "checked_in", response.data[:300]

    return one


def signed_in_client(app, meeting_id: int):
    """A test client signed in as the organizer through the login form, and the desk's headers (its CSRF token
    from the desk page's token route, as ``checkin.Client.sign_in`` does)."""
    client = app.test_client()
    page = client.get("/login").data
    token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', page) or re.search(
        rb'value="([^"]+)"[^>]*name="csrf_token"', page)
    form = {"email": ORGANIZER_EMAIL, "password": ORGANIZER_PASSWORD}
    if token:
        form["csrf_token"] = token.group(1).decode()
    response = client.post("/login", data=form)
    if response.status_code != 302:
        raise SystemExit(f"sign-in failed: HTTP {response.status_code}")
    response = client.get(f"/meetings/{meeting_id}/attendance/desk/token")
    if response.status_code != 200:
        raise SystemExit(f"CSRF token refused: HTTP {response.status_code}")
    return client, {**JSON, "X-CSRFToken": response.get_json()["csrf_token"]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="a PostgreSQL URL of a database to create and drop (default: SQLite)")
    parser.add_argument("-n", type=int, default=2000, help=f"timed requests per line (after {WARMUP} warm-up)")
    parser.add_argument("--profile", choices=sorted(LINES), metavar="NAME",
                        help="run that line's timed requests under cProfile: floor, hot (scan, hot path), "
                             "full (scan, full path) or healthz")
    args = parser.parse_args(argv)
    if not 1 <= args.n <= 100_000:
        parser.error("-n: 1-100,000 requests per line")

    participants = 2 * (args.n + WARMUP) + TICKET_MARGIN
    with TempDatabase(args.database) as database:
        print(f"database: {'PostgreSQL' if database.postgres else 'SQLite'}; {args.n} timed requests per line "
              f"after {WARMUP} warm-up; {participants} participants", flush=True)
        t0 = time.perf_counter()
        migrate(database.url)
        meeting_id, session_id, tickets = load_meeting(database.url, participants)
        floor = floor_request(database.url)
        print(f"migrated and loaded in {time.perf_counter() - t0:.1f} s", flush=True)

        os.environ.update(app_env(database.url))
        import meetapp.attendance.desk_views as desk_views
        from wsgi import app

        client, headers = signed_in_client(app, meeting_id)
        scan_path = f"/meetings/{meeting_id}/attendance/desk/scan"
        fresh = iter(tickets)  # each ticket is scanned once: every scan is a first check-in

        def scan() -> None:
            body = {"session_id": session_id, "ticket_code": next(fresh), "nonce": str(uuid.uuid4())}
            response = client.post(scan_path, data=json.dumps(body), headers=headers)
            assert response.status_code == 200, response.data[:300]
            outcome = response.get_json()["outcome"]
            assert outcome == "checked_in", f"outcome {outcome!r}: {response.data[:300]!r}"

        def healthz() -> None:
            response = client.get("/healthz")
            assert response.status_code == 200, response.data[:300]

        # The hot line is only the hot path's if _fast_answer answers: check it on a few untimed scans first.
        fast_answer = desk_views._fast_answer
        answered = []
        desk_views._fast_answer = lambda *a: answered.append(fast_answer(*a)) or answered[-1]
        try:
            for _ in range(3):
                scan()
        finally:
            desk_views._fast_answer = fast_answer
        if not all(answered):
            raise SystemExit("the hot path did not answer the common scan: the 'hot path' line would not be one")

        floor_cpu = measure(LINES["floor"], floor, args.n, args.profile == "floor")
        hot_cpu = measure(LINES["hot"], scan, args.n, args.profile == "hot")
        desk_views._fast_answer = lambda *a: None  # every scan goes the full way
        try:
            measure(LINES["full"], scan, args.n, args.profile == "full")
        finally:
            desk_views._fast_answer = fast_answer
        measure(LINES["healthz"], healthz, args.n, args.profile == "healthz")

    print(f"ratio floor CPU / hot-path CPU: {floor_cpu / hot_cpu:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
