"""Units: the tree of any depth, the unit page, creating and moving units without making a cycle."""

import pytest

from meetapp.directory.models import Unit, UnitKind
from meetapp.extensions import db
from tests.factories import PersonFactory, UnitFactory


@pytest.fixture
def tree(app):
    """HQ → S&T department → materials lab → alloy team (four levels), and a second top unit."""
    hq = UnitFactory(code="HQ", name="Group HQ", kind=UnitKind.GROUP_HQ)
    dept = UnitFactory(code="HQ-STD", name="S&T Department", kind=UnitKind.HQ_DEPARTMENT, parent=hq)
    lab = UnitFactory(code="LAB", name="Materials Lab", parent=dept)
    team = UnitFactory(code="TEAM", name="Alloy Team", parent=lab)
    other = UnitFactory(code="CMRI", name="Changsha Institute", kind=UnitKind.RD_INSTITUTE)
    PersonFactory(name="Chen Dexin", unit=hq)
    PersonFactory(name="Li Na", unit=lab)
    PersonFactory(name="Zhao Lei", unit=team)
    return {"hq": hq, "dept": dept, "lab": lab, "team": team, "other": other}


def test_tree_shows_every_level_with_kind_and_people_counts(client, auth, users, tree):
    auth.login_as(users["member"])
    html = client.get("/directory/units").get_data(as_text=True)
    # Nested lists: each level sits inside its parent's item, in order.
    positions = [html.index(name) for name in ("Group HQ", "S&amp;T Department", "Materials Lab", "Alloy Team")]
    assert positions == sorted(positions)
    assert html.count("<ul") >= 4
    assert "Group headquarters" in html and "Headquarters department" in html
    assert "1 person" in html and "3 with sub-units" in html
    assert "Add a unit" not in html


def test_unit_page_shows_the_chain_above_the_sub_units_and_the_people(client, auth, users, tree):
    auth.login_as(users["member"])
    html = client.get(f"/directory/units/{tree['lab'].id}").get_data(as_text=True)
    breadcrumb = html[html.index('class="breadcrumb"'):html.index("</ol>")]
    assert breadcrumb.index("Group HQ") < breadcrumb.index("S&amp;T Department") < breadcrumb.index("Materials Lab")
    assert "Alloy Team" in html  # its sub-unit
    assert "Li Na" in html and "Zhao Lei" not in html  # people placed directly here
    assert f"/directory/people?unit={tree['lab'].id}&amp;subunits=y" in html
    assert "Edit" not in html and "Add a sub-unit" not in html


def test_organizer_creates_a_unit_under_a_parent(client, auth, users, tree):
    auth.login_as(users["organizer"])
    assert "Add a sub-unit" in client.get(f"/directory/units/{tree['dept'].id}").get_data(as_text=True)
    form = client.get(f"/directory/units/new?parent={tree['dept'].id}").get_data(as_text=True)
    assert f'<option selected value="{tree["dept"].id}">' in form
    response = client.post("/directory/units/new", data={
        "code": "HQ-STD-2", "name": "Standards Office", "name_zh": "标准办公室", "kind": "department",
        "parent_id": tree["dept"].id,
    })
    unit = db.session.scalar(db.select(Unit).where(Unit.code == "HQ-STD-2"))
    assert response.headers["Location"] == f"/directory/units/{unit.id}"
    assert (unit.parent.code, unit.kind, unit.name_zh) == ("HQ-STD", UnitKind.DEPARTMENT, "标准办公室")


def test_duplicate_code_is_refused_keeping_the_input(client, auth, users, tree):
    auth.login_as(users["admin"])
    html = client.post("/directory/units/new", data={
        "code": "LAB", "name": "Second Lab", "kind": "department", "parent_id": "",
    }).get_data(as_text=True)
    assert "Another unit already has this code." in html
    assert 'value="Second Lab"' in html


def test_code_must_be_a_simple_key(client, auth, users):
    auth.login_as(users["admin"])
    html = client.post("/directory/units/new", data={"code": "has space", "name": "X", "kind": "other"})
    assert "Use letters, digits, dots, dashes and underscores only" in html.get_data(as_text=True)


@pytest.mark.parametrize("new_parent", ["lab", "team", "dept"])  # itself, a grandchild, a great-grandchild...
def test_a_unit_cannot_move_under_itself_or_its_descendants(client, auth, users, tree, new_parent):
    auth.login_as(users["organizer"])
    moved = tree["dept"]
    response = client.post(f"/directory/units/{moved.id}/edit", data={
        "code": "HQ-STD", "name": "S&T Department", "kind": "hq_department", "parent_id": tree[new_parent].id,
    })
    assert response.status_code == 200
    assert "A unit cannot be placed under itself or under one of its own sub-units." in response.get_data(as_text=True)
    db.session.expire_all()
    assert moved.parent.code == "HQ"


def test_moving_a_unit_elsewhere_is_allowed(client, auth, users, tree):
    auth.login_as(users["organizer"])
    lab = tree["lab"]
    response = client.post(f"/directory/units/{lab.id}/edit", data={
        "code": "LAB", "name": "Materials Lab", "kind": "department", "parent_id": tree["other"].id,
    })
    assert response.status_code == 302
    db.session.expire_all()
    assert lab.parent.code == "CMRI"
    assert tree["team"].parent.code == "LAB"  # its sub-units move with it


def test_unit_page_query_count_does_not_grow_with_the_data(client, auth, users, tree, count_queries):
    def grow(n):
        for _ in range(n):
            child = UnitFactory(parent=tree["lab"])
            PersonFactory(unit=child)
            PersonFactory(unit=tree["lab"])

    auth.login_as(users["member"])
    grow(2)
    with count_queries() as small:
        assert client.get(f"/directory/units/{tree['lab'].id}").status_code == 200
    grow(18)
    with count_queries() as large:
        html = client.get(f"/directory/units/{tree['lab'].id}").get_data(as_text=True)
    assert "(21)" in html  # Li Na and the 20 added
    assert large.count == small.count


def test_units_tree_query_count_does_not_grow_with_the_data(client, auth, users, tree, count_queries):
    auth.login_as(users["member"])
    with count_queries() as small:
        client.get("/directory/units")
    for _ in range(10):
        PersonFactory(unit=UnitFactory(parent=UnitFactory(parent=tree["team"])))
    with count_queries() as large:
        client.get("/directory/units")
    assert large.count == small.count
