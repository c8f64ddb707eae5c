"""Groups: the list, a group's members, creating and editing, adding members by search and removing them."""

import pytest

from meetapp.directory.models import Group
from meetapp.extensions import db
from tests.factories import GroupFactory, PersonFactory, UnitFactory


@pytest.fixture
def committee(app):
    unit = UnitFactory(name="Changsha Institute")
    chen = PersonFactory(name="Chen Dexin", name_zh="陈得信", unit=unit)
    wang = PersonFactory(name="Wang Xingquan", name_zh="王星泉")
    PersonFactory(name="Wang Li", name_zh="王丽", email="wang.li@example.com")
    return GroupFactory(code="st-committee", name="S&T Committee", name_zh="科技委员会",
                        description="Advises on research", members=[chen, wang])


def test_list_shows_groups_with_member_counts(client, auth, users, committee):
    GroupFactory(code="chief-scientists", name="Chief Scientists")
    auth.login_as(users["member"])
    html = client.get("/directory/groups").get_data(as_text=True)
    assert "S&amp;T Committee" in html and "科技委员会" in html and "Chief Scientists" in html
    row = html[html.index("S&amp;T Committee"):html.index("Chief Scientists")]  # rows are sorted by name
    assert '<td class="text-end">2</td>' in html[html.index("st-committee"):]
    assert "Chief Scientists" not in row
    assert "Add a group" not in html


def test_group_page_lists_members_and_members_see_no_edit_controls(client, auth, users, committee):
    auth.login_as(users["member"])
    html = client.get(f"/directory/groups/{committee.id}").get_data(as_text=True)
    assert "Chen Dexin" in html and "Wang Xingquan" in html and "Changsha Institute" in html
    assert "Wang Li" not in html
    assert "Remove" not in html and "Add members" not in html and "Edit" not in html
    chen = committee.members[0]
    assert client.post(f"/directory/groups/{committee.id}/members/{chen.id}/remove").status_code == 403


def test_organizer_creates_and_edits_a_group(client, auth, users):
    auth.login_as(users["organizer"])
    response = client.post("/directory/groups/new", data={
        "code": "leaders", "name": "Leadership Team", "name_zh": "领导班子", "description": "",
    })
    group = db.session.scalar(db.select(Group).where(Group.code == "leaders"))
    assert response.headers["Location"] == f"/directory/groups/{group.id}"
    response = client.post(f"/directory/groups/{group.id}/edit", data={
        "code": "leadership", "name": "Leadership Team", "name_zh": "领导班子", "description": "The top team",
    })
    assert response.status_code == 302
    db.session.expire_all()
    assert (group.code, group.description) == ("leadership", "The top team")


def test_duplicate_group_code_is_refused(client, auth, users, committee):
    auth.login_as(users["admin"])
    html = client.post("/directory/groups/new", data={"code": "st-committee", "name": "Twin"}).get_data(as_text=True)
    assert "Another group already has this code." in html
    assert 'value="Twin"' in html


def test_searching_for_new_members_leaves_out_those_already_in(client, auth, users, committee):
    auth.login_as(users["organizer"])
    html = client.get(f"/directory/groups/{committee.id}?q=wang").get_data(as_text=True)
    candidates = html[html.index("Add members"):]
    assert "Wang Li" in candidates
    assert "Wang Xingquan" not in candidates
    chinese = client.get(f"/directory/groups/{committee.id}?q=王").get_data(as_text=True)
    assert "Wang Li" in chinese[chinese.index("Add members"):]


def test_organizer_adds_and_removes_members(client, auth, users, committee):
    auth.login_as(users["organizer"])
    wang_li = PersonFactory(name="Zhao Min")
    response = client.post(f"/directory/groups/{committee.id}/members", data={"people": [wang_li.id], "q": "zhao"})
    assert response.headers["Location"] == f"/directory/groups/{committee.id}?q=zhao"
    assert "1 people added to the group." in client.get(response.headers["Location"]).get_data(as_text=True)
    db.session.expire_all()
    assert "Zhao Min" in [p.name for p in committee.members]

    chen = next(p for p in committee.members if p.name == "Chen Dexin")
    response = client.post(f"/directory/groups/{committee.id}/members/{chen.id}/remove")
    assert response.status_code == 302
    db.session.expire_all()
    assert sorted(p.name for p in committee.members) == ["Wang Xingquan", "Zhao Min"]


def test_adding_nobody_says_so(client, auth, users, committee):
    auth.login_as(users["organizer"])
    response = client.post(f"/directory/groups/{committee.id}/members", data={}, follow_redirects=True)
    assert "Tick at least one person to add." in response.get_data(as_text=True)


def test_group_page_query_count_does_not_grow_with_the_data(client, auth, users, committee, count_queries):
    def grow(n):
        for _ in range(n):
            person = PersonFactory(unit=UnitFactory(), groups=[GroupFactory()])
            committee.members.append(person)
            PersonFactory(name=f"Candidate {person.id}")
        db.session.commit()

    auth.login_as(users["organizer"])
    url = f"/directory/groups/{committee.id}?q=e"
    grow(2)
    with count_queries() as small:
        assert client.get(url).status_code == 200
    grow(18)
    with count_queries() as large:
        html = client.get(url).get_data(as_text=True)
    assert "(22)" in html
    assert large.count == small.count
