"""Meeting services: what they store, what they refuse, when attendees must be told (iCalendar SEQUENCE)."""

from datetime import UTC, datetime

import pytest

from meetapp.extensions import db
from meetapp.meetings import services
from meetapp.meetings.models import Meeting, MeetingFormat, MeetingSeries, MeetingStatus, VideoPlatform
from meetapp.meetings.services import MeetingData, SessionData
from meetapp.timefmt import combine_to_utc, to_local_naive
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    ParticipantFactory,
    PersonFactory,
    UserFactory,
    VenueFactory,
)

SHANGHAI = "Asia/Shanghai"


def beijing(day: int, hour: int, minute: int = 0, month: int = 2) -> datetime:
    return combine_to_utc(datetime(2026, month, day).date(), datetime(2026, 1, 1, hour, minute).time(), SHANGHAI)


def hybrid_data(**changes) -> MeetingData:
    values = {
        "title": "2026 Annual S&T Innovation Work Meeting",
        "starts_at": beijing(26, 9),
        "ends_at": beijing(26, 12),
        "timezone": SHANGHAI,
        "format": MeetingFormat.HYBRID,
        "video_platform": VideoPlatform.TENCENT,
        "video_url": "https://meeting.tencent.com/dm/abc",
        "video_meeting_code": "123 456 789",
        "video_passcode": "2026",
    }
    values.update(changes)
    return MeetingData(**values)


@pytest.fixture
def organizer(users):
    return users["organizer"]


@pytest.fixture
def venue(app):
    return VenueFactory(name="Minmetals Building, Room 1", capacity=2)


def test_a_new_meeting_is_a_draft_with_one_session_spanning_it_and_the_creator_organizes_it(organizer, venue):
    meeting = services.create_meeting(organizer, hybrid_data(venue=venue))

    assert meeting.status == MeetingStatus.DRAFT
    assert [u.email for u in meeting.organizers] == ["organizer@example.com"]
    [session] = meeting.sessions
    assert (session.title, session.starts_at, session.ends_at) == (meeting.title, meeting.starts_at, meeting.ends_at)


def test_nine_in_beijing_is_stored_as_one_utc_and_read_back_as_nine(organizer, venue):
    meeting = services.create_meeting(organizer, hybrid_data(venue=venue))
    db.session.expire_all()

    stored = db.session.get(Meeting, meeting.id)
    assert stored.starts_at == datetime(2026, 2, 26, 1, 0, tzinfo=UTC)
    assert to_local_naive(stored.starts_at, stored.timezone) == datetime(2026, 2, 26, 9, 0)


def test_berlin_times_follow_daylight_saving(organizer):
    winter = combine_to_utc(datetime(2026, 3, 27).date(), datetime(2026, 1, 1, 9).time(), "Europe/Berlin")
    summer = combine_to_utc(datetime(2026, 3, 30).date(), datetime(2026, 1, 1, 9).time(), "Europe/Berlin")
    meeting = services.create_meeting(
        organizer,
        MeetingData(title="Berlin", starts_at=winter, ends_at=summer, timezone="Europe/Berlin",
                    format=MeetingFormat.VIDEO, video_url="https://zoom.us/j/1"),
    )
    assert meeting.starts_at.hour == 8  # CET, UTC+1
    assert meeting.ends_at.hour == 7  # CEST, UTC+2
    assert to_local_naive(meeting.ends_at, meeting.timezone).hour == 9


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"ends_at": beijing(26, 9)}, services.EndsBeforeStart),
        ({"ends_at": beijing(26, 8)}, services.EndsBeforeStart),
        ({"timezone": "Asia/Beijing"}, services.UnknownTimeZone),
        ({"video_url": None}, services.VideoLinkRequired),
        ({"format": MeetingFormat.VIDEO, "video_url": ""}, services.VideoLinkRequired),
        ({"video_url": "javascript:alert(1)"}, services.BadVideoUrl),
        ({"video_url": "ftp://example.com/x"}, services.BadVideoUrl),
        ({"video_url": "https://"}, services.BadVideoUrl),
    ],
)
def test_create_refuses_bad_times_zones_and_video_links(organizer, changes, error):
    with pytest.raises(error):
        services.create_meeting(organizer, hybrid_data(**changes))
    assert db.session.query(Meeting).count() == 0


def test_only_organizers_and_admins_can_be_named_organizers(organizer, users):
    with pytest.raises(services.NotAnOrganizer):
        services.create_meeting(organizer, hybrid_data(organizers=[users["member"]]))


def test_a_draft_may_wait_for_its_venue_but_cannot_be_scheduled_without_one(organizer, venue):
    meeting = services.create_meeting(organizer, hybrid_data())

    with pytest.raises(services.VenueRequired):
        services.change_status(organizer, meeting, MeetingStatus.SCHEDULED)
    assert meeting.status == MeetingStatus.DRAFT

    services.update_meeting(organizer, meeting, hybrid_data(venue=venue))
    services.change_status(organizer, meeting, MeetingStatus.SCHEDULED)
    assert meeting.status == MeetingStatus.SCHEDULED

    with pytest.raises(services.VenueRequired):
        services.update_meeting(organizer, meeting, hybrid_data(venue=None))


def test_a_new_series_can_be_named_inline_and_is_reused_by_name(organizer):
    first = services.create_meeting(organizer, hybrid_data(new_series_name="Annual S&T work meeting"))
    second = services.create_meeting(organizer, hybrid_data(new_series_name="annual s&t WORK meeting"))
    assert first.series is not None and first.series is second.series
    assert db.session.query(MeetingSeries).count() == 1


@pytest.mark.parametrize(
    ("changes", "told"),
    [
        ({"title": "New title", "description": "More words"}, False),
        ({"starts_at": beijing(26, 8)}, True),
        ({"ends_at": beijing(26, 13)}, True),
        ({"video_url": "https://meeting.tencent.com/dm/other"}, True),
        ({"video_passcode": "9999"}, True),
    ],
)
def test_attendees_are_told_about_time_and_video_link_changes_only(organizer, venue, changes, told):
    meeting = services.create_meeting(organizer, hybrid_data(venue=venue))
    before = meeting.ical_sequence

    services.update_meeting(organizer, meeting, hybrid_data(venue=venue, **changes))

    assert meeting.ical_sequence == before + (1 if told else 0)


def test_a_changed_venue_raises_the_sequence(organizer, venue):
    meeting = services.create_meeting(organizer, hybrid_data(venue=venue))
    services.update_meeting(organizer, meeting, hybrid_data(venue=VenueFactory()))
    assert meeting.ical_sequence == 1


def test_sessions_move_with_the_meeting(organizer, venue):
    meeting = services.create_meeting(organizer, hybrid_data(venue=venue))
    services.add_session(organizer, meeting, SessionData("Plenary", beijing(26, 14), beijing(26, 16)))

    services.update_meeting(
        organizer, meeting, hybrid_data(venue=venue, starts_at=beijing(27, 9), ends_at=beijing(27, 17))
    )

    spanning, plenary = meeting.sessions
    assert (spanning.starts_at, spanning.ends_at) == (beijing(27, 9), beijing(27, 17))
    assert (plenary.starts_at, plenary.ends_at) == (beijing(27, 14), beijing(27, 16))


def test_status_follows_the_transitions(organizer, venue):
    meeting = services.create_meeting(organizer, hybrid_data(venue=venue))
    for status in (MeetingStatus.SCHEDULED, MeetingStatus.IN_PROGRESS, MeetingStatus.ENDED):
        services.change_status(organizer, meeting, status)
        assert meeting.status == status
    assert meeting.ical_sequence == 0  # nothing attendees must re-import


@pytest.mark.parametrize(
    ("start", "wanted"),
    [
        (MeetingStatus.DRAFT, MeetingStatus.ENDED),
        (MeetingStatus.DRAFT, MeetingStatus.IN_PROGRESS),
        (MeetingStatus.ENDED, MeetingStatus.SCHEDULED),
        (MeetingStatus.ENDED, MeetingStatus.CANCELLED),
        (MeetingStatus.CANCELLED, MeetingStatus.SCHEDULED),
        (MeetingStatus.CANCELLED, MeetingStatus.CANCELLED),
    ],
)
def test_status_changes_outside_the_transitions_are_refused(organizer, start, wanted):
    meeting = MeetingFactory(status=start)
    with pytest.raises(services.TransitionNotAllowed):
        services.change_status(organizer, meeting, wanted)
    db.session.refresh(meeting)
    assert meeting.status == start


def test_cancelling_keeps_everything_and_tells_attendees(organizer):
    meeting = MeetingFactory(organizers=[organizer])
    AgendaItemFactory(session=meeting.sessions[0])
    ParticipantFactory(meeting=meeting)

    services.cancel_meeting(organizer, meeting)
    db.session.expire_all()

    meeting = db.session.get(Meeting, meeting.id)
    assert meeting.status == MeetingStatus.CANCELLED
    assert meeting.ical_sequence == 1
    assert len(meeting.sessions) == 1 and len(meeting.sessions[0].agenda_items) == 1
    assert len(meeting.participants) == 1


# --- sessions ---------------------------------------------------------------------------------------


def test_sessions_are_added_changed_and_deleted_and_attendees_told(organizer):
    meeting = MeetingFactory()
    presider = PersonFactory(name="Zhu Kebing")
    room = VenueFactory()

    session = services.add_session(
        organizer, meeting, SessionData("S&T Committee plenary", beijing(26, 14), beijing(26, 16), presider, room)
    )
    assert (session.presider, session.venue) == (presider, room)
    assert meeting.ical_sequence == 1

    services.update_session(organizer, session, SessionData("Renamed", session.starts_at, session.ends_at,
                                                            presider, room))
    assert meeting.ical_sequence == 1  # a title is not a time or a place
    services.update_session(organizer, session, SessionData("Renamed", beijing(26, 15), beijing(26, 17),
                                                            presider, room))
    assert meeting.ical_sequence == 2

    AgendaItemFactory(session=session)
    services.delete_session(organizer, session)
    assert [s.title for s in meeting.sessions] == ["Plenary"]
    assert meeting.ical_sequence == 3


def test_the_last_session_cannot_be_deleted(organizer):
    meeting = MeetingFactory()
    with pytest.raises(services.LastSession):
        services.delete_session(organizer, meeting.sessions[0])
    assert len(meeting.sessions) == 1


def test_a_session_must_end_after_it_starts(organizer):
    meeting = MeetingFactory()
    with pytest.raises(services.EndsBeforeStart):
        services.add_session(organizer, meeting, SessionData("Backwards", beijing(26, 10), beijing(26, 9)))


# --- double booking, strictly -------------------------------------------------------------------------


def test_strict_services_refuse_a_double_booked_venue_and_save_nothing(organizer, venue):
    MeetingFactory(venue=venue, title="Board meeting")  # 26 Feb, 09:00-12:00 Beijing time

    with pytest.raises(services.VenueDoubleBooked) as refused:
        services.create_meeting(organizer, hybrid_data(venue=venue), strict=True)
    assert "Board meeting" in str(refused.value)
    assert refused.value.conflicts[0].venue == venue
    assert db.session.query(Meeting).count() == 1

    meeting = services.create_meeting(organizer, hybrid_data(venue=venue))  # the web: saved, then warned
    assert meeting.id is not None
    later = SessionData("Afternoon", beijing(26, 14), beijing(26, 15))
    services.add_session(organizer, meeting, later, strict=True)  # the room is free then


def test_strict_session_change_into_a_booked_room_is_refused(organizer, venue):
    MeetingFactory(venue=venue)
    meeting = MeetingFactory(starts_at=beijing(27, 9), ends_at=beijing(27, 12))
    session = meeting.sessions[0]
    with pytest.raises(services.VenueDoubleBooked):
        services.update_session(
            organizer, session, SessionData("Moved", beijing(26, 11), beijing(26, 13), venue_override=venue),
            strict=True,
        )
    db.session.refresh(session)
    assert session.venue_override is None and session.starts_at == beijing(27, 9)


def test_organizers_stay_when_the_form_names_none(organizer):
    meeting = services.create_meeting(organizer, hybrid_data(venue=VenueFactory()))
    services.update_meeting(organizer, meeting, hybrid_data(venue=meeting.venue, organizers=[]))
    assert meeting.organizers == [organizer]


def test_the_creator_is_listed_with_the_chosen_organizers(users):
    other = UserFactory(roles=["organizer"])
    meeting = services.create_meeting(users["admin"], hybrid_data(organizers=[other]))
    assert {u.id for u in meeting.organizers} == {other.id, users["admin"].id}


def test_video_details_are_dropped_without_a_link(organizer, venue):
    meeting = services.create_meeting(
        organizer,
        hybrid_data(format=MeetingFormat.IN_PERSON, venue=venue, video_url="", video_passcode="secret"),
    )
    assert meeting.video_passcode is None and meeting.video_platform is None

