"""The demo organisation: what it contains, that reloading changes nothing, its accounts and commands."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from meetapp import policy
from meetapp.auth.models import SystemRole, User
from meetapp.demo.loader import load_demo
from meetapp.demo.organisation import DEMO_PASSWORD, EMAIL_DOMAIN
from meetapp.demo.people import demo_people
from meetapp.directory.models import Group, Person, Unit, UnitKind, group_members
from meetapp.extensions import db
from tests.factories import PersonFactory, UnitFactory, UserFactory

ACCOUNTS = {
    "sun.hao@minmetals.example.com": {SystemRole.ADMIN},
    "li.na@minmetals.example.com": {SystemRole.ORGANIZER},
    "zhang.min@minmetals.example.com": {SystemRole.SECRETARY},
    "liu.yang@minmetals.example.com": {SystemRole.MEMBER},
    "chen.jing@minmetals.example.com": {SystemRole.MEMBER},
}


def group(code: str) -> Group:
    return db.session.scalar(sa.select(Group).where(Group.code == code))


def people_of(kind: UnitKind) -> dict[Unit, list[Person]]:
    units = db.session.scalars(sa.select(Unit).where(Unit.kind == kind)).all()
    return {unit: unit.people for unit in units}


def row_counts() -> dict[str, int]:
    tables = {"units": Unit, "people": Person, "groups": Group, "users": User}
    counts = {name: db.session.scalar(sa.select(sa.func.count()).select_from(model)) for name, model in tables.items()}
    counts["memberships"] = db.session.scalar(sa.select(sa.func.count()).select_from(group_members))
    return counts


def test_demo_is_the_organisation_of_the_meeting(app):
    load_demo()

    people = db.session.scalars(sa.select(Person)).all()
    assert len(people) >= 250
    assert len({person.email for person in people}) == len(people)
    assert all(person.email.endswith("@" + EMAIL_DOMAIN) and person.phone for person in people)
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", person.name_zh) for person in people)
    assert all(re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", person.name) for person in people)

    hq = db.session.scalar(sa.select(Unit).where(Unit.kind == UnitKind.GROUP_HQ))
    assert (hq.name, hq.name_zh) == ("China Minmetals Corporation", "中国五矿集团有限公司")

    leaders = {person.name: person for person in group("leadership").members}
    assert "Chairman" in leaders["Chen Dexin"].title and leaders["Chen Dexin"].name_zh == "陈得信"
    assert "General Manager" in leaders["Zhu Kebing"].title and leaders["Zhu Kebing"].name_zh == "朱可炳"
    assert "Director" in leaders["Wang Jiezhi"].title
    assert "Senior Vice President" in leaders["Wang Xingquan"].title
    assert sum("Senior Vice President" in person.title for person in leaders.values()) >= 3

    committee = group("st-committee").members
    assert len(committee) >= 25
    assert len({person.unit_id for person in committee}) >= 10  # drawn from across the group
    for code in ("chief-scientists", "chief-experts", "discipline-inspection", "board", "senior-executives"):
        assert group(code).members, code

    for kind, heads, at_least in (
        (UnitKind.SUBSIDIARY, {"Chairman", "President"}, 5),
        (UnitKind.RD_INSTITUTE, {"President"}, 2),
    ):
        units = people_of(kind)
        assert len(units) >= at_least
        for unit, staff in units.items():
            assert heads <= {person.title for person in staff}, unit.name
            assert unit.children or kind == UnitKind.RD_INSTITUTE, f"{unit.name} has no departments"

    kinds = {unit.kind for unit in db.session.scalars(sa.select(Unit))}
    assert {UnitKind.HQ_DEPARTMENT, UnitKind.REGIONAL_OFFICE, UnitKind.INNOVATION_CENTER} <= kinds
    assert max(depth(unit) for unit in db.session.scalars(sa.select(Unit))) >= 3


def depth(unit: Unit) -> int:
    return 1 if unit.parent is None else 1 + depth(unit.parent)


def test_loading_twice_changes_nothing(app):
    load_demo()
    counts = row_counts()
    snapshot = db.session.execute(sa.select(Person.email, Person.name, Person.title, Person.unit_id, Person.phone))
    snapshot = sorted(snapshot)
    db.session.expire_all()

    second = load_demo()

    assert row_counts() == counts
    assert sorted(db.session.execute(
        sa.select(Person.email, Person.name, Person.title, Person.unit_id, Person.phone)
    )) == snapshot
    assert sum(second.created.values()) == 0
    assert all(second.updated(kind) == 0 for kind in second.total)


def test_reloading_keeps_what_people_changed_by_hand(app, auth):
    load_demo()
    organizer = db.session.scalar(sa.select(User).where(User.email == "li.na@minmetals.example.com"))
    organizer.set_password("my own new password")
    newcomer = PersonFactory(email="newcomer@example.com")
    committee = group("st-committee")
    committee.members.append(newcomer)
    db.session.commit()

    load_demo()

    assert newcomer in committee.members
    assert auth.login("li.na@minmetals.example.com", "my own new password").status_code == 302


def test_the_same_people_on_every_run(app):
    # A fresh interpreter with another hash seed must draw the very same names: the demo never depends on chance.
    script = "from meetapp.demo.people import demo_people; print([(p.name_zh, p.email) for p in demo_people()])"
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": "123"},
        cwd=Path(__file__).resolve().parents[2],
    ).stdout
    assert output.strip() == str([(p.name_zh, p.email) for p in demo_people()])


@pytest.mark.parametrize("existing", ["account", "unit"])
def test_if_empty_leaves_a_database_with_data_alone(app, runner, existing):
    UserFactory() if existing == "account" else UnitFactory()
    before = row_counts()

    result = runner.invoke(args=["demo", "--if-empty"])

    assert result.exit_code == 0, result.output
    assert "not loaded" in result.output
    assert row_counts() == before


def test_if_empty_loads_a_fresh_database(app, runner):
    result = runner.invoke(args=["demo", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert row_counts()["people"] >= 250
    assert "people" in result.output


def test_demo_accounts_sign_in_with_their_roles(app, client, auth):
    load_demo()
    for email, roles in ACCOUNTS.items():
        assert auth.login(email, DEMO_PASSWORD).status_code == 302, email
        assert client.get("/").status_code == 200
        auth.logout()
        user = db.session.scalar(sa.select(User).where(User.email == email))
        assert user.roles == roles
        assert user.person is not None and user.person.email == email
    admin = db.session.scalar(sa.select(User).where(User.email == "sun.hao@minmetals.example.com"))
    member = db.session.scalar(sa.select(User).where(User.email == "liu.yang@minmetals.example.com"))
    assert policy.can("accounts.manage", user=admin)
    assert not policy.can("accounts.manage", user=member)


def test_demo_logins_prints_the_accounts(app, runner):
    assert "No demo accounts" in runner.invoke(args=["demo-logins"]).output

    runner.invoke(args=["demo"])
    result = runner.invoke(args=["demo-logins"])

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for email, roles in ACCOUNTS.items():
        [line] = [line for line in lines if email in line]
        assert DEMO_PASSWORD in line
        assert ", ".join(sorted(roles)) in line


def test_demo_logins_says_when_a_password_was_changed(app, runner):
    load_demo()
    user = db.session.scalar(sa.select(User).where(User.email == "zhang.min@minmetals.example.com"))
    user.set_password("something else entirely")
    db.session.commit()

    [line] = [line for line in runner.invoke(args=["demo-logins"]).output.splitlines() if "zhang.min@" in line]
    assert DEMO_PASSWORD not in line and "changed" in line


def test_readme_lists_the_demo_logins():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"`{DEMO_PASSWORD}`" in readme
    for email, roles in ACCOUNTS.items():
        assert re.search(rf"\| `{re.escape(email)}` \| {', '.join(sorted(roles))} \|", readme), email
