"""The agenda page: every session's items in order with computed start times, presenters and materials."""

import re

from meetapp.agenda.models import AgendaItemType, PresenterRole
from meetapp.meetings.models import MeetingSession, Visibility
from tests.factories import (
    AgendaItemFactory,
    AgendaPresenterFactory,
    MaterialFactory,
    MeetingFactory,
    PersonFactory,
)


def shown_starts(html: str) -> list[str]:
    """The visible start times, with the narrow spaces CLDR puts before AM/PM made plain."""
    found = re.findall(r'<time datetime="[^"]+" data-testid="start">([^<]+)</time>', html)
    return [re.sub(r"\s", " ", text) for text in found]


def item(session, position, title, minutes, type=AgendaItemType.SPEECH):
    return AgendaItemFactory(session=session, position=position, title=title, duration_minutes=minutes, type=type)


def test_start_times_are_computed_from_the_session_start_and_durations(client, auth, users, morning, afternoon):
    item(morning, 0, "Opening", 5, AgendaItemType.OPENING)
    item(morning, 1, "Chairman's speech", 30)
    item(morning, 2, "S&T innovation report", 20, AgendaItemType.REPORT)
    item(afternoon, 0, "Work plans", 45, AgendaItemType.BRIEFING)
    auth.login_as(users["member"])
    html = client.get(f"/meetings/{morning.meeting_id}/agenda/").get_data(as_text=True)
    assert shown_starts(html) == ["9:00 AM", "9:05 AM", "9:35 AM", "2:00 PM"]
    assert "China" in html and "Asia/Shanghai" in html  # the zone the times are in
    for label in ("Opening", "Speech", "Report", "Briefing"):
        assert f">{label}</span>" in html
    assert html.index("Work meeting") < html.index("Chairman&#39;s speech") < html.index("S&amp;T Committee plenary")


def test_times_follow_the_meeting_zone_not_utc(client, auth, users):
    meeting = MeetingFactory(timezone="Europe/Berlin")  # 01:00 UTC = 02:00 in Berlin in February
    item(meeting.sessions[0], 0, "Welcome", 10)
    auth.login_as(users["member"])
    html = client.get(f"/meetings/{meeting.id}/agenda/").get_data(as_text=True)
    assert shown_starts(html) == ["2:00 AM"]


def test_a_session_whose_items_run_long_shows_a_warning(client, auth, users, morning, afternoon):
    for position in range(3):
        item(morning, position, f"Talk {position}", 40)  # 120 minutes in a 90-minute session
    item(afternoon, 0, "Fits", 30)
    auth.login_as(users["member"])
    html = client.get(f"/meetings/{morning.meeting_id}/agenda/").get_data(as_text=True)
    warnings = re.findall(r'<div class="alert alert-warning[^"]*" role="alert">\s*([^<]+?)\s*</div>', html)
    assert [re.sub(r"\s", " ", w) for w in warnings] == [
        "The items run until 11:00 AM, 30 minutes past the end of the session (10:30 AM)."
    ]


def test_presenters_with_roles_and_material_links(client, auth, users, morning):
    award = item(morning, 0, "Announcement of the 2025 S&T Awards", 15, AgendaItemType.ANNOUNCEMENT)
    AgendaPresenterFactory(item=award, person=PersonFactory(name="Zhang Wei", name_zh="张伟"),
                           role=PresenterRole.ANNOUNCER, position=0)
    material = MaterialFactory(item=award, filename="awards.pdf", size=2048)
    auth.login_as(users["member"])
    html = client.get(f"/meetings/{morning.meeting_id}/agenda/").get_data(as_text=True)
    assert "Zhang Wei <span class=\"text-muted small\">(Announcer)</span>" in html
    assert f'href="/meetings/{morning.meeting_id}/agenda/materials/{material.id}">awards.pdf</a>' in html
    assert "2 KB" in html


def test_chinese_interface_shows_chinese_names(client, auth, users, morning):
    award = item(morning, 0, "Awards", 15)
    AgendaPresenterFactory(item=award, person=PersonFactory(name="Zhang Wei", name_zh="张伟"), position=0)
    auth.login_as(users["member"])
    html = client.get(f"/meetings/{morning.meeting_id}/agenda/", headers={"Accept-Language": "zh"}).get_data(
        as_text=True
    )
    assert "张伟" in html and "Zhang Wei" not in html


def test_editing_controls_only_for_the_meetings_managers(client, auth, users, morning):
    item(morning, 0, "Opening", 5)
    url = f"/meetings/{morning.meeting_id}/agenda/"
    for role, sees_controls in (("member", False), ("secretary", False), ("organizer", True), ("admin", True)):
        auth.login_as(users[role])
        html = client.get(url).get_data(as_text=True)
        assert ("Move down" in html) is sees_controls, role
        assert ("Add an item to" in html) is sees_controls, role


def test_move_buttons_are_named_after_their_item(client, auth, users, morning):
    item(morning, 0, "Opening", 5)
    item(morning, 1, "Closing", 5)
    auth.login_as(users["organizer"])
    html = client.get(f"/meetings/{morning.meeting_id}/agenda/").get_data(as_text=True)
    assert 'aria-label="Move down: Opening"' in html
    assert 'aria-label="Move up: Closing"' in html
    # The first item cannot go up, the last cannot go down: those buttons are disabled, not missing.
    assert re.search(r'aria-label="Move up: Opening"\s+disabled', html)
    assert re.search(r'aria-label="Move down: Closing"\s+disabled', html)


def test_anonymous_visitors_see_a_public_agenda_but_sign_in_for_others(client, users):
    public = MeetingFactory(visibility=Visibility.PUBLIC)
    internal = MeetingFactory(visibility=Visibility.INTERNAL)
    assert client.get(f"/meetings/{public.id}/agenda/").status_code == 200
    response = client.get(f"/meetings/{internal.id}/agenda/")
    assert response.status_code == 302 and "/login" in response.location


def test_participants_only_agenda_is_hidden_from_members_not_invited(client, auth, users):
    private = MeetingFactory(visibility=Visibility.PARTICIPANTS)
    auth.login_as(users["member"])
    assert client.get(f"/meetings/{private.id}/agenda/").status_code == 404


def build_agenda(meeting, items_per_session: int) -> None:
    for session in meeting.sessions:
        for position in range(items_per_session):
            entry = item(session, position, f"{session.title} item {position}", 5)
            for order, role in enumerate((PresenterRole.SPEAKER, PresenterRole.REPORTER)):
                AgendaPresenterFactory(item=entry, role=role, position=order)
            MaterialFactory(item=entry)


def test_query_count_does_not_grow_with_the_agenda(client, auth, users, count_queries):
    counts = []
    for per_session in (5, 50):  # 2 sessions: 10 and 100 items, each with two presenters and a file
        meeting = MeetingFactory(organizers=[users["organizer"]])
        meeting.sessions.append(MeetingSession(title="Second", starts_at=meeting.starts_at, ends_at=meeting.ends_at))
        build_agenda(meeting, per_session)
        for role in ("organizer", "member"):
            auth.login_as(users[role])
            with count_queries() as counter:
                response = client.get(f"/meetings/{meeting.id}/agenda/")
            assert response.status_code == 200
            assert response.get_data(as_text=True).count('data-testid="start"') == 2 * per_session
            counts.append((role, counter.count))
    assert counts[:2] == counts[2:], counts
