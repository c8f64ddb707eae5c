"""Invitations through the outbox, delivered to a real local SMTP server: the personal RSVP link, the .ics with the
meeting's UID and SEQUENCE, then updates (higher SEQUENCE) and the cancellation (METHOD:CANCEL)."""

import re
from datetime import time

import icalendar
import pytest
import sqlalchemy as sa

from meetapp.extensions import db
from meetapp.mail.delivery import deliver_pending
from meetapp.mail.models import OutboxMessage
from meetapp.meetings.models import MeetingStatus
from meetapp.participants import services
from meetapp.participants.invitations import notify_meeting_changed
from meetapp.participants.models import Participant


@pytest.fixture
def listed(meeting, org):
    services.add_unit(meeting, org.hq.id, True, services.placement(meeting, ["attendee"]))
    services.add_unit(meeting, org.other.id, False, services.placement(meeting, ["observer"], "video"))
    return {p.person.name: p for p in db.session.scalars(sa.select(Participant))}


def outbox() -> list[OutboxMessage]:
    return list(db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)))


def received_by(smtp_server, address: str):
    return [m for m in smtp_server.messages if m["To"].addresses[0].addr_spec == address]


def calendar_of(message) -> icalendar.Calendar:
    (part,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    return icalendar.Calendar.from_ical(part.get_payload(decode=True))


def event_of(message):
    return next(iter(calendar_of(message).walk("VEVENT")))


def test_invitations_reach_the_smtp_server_with_link_and_calendar_entry(
    client, auth, users, meeting, listed, smtp_server, runner
):
    auth.login_as(users["organizer"])
    response = client.post(f"/meetings/{meeting.id}/participants/invitations", follow_redirects=True)
    assert "7 invitations queued" in response.text
    assert "Not reachable by email (no address in the directory): Sun Hao" in response.text

    result = runner.invoke(args=["send-mail"])
    assert "Sent 7, will retry 0, failed 0." in result.output

    chen = listed["Chen Jun"]
    db.session.refresh(chen)
    assert chen.invited_sequence == 0 and chen.invited_at is not None
    (message,) = received_by(smtp_server, chen.person.email)
    assert message["Subject"] == "Invitation: 2026 Annual S&T Innovation Work Meeting"
    text = message.get_body(("plain",)).get_content()
    assert f"http://localhost/rsvp/{chen.rsvp_token}" in text
    assert f'href="http://localhost/rsvp/{chen.rsvp_token}"' in message.get_body(("html",)).get_content()
    assert re.search(r"When: .*9:00\sAM–12:00\sPM .*\(Asia/Shanghai\)", text)  # in the meeting's zone

    calendar = calendar_of(message)
    assert calendar["METHOD"] == "REQUEST"
    event = event_of(message)
    assert str(event["UID"]) == meeting.ical_uid
    assert event["SEQUENCE"] == 0
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert event["DTSTART"].dt.time() == time(9, 0)
    assert str(event["ATTENDEE"]) == f"mailto:{chen.person.email}"

    # Someone in the room gets no video link; someone joining by video does.
    assert "meeting.tencent.com" not in text and "meeting.tencent.com" not in event.get("LOCATION", "")
    (video,) = received_by(smtp_server, listed["Li Na"].person.email)
    assert "https://meeting.tencent.com/dm/example" in video.get_body(("plain",)).get_content()
    assert "Passcode: 2026" in video.get_body(("plain",)).get_content()

    # Sending again mails nobody twice.
    response = client.post(f"/meetings/{meeting.id}/participants/invitations", follow_redirects=True)
    assert "Nobody on the list is waiting for an invitation." in response.text
    assert len(outbox()) == 7


def test_a_failed_send_leaves_no_message_and_nobody_invited(app, meeting, listed, monkeypatch):
    def broken_commit():
        raise RuntimeError("database went away")

    monkeypatch.setattr(db.session, "commit", broken_commit)
    with pytest.raises(RuntimeError):
        services.send_invitations(meeting)
    monkeypatch.undo()
    db.session.rollback()
    assert outbox() == []
    assert db.session.scalar(sa.select(sa.func.count()).where(Participant.invited_sequence.is_not(None))) == 0


def invite_everyone(meeting, smtp_server, removing=()) -> None:
    """Invitations (and removals) sent and delivered; the server forgets them so a test sees only what follows."""
    services.send_invitations(meeting)
    if removing:
        services.remove_participants(meeting, list(removing))
    deliver_pending()
    smtp_server.envelopes.clear()


def test_a_change_sends_updates_with_the_same_uid_and_a_higher_sequence(app, meeting, listed, smtp_server):
    invite_everyone(meeting, smtp_server, removing=[listed["Zhang Shutang"]])

    meeting.ical_sequence += 1
    assert notify_meeting_changed(meeting) == 6  # the removed person hears nothing more
    db.session.commit()
    assert notify_meeting_changed(meeting) == 0  # a repeated call queues nothing
    db.session.commit()
    deliver_pending()

    assert len(smtp_server.messages) == 6
    message = received_by(smtp_server, listed["Wang Li"].person.email)[0]
    assert message["Subject"] == "Updated: 2026 Annual S&T Innovation Work Meeting"
    assert calendar_of(message)["METHOD"] == "REQUEST"
    event = event_of(message)
    assert (str(event["UID"]), event["SEQUENCE"]) == (meeting.ical_uid, 1)
    assert re.search(r"rsvp/[\w-]+", message.get_body(("plain",)).get_content())


def test_a_cancelled_meeting_sends_method_cancel_to_everyone_invited(app, meeting, listed, smtp_server):
    invite_everyone(meeting, smtp_server)

    meeting.status = MeetingStatus.CANCELLED
    meeting.ical_sequence += 1
    assert notify_meeting_changed(meeting) == 7
    assert notify_meeting_changed(meeting) == 0
    db.session.commit()
    deliver_pending()

    assert len(smtp_server.messages) == 7
    message = received_by(smtp_server, listed["Chen Jun"].person.email)[0]
    assert message["Subject"] == "Cancelled: 2026 Annual S&T Innovation Work Meeting"
    assert calendar_of(message)["METHOD"] == "CANCEL"
    event = event_of(message)
    assert (str(event["UID"]), event["SEQUENCE"], str(event["STATUS"])) == (meeting.ical_uid, 1, "CANCELLED")
    assert "rsvp/" not in message.get_body(("plain",)).get_content()


def test_people_not_yet_invited_get_no_update(app, meeting, listed):
    meeting.ical_sequence += 1
    assert notify_meeting_changed(meeting) == 0
    db.session.commit()
    assert outbox() == []


def test_the_meetings_own_changes_reach_invited_people(app, users, meeting, listed):
    from datetime import timedelta

    from meetapp.meetings import services as meetings

    services.send_invitations(meeting)
    session = meeting.sessions[0]
    later = meetings.SessionData(title=session.title, starts_at=session.starts_at + timedelta(hours=1),
                                 ends_at=session.ends_at + timedelta(hours=1))
    meetings.update_session(users["organizer"], session, later)
    meetings.cancel_meeting(users["organizer"], meeting)

    kinds = [(m.dedupe_key.split(":")[0], m.attachments[0].content) for m in outbox()]
    assert [k for k, _ in kinds].count("update") == 7
    assert [k for k, _ in kinds].count("meeting-cancelled") == 7
    assert all(b"SEQUENCE:1" in ics for k, ics in kinds if k == "update")
    assert all(b"SEQUENCE:2" in ics and b"METHOD:CANCEL" in ics for k, ics in kinds if k == "meeting-cancelled")
