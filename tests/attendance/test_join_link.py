"""The personal video join link /j/<token>: records the join for the session running now (or starting within half
an hour), then forwards to the meeting's video URL; repeated clicks are one check-in; refusals say why."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from meetapp.attendance.join import JOIN_EARLY
from meetapp.attendance.models import CheckIn, CheckInSource
from meetapp.database import utcnow
from meetapp.extensions import db
from meetapp.meetings.models import MeetingStatus
from meetapp.participants.models import AttendanceMode
from tests.attendance.desk_samples import desk_world


@pytest.fixture
def world(app, users):
    return desk_world(users)


def records():
    return list(db.session.scalars(sa.select(CheckIn).order_by(CheckIn.id)))


def join(client, participant):
    return client.get(f"/j/{participant.join_token}")


def test_the_join_link_records_a_video_check_in_and_forwards(client, world):
    response = join(client, world.wang)
    assert response.status_code == 302
    assert response.headers["Location"] == "https://meeting.tencent.com/dm/example"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    (record,) = records()
    assert record.session_id == world.morning.id and record.participant_id == world.wang.id
    assert record.mode == AttendanceMode.VIDEO and record.source == CheckInSource.SELF
    assert record.recorded_by_id is None and record.venue_id is None


def test_clicking_again_changes_nothing(client, world):
    for _ in range(3):
        assert join(client, world.wang).status_code == 302
    assert len(records()) == 1


def test_between_sessions_a_join_counts_for_the_next_session_when_it_starts_soon(client, world):
    now = utcnow()
    world.morning.ends_at = now - timedelta(minutes=30)
    world.afternoon.starts_at = now + JOIN_EARLY - timedelta(minutes=5)
    db.session.commit()
    assert join(client, world.wang).status_code == 302
    assert [r.session_id for r in records()] == [world.afternoon.id]


def test_a_click_long_before_or_after_the_sessions_records_nothing_and_still_forwards(client, world):
    now = utcnow()
    world.morning.ends_at = now - timedelta(minutes=30)
    world.afternoon.starts_at = now + JOIN_EARLY + timedelta(minutes=30)
    db.session.commit()
    response = join(client, world.wang)
    assert response.status_code == 302 and response.headers["Location"] == world.meeting.video_url
    assert records() == []


def test_an_unknown_token_is_not_found(client, world):
    assert client.get("/j/no-such-token").status_code == 404
    assert client.get(f"/j/{world.wang.rsvp_token}").status_code == 404  # another of the invitee's tokens


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("removed", "You are no longer on the participant list of this meeting."),
        ("cancelled", "This meeting has been cancelled."),
        ("no_video", "This meeting has no video link."),
    ],
)
def test_refusals_say_why_and_do_not_forward(client, world, change, message):
    participant = world.wang
    if change == "removed":
        participant = world.removed
    elif change == "cancelled":
        world.meeting.status = MeetingStatus.CANCELLED
    else:
        world.meeting.video_url = None
    db.session.commit()
    response = join(client, participant)
    assert response.status_code == 200 and "Location" not in response.headers
    assert message in response.text
    assert records() == []
