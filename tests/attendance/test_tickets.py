"""Tickets: the invitee's own ticket page (signed in, or through the personal RSVP link), the QR code and the
join link in the invitation mail, and the printable badge sheet."""

import base64
import re
import zlib
from datetime import timedelta

import pytest
import sqlalchemy as sa

from meetapp.database import utcnow
from meetapp.extensions import db
from meetapp.mail.delivery import build_email
from meetapp.mail.models import OutboxMessage
from meetapp.meetings.models import MeetingStatus
from meetapp.participants.invitations import queue_invitations
from meetapp.participants.models import RsvpStatus
from tests.attendance.desk_samples import desk_world
from tests.factories import ParticipantFactory, PersonFactory, UserFactory


@pytest.fixture
def world(app, users):
    return desk_world(users)


def account_of(participant):
    return UserFactory(person_id=participant.person_id)


def test_an_invitee_sees_their_own_ticket(client, auth, world):
    auth.login_as(account_of(world.chen))
    response = client.get(f"/meetings/{world.meeting.id}/attendance/my-ticket")
    assert response.status_code == 200
    html = response.text
    assert "Chen Jun" in html and "陈军" in html and "Chairman" in html and "Group Headquarters" in html
    assert "Chair" in html and "A1" in html and "Minmetals Plaza, Hall A" in html
    assert '<svg viewBox="0 0' in html and 'class="ticket-qr"' in html and world.chen.ticket_code in html
    assert "/j/" not in html  # in person: no join link
    assert world.wang.ticket_code not in html


def test_a_video_attendee_sees_their_personal_join_link(client, auth, world):
    auth.login_as(account_of(world.wang))
    html = client.get(f"/meetings/{world.meeting.id}/attendance/my-ticket").text
    assert f"http://localhost/j/{world.wang.join_token}" in html


def test_nobody_sees_another_invitees_ticket(client, auth, users, world):
    auth.login_as(users["organizer"])  # manages the meeting, but holds no ticket for it
    assert client.get(f"/meetings/{world.meeting.id}/attendance/my-ticket").status_code == 404
    outsider = UserFactory(person_id=PersonFactory().id)
    auth.login_as(outsider)  # not invited to a participants-only meeting: it does not exist for them
    assert client.get(f"/meetings/{world.meeting.id}/attendance/my-ticket").status_code == 404


def test_my_ticket_tab_for_invitees(client, auth, users, world):
    auth.login_as(account_of(world.chen))
    assert ">My ticket</a>" in client.get(f"/meetings/{world.meeting.id}").text
    auth.login_as(users["organizer"])
    assert ">My ticket</a>" not in client.get(f"/meetings/{world.meeting.id}").text


def test_the_ticket_by_the_personal_rsvp_link(client, world):
    response = client.get(f"/rsvp/{world.chen.rsvp_token}/ticket")
    assert response.status_code == 200 and "Chen Jun" in response.text and 'class="ticket-qr"' in response.text
    assert response.headers["Referrer-Policy"] == "no-referrer" and response.headers["Cache-Control"] == "no-store"
    assert f'href="/rsvp/{world.chen.rsvp_token}/ticket"' in client.get(f"/rsvp/{world.chen.rsvp_token}").text
    assert client.get("/rsvp/not-a-token/ticket").status_code == 404


def test_a_removed_invitee_or_a_cancelled_meeting_has_no_valid_ticket(client, world):
    html = client.get(f"/rsvp/{world.removed.rsvp_token}/ticket").text
    assert "this ticket is not valid" in html and 'class="ticket-qr"' not in html
    world.meeting.status = MeetingStatus.CANCELLED
    db.session.commit()
    html = client.get(f"/rsvp/{world.chen.rsvp_token}/ticket").text
    assert "This meeting has been cancelled: this ticket is not valid." in html and "ticket-qr" not in html


def test_the_invitation_mail_carries_the_ticket_and_the_join_link(app, world):
    with app.test_request_context(base_url="https://meet.example.com"):
        queue_invitations(world.meeting)
        db.session.commit()
    mails = {m.to_email: m for m in db.session.scalars(sa.select(OutboxMessage))}
    chen = mails[world.chen.person.email]
    assert f"https://meet.example.com/rsvp/{world.chen.rsvp_token}/ticket" in chen.body_text
    assert "the QR code is attached as ticket.png" in chen.body_text
    assert f'href="https://meet.example.com/rsvp/{world.chen.rsvp_token}/ticket"' in chen.body_html
    ics, png = chen.attachments
    assert ics.content_type.startswith("text/calendar")
    assert png.filename == "ticket.png" and png.content_type == "image/png"
    assert png.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert "/j/" not in chen.body_text  # in person
    # Delivered, the HTML shows the QR inline (multipart/related, by Content-ID); the calendar file stays attached.
    email = build_email(chen, "meetapp@example.com")
    assert 'src="cid:ticket.png"' in chen.body_html
    (related,) = [part for part in email.walk() if part.get_content_type() == "multipart/related"]
    (image,) = [part for part in related.iter_parts() if part.get_content_type() == "image/png"]
    assert image["Content-ID"] == "<ticket.png>" and image.get_payload(decode=True) == png.content
    assert [part.get_filename() for part in email.iter_attachments()] == [ics.filename]

    wang = mails[world.wang.person.email]
    assert f"https://meet.example.com/j/{world.wang.join_token}" in wang.body_text
    assert f'href="https://meet.example.com/j/{world.wang.join_token}"' in wang.body_html


# --- the badge sheet ---------------------------------------------------------------------------------------


def pdf_strings(data: bytes) -> str:
    """The text drawn in a reportlab PDF: its content streams (ASCII85 + Flate) decoded, each string literal read
    as Latin-1 and, for the CID font, as UTF-16."""
    texts = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        raw = stream.strip()
        try:
            content = zlib.decompress(base64.a85decode(b"<~" + raw if raw.endswith(b"~>") else raw, adobe=True))
        except ValueError:
            continue
        for literal in re.findall(rb"\(((?:\\.|[^\\)])*)\) Tj", content, re.S):
            value = re.sub(rb"\\([0-7]{1,3}|.)", lambda m: bytes([int(m.group(1), 8)]) if m.group(1).isdigit()
                           else m.group(1), literal)
            texts.append(value.decode("latin-1"))
            if len(value) % 2 == 0:
                texts.append(value.decode("utf-16-be", errors="ignore"))
    return "\n".join(texts)


def test_the_badge_sheet_has_a_badge_for_everyone_expected(client, auth, users, world):
    ParticipantFactory(meeting=world.meeting, rsvp_status=RsvpStatus.DECLINED, decline_reason="Abroad",
                       person=PersonFactory(name="Zhao Min", name_zh="赵敏"))
    for number in range(6):  # Chen, Wang, Liu (by delegate) and 6 guests: 9 badges, two pages
        ParticipantFactory(meeting=world.meeting, person=PersonFactory(name=f"Guest {number}"))
    auth.login_as(users["organizer"])
    response = client.get(f"/meetings/{world.meeting.id}/attendance/badges.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    data = response.data
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type /Page[^s]", data)) == 2  # 8 badges a page
    assert b"/STSong-Light" in data  # Chinese text in a CID font, no font file needed
    text = pdf_strings(data)
    for name in ("陈军", "Chen Jun", "王丽", "Wang Li", "董事长", "长沙矿冶研究院", "Chair", "Guest 4"):
        assert name in text, name
    # The delegate wears the badge, for the invitee; declined and removed people get none.
    assert "周强" in text and "For 刘洋" in text
    assert "赵敏" not in text and "孙浩" not in text


def test_the_badge_sheet_is_for_managers(client, auth, world):
    auth.login_as(world.staff)
    assert client.get(f"/meetings/{world.meeting.id}/attendance/badges.pdf").status_code == 403


def test_badge_sheet_queries_do_not_grow_with_the_list(client, auth, users, world, count_queries):
    auth.login_as(users["organizer"])
    url = f"/meetings/{world.meeting.id}/attendance/badges.pdf"

    def measure():
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        return counter.count

    small = measure()
    for _ in range(30):
        ParticipantFactory(meeting=world.meeting, delegate=PersonFactory(), rsvp_status=RsvpStatus.DELEGATED,
                           rsvp_at=utcnow() - timedelta(days=1))
    assert measure() == small
