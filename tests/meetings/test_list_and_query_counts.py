"""The meetings list (who sees what, filtered in SQL) and the query counts of the list and the meeting page."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from meetapp import policy
from meetapp.database import utcnow
from meetapp.directory.models import Person
from meetapp.extensions import db
from meetapp.meetings.models import MeetingStatus, Visibility
from meetapp.participants.models import Participant, RsvpStatus
from tests.factories import (
    AgendaItemFactory,
    AgendaPresenterFactory,
    MeetingFactory,
    MeetingSeriesFactory,
    ParticipantFactory,
    PersonFactory,
    UserFactory,
    VenueFactory,
)


def in_days(days: int, **kwargs):
    start = utcnow().replace(microsecond=0) + timedelta(days=days)
    return MeetingFactory(starts_at=start, ends_at=start + timedelta(hours=3), **kwargs)


def listed(client, query: str = "") -> str:
    return client.get(f"/meetings/{query}").get_data(as_text=True)


def test_each_user_lists_exactly_the_meetings_they_may_open(client, auth, users):
    guest = PersonFactory()
    invited = UserFactory(person=guest, roles=["member"])
    named = UserFactory(roles=["organizer"])
    meetings = {
        "public": in_days(1, visibility=Visibility.PUBLIC, title="Open day"),
        "internal": in_days(2, visibility=Visibility.INTERNAL, title="All-hands"),
        "invited": in_days(3, visibility=Visibility.PARTICIPANTS, title="Committee plenary"),
        "organized": in_days(4, visibility=Visibility.PARTICIPANTS, title="Board meeting", organizers=[named]),
        "removed": in_days(5, visibility=Visibility.PARTICIPANTS, title="Closed session"),
    }
    ParticipantFactory(meeting=meetings["invited"], person=guest)
    gone = ParticipantFactory(meeting=meetings["removed"], person=guest)
    gone.cancelled_at = utcnow()
    db.session.commit()

    expected = {
        users["member"]: {"public", "internal"},
        users["organizer"]: {"public", "internal"},
        invited: {"public", "internal", "invited"},
        named: {"public", "internal", "organized"},
        users["secretary"]: set(meetings),
        users["admin"]: set(meetings),
    }
    for user, keys in expected.items():
        auth.login_as(user)
        page = listed(client)
        shown = {key for key, meeting in meetings.items() if f">{meeting.title}</a>" in page}
        assert shown == keys, user.email
        # The SQL filter and the per-meeting rule agree.
        assert shown == {key for key, m in meetings.items() if policy.can("meeting.view", m, user=user)}


def test_upcoming_soonest_first_and_past_latest_first(client, auth, users):
    auth.login_as(users["member"])
    in_days(10, title="Later")
    in_days(1, title="Sooner")
    in_days(-30, title="Long ago")
    in_days(-2, title="Last week")

    upcoming = listed(client)
    assert upcoming.index("Sooner") < upcoming.index("Later") and "Long ago" not in upcoming
    past = listed(client, "?when=past")
    assert past.index("Last week") < past.index("Long ago") and "Sooner" not in past


def test_search_by_title_and_filter_by_status_and_series(client, auth, users):
    auth.login_as(users["member"])
    series = MeetingSeriesFactory(name="Annual S&T work meeting")
    in_days(1, title="2026 Annual S&T Innovation Work Meeting", series=series)
    in_days(2, title="S&T Committee plenary", status=MeetingStatus.DRAFT)
    in_days(3, title="Board meeting")

    assert "Board meeting" not in listed(client, "?q=s%26t")
    found = listed(client, "?q=committee")
    assert "S&amp;T Committee plenary</a>" in found and "Innovation Work Meeting</a>" not in found
    drafts = listed(client, "?status=draft")
    assert "S&amp;T Committee plenary" in drafts and "Board meeting" not in drafts
    in_series = listed(client, f"?series={series.id}")
    assert "2026 Annual" in in_series and "Board meeting" not in in_series


def test_only_my_meetings(client, auth, users):
    guest = PersonFactory()
    me = UserFactory(person=guest)
    mine = in_days(1, title="Invited to this")
    ParticipantFactory(meeting=mine, person=guest)
    in_days(2, title="Someone else's")
    auth.login_as(me)
    page = listed(client, "?mine=y")
    assert "Invited to this" in page and "Someone else" not in page


def test_the_new_meeting_button_shows_for_organizers_only(client, auth, users):
    auth.login_as(users["member"])
    assert "New meeting" not in listed(client)
    auth.login_as(users["organizer"])
    assert "New meeting" in listed(client)


def _list_queries(client, count_queries) -> int:
    with count_queries() as counter:
        assert client.get("/meetings/").status_code == 200
    return counter.count


def test_the_list_needs_the_same_queries_for_3_and_30_meetings(client, auth, users, count_queries):
    auth.login_as(users["organizer"])

    def add(n):
        for i in range(n):
            in_days(i + 1, venue=VenueFactory(), series=MeetingSeriesFactory())

    add(3)
    few = _list_queries(client, count_queries)
    add(27)
    assert _list_queries(client, count_queries) == few


# --- the meeting page ------------------------------------------------------------------------------------


def add_participants(meeting, count: int) -> None:
    """``count`` invitees inserted in bulk (an INSERT per table, not per row)."""
    first = db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(Person.id), 0))) + 1
    db.session.execute(
        sa.insert(Person),
        [{"id": first + i, "name": f"Invitee {first + i}", "email": f"invitee{first + i}@example.com"}
         for i in range(count)],
    )
    db.session.execute(
        sa.insert(Participant),
        [{"meeting_id": meeting.id, "person_id": first + i, "rsvp_status": RsvpStatus.ACCEPTED if i % 2 else
          RsvpStatus.PENDING} for i in range(count)],
    )
    db.session.commit()


def add_agenda(meeting, count: int) -> None:
    for session in meeting.sessions:
        for _ in range(count):
            item = AgendaItemFactory(session=session)
            AgendaPresenterFactory(item=item)


def _page_queries(client, count_queries, meeting) -> int:
    with count_queries() as counter:
        assert client.get(f"/meetings/{meeting.id}").status_code == 200
    return counter.count


@pytest.mark.parametrize("role", ["organizer", "member"])
def test_the_meeting_page_needs_the_same_queries_for_20_and_2000_participants(
    client, auth, users, count_queries, role
):
    meeting = MeetingFactory(
        venue=VenueFactory(), branch_venues=[VenueFactory(), VenueFactory()], organizers=[users["organizer"]],
        series=MeetingSeriesFactory(), video_url="https://zoom.us/j/1",
    )
    meeting.sessions[0].presider = PersonFactory()
    db.session.commit()
    add_agenda(meeting, 2)
    add_participants(meeting, 20)
    auth.login_as(users[role])
    few = _page_queries(client, count_queries, meeting)

    add_participants(meeting, 1980)
    assert _page_queries(client, count_queries, meeting) == few


def test_the_meeting_page_needs_the_same_queries_for_2_and_20_agenda_items(client, auth, users, count_queries):
    meeting = MeetingFactory(venue=VenueFactory(), organizers=[users["organizer"]])
    add_agenda(meeting, 2)
    auth.login_as(users["organizer"])
    few = _page_queries(client, count_queries, meeting)

    add_agenda(meeting, 18)
    assert _page_queries(client, count_queries, meeting) == few
