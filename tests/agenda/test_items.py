"""Managers add, edit, reorder, move and delete agenda items in the browser's forms."""

import re

import pytest

from meetapp.agenda.models import AgendaItem, AgendaItemType
from meetapp.auth.models import SystemRole
from meetapp.extensions import db
from tests.factories import AgendaItemFactory, UserFactory


def titles(session):
    db.session.expire_all()
    return [item.title for item in session.agenda_items]


@pytest.fixture
def signed_in(auth, users):
    auth.login_as(users["organizer"])


@pytest.fixture
def three(morning):
    names = ("Opening", "Speech", "Closing")
    return [AgendaItemFactory(session=morning, position=i, title=title) for i, title in enumerate(names)]


def base(meeting):
    return f"/meetings/{meeting.id}/agenda"


def test_add_item(client, signed_in, meeting, morning):
    url = f"{base(meeting)}/sessions/{morning.id}/items/new"
    assert "New item in “Work meeting”" in client.get(url).get_data(as_text=True)
    response = client.post(url, data={"type": "report", "title": "S&T innovation report", "duration_minutes": "25"})
    (item,) = db.session.scalars(db.select(AgendaItem)).all()
    assert response.status_code == 302
    assert response.location.endswith(f"{base(meeting)}/items/{item.id}/")  # on to presenters and materials
    assert (item.type, item.title, item.duration_minutes, item.session_id) == (
        AgendaItemType.REPORT, "S&T innovation report", 25, morning.id,
    )


def test_add_item_with_errors_keeps_what_was_typed(client, signed_in, meeting, morning):
    response = client.post(
        f"{base(meeting)}/sessions/{morning.id}/items/new",
        data={"type": "briefing", "title": "Work plans", "description": "All committees", "duration_minutes": "-5"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Enter a number of minutes from 0 to 1440." in html
    assert 'value="Work plans"' in html and "All committees" in html
    assert '<option selected value="briefing">' in html
    assert titles(morning) == []


def test_edit_item(client, signed_in, meeting, three):
    opening = three[0]
    url = f"{base(meeting)}/items/{opening.id}/"
    assert 'value="Opening"' in client.get(url).get_data(as_text=True)
    response = client.post(url, data={"type": "opening", "title": "Opening remarks", "duration_minutes": "5"})
    assert response.status_code == 302 and response.location.endswith(f"#item-{opening.id}")
    db.session.expire_all()
    assert (opening.title, opening.duration_minutes, opening.type) == ("Opening remarks", 5, AgendaItemType.OPENING)


def test_edit_item_with_an_empty_title_is_refused(client, signed_in, meeting, three):
    response = client.post(f"{base(meeting)}/items/{three[0].id}/",
                           data={"type": "opening", "title": "", "duration_minutes": "5"})
    assert response.status_code == 200
    assert "Give the item a title." in response.get_data(as_text=True)
    assert titles(three[0].session)[0] == "Opening"


def test_delete_needs_the_confirmation(client, signed_in, meeting, morning, three):
    url = f"{base(meeting)}/items/{three[1].id}/delete"
    page = client.get(url).get_data(as_text=True)
    assert "Delete “Speech”" in page and 'name="confirm"' in page
    assert client.post(url, data={}).status_code == 200  # not confirmed: nothing happens
    assert titles(morning) == ["Opening", "Speech", "Closing"]
    response = client.post(url, data={"confirm": "yes"})
    assert response.status_code == 302
    assert titles(morning) == ["Opening", "Closing"]
    assert [i.position for i in morning.agenda_items] == [0, 1]


def test_move_up_and_down(client, signed_in, meeting, morning, three):
    opening, _, closing = three
    response = client.post(f"{base(meeting)}/items/{closing.id}/move", data={"direction": "up"})
    assert response.status_code == 302
    assert response.location.endswith(f"?moved={closing.id}&direction=up")
    assert titles(morning) == ["Opening", "Closing", "Speech"]
    client.post(f"{base(meeting)}/items/{opening.id}/move", data={"direction": "down"})
    assert titles(morning) == ["Closing", "Opening", "Speech"]


def test_after_a_move_the_same_button_has_the_focus(client, signed_in, meeting, three):
    closing = three[2]
    response = client.post(f"{base(meeting)}/items/{closing.id}/move", data={"direction": "up"},
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    assert re.search(r'aria-label="Move up: Closing"\s+autofocus', html)
    assert html.count("autofocus") == 1


def test_moving_the_first_item_up_says_so(client, signed_in, meeting, morning, three):
    response = client.post(f"{base(meeting)}/items/{three[0].id}/move", data={"direction": "up"},
                           follow_redirects=True)
    assert "The item is already at that end of its session." in response.get_data(as_text=True)
    assert titles(morning) == ["Opening", "Speech", "Closing"]


def test_move_to_another_session(client, signed_in, meeting, morning, afternoon, three):
    AgendaItemFactory(session=afternoon, position=0, title="Plenary opening")
    url = f"{base(meeting)}/items/{three[0].id}/move-to-session"
    response = client.post(url, data={"session_id": afternoon.id, "position": "1"})
    assert response.status_code == 302
    assert titles(afternoon) == ["Opening", "Plenary opening"]
    assert titles(morning) == ["Speech", "Closing"]
    assert [i.position for i in morning.agenda_items] == [0, 1]


def test_move_to_another_session_with_a_bad_position(client, signed_in, meeting, afternoon, three):
    response = client.post(f"{base(meeting)}/items/{three[0].id}/move-to-session",
                           data={"session_id": afternoon.id, "position": "0"})
    assert response.status_code == 200
    assert "Enter a position of 1 or more." in response.get_data(as_text=True)


class TestIdsOfAnotherMeetingAreRefused:
    """The organizer runs both meetings, yet one meeting's URLs never reach the other's objects."""

    @pytest.fixture
    def foreign_item(self, other_meeting):
        return AgendaItemFactory(session=other_meeting.sessions[0], position=0, title="Not yours")

    @pytest.mark.parametrize(
        ("method", "path", "data"),
        [
            ("get", "/items/{item}/", {}),
            ("post", "/items/{item}/", {"type": "other", "title": "Hijacked", "duration_minutes": "5"}),
            ("get", "/items/{item}/delete", {}),
            ("post", "/items/{item}/delete", {"confirm": "yes"}),
            ("post", "/items/{item}/move", {"direction": "down"}),
            ("post", "/items/{item}/move-to-session", {"session_id": "{session}"}),
            ("post", "/items/{item}/presenters", {"person_id": "1", "role": "speaker"}),
            ("post", "/items/{item}/presenters/remove", {"presenter_id": "1"}),
            ("get", "/sessions/{foreign_session}/items/new", {}),
            ("post", "/sessions/{foreign_session}/items/new", {"type": "other", "title": "X", "duration_minutes": "5"}),
        ],
    )
    def test_404(self, client, signed_in, meeting, morning, foreign_item, method, path, data):
        values = {"item": foreign_item.id, "session": morning.id, "foreign_session": foreign_item.session_id}
        url = base(meeting) + path.format(**values)
        data = {key: value.format(**values) for key, value in data.items()}
        assert getattr(client, method)(url, data=data).status_code == 404
        db.session.expire_all()
        assert foreign_item.title == "Not yours" and foreign_item.session.meeting_id != meeting.id

    def test_an_item_cannot_be_moved_into_another_meetings_session(self, client, signed_in, meeting, three,
                                                                     foreign_item):
        url = f"{base(meeting)}/items/{three[0].id}/move-to-session"
        assert client.post(url, data={"session_id": foreign_item.session_id}).status_code == 404
        db.session.expire_all()
        assert three[0].session_id == meeting.sessions[0].id


def test_members_cannot_change_the_agenda(client, auth, users, meeting, three):
    auth.login_as(users["member"])
    assert client.post(f"{base(meeting)}/items/{three[2].id}/move", data={"direction": "up"}).status_code == 403
    assert client.post(f"{base(meeting)}/items/{three[2].id}/delete", data={"confirm": "yes"}).status_code == 403
    assert titles(meeting.sessions[0]) == ["Opening", "Speech", "Closing"]


def test_an_organizer_of_other_meetings_cannot_change_this_one(client, auth, users, meeting, three):
    auth.login_as(UserFactory(roles=[SystemRole.ORGANIZER]))
    assert client.post(f"{base(meeting)}/items/{three[2].id}/move", data={"direction": "up"}).status_code == 403
