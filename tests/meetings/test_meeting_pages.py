"""The meeting form, the meeting page, status changes and copying, through the browser-facing views."""

import re
from datetime import UTC, date, datetime

import pytest

from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingFormat, MeetingStatus, Visibility
from tests.factories import (
    AgendaItemFactory,
    AgendaPresenterFactory,
    MeetingFactory,
    ParticipantFactory,
    PersonFactory,
    UserFactory,
    VenueFactory,
)


@pytest.fixture
def hall(app):
    return VenueFactory(name="Minmetals Building Hall", capacity=300)


@pytest.fixture
def organizer(users, auth):
    auth.login_as(users["organizer"])
    return users["organizer"]


def form_data(hall, **changes) -> dict:
    data = {
        "title": "2026 Annual S&T Innovation Work Meeting",
        "description": "Held in a room and over video.",
        "kind": "work_meeting",
        "timezone": "Asia/Shanghai",
        "other_timezone": "",
        "start_date": "2026-02-26",
        "start_time": "09:00",
        "end_date": "",
        "end_time": "12:00",
        "format": "hybrid",
        "visibility": "internal",
        "series_id": "",
        "new_series": "",
        "venue_id": str(hall.id),
        "video_platform": "tencent",
        "video_url": "https://meeting.tencent.com/dm/abc",
        "video_meeting_code": "123 456 789",
        "video_passcode": "2026",
    }
    data.update(changes)
    return data


def only_meeting() -> Meeting:
    return db.session.scalars(db.select(Meeting)).one()


def text(response) -> str:
    """The page, with CLDR's narrow no-break space (as in "9:00\u202fAM") as a plain space."""
    return response.get_data(as_text=True).replace("\u202f", " ")


# --- create and edit ------------------------------------------------------------------------------------


def test_an_organizer_creates_a_hybrid_meeting_in_beijing_time(client, organizer, hall):
    response = client.post("/meetings/new", data=form_data(hall))

    meeting = only_meeting()
    assert response.status_code == 302 and response.location == f"/meetings/{meeting.id}"
    assert meeting.starts_at == datetime(2026, 2, 26, 1, 0, tzinfo=UTC)
    assert meeting.ends_at == datetime(2026, 2, 26, 4, 0, tzinfo=UTC)
    assert meeting.organizers == [organizer] and meeting.venue == hall

    page = text(client.get(response.location))
    assert "Thursday, February 26, 2026, 9:00 AM–12:00 PM" in re.sub(r"<[^>]+>", "", page)
    assert "China Time (Asia/Shanghai)" in page
    assert "created as a draft" in page


def test_the_form_offers_beijing_time_first(client, organizer, hall):
    page = text(client.get("/meetings/new"))
    assert '<option selected value="Asia/Shanghai">' in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end_time": "08:00"}, "end_time", "The end must be after the start."),
        ({"video_url": ""}, "video_url", "A video or hybrid meeting needs a video join URL."),
        ({"video_url": "javascript:alert(1)"}, "video_url", "must be a web address"),
        ({"other_timezone": "Mars/Olympus_Mons"}, "other_timezone", "Unknown time zone"),
        ({"start_time": ""}, "start_time", "This field is required."),
    ],
)
def test_refusals_are_shown_next_to_the_field_and_nothing_typed_is_lost(client, organizer, hall, changes, field,
                                                                        message):
    response = client.post("/meetings/new", data=form_data(hall, **changes, video_passcode="kept-9876"))

    assert response.status_code == 200
    page = text(response)
    errors = page[page.index(f'id="{field}-errors"'):]
    assert message in errors[: errors.index("</div>\n")]
    assert 'value="2026 Annual S&amp;T Innovation Work Meeting"' in page
    assert 'value="kept-9876"' in page
    assert "Held in a room and over video." in page
    assert db.session.scalar(db.select(db.func.count(Meeting.id))) == 0


def test_a_draft_may_be_saved_without_a_venue_with_a_warning(client, organizer, hall):
    response = client.post("/meetings/new", data=form_data(hall, venue_id=""), follow_redirects=True)
    assert "No main venue yet" in text(response)
    assert only_meeting().venue is None


def test_any_iana_zone_may_be_typed_and_berlin_summer_time_is_kept(client, organizer, hall):
    client.post("/meetings/new", data=form_data(
        hall, other_timezone="Europe/Berlin", start_date="2026-07-01", format="video", venue_id=""
    ))
    meeting = only_meeting()
    assert meeting.timezone == "Europe/Berlin"
    assert meeting.starts_at == datetime(2026, 7, 1, 7, 0, tzinfo=UTC)  # CEST, UTC+2

    form = text(client.get(f"/meetings/{meeting.id}/edit"))
    assert 'value="09:00"' in form and 'value="2026-07-01"' in form
    assert '<option selected value="Europe/Berlin">' in form


def test_a_new_series_is_created_from_the_form(client, organizer, hall):
    client.post("/meetings/new", data=form_data(hall, new_series="Annual S&T work meeting"))
    assert only_meeting().series.name == "Annual S&T work meeting"


def test_editing_prefills_local_times_and_saves(client, organizer, hall):
    meeting = MeetingFactory(venue=hall, organizers=[organizer])
    form = text(client.get(f"/meetings/{meeting.id}/edit"))
    assert 'value="09:00"' in form and 'value="12:00"' in form and 'value="2026-02-26"' in form

    response = client.post(
        f"/meetings/{meeting.id}/edit",
        data=form_data(hall, start_time="10:00", organizer_ids=[str(organizer.id)], format="in_person",
                       video_url=""),
    )
    assert response.status_code == 302
    db.session.refresh(meeting)
    assert meeting.starts_at == datetime(2026, 2, 26, 2, 0, tzinfo=UTC)
    assert meeting.ical_sequence == 1


def test_saving_into_a_booked_room_warns(client, organizer, hall):
    MeetingFactory(venue=hall, title="Board meeting")
    response = client.post("/meetings/new", data=form_data(hall), follow_redirects=True)
    page = text(response)
    assert "Minmetals Building Hall is also booked for “Board meeting”" in page
    assert "alert-warning" in page


def test_an_organizer_not_named_on_the_meeting_cannot_edit_it(client, auth, hall):
    meeting = MeetingFactory(venue=hall)
    auth.login_as(UserFactory(roles=["organizer"]))
    assert client.get(f"/meetings/{meeting.id}/edit").status_code == 403


# --- the meeting page ------------------------------------------------------------------------------------


def hybrid_meeting(hall, **kwargs):
    return MeetingFactory(
        venue=hall,
        format=MeetingFormat.HYBRID,
        video_platform="tencent",
        video_url="https://meeting.tencent.com/dm/secret-room",
        video_meeting_code="987 654 321",
        video_passcode="pass-4321",
        **kwargs,
    )


def test_join_details_are_hidden_from_a_member_who_is_not_invited(client, auth, users, hall):
    meeting = hybrid_meeting(hall)
    auth.login_as(users["member"])
    page = text(client.get(f"/meetings/{meeting.id}"))
    assert "Tencent Meeting" in page
    assert "secret-room" not in page and "pass-4321" not in page and "987 654 321" not in page
    assert "Join details are shown to participants and organizers." in page


def test_join_details_are_shown_to_an_invited_member_and_to_organizers(client, auth, users, hall):
    meeting = hybrid_meeting(hall, organizers=[users["organizer"]])
    guest = PersonFactory()
    ParticipantFactory(meeting=meeting, person=guest)
    invited = UserFactory(person=guest)
    for user in (invited, users["organizer"], users["admin"]):
        auth.login_as(user)
        page = text(client.get(f"/meetings/{meeting.id}"))
        assert "secret-room" in page and "pass-4321" in page and "987 654 321" in page, user


def test_a_public_meeting_is_open_without_signing_in_but_not_its_join_details(client, hall):
    meeting = hybrid_meeting(hall, visibility=Visibility.PUBLIC)
    response = client.get(f"/meetings/{meeting.id}")
    assert response.status_code == 200
    assert "secret-room" not in text(response) and "Edit" not in text(response)


def test_a_participants_only_meeting_is_not_found_for_others_and_shown_to_invitees(client, auth, users, hall):
    meeting = MeetingFactory(visibility=Visibility.PARTICIPANTS)
    guest = PersonFactory()
    ParticipantFactory(meeting=meeting, person=guest)

    auth.login_as(users["member"])
    assert client.get(f"/meetings/{meeting.id}").status_code == 404
    auth.login_as(UserFactory(person=guest))
    assert client.get(f"/meetings/{meeting.id}").status_code == 200
    auth.login_as(users["secretary"])
    assert client.get(f"/meetings/{meeting.id}").status_code == 200


def test_the_page_shows_sessions_with_presider_room_and_a_compact_agenda(client, auth, users, hall):
    meeting = MeetingFactory(venue=hall)
    session = meeting.sessions[0]
    session.presider = PersonFactory(name="Zhu Kebing")
    speech = AgendaItemFactory(session=session, title="Chairman's speech", position=0, duration_minutes=30)
    AgendaPresenterFactory(item=speech, person=PersonFactory(name="Chen Dexin"))
    AgendaItemFactory(session=session, title="S&T innovation report", position=1)
    auth.login_as(users["member"])

    page = text(client.get(f"/meetings/{meeting.id}"))

    assert "Presided by Zhu Kebing" in page and "Room: Minmetals Building Hall" in page
    assert "300 seats" in page
    assert "Chairman&#39;s speech" in page and "Chen Dexin (Speaker)" in page
    report = page.index("S&amp;T innovation report")
    assert "9:30 AM" in page[report - 300:report]  # 09:00 + 30 minutes of speech


def test_managers_see_conflicts_on_the_page_members_do_not(client, auth, users, hall):
    meeting = MeetingFactory(venue=hall, organizers=[users["organizer"]])
    MeetingFactory(venue=hall, title="Board meeting")
    auth.login_as(users["organizer"])
    assert "also booked for “Board meeting”" in text(client.get(f"/meetings/{meeting.id}"))
    auth.login_as(users["member"])
    assert "also booked" not in text(client.get(f"/meetings/{meeting.id}"))


# --- status and copy -----------------------------------------------------------------------------------


def test_scheduling_is_confirmed_then_done(client, organizer, hall):
    meeting = MeetingFactory(venue=hall, organizers=[organizer], status=MeetingStatus.DRAFT)
    confirm = text(client.get(f"/meetings/{meeting.id}/status/scheduled"))
    assert "Change to “Scheduled”" in confirm
    assert db.session.get(Meeting, meeting.id).status == MeetingStatus.DRAFT

    response = client.post(f"/meetings/{meeting.id}/status/scheduled", follow_redirects=True)
    assert "is now Scheduled" in text(response)
    db.session.refresh(meeting)
    assert meeting.status == MeetingStatus.SCHEDULED


def test_a_refused_status_change_says_why_and_changes_nothing(client, organizer, hall):
    meeting = MeetingFactory(venue=hall, organizers=[organizer], status=MeetingStatus.ENDED)
    assert "cannot become" in text(client.get(f"/meetings/{meeting.id}/status/scheduled"))
    response = client.post(f"/meetings/{meeting.id}/status/scheduled", follow_redirects=True)
    assert "A meeting that is “Ended” cannot become “Scheduled”." in text(response)
    db.session.refresh(meeting)
    assert meeting.status == MeetingStatus.ENDED
    assert client.post(f"/meetings/{meeting.id}/status/postponed").status_code == 404


def test_cancelling_keeps_the_meeting_visible_as_cancelled(client, organizer, hall):
    meeting = MeetingFactory(venue=hall, organizers=[organizer])
    client.post(f"/meetings/{meeting.id}/status/cancelled")
    page = text(client.get(f"/meetings/{meeting.id}"))
    assert "Cancelled" in page and "Plenary" in page
    db.session.refresh(meeting)
    assert meeting.ical_sequence == 1


def test_copy_offers_next_year_and_opens_the_draft_copy(client, organizer, hall):
    meeting = MeetingFactory(venue=hall, organizers=[organizer], title="2026 meeting")
    assert 'value="2027-02-26"' in text(client.get(f"/meetings/{meeting.id}/copy"))

    response = client.post(f"/meetings/{meeting.id}/copy", data={"new_start": "2027-02-25"})

    copy = db.session.scalars(db.select(Meeting).where(Meeting.id != meeting.id)).one()
    assert response.location == f"/meetings/{copy.id}/edit"
    assert copy.title == "2026 meeting (copy)" and copy.status == MeetingStatus.DRAFT
    assert copy.starts_at.date() == date(2027, 2, 25)
