"""Who may work the desk: the meeting's organizers, admins and its check-in staff — staff scan, but manage nothing
else of the meeting; plain members are refused. Managers name the staff."""

import pytest
import sqlalchemy as sa

from meetapp.attendance.models import CheckIn
from meetapp.extensions import db
from tests.attendance.desk_samples import desk_world


@pytest.fixture
def world(app, users):
    return desk_world(users)


def test_check_in_staff_can_scan_at_a_meeting_they_are_not_invited_to(client, auth, world):
    auth.login_as(world.staff)
    assert client.get(f"/meetings/{world.meeting.id}/attendance/desk").status_code == 200
    response = client.post(f"/meetings/{world.meeting.id}/attendance/desk/scan",
                           json={"session_id": world.morning.id, "ticket_code": world.chen.ticket_code})
    assert response.json["outcome"] == "checked_in"
    assert db.session.scalar(sa.select(CheckIn.recorded_by_id)) == world.staff.id


def test_check_in_staff_manage_nothing_else(client, auth, world):
    auth.login_as(world.staff)
    meeting = world.meeting.id
    for url in (f"/meetings/{meeting}/edit", f"/meetings/{meeting}/participants/",
                f"/meetings/{meeting}/attendance/staff", f"/meetings/{meeting}/attendance/badges.pdf"):
        assert client.get(url).status_code == 403, url
    page = client.get(f"/meetings/{meeting}/attendance/desk").text
    assert "Check-in staff" not in page and "Badge sheet" not in page


def test_a_plain_member_is_refused(client, auth, users, world):
    auth.login_as(users["member"])
    meeting = world.meeting.id
    # A participants-only meeting the member is not invited to: not even its existence shows.
    assert client.get(f"/meetings/{meeting}/attendance/desk").status_code == 404
    world.meeting.visibility = "internal"
    db.session.commit()
    assert client.get(f"/meetings/{meeting}/attendance/desk").status_code == 403
    response = client.post(f"/meetings/{meeting}/attendance/desk/scan",
                           json={"session_id": world.morning.id, "ticket_code": world.chen.ticket_code})
    assert response.status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CheckIn)) == 0


def test_the_check_in_tab_shows_for_those_who_run_the_desk(client, auth, users, world):
    auth.login_as(world.staff)
    assert ">Check-in</a>" in client.get(f"/meetings/{world.meeting.id}").text
    auth.login_as(users["secretary"])
    assert ">Check-in</a>" not in client.get(f"/meetings/{world.meeting.id}").text


def test_organizers_add_and_remove_check_in_staff(client, auth, users, world):
    auth.login_as(users["organizer"])
    url = f"/meetings/{world.meeting.id}/attendance/staff"
    response = client.post(url, data={"email": "Member@Example.com"}, follow_redirects=True)
    assert "Member can now work the check-in desk." in response.text
    db.session.refresh(world.meeting)
    assert {u.email for u in world.meeting.checkin_staff} == {"desk@example.com", "member@example.com"}

    auth.login_as(users["member"])
    assert client.get(f"/meetings/{world.meeting.id}/attendance/desk").status_code == 200

    auth.login_as(users["organizer"])
    response = client.post(f"{url}/{users['member'].id}/remove", follow_redirects=True)
    assert "Member no longer works the check-in desk." in response.text
    db.session.refresh(world.meeting)
    assert [u.email for u in world.meeting.checkin_staff] == ["desk@example.com"]


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("nobody@example.com", "No active account has this email address."),
        ("desk@example.com", "This account is already check-in staff of the meeting."),
        ("not an email", "Invalid email address."),
    ],
)
def test_adding_staff_says_what_is_wrong_and_keeps_what_was_typed(client, auth, users, world, email, message):
    auth.login_as(users["organizer"])
    response = client.post(f"/meetings/{world.meeting.id}/attendance/staff", data={"email": email})
    assert response.status_code == 200
    assert message in response.text and f'value="{email}"' in response.text
