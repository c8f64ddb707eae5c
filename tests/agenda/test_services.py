"""Agenda operations: order stays contiguous whatever moves; refusals leave everything as it was."""

import pytest

from meetapp.agenda import services
from meetapp.agenda.models import AgendaItemType, PresenterRole
from meetapp.extensions import db
from tests.factories import PersonFactory


def titles(session):
    db.session.expire_all()
    return [item.title for item in session.agenda_items]


def positions(session):
    return [item.position for item in session.agenda_items]


def add(session, *names, minutes=10):
    return [
        services.add_item(session, type=AgendaItemType.SPEECH, title=name, duration_minutes=minutes) for name in names
    ]


def test_items_are_appended_in_order(morning):
    add(morning, "Opening", "Speech", "Report")
    assert titles(morning) == ["Opening", "Speech", "Report"]
    assert positions(morning) == [0, 1, 2]


def test_add_item_refuses_blank_title_and_bad_duration(morning):
    with pytest.raises(services.EmptyTitle):
        services.add_item(morning, type="speech", title="  ", duration_minutes=10)
    with pytest.raises(services.InvalidDuration):
        services.add_item(morning, type="speech", title="Too long", duration_minutes=24 * 60 + 1)
    assert titles(morning) == []


def test_update_item(morning):
    (item,) = add(morning, "Draft title")
    services.update_item(item, type="report", title=" Report ", description="", duration_minutes=25)
    db.session.expire_all()
    assert (item.type, item.title, item.description, item.duration_minutes) == (
        AgendaItemType.REPORT, "Report", None, 25,
    )


def test_move_up_and_down_swap_neighbours(morning):
    first, _, third = add(morning, "A", "B", "C")
    services.move_item(third, "up")
    assert titles(morning) == ["A", "C", "B"]
    services.move_item(first, services.MoveDirection.DOWN)
    assert titles(morning) == ["C", "A", "B"]
    assert positions(morning) == [0, 1, 2]


def test_move_past_the_ends_is_refused(morning):
    first, second = add(morning, "A", "B")
    with pytest.raises(services.CannotMoveFurther):
        services.move_item(first, "up")
    with pytest.raises(services.CannotMoveFurther):
        services.move_item(second, "down")
    assert titles(morning) == ["A", "B"]


def test_positions_heal_after_gaps(morning):
    items = add(morning, "A", "B", "C")
    items[0].position, items[1].position, items[2].position = 3, 7, 12  # e.g. rows written by hand
    db.session.commit()
    services.move_item(items[2], "up")
    assert titles(morning) == ["A", "C", "B"]
    assert positions(morning) == [0, 1, 2]


def test_move_to_another_session_appends_and_closes_the_gap(morning, afternoon):
    b = add(morning, "A", "B", "C")[1]
    add(afternoon, "X", "Y")
    services.move_item_to_session(b, afternoon)
    assert titles(morning) == ["A", "C"] and positions(morning) == [0, 1]
    assert titles(afternoon) == ["X", "Y", "B"] and positions(afternoon) == [0, 1, 2]


def test_move_to_another_session_at_a_position(morning, afternoon):
    (a,) = add(morning, "A")
    add(afternoon, "X", "Y")
    services.move_item_to_session(a, afternoon, position=1)
    assert titles(afternoon) == ["X", "A", "Y"] and positions(afternoon) == [0, 1, 2]
    assert titles(morning) == []
    services.move_item_to_session(a, morning, position=99)  # past the end: at the end
    assert titles(morning) == ["A"] and titles(afternoon) == ["X", "Y"] and positions(afternoon) == [0, 1]


def test_move_within_the_same_session_to_a_position(morning):
    d = add(morning, "A", "B", "C", "D")[-1]
    services.move_item_to_session(d, morning, position=0)
    assert titles(morning) == ["D", "A", "B", "C"] and positions(morning) == [0, 1, 2, 3]
    services.move_item_to_session(d, morning)
    assert titles(morning) == ["A", "B", "C", "D"]


def test_move_to_a_session_of_another_meeting_is_refused(morning, other_meeting):
    (a,) = add(morning, "A")
    with pytest.raises(services.OtherMeeting):
        services.move_item_to_session(a, other_meeting.sessions[0])
    assert titles(morning) == ["A"]


def test_negative_position_is_refused(morning, afternoon):
    (a,) = add(morning, "A")
    with pytest.raises(services.InvalidPosition):
        services.move_item_to_session(a, afternoon, position=-1)


def test_delete_item_closes_the_gap(morning):
    b = add(morning, "A", "B", "C")[1]
    services.delete_item(b)
    assert titles(morning) == ["A", "C"] and positions(morning) == [0, 1]


def test_presenters_keep_their_order_and_roles(morning):
    (item,) = add(morning, "Awards")
    announcer, chair, reporter = PersonFactory(name="Announcer"), PersonFactory(name="Chair"), PersonFactory()
    services.add_presenter(item, announcer, PresenterRole.ANNOUNCER)
    services.add_presenter(item, chair, "presenter")
    services.add_presenter(item, announcer, "speaker")  # another role for the same person is fine
    services.add_presenter(item, reporter, "reporter")
    db.session.expire_all()
    assert [(p.person.name, p.role.value, p.position) for p in item.presenters][:3] == [
        ("Announcer", "announcer", 0), ("Chair", "presenter", 1), ("Announcer", "speaker", 2),
    ]
    with pytest.raises(services.PresenterExists):
        services.add_presenter(item, chair, "presenter")
    services.remove_presenter(item.presenters[1])
    db.session.expire_all()
    assert [p.position for p in item.presenters] == [0, 1, 2]
    assert [p.person.name for p in item.presenters][:2] == ["Announcer", "Announcer"]
