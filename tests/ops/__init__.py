"""Tests of meetapp/ops (health, request ids, headers, backups), deploy/ and the bench scripts."""

import socket


def redis_is_up() -> bool:
    """Whether a Redis answers on 127.0.0.1:6379 (tests that need one skip otherwise)."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False
