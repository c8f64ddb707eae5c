"""Naming presenters: search the directory (English or Chinese name), pick a person and their role."""

import re

import pytest

from meetapp.extensions import db
from tests.factories import AgendaItemFactory, AgendaPresenterFactory, MaterialFactory, PersonFactory


@pytest.fixture
def item(morning, auth, users):
    auth.login_as(users["organizer"])
    return AgendaItemFactory(session=morning, position=0, title="Announcement of the 2025 S&T Awards")


@pytest.fixture
def people():
    return {
        "wang": PersonFactory(name="Wang Jianhua", name_zh="王建华"),
        "wangli": PersonFactory(name="Wang Li", name_zh="王丽"),
        "chen": PersonFactory(name="Chen Ming", name_zh="陈明"),
    }


def page_url(item):
    return f"/meetings/{item.session.meeting_id}/agenda/items/{item.id}/"


@pytest.mark.parametrize(("query", "found", "not_found"), [
    ("wang", ["Wang Jianhua", "Wang Li"], ["Chen Ming"]),
    ("王", ["Wang Jianhua", "Wang Li"], ["Chen Ming"]),
    ("陈明", ["Chen Ming"], ["Wang Li"]),
])
def test_search_by_english_or_chinese_name(client, item, people, query, found, not_found):
    html = client.get(page_url(item), query_string={"q": query}).get_data(as_text=True)
    for name in found:
        assert f"{name} <span" in html
    for name in not_found:
        assert name not in html


def test_nobody_found(client, item, people):
    html = client.get(page_url(item), query_string={"q": "Zhao"}).get_data(as_text=True)
    assert "Nobody in the directory matches “Zhao”." in html


def test_add_presenters_in_order_with_their_roles(client, item, people):
    url = page_url(item) + "presenters"
    response = client.post(url, data={"person_id": people["chen"].id, "role": "announcer", "query": "chen"})
    assert response.status_code == 302 and response.location.endswith("#presenters")
    client.post(url, data={"person_id": people["wang"].id, "role": "presenter"})
    db.session.expire_all()
    assert [(p.person.name, p.role.value, p.position) for p in item.presenters] == [
        ("Chen Ming", "announcer", 0), ("Wang Jianhua", "presenter", 1),
    ]
    html = client.get(page_url(item)).get_data(as_text=True)
    assert html.index("Chen Ming") < html.index("Wang Jianhua")
    assert 'aria-label="Remove Chen Ming (Announcer)"' in html


def test_the_same_person_twice_in_one_role_is_refused_next_to_the_list(client, item, people):
    AgendaPresenterFactory(item=item, person=people["chen"], role="announcer", position=0)
    response = client.post(page_url(item) + "presenters",
                           data={"person_id": people["chen"].id, "role": "announcer", "query": "chen"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Chen Ming already has this role on the item." in html
    chen = people["chen"].id
    assert re.search(rf'id="person-{chen}" value="{chen}"\s+checked>', html)  # the choice is kept
    assert len(item.presenters) == 1


def test_adding_without_choosing_a_person_keeps_the_search(client, item, people):
    response = client.post(page_url(item) + "presenters", data={"role": "speaker", "query": "wang"})
    html = response.get_data(as_text=True)
    assert "Choose a person from the list." in html
    assert "Wang Li" in html  # the results are still there


def test_remove_presenter(client, item, people):
    first = AgendaPresenterFactory(item=item, person=people["chen"], position=0)
    AgendaPresenterFactory(item=item, person=people["wang"], position=1)
    response = client.post(page_url(item) + "presenters/remove", data={"presenter_id": first.id})
    assert response.status_code == 302
    db.session.expire_all()
    assert [(p.person.name, p.position) for p in item.presenters] == [("Wang Jianhua", 0)]


def test_a_presenter_of_another_item_is_not_removed(client, item, people, morning):
    elsewhere = AgendaPresenterFactory(item=AgendaItemFactory(session=morning, position=1), person=people["chen"])
    client.post(page_url(item) + "presenters/remove", data={"presenter_id": elsewhere.id})
    db.session.expire_all()
    assert elsewhere.item.presenters == [elsewhere]


def test_item_page_query_count_does_not_grow_with_presenters_materials_and_results(
    client, item, morning, count_queries
):
    counts = []
    for size in (2, 20):
        entry = AgendaItemFactory(session=morning, position=size)
        for n in range(size):
            AgendaPresenterFactory(item=entry, person=PersonFactory(name=f"Found {size}-{n}"), position=n)
            MaterialFactory(item=entry)
        with count_queries() as counter:
            response = client.get(page_url(entry), query_string={"q": f"Found {size}-"})
        html = response.get_data(as_text=True)
        assert html.count('name="presenter_id"') == size and html.count('name="person_id"') == size
        counts.append(counter.count)
    assert counts[0] == counts[1]
