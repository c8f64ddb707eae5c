"""With CSRF protection on, as in production: a JSON scan needs the token in its X-CSRFToken header, and a desk
left open past the token's lifetime gets a fresh one from the desk's token endpoint."""

import pytest

from tests.attendance.desk_samples import desk_world


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True}


def test_a_scan_needs_the_csrf_token_in_its_header(app, client, auth, users):
    world = desk_world(users)
    auth.login_as(users["organizer"])
    url = f"/meetings/{world.meeting.id}/attendance/desk/scan"
    body = {"session_id": world.morning.id, "ticket_code": world.chen.ticket_code}
    refused = client.post(url, json=body)
    assert refused.status_code == 400 and not refused.is_json  # what desk.js takes as "fetch a fresh token"

    token = client.get(f"/meetings/{world.meeting.id}/attendance/desk/token").json["csrf_token"]
    answer = client.post(url, json=body, headers={"X-CSRFToken": token})
    assert answer.status_code == 200 and answer.json["outcome"] == "checked_in"


def test_a_camera_frame_needs_the_csrf_token_too(app, client, auth, users):
    from tests.attendance.test_desk_camera import camera_frame

    world = desk_world(users)
    auth.login_as(users["organizer"])
    url = f"/meetings/{world.meeting.id}/attendance/desk/decode"
    frame = camera_frame(world.chen.ticket_code)
    refused = client.post(url, data=frame, content_type="image/jpeg")
    assert refused.status_code == 400 and not refused.is_json
    token = client.get(f"/meetings/{world.meeting.id}/attendance/desk/token").json["csrf_token"]
    answer = client.post(url, data=frame, content_type="image/jpeg", headers={"X-CSRFToken": token})
    assert answer.status_code == 200 and answer.json == {"code": world.chen.ticket_code}
