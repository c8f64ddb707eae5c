"""bench/two_instances.py as a test when PostgreSQL and Redis are there (the PostgreSQL run of the suite): two
gunicorn instances share sessions, the live board and the sign-in rate limit."""

import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
SERVER = os.environ.get("MEETAPP_TEST_DATABASE_URL", "")


def redis_is_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not SERVER.startswith("postgresql") or not redis_is_up(),
                    reason="needs MEETAPP_TEST_DATABASE_URL (PostgreSQL) and Redis on 127.0.0.1:6379")
def test_two_instances_share_the_board_and_the_rate_limit():
    database = make_url(SERVER).set(database=f"meetapp_two_{secrets.token_hex(4)}")
    result = subprocess.run(
        [sys.executable, "bench/two_instances.py", "--database", database.render_as_string(hide_password=False),
         "--check-ins", "5", "--participants", "20"],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "RESULT: PASS" in result.stdout
    assert "#6 on B: 429" in result.stdout
