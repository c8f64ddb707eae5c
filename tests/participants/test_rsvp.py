"""Answering by the personal link, without signing in: accept (how), decline (why), name a delegate; change the
answer until the meeting ends."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from meetapp.database import utcnow
from meetapp.directory.models import Person
from meetapp.extensions import db
from meetapp.meetings.models import MeetingStatus
from meetapp.participants import services
from meetapp.participants.models import AttendanceMode, Participant, RsvpStatus
from tests.participants.samples import future_meeting


@pytest.fixture
def invitee(meeting, org):
    services.add_unit(meeting, org.hq.id, True, services.placement(meeting, ["attendee", "signatory"]))
    services.send_invitations(meeting)
    return db.session.scalar(sa.select(Participant).join(Participant.person).where(Person.name == "Wang Li"))


def fresh(participant) -> Participant:
    db.session.expire_all()
    return db.session.get(Participant, participant.id)


def test_the_page_shows_the_meeting_to_anyone_with_the_link(client, meeting, invitee):
    page = client.get(f"/rsvp/{invitee.rsvp_token}")
    assert page.status_code == 200
    assert "2026 Annual S&amp;T Innovation Work Meeting" in page.text
    assert "Personal invitation for Wang Li" in page.text
    assert "9:00" in page.text and "Asia/Shanghai" in page.text
    assert "Signatory" in page.text
    assert page.headers["Referrer-Policy"] == "no-referrer"
    # In the room: no join details yet.
    assert "meeting.tencent.com" not in page.text


def test_an_unknown_token_is_not_found(client, invitee):
    assert client.get("/rsvp/not-a-real-token").status_code == 404
    assert client.post("/rsvp/not-a-real-token/accept", data={"accept-mode": "video"}).status_code == 404


def test_accepting_by_video_shows_the_join_details(client, invitee):
    response = client.post(f"/rsvp/{invitee.rsvp_token}/accept", data={"accept-mode": "video"},
                           follow_redirects=True)
    assert "Thank you: you accepted (Video)." in response.text
    assert "https://meeting.tencent.com/dm/example" in response.text and "2026" in response.text
    answer = fresh(invitee)
    assert (answer.rsvp_status, answer.mode) == (RsvpStatus.ACCEPTED, AttendanceMode.VIDEO)
    assert answer.rsvp_at is not None


def test_a_branch_venue_must_be_chosen(client, meeting, invitee):
    response = client.post(f"/rsvp/{invitee.rsvp_token}/accept", data={"accept-mode": "branch"})
    assert response.status_code == 200
    assert "Choose one of the meeting&#39;s branch venues." in response.text
    assert fresh(invitee).rsvp_status == RsvpStatus.PENDING

    branch = meeting.branch_venues[1]
    client.post(f"/rsvp/{invitee.rsvp_token}/accept",
                data={"accept-mode": "branch", "accept-branch_venue": branch.id})
    assert fresh(invitee).branch_venue_id == branch.id


def test_declining_needs_a_reason_and_the_answer_can_change(client, invitee):
    response = client.post(f"/rsvp/{invitee.rsvp_token}/decline", data={"decline-reason": "  "})
    assert "Please give a reason for your apology." in response.text
    assert fresh(invitee).rsvp_status == RsvpStatus.PENDING

    client.post(f"/rsvp/{invitee.rsvp_token}/decline", data={"decline-reason": "On a site visit in Hunan"})
    answer = fresh(invitee)
    assert (answer.rsvp_status, answer.decline_reason) == (RsvpStatus.DECLINED, "On a site visit in Hunan")

    client.post(f"/rsvp/{invitee.rsvp_token}/accept", data={"accept-mode": "in_person"})
    answer = fresh(invitee)
    assert (answer.rsvp_status, answer.decline_reason) == (RsvpStatus.ACCEPTED, None)


def test_a_delegate_from_the_directory(client, org, invitee):
    page = client.get(f"/rsvp/{invitee.rsvp_token}?q=hunan")  # nobody's name; searching is by name or email
    assert "Nobody in the directory matches" in page.text
    deputy = org.people["hunan1"]  # Li Na, not on this list
    page = client.get(f"/rsvp/{invitee.rsvp_token}?q=Li Na")
    assert f'value="{deputy.id}"' in page.text

    response = client.post(f"/rsvp/{invitee.rsvp_token}/delegate?q=Li Na",
                           data={"delegate-person": deputy.id, "delegate-mode": "in_person"}, follow_redirects=True)
    assert "Li Na will attend in your place." in response.text
    answer = fresh(invitee)
    assert (answer.rsvp_status, answer.delegate_id) == (RsvpStatus.DELEGATED, deputy.id)


def test_a_delegate_outside_the_directory_is_added_to_it(client, org, invitee):
    client.post(f"/rsvp/{invitee.rsvp_token}/delegate",
                data={"delegate-name": "Gao Feng", "delegate-email": "Gao.Feng@example.com", "delegate-mode": "video"})
    answer = fresh(invitee)
    assert answer.rsvp_status == RsvpStatus.DELEGATED and answer.mode == AttendanceMode.VIDEO
    assert (answer.delegate.name, answer.delegate.email, answer.delegate.unit_id) == (
        "Gao Feng", "gao.feng@example.com", org.dept.id)

    # The same email again finds that person instead of adding a second one.
    client.post(f"/rsvp/{invitee.rsvp_token}/delegate",
                data={"delegate-name": "G. Feng", "delegate-email": "gao.feng@example.com", "delegate-mode": "video"})
    assert db.session.scalar(sa.select(sa.func.count()).where(Person.email == "gao.feng@example.com")) == 1


@pytest.mark.parametrize(
    ("who", "message"),
    [("eng", "already on the participant list"), ("cto", "You cannot name yourself"), (None, "Choose a person")],
)
def test_refused_delegates(client, org, invitee, who, message):
    data = {"delegate-mode": "in_person"}
    if who:
        data["delegate-person"] = org.people[who].id
    response = client.post(f"/rsvp/{invitee.rsvp_token}/delegate", data=data)
    assert response.status_code == 200
    assert message in response.text
    assert fresh(invitee).rsvp_status == RsvpStatus.PENDING


def test_a_removed_participant_sees_that_they_were_removed(client, meeting, invitee):
    services.remove_participants(meeting, [invitee])
    page = client.get(f"/rsvp/{invitee.rsvp_token}")
    assert page.status_code == 200
    assert "You are no longer on the participant list of this meeting." in page.text
    assert "meeting.tencent.com" not in page.text and 'name="accept-mode"' not in page.text
    response = client.post(f"/rsvp/{invitee.rsvp_token}/accept", data={"accept-mode": "video"})
    assert "You are no longer on the participant list" in response.text
    assert fresh(invitee).rsvp_status == RsvpStatus.PENDING


def test_a_cancelled_meeting_says_so_and_takes_no_answers(client, meeting, invitee):
    meeting.status = MeetingStatus.CANCELLED
    db.session.commit()
    page = client.get(f"/rsvp/{invitee.rsvp_token}")
    assert "This meeting has been cancelled." in page.text and 'name="accept-mode"' not in page.text
    client.post(f"/rsvp/{invitee.rsvp_token}/decline", data={"decline-reason": "Busy"})
    assert fresh(invitee).rsvp_status == RsvpStatus.PENDING


def test_answers_stop_when_the_meeting_has_ended(client, users, org):
    past = future_meeting(starts_at=utcnow() - timedelta(days=2), ends_at=utcnow() - timedelta(days=2, hours=-3))
    services.add_people(past, [org.people["chair"].id], services.placement(past, ["chair"]))
    participant = db.session.scalar(sa.select(Participant).where(Participant.meeting_id == past.id))
    assert "This meeting has ended" in client.get(f"/rsvp/{participant.rsvp_token}").text
    client.post(f"/rsvp/{participant.rsvp_token}/accept", data={"accept-mode": "in_person"})
    assert fresh(participant).rsvp_status == RsvpStatus.PENDING


def test_the_organizer_sees_the_answers(client, auth, users, meeting, invitee):
    client.post(f"/rsvp/{invitee.rsvp_token}/accept", data={"accept-mode": "video"})
    auth.login_as(users["organizer"])
    page = client.get(f"/meetings/{meeting.id}/participants/")
    assert 'data-testid="count-accepted-video">1<' in page.text
    assert 'data-testid="count-pending">5<' in page.text
