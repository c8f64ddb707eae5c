"""The bench scripts as tests in the PostgreSQL run of the suite: two gunicorn instances share sessions, the live
board and the sign-in rate limit (bench/two_instances.py); check-ins survive the database dropping every
connection, without a restart of the app (bench/db_restart.py)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.ops import redis_is_up

ROOT = Path(__file__).resolve().parents[2]
SERVER = os.environ.get("MEETAPP_TEST_DATABASE_URL", "")


def fresh_database() -> str:
    return make_url(SERVER).set(database=f"meetapp_ops_{secrets.token_hex(4)}").render_as_string(hide_password=False)


def run_bench(*args: str) -> str:
    result = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "RESULT: PASS" in result.stdout
    return result.stdout



@pytest.mark.skipif(not SERVER.startswith("postgresql") or not redis_is_up(),
                    reason="needs MEETAPP_TEST_DATABASE_URL (PostgreSQL) and Redis on 127.0.0.1:6379")
def test_two_instances_share_the_board_and_the_rate_limit():
    output = run_bench("bench/two_instances.py", "--database", fresh_database(), "--check-ins", "5",
                       "--participants", "20", "--workers", "1")
    assert "#6 on B: 429" in output


@pytest.mark.skipif(not SERVER.startswith("postgresql"), reason="needs MEETAPP_TEST_DATABASE_URL (PostgreSQL)")
def test_check_ins_survive_the_database_dropping_every_connection():
    output = run_bench("bench/db_restart.py", "--database", fresh_database(), "--participants", "200", "--workers", "1",
                       "--clients", "4", "--kills", "1", "--give-up", "20")
    assert "acknowledged but missing: 0; stored twice: 0" in output
