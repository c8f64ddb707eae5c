"""The desk's hot path (``fast_scan``): a common scan answers exactly what the full path answers, writes the same
check-in and audit row, and still refuses a session that no longer signs in or an account without the right."""

from __future__ import annotations

import re
import uuid

import pytest
import sqlalchemy as sa

from meetapp.attendance import desk_views
from meetapp.attendance.models import CheckIn, CheckInSource
from meetapp.audit.models import AuditEntry
from meetapp.extensions import db
from meetapp.participants.models import AttendanceMode
from tests.attendance.desk_samples import desk_world


@pytest.fixture
def world(app, users):
    return desk_world(users)


def scan(client, world, participant, **extra):
    body = {"session_id": world.morning.id, "ticket_code": participant.ticket_code, "nonce": str(uuid.uuid4()),
            **extra}
    return client.post(f"/meetings/{world.meeting.id}/attendance/desk/scan", json=body,
                       headers={"User-Agent": "DeskScanner/1.0"})


def comparable(answer: dict) -> str:
    """An answer without what differs between two check-ins of one person: the record's id and the clock."""
    text = re.sub(r"\b\d{1,2}:\d{2}\b", "HH:MM", str(answer))
    text = re.sub(r"'check_in_id': \d+", "'check_in_id': N", text)
    return re.sub(r"check-ins/\d+/", "check-ins/N/", text)


@pytest.mark.parametrize("person, where", [("chen", "in_person"), ("wang", "in_person"), ("chen", "video")])
def test_the_hot_path_answers_what_the_full_path_answers(client, auth, users, world, monkeypatch, person, where):
    auth.login_as(users["organizer"])
    participant = getattr(world, person)
    fast = scan(client, world, participant, mode=where).json
    assert fast["outcome"] == "checked_in" and fast["undo_url"]
    record = db.session.scalar(sa.select(CheckIn))
    record.undone_at = record.checked_in_at  # undone, so the same person can be checked in again
    db.session.commit()

    monkeypatch.setattr(desk_views, "_fast_answer", lambda *args: None)
    full = scan(client, world, participant, mode=where).json
    assert full["outcome"] == "checked_in"
    assert comparable(fast) == comparable(full)
    first, second = db.session.scalars(sa.select(CheckIn).order_by(CheckIn.id))
    for column in ("participant_id", "session_id", "mode", "venue_id", "source", "recorded_by_id",
                   "attendee_person_id"):
        assert getattr(first, column) == getattr(second, column), column


def test_the_answer_shows_who_it_is_and_where(client, auth, users, world):
    auth.login_as(users["organizer"])
    answer = scan(client, world, world.chen).json
    assert answer["name"] == "Chen Jun" and answer["name_other"] == "陈军"
    assert answer["subtitle"] == "Chairman · Group Headquarters"
    assert answer["roles"] == ["Chair"] and answer["seat"] == "Seat A1"
    assert "Minmetals Plaza, Hall A" in answer["detail"] and "Organizer" in answer["detail"]
    assert answer["recent"]["name"] == "Chen Jun"


def test_a_video_desk_records_no_venue(client, auth, users, world):
    auth.login_as(users["organizer"])
    assert scan(client, world, world.wang, mode="video").json["outcome"] == "checked_in"
    record = db.session.scalar(sa.select(CheckIn))
    assert (record.mode, record.venue_id, record.source) == (AttendanceMode.VIDEO, None, CheckInSource.DESK)


def test_the_check_in_and_its_audit_row_are_written_together(client, auth, users, world):
    auth.login_as(world.staff)
    assert scan(client, world, world.chen).json["outcome"] == "checked_in"
    record = db.session.scalar(sa.select(CheckIn))
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "checkin.create"))
    assert (entry.object_type, entry.object_id, entry.meeting_id) == ("check_ins", record.id, world.meeting.id)
    assert (entry.actor_id, entry.actor_label) == (world.staff.id, "Desk Staff <desk@example.com>")
    assert entry.user_agent == "DeskScanner/1.0" and entry.ip_address
    assert entry.changes["session"] == [None, "Morning"]
    assert entry.changes["mode"] == [None, "in_person"] and entry.changes["source"] == [None, "desk"]
    assert entry.changes["venue"] == [None, "Minmetals Plaza, Hall A"]
    assert record.recorded_by_id == world.staff.id


def test_a_session_that_no_longer_signs_in_checks_nobody_in(client, auth, users, world):
    organizer = users["organizer"]
    auth.login_as(organizer)
    organizer.set_password("a-new-password-2026")  # rotates the session token: the old cookie is dead
    db.session.commit()
    assert scan(client, world, world.chen).status_code != 200
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CheckIn)) == 0


def test_a_deactivated_account_checks_nobody_in(client, auth, world):
    auth.login_as(world.staff)
    world.staff.active = False
    db.session.commit()
    assert scan(client, world, world.chen).status_code != 200
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CheckIn)) == 0


def test_removed_check_in_staff_check_nobody_in(client, auth, world):
    auth.login_as(world.staff)
    world.meeting.checkin_staff.remove(world.staff)
    db.session.commit()
    assert scan(client, world, world.chen).status_code == 404  # a participants-only meeting they are not part of
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CheckIn)) == 0


def test_the_answer_is_in_the_desk_workers_language(client, auth, users, world):
    organizer = users["organizer"]
    organizer.locale = "zh"
    db.session.commit()
    auth.login_as(organizer)
    answer = scan(client, world, world.chen).json
    assert answer["label"] == "已签到"
    assert answer["name"] == "陈军" and answer["name_other"] == "Chen Jun"
    assert "五矿大厦A厅" in answer["detail"]


# The desk's access is kept for DESK_ACCESS_SECONDS between scans (fast_scan.desk_access); the session is checked on
# every scan.


@pytest.fixture
def access_kept(app):
    """The desk's access stays kept for the whole test, however slow the machine."""
    app.config["DESK_ACCESS_SECONDS"] = 3600


def test_a_password_change_stops_a_desk_at_once(client, auth, users, world, access_kept):
    organizer = users["organizer"]
    auth.login_as(organizer)
    assert scan(client, world, world.chen).json["outcome"] == "checked_in"  # the desk's access is kept now
    organizer.set_password("a-new-password-2026")
    db.session.commit()
    assert scan(client, world, world.wang).status_code != 200
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CheckIn)) == 1


def test_a_deactivation_stops_a_desk_at_once(client, auth, world, access_kept):
    auth.login_as(world.staff)
    assert scan(client, world, world.chen).json["outcome"] == "checked_in"
    world.staff.active = False
    db.session.commit()
    assert scan(client, world, world.wang).status_code != 200
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CheckIn)) == 1


def test_removed_staff_are_stopped_within_the_access_time(app, client, auth, world, monkeypatch):
    from meetapp.attendance import fast_scan

    clock = [1000.0]
    monkeypatch.setattr(fast_scan.time, "monotonic", lambda: clock[0])
    auth.login_as(world.staff)
    assert scan(client, world, world.chen).json["outcome"] == "checked_in"
    world.meeting.checkin_staff.remove(world.staff)
    db.session.commit()
    clock[0] += app.config["DESK_ACCESS_SECONDS"] + 0.01
    assert scan(client, world, world.wang).status_code == 404
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CheckIn)) == 1


def test_with_no_access_time_a_removal_stops_the_next_scan(app, client, auth, world):
    app.config["DESK_ACCESS_SECONDS"] = 0
    auth.login_as(world.staff)
    assert scan(client, world, world.chen).json["outcome"] == "checked_in"
    world.meeting.checkin_staff.remove(world.staff)
    db.session.commit()
    assert scan(client, world, world.wang).status_code == 404
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CheckIn)) == 1


def test_a_kept_access_is_the_desks_own(client, auth, users, world, access_kept):
    """Another account's scan, or this account's scan of another session, reads its own access."""
    auth.login_as(world.staff)
    assert scan(client, world, world.chen).json["outcome"] == "checked_in"
    auth.login_as(users["member"])  # neither organizer nor staff of this participants-only meeting
    assert scan(client, world, world.wang).status_code == 404
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CheckIn)) == 1
