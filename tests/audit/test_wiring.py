"""The areas write their audit rows: through the real pages and services, in the change's own transaction."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from meetapp.audit.models import AuditEntry
from meetapp.extensions import db
from meetapp.meetings import services as meeting_services
from meetapp.meetings.services import MeetingData
from tests.factories import PASSWORD, MeetingFactory, ParticipantFactory, UserFactory, VenueFactory


def entries(action=None):
    query = sa.select(AuditEntry).order_by(AuditEntry.id)
    if action:
        query = query.where(AuditEntry.action == action)
    return db.session.scalars(query).all()


def test_sign_in_failed_sign_in_and_sign_out(client, auth):
    user = UserFactory(email="known@example.com")
    client.environ_base.update(REMOTE_ADDR="10.0.0.7", HTTP_USER_AGENT="Firefox/140")
    auth.login("Known@Example.com", "not the password")
    auth.login("nobody@example.com", PASSWORD)
    auth.login("known@example.com", PASSWORD)
    auth.logout()
    failed_known, failed_unknown, signed_in, signed_out = entries()
    assert [e.action for e in entries()] == ["auth.sign_in_failed"] * 2 + ["auth.sign_in", "auth.sign_out"]
    assert (failed_known.actor_id, failed_known.object_id, failed_known.summary) == (None, user.id, "Known@Example.com")
    assert (failed_unknown.object_id, failed_unknown.summary) == (None, "nobody@example.com")
    assert signed_in.actor_id == signed_out.actor_id == user.id
    assert (signed_in.ip_address, signed_in.user_agent) == ("10.0.0.7", "Firefox/140")


def test_an_edit_through_the_page_records_fields_before_and_after(client, auth, users):
    from tests.meetings.test_meeting_pages import form_data

    hall = VenueFactory(name="Hall")
    meeting = MeetingFactory(venue=hall, organizers=[users["organizer"]], title="Budget", video_passcode="1")
    auth.login_as(users["organizer"])
    response = client.post(
        f"/meetings/{meeting.id}/edit",
        data=form_data(hall, title="Budget 2027", start_time="10:00", organizer_ids=[str(users["organizer"].id)]),
    )
    assert response.status_code == 302
    [entry] = entries("meeting.edit")
    assert entry.actor_id == users["organizer"].id and entry.meeting_id == meeting.id
    assert entry.changes["title"] == ["Budget", "Budget 2027"]
    assert entry.changes["starts_at"] == ["2026-02-26T01:00:00+00:00", "2026-02-26T02:00:00+00:00"]
    assert entry.changes["video_passcode"] == ["***", "***"]  # that it changed, not what it is
    assert "kind" not in entry.changes  # unchanged fields are left out

    history = client.get(f"/meetings/{meeting.id}/history").get_data(as_text=True)
    assert "Budget</del>" in history and "Budget 2027</ins>" in history


def test_a_refused_change_leaves_no_row(app, users):
    hall = VenueFactory(name="Hall")
    MeetingFactory(venue=hall, title="Board meeting")
    meeting = MeetingFactory(venue=None, title="Budget")
    data = MeetingData.of(meeting)
    data.title, data.venue = "Budget 2027", hall
    with pytest.raises(meeting_services.VenueDoubleBooked):  # refused after the change was flushed
        meeting_services.update_meeting(users["admin"], meeting, data, strict=True)
    data = MeetingData.of(meeting)
    data.ends_at = datetime(2020, 1, 1, tzinfo=UTC)
    with pytest.raises(meeting_services.EndsBeforeStart):
        meeting_services.update_meeting(users["admin"], meeting, data)
    assert entries() == []


def test_cancelled_or_deleted_meetings_keep_their_history(client, auth, users):
    meeting = MeetingFactory(title="Budget", organizers=[users["organizer"]])
    meeting_services.cancel_meeting(users["organizer"], meeting)
    [cancel] = entries("meeting.cancel")
    assert cancel.changes == {"status": ["scheduled", "cancelled"]}
    auth.login_as(users["secretary"])
    assert "Meeting cancelled" in client.get(f"/meetings/{meeting.id}/history").get_data(as_text=True)

    meeting_id = meeting.id
    db.session.delete(meeting)
    db.session.commit()
    auth.login_as(users["admin"])
    page = client.get(f"/admin/audit?meeting_id={meeting_id}").get_data(as_text=True)
    assert "Meeting cancelled" in page and "Budget" in page


def test_participant_changes_and_answers(app, users):
    from meetapp.participants import rsvp
    from meetapp.participants import services as participant_services
    from meetapp.participants.models import AttendanceMode, MeetingRole
    from tests.factories import PersonFactory

    meeting = MeetingFactory(starts_at=datetime(2030, 1, 1, 1, tzinfo=UTC), ends_at=datetime(2030, 1, 1, 4, tzinfo=UTC))
    li = PersonFactory(name="Li Wei")
    where = participant_services.placement(meeting, [MeetingRole.ATTENDEE])
    participant_services.add_people(meeting, [li.id], where, actor=users["organizer"])
    [added] = entries("participant.add")
    assert added.changes["people"] == [None, ["Li Wei"]] and added.meeting_id == meeting.id

    participant = ParticipantFactory(meeting=meeting)
    rsvp.accept(participant, AttendanceMode.IN_PERSON)
    [answer] = entries("participant.rsvp")
    assert answer.actor_id is None and answer.changes["rsvp_status"][1] == "accepted"
    assert answer.object_label == participant.person.name

    participant_services.remove_participants(meeting, [participant], actor=users["organizer"])
    [removed] = entries("participant.remove")
    assert removed.object_label == answer.object_label and removed.actor_id == users["organizer"].id


def test_directory_edits(app, users):
    from meetapp.directory import services as directory_services
    from tests.factories import PersonFactory

    person = PersonFactory(name="Li Wei", title="Engineer")
    directory_services.update_person(
        users["organizer"],
        person,
        name="Li Wei",
        name_zh=person.name_zh,
        unit=person.unit,
        email=person.email,
        title="Chief Engineer",
    )
    [edit] = entries("person.edit")
    assert edit.changes == {"title": ["Engineer", "Chief Engineer"]} and edit.actor_id == users["organizer"].id
