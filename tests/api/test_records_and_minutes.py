"""Awards, statements and minutes through the API: the records and minutes services do the work; published
minutes and a stale version are 409s."""

from __future__ import annotations

import pytest

from meetapp.extensions import db
from meetapp.minutes.models import Minutes
from tests.api.conftest import assert_problem
from tests.records.conftest import records_world
from tests.route_matrix import ROLES


@pytest.fixture
def records(users):
    return records_world(users["organizer"])


def _as(role):
    return None if role == "anonymous" else role


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_and_adds_awards_and_statements(api, records, role):
    meeting = f"/meetings/{records.meeting.id}"
    reads = api.get(f"{meeting}/awards", as_=_as(role))
    adds = api.post(f"{meeting}/awards", as_=_as(role), json={
        "program_id": records.program.id, "level_id": records.first.id, "title": "Smart mine",
        "recipient_units": ["CMRI"], "recipient_people": ["lead@example.com"]})
    statements = api.get(f"{meeting}/statements", as_=_as(role))
    signs = api.post(f"{meeting}/statements", as_=_as(role), json={
        "batch_id": records.batch.id, "key_task": "Cut energy use by 5%", "unit_id": records.unit.id,
        "first_signatory_id": records.leader.id, "second_signatory_id": records.lead.id,
        "milestones": [{"title": "Audit", "due_date": "2026-09-30"}]})
    expected = {"anonymous": (401, 401, 401, 401), "member": (200, 403, 200, 403),
                "organizer": (200, 201, 200, 201), "secretary": (200, 201, 200, 201), "admin": (200, 201, 200, 201)}
    assert (reads.status_code, adds.status_code, statements.status_code, signs.status_code) == expected[role]
    if role == "admin":
        titles = [a["title"] for a in api.get(f"{meeting}/awards").get_json()["items"]]
        assert titles == ["Deep-sea nodules", "Low-carbon sintering", "Smart mine"]
        added = adds.get_json()
        assert next((r["role"], r["unit_id"]) for r in added["recipients"]) == ("recipient", records.unit.id)
        listed = api.get(f"{meeting}/statements").get_json()["items"]
        assert listed[-1]["key_task"] == "Cut energy use by 5%" and listed[-1]["milestones"][0]["title"] == "Audit"


def test_award_refusals_name_what_is_wrong(api, records):
    meeting = f"/meetings/{records.meeting.id}"
    problem = assert_problem(api.post(f"{meeting}/awards", json={
        "program_id": records.program.id, "level_id": records.first.id, "title": "Nobody",
        "recipient_people": ["nobody@example.com"]}), 422)
    assert "nobody@example.com" in problem["detail"] and "recipient_people" in problem["errors"]
    from meetapp.records.models import AwardLevel, LevelKind
    from tests.factories import AwardProgramFactory

    other = AwardProgramFactory(name="Another program", year=2024, levels=[AwardLevel(kind=LevelKind.FIRST, rank=0)])
    problem = assert_problem(api.post(f"{meeting}/awards", json={
        "program_id": other.id, "level_id": other.levels[0].id, "title": "Elsewhere",
        "recipient_units": ["CMRI"]}), 422)
    assert "program_id" in problem["errors"]


def test_minutes_versions_locking_and_publication(api, users, world):
    meeting = f"/meetings/{world.meeting.id}/minutes"
    assert_problem(api.get(meeting), 404)  # none yet
    assert_problem(api.put(meeting, json={"version": 3, "body": "Text"}), 409)
    first = api.put(meeting, json={"version": 0, "body": "# Minutes\n\nOpened at nine.",
                                   "decisions": ["Adopt the plan"],
                                   "action_items": [{"title": "Send the plan", "owner_id": world.invitee.person_id,
                                                     "due_on": "2026-04-01"}]})
    assert first.status_code == 200, first.get_data(as_text=True)
    body = first.get_json()
    assert body["status"] == "draft" and body["decisions"] == ["Adopt the plan"] and body["version"] == 2
    assert body["action_items"][0]["title"] == "Send the plan" and "Opened at nine." in body["content"]

    stale = assert_problem(api.put(meeting, json={"version": 1, "body": "Mine"}), 409)
    assert "Someone else saved" in stale["detail"]
    second = api.put(meeting, json={"version": 2, "body": "Corrected"}, as_="organizer").get_json()
    assert second["version"] == 3 and second["body"] == "Corrected"

    reviewer = users["secretary"]
    moved = api.post(f"{meeting}/transitions", json={"to": "in_review", "reviewer_ids": [reviewer.id]})
    assert moved.status_code == 200 and moved.get_json()["status"] == "in_review"
    assert_problem(api.post(f"{meeting}/transitions", json={"to": "approved"}), 409)  # not approved by all yet
    from meetapp.minutes import services

    services.approve(reviewer, db.session.get(Minutes, body["id"]))
    assert api.post(f"{meeting}/transitions", json={"to": "published"}).get_json()["status"] == "published"
    problem = assert_problem(api.put(meeting, json={"version": 3, "body": "Late change"}), 409)
    assert "Published minutes cannot be changed" in problem["detail"]
    assert api.get(meeting, as_="secretary").get_json()["status"] == "published"


@pytest.mark.parametrize(("role", "reads", "writes"), [
    ("anonymous", 401, 401), ("member", 404, 404), ("organizer", 200, 200), ("secretary", 200, 200),
    ("admin", 200, 200)])
def test_who_reads_and_writes_draft_minutes(api, world, role, reads, writes):
    meeting = f"/meetings/{world.meeting.id}/minutes"
    assert api.put(meeting, json={"version": 0, "body": "Draft"}, as_="admin").status_code == 200
    assert api.get(meeting, as_=_as(role)).status_code == reads
    assert api.put(meeting, json={"version": 2, "body": "Edited"}, as_=_as(role)).status_code == writes
    assert api.post(f"{meeting}/transitions", json={"to": "draft"}, as_=_as(role)).status_code in (
        {writes} if writes >= 400 else {409})  # draft → draft is not a move


def test_unknown_reviewers_are_a_field_error(api, world):
    meeting = f"/meetings/{world.meeting.id}/minutes"
    api.put(meeting, json={"version": 0, "body": "Draft"})
    problem = assert_problem(api.post(f"{meeting}/transitions", json={"to": "in_review", "reviewer_ids": [99999]}),
                             422)
    assert "reviewer_ids" in problem["errors"]


def test_award_and_statement_lists_cost_the_same_queries_for_more_rows(api, records, count_queries):
    from tests.factories import AwardFactory, MilestoneFactory, StatementFactory

    paths = [f"/meetings/{records.meeting.id}/awards", f"/meetings/{records.meeting.id}/statements"]

    def counts():
        api.get(paths[0])  # warm: the token's last use is written at most once a minute
        found = []
        for path in paths:
            with count_queries() as counter:
                assert api.get(path).status_code == 200
            found.append(counter.count)
        return found

    before = counts()
    for _ in range(10):
        AwardFactory(level=records.first)
        MilestoneFactory(statement=StatementFactory(batch=records.batch))
    assert api.get(paths[0]).get_json()["total"] == 12
    assert counts() == before
