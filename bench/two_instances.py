"""Two app instances, one PostgreSQL and one Redis: nothing that matters lives in one process's memory.

    .venv/bin/python bench/two_instances.py --database postgresql+psycopg://root@127.0.0.1:5432/meetapp_two

Creates the named database (it must not exist; dropped at the end), migrates it, loads a running meeting with
N participants, and starts two gunicorn instances (A and B) on two loopback ports, each with its own workers,
both on that database and on Redis (``--redis``, a database number of its own). Then:

1. **Sessions**: one client signs in on A; its cookie is used on B (signed cookies, one secret key).
2. **Live board across instances**: the desk scans K tickets on A (``/desk/scan``); after each, a poller asks
   B's board JSON (``/attendance/board.json``) every 50 ms until its present count has grown. Prints the
   latency per check-in (target: every one within 2 s).
3. **Rate limit across instances**: failed sign-ins for one account alternate between A and B; with a limit of
   L per account (``MEETAPP_RATELIMIT_LOGIN_ACCOUNT``) the (L+1)-th attempt is refused (429), wherever it lands.
   With limits kept in each process's memory it would take 2L + 1 attempts (and more with more workers).

Everything it starts is stopped and the database dropped when it ends; the Redis keys it made expire by
themselves (rate-limit windows of a minute).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import urllib.parse
import uuid
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.checkin import Client, Gunicorn, TempDatabase, load_meeting, migrate

ACCOUNT_LIMIT = 5
TARGET_SECONDS = 2.0


def start_instance(name: str, database_url: str, redis_url: str, args) -> Gunicorn:
    server = Gunicorn("wsgi:app", database_url, args)
    server.env.update({
        "MEETAPP_REDIS_URL": redis_url,
        "MEETAPP_RATELIMIT_LOGIN_ACCOUNT": f"{ACCOUNT_LIMIT} per minute",
    })
    server.name = name
    return server


def board_present(client: Client, meeting_id: int, session_id: int) -> int:
    status, data = client.request("GET", f"/meetings/{meeting_id}/attendance/board.json?session_id={session_id}")
    if status != 200:
        raise SystemExit(f"board.json answered {status}")
    return json.loads(data)["totals"]["present"]


def failed_sign_in(client: Client, email: str) -> int:
    _status, page = client.request("GET", "/login")
    token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', page)
    form = {"email": email, "password": "wrong-password", "csrf_token": token.group(1).decode() if token else ""}
    status, _ = client.request("POST", "/login", urllib.parse.urlencode(form).encode(),
                               {"Content-Type": "application/x-www-form-urlencoded"})
    return status


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, help="a PostgreSQL URL of a database to create and drop")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/12")
    parser.add_argument("-n", "--participants", type=int, default=200)
    parser.add_argument("-k", "--check-ins", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="gthread", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    if not args.database.startswith("postgresql"):
        parser.error("two instances need a shared database server: give a PostgreSQL URL")
    if not 1 <= args.check_ins <= min(args.participants, 1000):
        parser.error("1-1000 check-ins, at most one per participant")

    failures = []
    with TempDatabase(args.database) as database, ExitStack() as stack:
        migrate(database.url)
        meeting_id, session_id, tickets = load_meeting(database.url, args.participants)
        a = stack.enter_context(start_instance("A", database.url, args.redis, args))
        b = stack.enter_context(start_instance("B", database.url, args.redis, args))
        print(f"instance A on :{a.port}, B on :{b.port}; {args.workers} workers each; PostgreSQL + {args.redis}")

        desk = Client(a.port)
        desk.sign_in(meeting_id)
        board = Client(b.port)
        board.cookies = dict(desk.cookies)  # the same signed session cookie, on the other instance
        present = board_present(board, meeting_id, session_id)
        print(f"1. session cookie from A accepted by B: board.json on B answers 200 (present: {present})")

        latencies = []
        for code in tickets[: args.check_ins]:
            body = json.dumps({"session_id": session_id, "ticket_code": code, "nonce": str(uuid.uuid4())})
            status, data = desk.request("POST", f"/meetings/{meeting_id}/attendance/desk/scan", body.encode(),
                                        {"Content-Type": "application/json"})
            acknowledged = time.perf_counter()
            if status != 200 or json.loads(data).get("outcome") != "checked_in":
                raise SystemExit(f"scan on A refused: {status} {data[:200]!r}")
            while (seen := board_present(board, meeting_id, session_id)) <= present:
                if time.perf_counter() - acknowledged > 10:
                    raise SystemExit("B's board did not show the check-in within 10 s")
                time.sleep(0.05)
            latencies.append(time.perf_counter() - acknowledged)
            present = seen
        worst = max(latencies)
        print(f"2. {len(latencies)} check-ins on A, each seen on B's board.json: "
              f"median {statistics.median(latencies) * 1000:.0f} ms, max {worst * 1000:.0f} ms "
              f"(target < {TARGET_SECONDS:.0f} s; the page polls every 1.5 s, so a person sees it in ≤ 1.5 s + this)")
        if worst >= TARGET_SECONDS:
            failures.append("board latency")

        victim = f"nobody-{uuid.uuid4().hex[:8]}@example.com"
        clients = {"A": Client(a.port), "B": Client(b.port)}
        answers = []
        for attempt in range(1, ACCOUNT_LIMIT + 2):
            where = "A" if attempt % 2 else "B"
            answers.append((attempt, where, failed_sign_in(clients[where], victim)))
        print(f"3. failed sign-ins for one account, limit {ACCOUNT_LIMIT}/minute, alternating A and B: "
              + ", ".join(f"#{n} on {where}: {status}" for n, where, status in answers))
        allowed = [status for _n, _where, status in answers[:ACCOUNT_LIMIT]]
        if any(status == 429 for status in allowed) or answers[-1][2] != 429:
            failures.append("rate limit")
        else:
            print(f"   the {ACCOUNT_LIMIT + 1}th attempt was refused on {answers[-1][1]}, which had seen only "
                  f"{sum(1 for _n, where, _s in answers[:-1] if where == answers[-1][1])} of the failures itself")

    print("RESULT:", "PASS" if not failures else f"FAIL ({', '.join(failures)})")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
