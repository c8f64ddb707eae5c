"""The import pipeline: each row's planned action, the per-row errors, and all-or-nothing apply."""

import pytest
import sqlalchemy as sa

from meetapp.directory import services
from meetapp.directory.import_plans import plan_people, plan_units
from meetapp.directory.imports import read_csv
from meetapp.directory.models import Person, Unit, UnitKind
from meetapp.extensions import db
from tests.factories import GroupFactory, PersonFactory, UnitFactory


def units_table(text: str):
    return read_csv(("code,name,name_zh,kind,parent_code\n" + text).encode(), "units")


def people_table(text: str, header="name,name_zh,title,title_zh,unit_code,email,phone,groups"):
    return read_csv((header + "\n" + text).encode(), "people")


def errors_of(plan) -> list[tuple[int, str | None, str]]:
    return [(e.row, e.column, e.message) for e in plan.errors]


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


# --- units ---------------------------------------------------------------------------------------------


def test_units_child_before_parent_is_fine_and_applied_in_one_go(app, users):
    table = units_table("LAB,Materials Lab,,department,HQ-STD\nHQ-STD,S&T Department,科技创新部,hq_department,HQ\n"
                        "HQ,Group HQ,集团总部,group_hq,\n")
    plan = plan_units(table)
    assert plan.errors == []
    assert [r.action for r in plan.rows] == ["new", "new", "new"]
    services.import_units(users["organizer"], table)
    lab = db.session.scalar(sa.select(Unit).where(Unit.code == "LAB"))
    assert (lab.parent.code, lab.parent.parent.code, lab.parent.parent.parent) == ("HQ-STD", "HQ", None)
    assert lab.parent.kind is UnitKind.HQ_DEPARTMENT


def test_units_update_unchanged_and_new(app):
    hq = UnitFactory(code="HQ", name="Group HQ", name_zh="集团总部", kind=UnitKind.GROUP_HQ)
    UnitFactory(code="CMRI", name="Changsha Institute", name_zh=None, kind=UnitKind.RD_INSTITUTE, parent=hq)
    plan = plan_units(units_table("HQ,Group HQ,集团总部,group_hq,\nCMRI,Changsha Research Institute,,rd_institute,HQ\n"
                                  "BGRIMM,Beijing Institute,,rd_institute,HQ\n"))
    assert [r.action for r in plan.rows] == ["unchanged", "update", "new"]
    assert plan.rows[1].changes == {"name": "Changsha Institute"}  # the current value, shown as "was"


@pytest.mark.parametrize(("rows", "expected"), [
    ("HQ,,,,\n", [(2, "name", "A value is required.")]),
    (",Nameless,,,\n", [(2, "code", "A value is required.")]),
    ("HQ,A,,,\nHQ,B,,,\n", [(3, "code", "“HQ” already appears on row 2.")]),
    ("HQ,A,,castle,\n", [(2, "kind", "Unknown kind “castle”; use one of: group_hq, hq_department, "
                                     "regional_office, subsidiary, rd_institute, innovation_center, department, "
                                     "other.")]),
    ("LAB,A,,,NOPE\n", [(2, "parent_code", "Unknown parent unit code “NOPE”.")]),
    ("LAB,A,,,LAB\n", [(2, "parent_code", "A unit cannot be its own parent.")]),
    ("A,A,,,B\nB,B,,,A\n", [(2, "parent_code", "This parent would make a cycle: A → B → A."),
                            (3, "parent_code", "This parent would make a cycle: B → A → B.")]),
    ("X" * 41 + ",A,,,\n", [(2, "code", "At most 40 characters.")]),
    ("HQ,A,,,,extra\n", [(2, None, "This row has more cells than the first row has column names.")]),
])
def test_units_row_errors(app, rows, expected):
    assert errors_of(plan_units(units_table(rows))) == expected


def test_units_cycle_through_the_database(app):
    hq = UnitFactory(code="HQ")
    UnitFactory(code="DEPT", parent=hq)
    plan = plan_units(units_table("HQ,Group HQ,,group_hq,DEPT\n"))  # HQ under its own department
    assert errors_of(plan) == [(2, "parent_code", "This parent would make a cycle: HQ → DEPT → HQ.")]
    assert plan.rows[0].action == "error"


def test_units_with_errors_change_nothing(app, users):
    UnitFactory(code="HQ", name="Group HQ")
    table = units_table("HQ,Renamed HQ,,,\nNEW,New Unit,,,\nBAD,Bad,,,NOPE\n")
    with pytest.raises(services.ImportRefused) as refused:
        services.import_units(users["organizer"], table)
    assert len(refused.value.plan.errors) == 1
    db.session.expire_all()
    assert [u.name for u in db.session.scalars(sa.select(Unit))] == ["Group HQ"]


def test_units_left_out_columns_are_kept(app, users):
    hq = UnitFactory(code="HQ", name="Group HQ", name_zh="集团总部", kind=UnitKind.GROUP_HQ)
    dept = UnitFactory(code="DEPT", name="Dept", parent=hq)
    table = read_csv(b"code,name\nDEPT,Department\n", "units")
    services.import_units(users["organizer"], table)
    db.session.expire_all()
    assert (dept.name, dept.parent.code, hq.kind) == ("Department", "HQ", UnitKind.GROUP_HQ)


# --- people --------------------------------------------------------------------------------------------


@pytest.fixture
def directory(app):
    lab = UnitFactory(code="LAB", name="Materials Lab")
    UnitFactory(code="HQ", name="Group HQ")
    GroupFactory(code="st-committee", name="S&T Committee")
    GroupFactory(code="chief-scientists", name="Chief Scientists")
    PersonFactory(name="Li Na", name_zh="李娜", title="Director", title_zh=None, unit=lab,
                  email="Li.Na@Example.com", phone=None)
    return lab


def test_people_new_update_unchanged(directory):
    plan = plan_people(people_table(
        "Li Na,李娜,Director,,LAB,LI.NA@example.com,,\n"  # the stored person, email in another case
        "Li Na,李娜,Director,,LAB,li.na.2@example.com,,\n"  # another email: another person
        "Zhang Wei,张伟,Engineer,工程师,HQ,zhang.wei@example.com,123,st-committee;chief-scientists\n"
        "Zhou Ming,周明,,,,,,\n"
    ))
    assert plan.errors == []
    assert [r.action for r in plan.rows] == ["unchanged", "new", "new", "new"]


def test_people_update_shows_what_changes(directory):
    plan = plan_people(people_table("Li Na,李娜,Chief Engineer,,HQ,li.na@example.com,,st-committee\n"))
    row = plan.rows[0]
    assert row.action == "update"
    assert row.changes == {"title": "Director", "unit_code": "LAB", "groups": ""}


@pytest.mark.parametrize(("rows", "expected"), [
    (",李娜,,,,,,\n", [(2, "name", "A value is required.")]),
    ("A,,,,,not-an-email,,\n", [(2, "email", "“not-an-email” is not a valid email address.")]),
    ("A,,,,,a@example.com,,\nB,,,,,A@EXAMPLE.com,,\n", [(3, "email", "“a@example.com” already appears on row 2.")]),
    ("A,,,,NOPE,,,\n", [(2, "unit_code", "Unknown unit code “NOPE”.")]),
    ("A,,,,,,,st-committee; nope ;\n", [(2, "groups", "Unknown group code “nope”.")]),
    ("A,,,,,," + "1" * 41 + ",\n", [(2, "phone", "At most 40 characters.")]),
])
def test_people_row_errors(directory, rows, expected):
    assert errors_of(plan_people(people_table(rows))) == expected


def test_people_errors_are_all_reported_with_rows_and_columns(directory):
    plan = plan_people(people_table("Good,,,,LAB,good@example.com,,\n"
                                    ",,,,NOPE,bad,,nope\n"))
    assert errors_of(plan) == [
        (3, "name", "A value is required."),
        (3, "email", "“bad” is not a valid email address."),
        (3, "unit_code", "Unknown unit code “NOPE”."),
        (3, "groups", "Unknown group code “nope”."),
    ]
    assert [r.action for r in plan.rows] == ["new", "error"]


def test_people_import_upserts_by_email_and_always_creates_without_email(directory, users):
    table = people_table(
        "Li Na,李娜,Chief Engineer,总工程师,HQ,LI.NA@example.com,+86 1,st-committee;chief-scientists\n"
        "Zhou Ming,周明,,,,,,\n"
        "Zhou Ming,周明,,,,,,\n"
    )
    plan = services.import_people(users["organizer"], table)
    assert plan.counts == {"update": 1, "new": 2}
    db.session.expire_all()
    li = db.session.scalar(sa.select(Person).where(Person.name == "Li Na"))
    assert (li.title_zh, li.unit.code, li.phone) == ("总工程师", "HQ", "+86 1")
    assert sorted(g.code for g in li.groups) == ["chief-scientists", "st-committee"]
    assert count(Person) == 3  # Li Na updated, two Zhou Mings added


def test_people_left_out_columns_are_kept(directory, users):
    services.import_people(users["organizer"], people_table("Li Na,li.na@example.com,+86 2\n",
                                                            header="name,email,phone"))
    db.session.expire_all()
    li = db.session.scalar(sa.select(Person).where(Person.name == "Li Na"))
    assert (li.phone, li.title, li.unit.code) == ("+86 2", "Director", "LAB")


def test_people_with_one_bad_row_change_nothing(directory, users):
    table = people_table("Li Na,李娜,Changed,,LAB,li.na@example.com,,\nNew Person,,,,,,,\nBad,,,,NOPE,,,\n")
    with pytest.raises(services.ImportRefused):
        services.import_people(users["organizer"], table)
    db.session.expire_all()
    assert count(Person) == 1
    assert db.session.scalar(sa.select(Person.title)) == "Director"


def test_a_clash_at_commit_rolls_everything_back(directory, users, monkeypatch):
    """If the database refuses the batch (someone took an email meanwhile), nothing of it stays."""
    table = people_table("Wang Wu,,,,,wang@example.com,,\nZhao Liu,,,,,zhao@example.com,,\n")
    real_plan = services.import_plans.plan_people

    def plan_then_race(t):
        plan = real_plan(t)
        db.session.add(Person(name="Someone else", email="zhao@example.com"))
        return plan

    monkeypatch.setattr(services.import_plans, "plan_people", plan_then_race)
    with pytest.raises(services.ImportRefused) as refused:
        services.import_people(users["organizer"], table)
    assert "The directory changed while importing" in str(refused.value)
    assert count(Person) == 1
