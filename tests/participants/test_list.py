"""The organizers' participant list: filters, RSVP counts, bulk edit, removal, and a query count that does not grow
with the list."""

import re

import pytest
import sqlalchemy as sa

from meetapp.extensions import db
from meetapp.mail.models import OutboxMessage
from meetapp.participants import services
from meetapp.participants.models import AttendanceMode, MeetingRole, Participant, RsvpStatus
from tests.factories import ParticipantFactory, PersonFactory
from tests.participants.samples import bulk_participants, future_meeting


def rows(meeting) -> dict[str, Participant]:
    db.session.expire_all()
    query = sa.select(Participant).where(Participant.meeting_id == meeting.id)
    return {p.person.name: p for p in db.session.scalars(query)}


@pytest.fixture
def listed(meeting, org):
    services.add_unit(meeting, org.hq.id, True, services.placement(meeting, ["attendee"]))
    services.add_unit(meeting, org.other.id, False, services.placement(meeting, ["observer"], "video"))
    return rows(meeting)


def names_shown(html: str) -> set[str]:
    return set(re.findall(r'<label class="visually-hidden" for="select-\d+">Select ([^<]+)</label>', html))


def test_the_list_shows_people_with_unit_title_roles_mode_and_answer(client, auth, users, meeting, listed):
    auth.login_as(users["organizer"])
    page = client.get(f"/meetings/{meeting.id}/participants/")
    assert page.status_code == 200
    assert len(names_shown(page.text)) == 8
    assert "Hunan Regional Office" in page.text and "Chief Scientist" in page.text
    assert "Observer" in page.text and "Video" in page.text
    assert 'data-testid="count-total">8<' in page.text
    assert 'data-testid="count-pending">8<' in page.text
    assert "1 not reachable by email" in page.text  # Sun Hao has no address
    assert "Send 7 invitations" in page.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("role=observer", {"Li Na", "Zhou Qiang"}),
        ("mode=video", {"Li Na", "Zhou Qiang"}),
        ("rsvp=declined", {"Wang Li"}),
        ("unit={dept}", {"Wang Li", "Liu Yang", "Zhao Min", "Sun Hao"}),
        ("q=王", {"Wang Li"}),
        ("invitation=no_email", {"Sun Hao"}),
    ],
)
def test_filters(client, auth, users, meeting, org, listed, query, expected):
    listed["Wang Li"].rsvp_status = RsvpStatus.DECLINED
    listed["Wang Li"].decline_reason = "Abroad"
    db.session.commit()
    auth.login_as(users["organizer"])
    page = client.get(f"/meetings/{meeting.id}/participants/?" + query.format(dept=org.dept.id))
    assert names_shown(page.text) == expected


def test_counts_show_answers_by_mode(app, meeting, listed):
    from meetapp.participants.queries import rsvp_counts

    for name, status, mode in [("Chen Jun", "accepted", "in_person"), ("Wang Li", "accepted", "video"),
                               ("Liu Yang", "declined", "in_person")]:
        listed[name].rsvp_status, listed[name].mode = RsvpStatus(status), AttendanceMode(mode)
    listed["Li Na"].rsvp_status, listed["Li Na"].delegate = RsvpStatus.DELEGATED, PersonFactory()
    db.session.commit()
    counts = rsvp_counts(meeting)
    assert counts.accepted[AttendanceMode.IN_PERSON] == 1 and counts.accepted[AttendanceMode.VIDEO] == 1
    assert (counts.accepted_total, counts.declined, counts.delegated_total, counts.pending) == (2, 1, 1, 4)
    assert counts.expected(AttendanceMode.VIDEO) == 2  # Li Na's delegate joins by video too


def test_query_count_is_the_same_for_20_and_2000_participants(client, auth, users, meeting, count_queries):
    auth.login_as(users["organizer"])

    def queries_for_list() -> int:
        client.get(f"/meetings/{meeting.id}/participants/")  # warm up (first-request work)
        with count_queries() as counter:
            response = client.get(f"/meetings/{meeting.id}/participants/")
        assert response.status_code == 200
        return counter.count

    bulk_participants(meeting, 20)
    small = queries_for_list()
    bulk_participants(meeting, 1980)
    assert queries_for_list() == small


def test_bulk_edit_sets_adds_and_removes_roles_and_sets_the_mode(client, auth, users, meeting, listed):
    auth.login_as(users["organizer"])
    chosen = [listed["Chen Jun"].id, listed["Li Na"].id]
    url = f"/meetings/{meeting.id}/participants/"

    response = client.post(url, data={"selected": chosen, "roles_change": "add", "roles": ["speaker"],
                                      "mode": "", "apply": "1"}, follow_redirects=True)
    assert "2 participants changed." in response.text
    after = rows(meeting)
    assert after["Chen Jun"].roles == {MeetingRole.ATTENDEE, MeetingRole.SPEAKER}
    assert after["Li Na"].roles == {MeetingRole.OBSERVER, MeetingRole.SPEAKER}
    assert after["Zhang Shutang"].roles == {MeetingRole.ATTENDEE}  # not ticked

    branch = meeting.branch_venues[0]
    client.post(url, data={"selected": chosen, "roles_change": "set", "roles": ["chair", "presider"],
                           "mode": "branch", "branch_venue": branch.id, "apply": "1"})
    after = rows(meeting)
    assert after["Li Na"].roles == {MeetingRole.CHAIR, MeetingRole.PRESIDER}
    assert (after["Li Na"].mode, after["Li Na"].branch_venue_id) == (AttendanceMode.BRANCH, branch.id)

    client.post(url, data={"selected": chosen, "roles_change": "remove", "roles": ["presider"], "apply": "1"})
    assert rows(meeting)["Chen Jun"].roles == {MeetingRole.CHAIR}


def test_bulk_edit_refuses_to_leave_someone_without_a_role_and_keeps_the_selection(
    client, auth, users, meeting, listed
):
    auth.login_as(users["organizer"])
    chosen = listed["Chen Jun"].id
    response = client.post(f"/meetings/{meeting.id}/participants/",
                           data={"selected": [chosen], "roles_change": "remove", "roles": ["attendee"], "apply": "1"})
    assert response.status_code == 200
    assert "Everyone needs at least one meeting role" in response.text
    assert re.search(rf'value="{chosen}" id="select-{chosen}"\s+checked', response.text)
    assert rows(meeting)["Chen Jun"].roles == {MeetingRole.ATTENDEE}


def test_another_meetings_participant_cannot_be_edited_or_removed_here(client, auth, users, meeting, listed):
    elsewhere = ParticipantFactory(meeting=future_meeting(organizers=[users["organizer"]]))
    auth.login_as(users["organizer"])
    for url, data in [
        (f"/meetings/{meeting.id}/participants/", {"selected": [elsewhere.id], "roles_change": "add",
                                                    "roles": ["chair"], "apply": "1"}),
        (f"/meetings/{meeting.id}/participants/remove", {"selected": [elsewhere.id]}),
    ]:
        assert client.post(url, data=data).status_code == 404
    db.session.expire_all()
    assert elsewhere.roles == {MeetingRole.ATTENDEE} and not elsewhere.is_cancelled


def test_removal_deletes_people_never_invited_and_cancels_the_invited(client, auth, users, meeting, listed):
    services.send_invitations(meeting)  # everyone with an address is invited now; Sun Hao is not
    uninvited, invited = listed["Sun Hao"], listed["Chen Jun"]
    auth.login_as(users["organizer"])

    confirm = client.post(f"/meetings/{meeting.id}/participants/",
                          data={"selected": [uninvited.id, invited.id], "remove": "1"})
    assert confirm.status_code == 200
    assert "invited: will be sent a cancellation" in confirm.text
    assert len(rows(meeting)) == 8  # nothing happens before the confirmation

    response = client.post(f"/meetings/{meeting.id}/participants/remove",
                           data={"selected": [uninvited.id, invited.id]}, follow_redirects=True)
    assert "1 removed from the list; 1 invited people will be sent a cancellation." in response.text
    after = rows(meeting)
    assert "Sun Hao" not in after
    assert after["Chen Jun"].is_cancelled
    (withdrawal,) = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.dedupe_key.like("withdrawn:%")))
    assert withdrawal.to_email == invited.person.email
    assert b"METHOD:CANCEL" in withdrawal.attachments[0].content

    # The removed person is off the list, but can be shown.
    page = client.get(f"/meetings/{meeting.id}/participants/")
    assert "Chen Jun" not in names_shown(page.text)
    assert names_shown(client.get(f"/meetings/{meeting.id}/participants/?invitation=removed").text) == {"Chen Jun"}


def test_a_failed_removal_leaves_no_message(app, meeting, listed, monkeypatch):
    services.send_invitations(meeting)
    before = db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage))

    def broken_commit():
        raise RuntimeError("database went away")

    monkeypatch.setattr(db.session, "commit", broken_commit)
    with pytest.raises(RuntimeError):
        services.remove_participants(meeting, [rows(meeting)["Chen Jun"]])
    monkeypatch.undo()
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == before
    assert not rows(meeting)["Chen Jun"].is_cancelled


def test_an_ended_meeting_offers_no_list_changes(client, auth, users, meeting, listed):
    from meetapp.meetings.models import MeetingStatus

    auth.login_as(users["organizer"])
    open_page = client.get(f"/meetings/{meeting.id}/participants/").text
    assert "Add participants" in open_page and "Change the selected participants" in open_page
    meeting.status = MeetingStatus.ENDED
    db.session.commit()
    page = client.get(f"/meetings/{meeting.id}/participants/").text
    assert "Add participants" not in page
    assert "Change the selected participants" not in page
    assert "its participant list can no longer change" in page
    assert len(names_shown(page)) == 8  # the list itself stays readable
