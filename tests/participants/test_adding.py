"""Adding people to a meeting: one by one from a search, a whole unit (with or without its sub-units), a group, or
everyone with a title; with roles and a planned mode; people already on the list are skipped and reported."""

import sqlalchemy as sa

from meetapp.extensions import db
from meetapp.participants import services
from meetapp.participants.models import AttendanceMode, MeetingRole, Participant
from tests.factories import GroupFactory


def listed(meeting) -> dict[str, Participant]:
    db.session.expire_all()
    rows = db.session.scalars(sa.select(Participant).where(Participant.meeting_id == meeting.id))
    return {p.person.name: p for p in rows}


def add_form(source, **fields):
    data = {f"{source}-roles": ["attendee"], f"{source}-mode": "in_person", f"{source}-submit": "1"}
    data.update({f"{source}-{k}": v for k, v in fields.items()})
    return data


def test_a_unit_without_sub_units_adds_only_its_own_people(client, auth, users, meeting, org):
    auth.login_as(users["organizer"])
    response = client.post(f"/meetings/{meeting.id}/participants/add",
                           data=add_form("unit", unit=org.dept.id, subunits=""), follow_redirects=True)
    assert "2 added, 0 already on the list." in response.text
    assert set(listed(meeting)) == {"Wang Li", "Liu Yang"}


def test_a_unit_with_sub_units_adds_the_whole_tree_and_skips_people_already_listed(
    client, auth, users, meeting, org
):
    auth.login_as(users["organizer"])
    client.post(f"/meetings/{meeting.id}/participants/add", data=add_form("unit", unit=org.dept.id, subunits=""))
    response = client.post(
        f"/meetings/{meeting.id}/participants/add",
        data=add_form("unit", unit=org.hq.id, subunits="y", roles=["leadership", "signatory"], mode="video"),
        follow_redirects=True,
    )
    assert "4 added, 2 already on the list." in response.text
    people = listed(meeting)
    assert set(people) == {"Chen Jun", "Zhang Shutang", "Wang Li", "Liu Yang", "Zhao Min", "Sun Hao"}
    # The people already listed kept what they had; the new ones got the chosen roles and mode.
    assert people["Wang Li"].roles == {MeetingRole.ATTENDEE}
    assert people["Wang Li"].mode == AttendanceMode.IN_PERSON
    assert people["Zhao Min"].roles == {MeetingRole.LEADERSHIP, MeetingRole.SIGNATORY}
    assert people["Zhao Min"].mode == AttendanceMode.VIDEO


def test_a_group_adds_its_members(client, auth, users, meeting, org):
    committee = GroupFactory(name="S&T Committee", members=[org.people["cto"], org.people["hunan1"]])
    auth.login_as(users["organizer"])
    response = client.post(
        f"/meetings/{meeting.id}/participants/add",
        data=add_form("group", group=committee.id, roles=["committee_member"]), follow_redirects=True,
    )
    assert "2 added, 0 already on the list." in response.text
    assert {name: p.roles for name, p in listed(meeting).items()} == {
        "Wang Li": {MeetingRole.COMMITTEE_MEMBER}, "Li Na": {MeetingRole.COMMITTEE_MEMBER},
    }


def test_a_title_adds_everyone_whose_english_or_chinese_title_contains_it(app, meeting, org):
    where = services.placement(meeting, ["attendee"])
    assert services.add_by_title(meeting, "chief scientist", where) == services.AddResult(added=2, already=0)
    assert set(listed(meeting)) == {"Wang Li", "Zhao Min"}
    assert services.add_by_title(meeting, "总工程师", where).added == 1
    assert "Zhou Qiang" in listed(meeting)


def test_people_found_by_a_search_are_added_one_by_one(client, auth, users, meeting, org):
    auth.login_as(users["organizer"])
    services.add_people(meeting, [org.people["chair"].id], services.placement(meeting, ["chair"]))

    page = client.get(f"/meetings/{meeting.id}/participants/add?q=张")  # the Chinese name
    assert "Zhang Shutang" in page.text and "Chen Jun" not in page.text
    page = client.get(f"/meetings/{meeting.id}/participants/add?q=chen")
    assert "already on the list" in page.text  # Chen Jun cannot be ticked again

    gm, lab1 = org.people["gm"], org.people["lab1"]
    response = client.post(
        f"/meetings/{meeting.id}/participants/add?q=z",
        data=add_form("people", people=[gm.id, lab1.id], roles=["speaker", "reporter"]), follow_redirects=True,
    )
    assert "2 added, 0 already on the list." in response.text
    assert listed(meeting)["Zhang Shutang"].roles == {MeetingRole.SPEAKER, MeetingRole.REPORTER}


def test_a_branch_venue_must_be_one_of_the_meetings(client, auth, users, meeting, org):
    auth.login_as(users["organizer"])
    response = client.post(f"/meetings/{meeting.id}/participants/add",
                           data=add_form("unit", unit=org.other.id, mode="branch"))
    assert response.status_code == 200
    assert "Choose one of the meeting&#39;s branch venues." in response.text
    assert listed(meeting) == {}

    branch = meeting.branch_venues[1]
    client.post(f"/meetings/{meeting.id}/participants/add",
                data=add_form("unit", unit=org.other.id, mode="branch", branch_venue=branch.id))
    assert {p.branch_venue_id for p in listed(meeting).values()} == {branch.id}


def test_bad_input_is_shown_next_to_the_field_and_kept(client, auth, users, meeting, org):
    auth.login_as(users["organizer"])
    response = client.post(f"/meetings/{meeting.id}/participants/add",
                           data=add_form("title", title="Chief Scientist", roles=[]))
    assert response.status_code == 200
    assert "Choose at least one meeting role." in response.text
    assert 'value="Chief Scientist"' in response.text
    assert listed(meeting) == {}


def test_someone_removed_after_invitation_can_be_added_again_with_a_new_link(app, meeting, org):
    chair = org.people["chair"]
    where = services.placement(meeting, ["chair"])
    services.add_people(meeting, [chair.id], where)
    services.send_invitations(meeting)
    old = listed(meeting)["Chen Jun"]
    old_token = old.rsvp_token
    services.remove_participants(meeting, [old])
    assert listed(meeting)["Chen Jun"].is_cancelled

    assert services.add_people(meeting, [chair.id], where) == services.AddResult(added=1, already=0)
    again = listed(meeting)["Chen Jun"]
    assert not again.is_cancelled and again.invited_sequence is None
    assert again.rsvp_token != old_token


def test_a_cancelled_meeting_takes_no_new_participants(client, auth, users, meeting, org):
    from meetapp.meetings.models import MeetingStatus

    meeting.status = MeetingStatus.CANCELLED
    db.session.commit()
    auth.login_as(users["organizer"])
    response = client.post(f"/meetings/{meeting.id}/participants/add",
                           data=add_form("unit", unit=org.hq.id), follow_redirects=True)
    assert "its participant list can no longer change" in response.text
    assert listed(meeting) == {}
