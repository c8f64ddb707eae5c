"""Check-in throughput of the desk's JSON scan endpoint, against a floor (see ``bench/README.md``).

    .venv/bin/python bench/checkin.py                                   # SQLite in a temp file
    .venv/bin/python bench/checkin.py --database postgresql+psycopg://root@127.0.0.1:5432/meetapp_bench

For PostgreSQL the named database is created for the run and dropped afterwards (it must not exist). The bench
migrates it (``flask db upgrade``), loads R meetings (``--rounds``) with N participants each in bulk and one
organizer account, and serves both the app and ``bench/floor_app.py`` (one insert into a table with a unique index
per request) with gunicorn on free loopback ports for the whole run. It signs in C app clients once (each its own
keep-alive connection, session cookie and CSRF token, as the desk page's script does), then alternates R rounds:
the app clients check in meeting r's N distinct tickets at ``POST /meetings/<id>/attendance/desk/scan``, then C
floor clients post the same N ticket codes to the floor. Alternating spreads the machine's run-to-run noise over
both sides. It prints check-ins/s, p50/p99 latency and errors per phase and round, then the medians of the rates,
their ratio, and the latencies pooled over all rounds. Everything it starts is stopped, the temp database removed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
ORGANIZER_EMAIL = "bench.organizer@example.com"
ORGANIZER_PASSWORD = "bench-password-1"  # noqa: S105  (a throwaway account in a throwaway database)
WARMUP_PER_CLIENT = 2  # scans per client before timing: every gunicorn worker has imported and connected


# --- the database ------------------------------------------------------------------------------------------


class TempDatabase:
    """A SQLite file in a temp directory, or a PostgreSQL database created for the run; removed on exit."""

    def __init__(self, url: str | None):
        self.tmpdir = Path(tempfile.mkdtemp(prefix="meetapp-bench-"))
        self.postgres = url is not None and url.startswith("postgresql")
        self.url = url or f"sqlite:///{self.tmpdir / 'bench.db'}"

    def __enter__(self):
        if self.postgres:
            name = self._name()
            with self._admin() as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
        return self

    def __exit__(self, *exc):
        if self.postgres:
            with self._admin() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self._name()}" WITH (FORCE)')
        shutil.rmtree(self.tmpdir, ignore_errors=True)

    def _name(self) -> str:
        name = urllib.parse.urlsplit(self.url).path.lstrip("/")
        if not re.fullmatch(r"[A-Za-z0-9_]+", name) or name in {"postgres", "template0", "template1"}:
            raise SystemExit(f"refusing database name {name!r}: give a fresh one, e.g. meetapp_bench")
        return name

    def _admin(self):
        import psycopg

        parts = urllib.parse.urlsplit(self.url.replace("postgresql+psycopg", "postgresql"))
        return psycopg.connect(urllib.parse.urlunsplit(parts._replace(path="/postgres")), autocommit=True)


def app_env(database_url: str) -> dict:
    env = dict(os.environ)
    env.update({
        "MEETAPP_DATABASE_URL": database_url,
        "MEETAPP_SECRET_KEY": "bench-secret",
        # The C clients sign in from one address within a second; the real limits would refuse most of them.
        "MEETAPP_RATELIMIT_LOGIN": "100000 per minute",
        "MEETAPP_RATELIMIT_LOGIN_ACCOUNT": "100000 per minute",
        "PYTHONPATH": str(ROOT),
    })
    return env


def migrate(database_url: str) -> None:
    subprocess.run([str(VENV_BIN / "flask"), "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=app_env(database_url),
                   check=True, capture_output=True)


def load_meeting(database_url: str, participants: int, *, index: int = 0) -> tuple[int, int, list[str]]:
    """One running meeting (one session, now) with ``participants`` invitees inserted in bulk and an organizer;
    its id, the session's id and the ticket codes. Several meetings can be loaded into one database, each with a
    distinct ``index``: the organizer account is created by the first call and reused by the next, and the unique
    names (unit code, venue, people's emails ``bench<index>.<i>@``) carry the index (index 0 keeps the original
    ones)."""
    os.environ.update(app_env(database_url))
    sys.path.insert(0, str(ROOT))
    from datetime import timedelta

    import sqlalchemy as sa

    from config import Config
    from meetapp import create_app
    from meetapp.accounts.services import create_user
    from meetapp.auth.models import SystemRole
    from meetapp.auth.services import find_user_by_email
    from meetapp.database import utcnow
    from meetapp.directory.models import Person, Unit
    from meetapp.extensions import db
    from meetapp.meetings.models import Meeting, MeetingFormat, MeetingSession, Venue
    from meetapp.participants.models import MeetingRole, Participant, ParticipantRole

    class BenchConfig(Config):
        SQLALCHEMY_DATABASE_URI = database_url

    app = create_app(BenchConfig)
    with app.app_context():
        organizer = find_user_by_email(ORGANIZER_EMAIL) or create_user(
            ORGANIZER_EMAIL, "Bench Organizer", [SystemRole.ORGANIZER], ORGANIZER_PASSWORD)
        # index 0 keeps the original names; the next meetings' unique names (unit, venue, emails) carry the index
        suffix, tag = (f" {index}", f"{index}.") if index else ("", "")
        unit = Unit(code=f"BENCH{index or ''}", name=f"Bench Unit{suffix}")
        now = utcnow().replace(microsecond=0)
        meeting = Meeting(
            title=f"Bench meeting{suffix}", starts_at=now - timedelta(minutes=30), ends_at=now + timedelta(hours=3),
            format=MeetingFormat.IN_PERSON, venue=Venue(name=f"Bench Hall{suffix}"), organizers=[organizer],
            sessions=[MeetingSession(title="Plenary", starts_at=now - timedelta(minutes=30),
                                     ends_at=now + timedelta(hours=3))],
        )
        db.session.add_all([unit, meeting])
        db.session.flush()
        db.session.execute(sa.insert(Person), [
            {"name": f"Bench Person {i:05d}", "email": f"bench{tag}{i}@example.com", "unit_id": unit.id}
            for i in range(participants)
        ])
        person_ids = db.session.scalars(sa.select(Person.id).where(Person.unit_id == unit.id)).all()
        db.session.execute(sa.insert(Participant), [{"meeting_id": meeting.id, "person_id": pid} for pid in person_ids])
        rows = db.session.execute(
            sa.select(Participant.id, Participant.ticket_code).where(Participant.meeting_id == meeting.id)
        ).all()
        db.session.execute(sa.insert(ParticipantRole),
                           [{"participant_id": pid, "role": MeetingRole.ATTENDEE} for pid, _code in rows])
        db.session.commit()
        ids = (meeting.id, meeting.sessions[0].id)
        db.session.remove()
        db.engine.dispose()
    return ids[0], ids[1], [code for _pid, code in rows]


# --- serving -----------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """``gunicorn <target>`` on a free loopback port, stopped (its process group) on exit."""

    def __init__(self, target: str, database_url: str, args):
        self.port = free_port()
        self.command = [
            str(VENV_BIN / "gunicorn"), target, "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(args.workers), "--worker-class", args.worker_class, "--threads", str(args.threads),
            "--keep-alive", "30", "--log-level", "warning", "--error-logfile", "-",
        ]
        self.env = app_env(database_url)
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited: {self.process.returncode}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.1)
        raise SystemExit("gunicorn did not start within 30 s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


# --- the clients -------------------------------------------------------------------------------------------


class Client:
    """One keep-alive connection with its own cookies (http.client reopens it if the server closes it)."""

    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}
        self.headers: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        all_headers = {**self.headers, **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.conn.request(method, path, body=body, headers=all_headers)
            response = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            self.conn.close()  # a worker closed an idle connection: one retry on a fresh one
            self.conn.request(method, path, body=body, headers=all_headers)
            response = self.conn.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, data

    def sign_in(self, meeting_id: int) -> None:
        status, page = self.request("GET", "/login")
        token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', page) or re.search(
            rb'value="([^"]+)"[^>]*name="csrf_token"', page)
        form = {"email": ORGANIZER_EMAIL, "password": ORGANIZER_PASSWORD}
        if token:
            form["csrf_token"] = token.group(1).decode()
        status, _ = self.request("POST", "/login", urllib.parse.urlencode(form).encode(),
                                 {"Content-Type": "application/x-www-form-urlencoded"})
        if status != 302:
            raise SystemExit(f"sign-in failed: HTTP {status}")
        status, data = self.request("GET", f"/meetings/{meeting_id}/attendance/desk/token")
        if status != 200:
            raise SystemExit(f"CSRF token refused: HTTP {status}")
        self.headers["X-CSRFToken"] = json.loads(data)["csrf_token"]


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)  # seconds
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def pct(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    @classmethod
    def pooled(cls, runs: list[Run]) -> Run:
        """All the runs' timed latencies and errors in one (its rate is the overall one)."""
        return cls(latencies=[x for run in runs for x in run.latencies],
                   errors=[e for run in runs for e in run.errors], seconds=sum(run.seconds for run in runs))

    def line(self, name: str) -> str:
        return (f"{name:<8} {len(self.latencies):>6} requests in {self.seconds:6.2f} s  {self.rate:8.1f}/s  "
                f"p50 {self.pct(50):6.1f} ms  p99 {self.pct(99):6.1f} ms  errors {len(self.errors)}")


def fire(clients: list[Client], path: str, bodies: list[dict], warmup: int, max_seconds: float) -> Run:
    """Each client takes the next body from a shared queue until none is left (or time is up); the first
    ``warmup`` answers are not timed."""
    work: queue.Queue = queue.Queue()
    for body in bodies:
        work.put(body)
    run = Run()
    lock = threading.Lock()
    started = threading.Barrier(len(clients) + 1)
    counted = {"n": 0}
    deadline = [0.0]

    def worker(client: Client):
        started.wait()
        while time.monotonic() < deadline[0]:
            try:
                body = work.get_nowait()
            except queue.Empty:
                return
            t0 = time.perf_counter()
            try:
                status, data = client.request("POST", path, json.dumps(body).encode(),
                                              {"Content-Type": "application/json"})
                error = None if status == 200 and json.loads(data).get("outcome") == "checked_in" else \
                    f"HTTP {status}: {data[:120]!r}"
            except Exception as exc:  # a benchmark counts failures, it does not stop on them
                error = repr(exc)
            elapsed = time.perf_counter() - t0
            with lock:
                counted["n"] += 1
                if counted["n"] <= warmup:
                    continue
                if counted["n"] == warmup + 1:
                    run.seconds = time.perf_counter()  # the clock starts with the first timed answer's request
                    run.seconds -= elapsed
                run.latencies.append(elapsed)
                if error:
                    run.errors.append(error)

    threads = [threading.Thread(target=worker, args=(client,), daemon=True) for client in clients]
    for thread in threads:
        thread.start()
    deadline[0] = time.monotonic() + max_seconds
    started.wait()
    for thread in threads:
        thread.join()
    run.seconds = time.perf_counter() - run.seconds if run.latencies else 0.0
    return run


# --- main --------------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="a PostgreSQL URL of a database to create and drop (default: SQLite)")
    parser.add_argument("-n", "--participants", type=int, default=5000)
    parser.add_argument("-c", "--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--worker-class", default="gthread", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker")
    parser.add_argument("--max-seconds", type=float, default=120, help="stop each phase after this long")
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternating app/floor rounds, each on its own meeting and tickets; medians reported")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 512 or not args.clients * WARMUP_PER_CLIENT < args.participants <= 200_000:
        parser.error("1-512 clients, and more participants than clients × 2 (at most 200,000)")
    if not 1 <= args.rounds <= 20:
        parser.error("1-20 rounds")

    rounds = f"{args.rounds} round{'s' * (args.rounds != 1)}"
    app_runs: list[Run] = []
    floor_runs: list[Run] = []
    with TempDatabase(args.database) as database:
        print(f"database: {'PostgreSQL' if database.postgres else 'SQLite'}; {rounds} × "
              f"{args.participants} participants, {args.clients} clients; gunicorn {args.workers} × "
              f"{args.worker_class}" + (f" ({args.threads} threads)" if args.worker_class == "gthread" else ""),
              flush=True)
        t0 = time.perf_counter()
        migrate(database.url)
        meetings = [load_meeting(database.url, args.participants, index=r) for r in range(args.rounds)]
        from bench.floor_app import create_table
        create_table()
        print(f"migrated and loaded in {time.perf_counter() - t0:.1f} s", flush=True)
        warmup = args.clients * WARMUP_PER_CLIENT

        with ExitStack() as stack:
            app_server = stack.enter_context(Gunicorn("wsgi:app", database.url, args))
            floor_server = stack.enter_context(Gunicorn("bench.floor_app:app", database.url, args))
            app_clients = [Client(app_server.port) for _ in range(args.clients)]
            for client in app_clients:
                client.sign_in(meetings[0][0])  # the CSRF token is the session's: one sign-in serves every meeting
            floor_clients = [Client(floor_server.port) for _ in range(args.clients)]

            for r, (meeting_id, session_id, tickets) in enumerate(meetings, start=1):
                bodies = [{"session_id": session_id, "ticket_code": code, "nonce": str(uuid.uuid4())}
                          for code in tickets]
                app_runs.append(fire(app_clients, f"/meetings/{meeting_id}/attendance/desk/scan", bodies, warmup,
                                     args.max_seconds))
                print(f"round {r}  {app_runs[-1].line('check-in')}", flush=True)
                # ticket codes are unique across meetings, so each round's floor set is disjoint from the others
                floor_runs.append(fire(floor_clients, "/scan", [{"ticket_code": code} for code in tickets], warmup,
                                       args.max_seconds))
                print(f"round {r}  {floor_runs[-1].line('floor')}", flush=True)

    app_rate = statistics.median(run.rate for run in app_runs)
    floor_rate = statistics.median(run.rate for run in floor_runs)
    app_all, floor_all = Run.pooled(app_runs), Run.pooled(floor_runs)
    errors = app_all.errors + floor_all.errors
    print(f"median   check-in {app_rate:8.1f}/s  floor {floor_rate:8.1f}/s  (over {rounds})")
    print(f"pooled   check-in p50 {app_all.pct(50):6.1f} ms  p99 {app_all.pct(99):6.1f} ms "
          f"({len(app_all.latencies)} requests); floor p99 {floor_all.pct(99):6.1f} ms "
          f"({len(floor_all.latencies)} requests); errors {len(errors)}")
    ratio = app_rate / floor_rate if floor_rate else float("nan")
    print(f"ratio    {ratio:.2f}× the floor (target ≥ 0.70; p99 < 100 ms; 0 errors)")
    for error in errors[:5]:
        print("  error:", error)
    return 0


if __name__ == "__main__":
    sys.exit(main())
