"""People: the searchable list, the detail page, creating and editing (organizers and admins only)."""

import pytest

from meetapp.directory.models import Person
from meetapp.extensions import db
from tests.factories import GroupFactory, PersonFactory, UnitFactory


@pytest.fixture
def org(app):
    """HQ → S&T department → lab, a separate institute, and a few people and groups."""
    hq = UnitFactory(code="HQ", name="Group HQ", name_zh="集团总部")
    dept = UnitFactory(code="HQ-STD", name="S&T Department", name_zh="科技创新部", parent=hq)
    lab = UnitFactory(code="LAB", name="Materials Lab", parent=dept)
    institute = UnitFactory(code="CMRI", name="Changsha Institute")
    committee = GroupFactory(code="st-committee", name="S&T Committee", name_zh="科技委员会")
    return {
        "hq": hq, "dept": dept, "lab": lab, "institute": institute, "committee": committee,
        "chen": PersonFactory(name="Chen Dexin", name_zh="陈得信", title="Chairman", unit=hq,
                              email="chen.dexin@example.com", phone="+86 10 6849 0001", groups=[committee]),
        "wang": PersonFactory(name="Wang Xingquan", name_zh="王星泉", unit=dept, email="wang@example.com"),
        "li": PersonFactory(name="Li Na", name_zh="李娜", unit=lab, email="li.na@lab.example.com"),
        "zhou": PersonFactory(name="Zhou Ming", name_zh="周明", unit=institute, email=None, groups=[committee]),
    }


def names_on(response) -> set[str]:
    html = response.get_data(as_text=True)
    return {name for name in ("Chen Dexin", "Wang Xingquan", "Li Na", "Zhou Ming") if f">{name}</a>" in html}


def test_list_shows_each_persons_details(client, auth, users, org):
    auth.login_as(users["member"])
    html = client.get("/directory/people").get_data(as_text=True)
    for text in ("Chen Dexin", "陈得信", "Chairman", "Group HQ", "chen.dexin@example.com", "+86 10 6849 0001",
                 "S&amp;T Committee"):
        assert text in html
    assert "4 people found" in html


@pytest.mark.parametrize(("query", "expected"), [
    ("dexin", {"Chen Dexin"}),  # substring of the English name, any case
    ("WANG", {"Wang Xingquan"}),
    ("李", {"Li Na"}),  # Chinese name
    ("王星泉", {"Wang Xingquan"}),
    ("lab.example", {"Li Na"}),  # email
    ("%", set()),  # LIKE wildcards are taken literally
    ("_", set()),
])
def test_search_by_name_or_email(client, auth, users, org, query, expected):
    auth.login_as(users["member"])
    assert names_on(client.get("/directory/people", query_string={"q": query})) == expected


def test_filter_by_unit_with_or_without_its_sub_units(client, auth, users, org):
    auth.login_as(users["member"])
    hq = org["hq"].id
    assert names_on(client.get(f"/directory/people?unit={hq}")) == {"Chen Dexin"}
    assert names_on(client.get(f"/directory/people?unit={hq}&subunits=y")) == {"Chen Dexin", "Wang Xingquan", "Li Na"}
    dept = org["dept"].id
    assert names_on(client.get(f"/directory/people?unit={dept}&subunits=y")) == {"Wang Xingquan", "Li Na"}


def test_filter_by_group_and_combine_with_search(client, auth, users, org):
    auth.login_as(users["member"])
    group = org["committee"].id
    assert names_on(client.get(f"/directory/people?group={group}")) == {"Chen Dexin", "Zhou Ming"}
    assert names_on(client.get(f"/directory/people?group={group}&q=zhou")) == {"Zhou Ming"}


def test_nonsense_filter_values_are_ignored(client, auth, users, org):
    auth.login_as(users["member"])
    response = client.get("/directory/people?unit=abc&group=&page=x")
    assert response.status_code == 200
    assert len(names_on(response)) == 4


def test_list_is_paginated(app, client, auth, users, org):
    app.config["DIRECTORY_PAGE_SIZE"] = 3
    auth.login_as(users["member"])
    assert names_on(client.get("/directory/people")) == {"Chen Dexin", "Li Na", "Wang Xingquan"}
    second = client.get("/directory/people?page=2")
    assert names_on(second) == {"Zhou Ming"}
    assert 'aria-current="page">2<' in second.get_data(as_text=True)


def test_person_page_shows_the_unit_chain_and_groups(client, auth, users, org):
    auth.login_as(users["member"])
    html = client.get(f"/directory/people/{org['li'].id}").get_data(as_text=True)
    assert html.index("Group HQ") < html.index("S&amp;T Department") < html.index("Materials Lab")
    assert "li.na@lab.example.com" in html
    assert f"/directory/people/{org['li'].id}/edit" not in html  # members see no edit button


def test_unknown_person_is_404(client, auth, users):
    auth.login_as(users["member"])
    assert client.get("/directory/people/999").status_code == 404


def test_members_see_no_edit_controls(client, auth, users, org):
    auth.login_as(users["member"])
    html = client.get("/directory/people").get_data(as_text=True)
    assert "Add a person" not in html
    assert client.get("/directory/people/new").status_code == 403
    assert client.post("/directory/people/new", data={"name": "X"}).status_code == 403
    assert db.session.scalar(db.select(db.func.count()).select_from(Person)) == 4


def test_organizer_adds_a_person_without_an_account(client, auth, users, org):
    auth.login_as(users["organizer"])
    assert "Add a person" in client.get("/directory/people").get_data(as_text=True)
    response = client.post("/directory/people/new", data={
        "name": "Zhang Wei", "name_zh": "张伟", "title": "Chief Engineer", "title_zh": "总工程师",
        "unit_id": org["lab"].id, "email": " Zhang.Wei@Example.com ", "phone": "123",
        "groups": [org["committee"].id],
    })
    person = db.session.scalar(db.select(Person).where(Person.name == "Zhang Wei"))
    assert response.headers["Location"] == f"/directory/people/{person.id}"
    assert (person.name_zh, person.unit.code, person.email) == ("张伟", "LAB", "zhang.wei@example.com")
    assert [g.code for g in person.groups] == ["st-committee"]
    assert "Zhang Wei was added to the directory." in client.get(response.headers["Location"]).get_data(as_text=True)


def test_duplicate_email_is_refused_next_to_the_field_keeping_the_input(client, auth, users, org):
    auth.login_as(users["organizer"])
    response = client.post("/directory/people/new", data={
        "name": "Another Chen", "name_zh": "另一个", "email": "CHEN.DEXIN@example.com",
    })
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Another person in the directory already has this email address." in html
    assert 'value="Another Chen"' in html and 'value="另一个"' in html
    assert db.session.scalar(db.select(db.func.count()).select_from(Person)) == 4


def test_bad_email_and_missing_name_are_explained(client, auth, users):
    auth.login_as(users["organizer"])
    html = client.post("/directory/people/new", data={"name": "", "email": "not-an-email"}).get_data(as_text=True)
    assert "This field is required." in html
    assert "Invalid email address." in html


def test_organizer_edits_a_person(client, auth, users, org):
    auth.login_as(users["organizer"])
    wang = org["wang"]
    form = client.get(f"/directory/people/{wang.id}/edit").get_data(as_text=True)
    assert 'value="Wang Xingquan"' in form
    response = client.post(f"/directory/people/{wang.id}/edit", data={
        "name": "Wang Xingquan", "name_zh": "", "title": "Senior Vice President", "unit_id": org["hq"].id,
        "email": "wang@example.com", "groups": [org["committee"].id],
    })
    assert response.status_code == 302
    db.session.expire_all()
    assert (wang.title, wang.unit.code, [g.code for g in wang.groups]) == ("Senior Vice President", "HQ",
                                                                           ["st-committee"])
    assert wang.name_zh is None  # cleared: the form sent it empty


def test_editing_to_another_persons_email_is_refused(client, auth, users, org):
    auth.login_as(users["admin"])
    response = client.post(f"/directory/people/{org['wang'].id}/edit",
                           data={"name": "Wang Xingquan", "email": "li.na@lab.example.com"})
    assert "Another person in the directory already has this email address." in response.get_data(as_text=True)
    db.session.expire_all()
    assert org["wang"].email == "wang@example.com"


def test_people_list_query_count_does_not_grow_with_the_data(client, auth, users, count_queries):
    def grow(n):
        group = GroupFactory()
        for _ in range(n):
            PersonFactory(groups=[group, GroupFactory()])

    auth.login_as(users["member"])
    grow(3)
    with count_queries() as small:
        assert client.get("/directory/people").status_code == 200
    grow(27)
    with count_queries() as large:
        html = client.get("/directory/people").get_data(as_text=True)
    assert "30 people found" in html
    assert large.count == small.count
