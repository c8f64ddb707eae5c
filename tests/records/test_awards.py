"""Award services and pages: programs with their levels, awards with recipients, the run-sheet, the registry."""

import pytest
import sqlalchemy as sa

from meetapp.audit.models import AuditEntry
from meetapp.extensions import db
from meetapp.records import awards
from meetapp.records.awards import AwardFields
from meetapp.records.models import Award, LevelKind, RecipientRole
from tests.factories import PersonFactory, UnitFactory
from tests.records.conftest import NOW


def _actions(kind_prefix="award"):
    return list(db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.action.like(f"{kind_prefix}%"))))


def test_a_new_program_has_the_four_standard_levels_and_refuses_a_duplicate(app, users):
    program = awards.create_program(users["secretary"], name="2025 China Minmetals S&T Award", year=2025)
    assert [level.kind for level in program.levels] == [LevelKind.SPECIAL, LevelKind.FIRST, LevelKind.SECOND,
                                                        LevelKind.THIRD]
    with pytest.raises(awards.ProgramExists):
        awards.create_program(users["secretary"], name="2025 China Minmetals S&T Award", year=2025)
    level = awards.add_level(users["secretary"], program, name="Young scientist", name_zh="青年科技奖")
    assert level.rank == 4 and level.label("zh") == "青年科技奖"
    with pytest.raises(awards.LevelExists):
        awards.add_level(users["secretary"], program, name="young scientist")
    assert "award_program.create" in _actions() and "award_level.create" in _actions()


def test_an_award_names_units_people_and_a_team(app, users, world):
    member = PersonFactory(email="member@example.org")
    fields = AwardFields(level=world.first, title="Smart mine", recipient_units="CMRI",
                         recipient_people="LEAD@example.com", team_name="Smart mine team",
                         team_members="member@example.org")
    award = awards.add_award(users["secretary"], world.program, fields)
    assert [(r.unit_id, r.person_id, r.role) for r in award.recipients] == [
        (world.unit.id, None, RecipientRole.RECIPIENT),
        (world.unit.id, world.lead.id, RecipientRole.RECIPIENT),
        (member.unit_id, member.id, RecipientRole.TEAM_MEMBER),
    ]
    assert award.run_order == 2  # after the two awards of the world
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "award.create"))
    assert entry.meeting_id == world.meeting.id


@pytest.mark.parametrize("fields, column", [
    ({"recipient_units": "NOPE"}, "recipient_units"),
    ({"recipient_people": "ghost@example.com"}, "recipient_people"),
    ({"recipient_units": "CMRI", "team_members": "ghost@example.com"}, "team_members"),
    ({}, "recipient_people"),
])
def test_an_award_with_unknown_or_no_recipients_is_refused(app, users, world, fields, column):
    with pytest.raises(awards.RecipientProblem) as refusal:
        awards.add_award(users["secretary"], world.program, AwardFields(level=world.first, title="X", **fields))
    assert refusal.value.column == column
    assert db.session.scalar(sa.select(sa.func.count(Award.id))) == 2


def test_the_run_sheet_orders_hands_over_and_marks_presented(app, users, client, auth, world):
    auth.login_as(users["secretary"])
    presenter = PersonFactory(email="chen@example.com", name="Chen Dexin")
    program_url = f"/records/awards/{world.program.id}"
    response = client.post(f"{program_url}/awards/{world.other_award.id}/move", data={"direction": "up"})
    assert response.status_code == 302
    client.post(f"{program_url}/awards/{world.other_award.id}/handover",
                data={f"a{world.other_award.id}-presenter": "chen@example.com",
                      f"a{world.other_award.id}-received_by": "lead@example.com"})
    client.post(f"{program_url}/awards/{world.other_award.id}/presented", data={"presented": "1"})
    db.session.expire_all()
    award = db.session.get(Award, world.other_award.id)
    assert award.run_order == 0 and award.presenter == presenter and award.received_by == world.lead
    assert award.presented and award.presented_at is not None
    page = client.get(f"{program_url}/run-sheet").get_data(as_text=True)
    assert page.index("Low-carbon sintering") < page.index("Deep-sea nodules")
    assert "1 of 2 presented" in page and "Chen Dexin" in page
    response = client.post(f"{program_url}/awards/{award.id}/handover",
                           data={f"a{award.id}-presenter": "nobody@example.com"}, follow_redirects=True)
    assert "No person in the directory has the email" in response.get_data(as_text=True)
    assert {"award.move", "award.present", "award.edit"} <= set(_actions())


def test_moving_past_the_end_is_refused(app, users, world):
    with pytest.raises(awards.AlreadyAtEnd):
        awards.move_award(users["secretary"], world.award, "up")


def test_mark_presented_can_be_taken_back(app, users, world):
    awards.mark_presented(users["secretary"], world.award, True, NOW)
    awards.mark_presented(users["secretary"], world.award, False, NOW)
    assert not world.award.presented and world.award.presented_at is None


def test_award_form_adds_and_edits(app, users, client, auth, world):
    auth.login_as(users["organizer"])
    url = f"/records/awards/{world.program.id}/awards/new"
    response = client.post(url, data={"level_id": world.first.id, "title": "Tailings reuse",
                                      "recipient_units": "CMRI; GHOST"})
    assert response.status_code == 200 and "Unknown unit code “GHOST”." in response.get_data(as_text=True)
    response = client.post(url, data={"level_id": world.first.id, "title": "Tailings reuse",
                                      "recipient_units": "CMRI", "citation": "For <b>reuse</b>"})
    assert response.status_code == 302
    page = client.get(f"/records/awards/{world.program.id}/").get_data(as_text=True)
    assert "Tailings reuse" in page and "For &lt;b&gt;reuse&lt;/b&gt;" in page


def test_members_read_but_cannot_record(app, users, client, auth, world):
    auth.login_as(users["member"])
    assert client.get(f"/records/awards/{world.program.id}/").status_code == 200
    page = client.get(f"/records/awards/{world.program.id}/run-sheet").get_data(as_text=True)
    assert "Mark as presented" not in page
    assert client.post(f"/records/awards/{world.program.id}/awards/{world.award.id}/presented",
                       data={"presented": "1"}).status_code == 403


def test_registry_filters_by_unit_level_and_year(app, users, client, auth, world):
    sub = UnitFactory(parent=world.unit, code="CMRI-LAB")
    other = UnitFactory(code="OTHER")
    second = next(level for level in world.program.levels if level.kind is LevelKind.SECOND)
    awards.add_award(users["secretary"], world.program, AwardFields(level=second, title="Lab award",
                                                                    recipient_units="CMRI-LAB"))
    awards.add_award(users["secretary"], world.program, AwardFields(level=second, title="Other award",
                                                                    recipient_units="OTHER"))
    auth.login_as(users["member"])

    def titles(**args):
        page = client.get("/records/awards/registry", query_string=args).get_data(as_text=True)
        return {t for t in ("Deep-sea nodules", "Low-carbon sintering", "Lab award", "Other award") if t in page}

    assert titles() == {"Deep-sea nodules", "Low-carbon sintering", "Lab award", "Other award"}
    assert titles(unit=world.unit.id) == {"Deep-sea nodules", "Low-carbon sintering", "Lab award"}
    assert titles(unit=other.id) == {"Other award"}
    assert titles(level="second") == {"Lab award", "Other award"}
    assert titles(unit=sub.id, level="first") == set()
    assert titles(year=2024) == titles()  # not a year of the registry: the filter is ignored
    assert titles(year=2025) == titles()


def test_record_pages_do_not_name_a_meeting_the_reader_may_not_see(app, users, client, auth, world):
    from meetapp.meetings.models import Visibility

    world.meeting.title = "Closed strategy session"
    world.meeting.visibility = Visibility.PARTICIPANTS
    db.session.commit()
    auth.login_as(users["member"])
    for url in (f"/records/awards/{world.program.id}/", "/records/awards/",
                f"/records/awards/{world.program.id}/run-sheet",
                f"/records/statements/{world.batch.id}/", "/records/statements/"):
        page = client.get(url).get_data(as_text=True)
        assert "Closed strategy session" not in page, url
        assert "an agenda item of a meeting you cannot see" in page, url
    assert client.get(f"/records/meetings/{world.meeting.id}").status_code == 404
    auth.login_as(users["secretary"])
    assert "Closed strategy session" in client.get(f"/records/awards/{world.program.id}/").get_data(as_text=True)
