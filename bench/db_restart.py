"""Check-ins while the database drops every connection: nothing acknowledged is lost, nothing is stored twice.

    .venv/bin/python bench/db_restart.py --database postgresql+psycopg://root@127.0.0.1:5432/meetapp_restart
    .venv/bin/python bench/db_restart.py --database … --restart-command "pg_ctlcluster 15 main restart"

Creates the named database (it must not exist; dropped at the end), migrates it, loads a running meeting with N
participants and serves the app with gunicorn. C desk clients sign in and scan every ticket once through
``POST /meetings/<id>/attendance/desk/scan`` with a fresh nonce per scan, as ``static/js/desk.js`` does. When a
scan gets no answer or a 5xx, the client sends **the same scan with the same nonce** again (the only retry: a
replayed nonce is answered, not stored again), for up to ``--give-up`` seconds.

Part-way (``--kill-at``, a share of the tickets acknowledged) it kills every connection of the app to its database
(``pg_terminate_backend`` on every backend of that database), ``--kills`` times, spread over the run; or, with
``--restart-command``, runs that command instead (a whole-server restart: it affects every database on the server,
so only on a server of your own). The app is NOT restarted: the first statement on a dropped connection fails and
SQLAlchemy replaces that process's older pooled connections at once (and a connection idle for a while is pinged
before use, ``meetapp.database.ping_when_idle``); requests caught in the middle fail once and are retried by the
client.

Prints: scans acknowledged, failed attempts (and when), how long after each kill the app answered again, and from
the database: check-ins stored, acknowledged-but-missing (must be 0), stored twice (must be 0), stored but never
acknowledged (a client that gave up).
"""

from __future__ import annotations

import argparse
import json
import queue
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.checkin import Client, Gunicorn, TempDatabase, load_meeting, migrate

RETRY_PAUSE = 0.2  # seconds between attempts of one scan


@dataclass
class Outcome:
    acknowledged: dict[str, bool] = field(default_factory=dict)  # ticket -> replayed
    refused: dict[str, str] = field(default_factory=dict)  # ticket -> answer (4xx: not retried)
    gave_up: list[str] = field(default_factory=list)
    failed_attempts: list[tuple[float, str]] = field(default_factory=list)  # (time, what)
    successes: list[float] = field(default_factory=list)  # request start times of acknowledged scans
    lock: threading.Lock = field(default_factory=threading.Lock)


def psycopg_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def kill_app_connections(database_url: str) -> int:
    """Terminate every other backend connected to the app's database; how many were killed."""
    import psycopg

    name = urllib.parse.urlsplit(database_url).path.lstrip("/")
    admin = urllib.parse.urlunsplit(urllib.parse.urlsplit(psycopg_url(database_url))._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        return conn.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                            "WHERE datname = %s AND pid <> pg_backend_pid()", (name,)).fetchone()[0]


def stored_check_ins(database_url: str, session_id: int) -> dict[str, int]:
    """Ticket code -> number of active check-ins stored for the session."""
    import psycopg

    with psycopg.connect(psycopg_url(database_url)) as conn:
        rows = conn.execute(
            "SELECT p.ticket_code, count(*) FROM check_ins c JOIN participants p ON p.id = c.participant_id "
            "WHERE c.session_id = %s AND c.undone_at IS NULL GROUP BY p.ticket_code", (session_id,)).fetchall()
    return dict(rows)


def scan_until_answered(client: Client, path: str, session_id: int, ticket: str, outcome: Outcome, give_up: float):
    body = json.dumps({"session_id": session_id, "ticket_code": ticket, "nonce": str(uuid.uuid4())}).encode()
    deadline = time.monotonic() + give_up
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            status, data = client.request("POST", path, body, {"Content-Type": "application/json"})
        except OSError as error:  # connection refused or reset: no answer, so the same scan again
            status, data = None, repr(error).encode()
            client.conn.close()
        if status == 200:
            answer = json.loads(data)
            with outcome.lock:
                if answer.get("outcome") == "checked_in":
                    outcome.acknowledged[ticket] = bool(answer.get("replayed"))
                    outcome.successes.append(started)
                else:
                    outcome.refused[ticket] = answer.get("outcome", "?")
            return
        if status is not None and 400 <= status < 500:
            with outcome.lock:
                outcome.refused[ticket] = f"HTTP {status}"
            return
        with outcome.lock:
            outcome.failed_attempts.append((started, f"HTTP {status}" if status else data.decode()[:60]))
        time.sleep(RETRY_PAUSE)
    with outcome.lock:
        outcome.gave_up.append(ticket)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, help="a PostgreSQL URL of a database to create and drop")
    parser.add_argument("-n", "--participants", type=int, default=1500)
    parser.add_argument("-c", "--clients", type=int, default=8)
    parser.add_argument("--kill-at", type=float, default=0.3, help="share of tickets acknowledged before a kill")
    parser.add_argument("--kills", type=int, default=2, help="how many times, spread from --kill-at on")
    parser.add_argument("--restart-command", help="a shell command that restarts the database server instead")
    parser.add_argument("--give-up", type=float, default=60, help="seconds one scan is retried at most")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="gthread", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--max-seconds", type=float, default=300, help="stop taking new tickets after this long")
    args = parser.parse_args(argv)
    if not args.database.startswith("postgresql"):
        parser.error("give a PostgreSQL URL: the bench kills the app's server connections")
    if not (0 < args.kill_at < 1 and 1 <= args.kills <= 10 and 1 <= args.clients <= 64
            and args.clients < args.participants <= 50_000):
        parser.error("0 < kill-at < 1, 1-10 kills, 1-64 clients, more participants than clients (≤ 50,000)")

    outcome = Outcome()
    kills: list[tuple[float, str]] = []
    with TempDatabase(args.database) as database:
        migrate(database.url)
        meeting_id, session_id, tickets = load_meeting(database.url, args.participants)
        path = f"/meetings/{meeting_id}/attendance/desk/scan"
        with Gunicorn("wsgi:app", database.url, args) as server:
            clients = [Client(server.port) for _ in range(args.clients)]
            for client in clients:
                client.sign_in(meeting_id)
            print(f"{len(tickets)} tickets, {args.clients} desk clients, gunicorn {args.workers} × "
                  f"{args.worker_class} ({args.threads} threads), idle connections pinged; "
                  f"{'restart: ' + args.restart_command if args.restart_command else 'pg_terminate_backend'} "
                  f"× {args.kills}")
            work: queue.Queue = queue.Queue()
            for ticket in tickets:
                work.put(ticket)
            start = time.monotonic()
            stop_at = start + args.max_seconds

            def desk(client: Client):
                while time.monotonic() < stop_at:
                    try:
                        ticket = work.get_nowait()
                    except queue.Empty:
                        return
                    scan_until_answered(client, path, session_id, ticket, outcome, args.give_up)

            def killer():
                step = (1 - args.kill_at) / (args.kills + 1)
                for n in range(args.kills):
                    threshold = int(len(tickets) * (args.kill_at + n * step))
                    while len(outcome.acknowledged) < threshold:
                        if time.monotonic() > stop_at or (work.empty() and not any(t.is_alive() for t in threads)):
                            return
                        time.sleep(0.01)
                    at = time.monotonic()
                    if args.restart_command:
                        result = subprocess.run(args.restart_command, shell=True, capture_output=True, text=True)  # noqa: S602
                        what = f"restart exited {result.returncode} after {time.monotonic() - at:.1f} s"
                    else:
                        what = f"terminated {kill_app_connections(database.url)} connections"
                    kills.append((at, what))

            threads = [threading.Thread(target=desk, args=(client,), daemon=True) for client in clients]
            for thread in threads:
                thread.start()
            kill_thread = threading.Thread(target=killer, daemon=True)
            kill_thread.start()
            for thread in threads:
                thread.join()
            kill_thread.join(timeout=5)
            seconds = time.monotonic() - start
            # After everything: the app answers a fresh request without having been restarted.
            status, _ = Client(server.port).request("GET", "/readyz")

        stored = stored_check_ins(database.url, session_id)

    acknowledged = set(outcome.acknowledged)
    missing = sorted(acknowledged - set(stored))
    twice = sorted(code for code, count in stored.items() if count > 1)
    unacknowledged = sorted(set(stored) - acknowledged)
    replayed = sum(outcome.acknowledged.values())
    print(f"run: {seconds:.1f} s, {len(acknowledged)} of {len(tickets)} scans acknowledged "
          f"({replayed} of them answered as a replay of a scan the database already had)")
    for n, (at, what) in enumerate(kills, 1):
        window_end = kills[n][0] - 0.5 if n < len(kills) else float("inf")  # requests started from 0.5 s before
        failed = sorted(t for t, _ in outcome.failed_attempts if at - 0.5 <= t < window_end)
        if failed:
            recovered = min((t for t in outcome.successes if t > max(at, failed[-1])), default=float("nan"))
            print(f"kill {n} at {at - start:.1f} s: {what}; {len(failed)} failed attempts (sent from "
                  f"{failed[0] - at:+.1f} s to {failed[-1] - at:+.1f} s); answered again {recovered - at:+.1f} s "
                  f"after the kill began")
        else:
            print(f"kill {n} at {at - start:.1f} s: {what}; no request failed")
    kinds = sorted({what for _, what in outcome.failed_attempts})
    print(f"failed attempts in all: {len(outcome.failed_attempts)} ({', '.join(kinds) or 'none'}); "
          f"refused: {len(outcome.refused)}; gave up: {len(outcome.gave_up)}")
    print(f"stored: {sum(stored.values())} check-ins for {len(stored)} tickets; acknowledged but missing: "
          f"{len(missing)}; stored twice: {len(twice)}; stored but not acknowledged: {len(unacknowledged)}")
    print(f"/readyz after the run, same gunicorn: {status}")
    ok = (not missing and not twice and not outcome.gave_up and not outcome.refused and status == 200
          and len(kills) == args.kills and len(acknowledged) == len(tickets))
    print("RESULT:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
