"""The desk's camera, server side: a frame from a browser without a QR reader of its own is decoded to the code it
shows (and nothing is recorded: the desk then sends that code as a scan); what is not a picture is refused."""

from __future__ import annotations

import io

import pytest
import segno
import sqlalchemy as sa
from PIL import Image

from meetapp.attendance.models import CheckIn
from meetapp.extensions import db
from tests.attendance.desk_samples import desk_world


def camera_frame(code: str | None, kind: str = "JPEG", size=(640, 480)) -> bytes:
    """A camera-like frame: a grey scene with the ticket's QR code held somewhere in it."""
    scene = Image.new("L", size, 170)
    if code is not None:
        qr = io.BytesIO()
        segno.make(code, micro=False).save(qr, kind="png", scale=5, border=4)
        scene.paste(Image.open(qr).convert("L").resize((220, 220)), (330, 140))
    frame = io.BytesIO()
    scene.save(frame, kind, quality=75) if kind == "JPEG" else scene.save(frame, kind)
    return frame.getvalue()


@pytest.fixture
def world(app, users):
    return desk_world(users)


def decode_url(world):
    return f"/meetings/{world.meeting.id}/attendance/desk/decode"


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_a_frame_with_a_ticket_gives_its_code_and_records_nothing(client, auth, world, kind):
    auth.login_as(world.staff)  # check-in staff work the desk's camera too
    answer = client.post(decode_url(world), data=camera_frame(world.chen.ticket_code, kind),
                         content_type=f"image/{kind.lower()}")
    assert answer.status_code == 200
    assert answer.json == {"code": world.chen.ticket_code}
    assert answer.headers["Cache-Control"] == "no-store"
    assert db.session.scalar(sa.select(sa.func.count(CheckIn.id))) == 0


def test_a_frame_without_a_code_gives_none(client, auth, users, world):
    auth.login_as(users["organizer"])
    answer = client.post(decode_url(world), data=camera_frame(None), content_type="image/jpeg")
    assert answer.status_code == 200 and answer.json == {"code": None}


@pytest.mark.parametrize("body", [
    b"",
    b"not a picture at all",
    camera_frame("abc", "GIF"),  # not a camera's format
    camera_frame(None, "PNG", size=(2000, 1500)),  # more pixels than a desk sends
    b"\xff\xd8" + b"\0" * (1024 * 1024 + 1),  # over 1 MB
])
def test_what_is_not_a_frame_is_refused(client, auth, users, world, body):
    auth.login_as(users["organizer"])
    answer = client.post(decode_url(world), data=body, content_type="image/jpeg")
    assert answer.status_code == 400
    assert answer.json == {"ok": False, "error": "The camera's picture could not be read."}


def test_only_those_who_run_the_desk_may_use_it(client, auth, users, world):
    frame = camera_frame(world.chen.ticket_code)
    auth.login_as(users["secretary"])  # sees the meeting and its attendance, but does not work its desk
    assert client.post(decode_url(world), data=frame, content_type="image/jpeg").status_code == 403
    auth.login_as(users["member"])  # not invited to this meeting: it is not there for them
    assert client.post(decode_url(world), data=frame, content_type="image/jpeg").status_code == 404
