"""Route × role rows of the records area (see tests/route_matrix.py).

Every signed-in user reads award programs, the registry, statement batches and the follow-up; secretaries,
organizers and admins record (members get 403). POSTs here carry an empty form: managers see the form again
with its errors (200/400), or are redirected when an empty form is a valid request. The scan of the sample
statement has not been uploaded (404 for those entitled to it; tests/records/test_scans.py downloads one); the
import token is not theirs (404)."""

from __future__ import annotations

from tests.route_matrix import only, signed_in

KEEPERS = ("organizer", "secretary", "admin")


def keepers(status, denied=403) -> dict:
    return only(KEEPERS, status, denied=denied)


ROUTES = {
    # awards
    ("GET", "records.programs"): signed_in(200),
    ("GET", "records.new_program"): keepers(200),
    ("POST", "records.new_program"): keepers(200),
    ("GET", "records.program"): signed_in(200),
    ("GET", "records.edit_program"): keepers(200),
    ("POST", "records.edit_program"): keepers(200),
    ("POST", "records.add_level"): keepers(400),
    ("GET", "records.new_award"): keepers(200),
    ("POST", "records.new_award"): keepers(200),
    ("GET", "records.edit_award"): keepers(200),
    ("POST", "records.edit_award"): keepers(200),
    ("POST", "records.delete_award"): keepers({302, 404}),  # the first keeper deletes it
    ("GET", "records.run_sheet"): signed_in(200),
    ("POST", "records.move_award"): keepers(400),
    ("POST", "records.set_handover"): keepers(302),
    ("POST", "records.mark_presented"): keepers(400),
    ("GET", "records.winners_template"): keepers(200),
    ("GET", "records.import_winners"): keepers(200),
    ("POST", "records.import_winners"): keepers(200),
    ("GET", "records.import_preview"): keepers(404),
    ("POST", "records.import_confirm"): keepers(404),
    ("POST", "records.import_cancel"): keepers(404),
    ("GET", "records.registry"): signed_in(200),
    # statements
    ("GET", "records.batches"): signed_in(200),
    ("GET", "records.new_batch"): keepers(200),
    ("POST", "records.new_batch"): keepers(200),
    ("GET", "records.batch"): signed_in(200),
    ("GET", "records.edit_batch"): keepers(200),
    ("POST", "records.edit_batch"): keepers(200),
    ("GET", "records.new_statement"): keepers(200),
    ("POST", "records.new_statement"): keepers(200),
    ("GET", "records.statement"): signed_in(200),
    ("GET", "records.edit_statement"): keepers(200),
    ("POST", "records.edit_statement"): keepers(200),
    ("POST", "records.sign"): keepers(400),
    ("POST", "records.upload_scan"): keepers(400),
    ("GET", "records.download_scan"): keepers(404),
    ("POST", "records.set_status"): keepers(302),
    ("POST", "records.update_milestone"): keepers(400),  # refused: the statement is not signed yet
    ("POST", "records.edit_milestone"): keepers(400),
    ("POST", "records.delete_milestone"): keepers({302, 404}),  # the first keeper deletes it
    ("GET", "records.follow_up_latest"): signed_in(302),
    ("GET", "records.follow_up"): signed_in(200),
    # a meeting's Awards & statements tab (the sample meeting is internal)
    ("GET", "records.meeting_record"): signed_in(200),
}


def populate(world) -> None:
    from tests.records.conftest import records_world

    world.records = records_world(world.users["organizer"])


def url_values(world) -> dict[str, dict]:
    r = world.records
    program = {"program_id": r.program.id}
    award = {**program, "award_id": r.award.id}  # deleted by the first keeper
    other = {**program, "award_id": r.other_award.id}
    token = {**program, "token": "x" * 43}
    statement = {"statement_id": r.statement.id}
    return {
        "records.program": program, "records.edit_program": program, "records.add_level": program,
        "records.new_award": program, "records.run_sheet": program, "records.import_winners": program,
        "records.edit_award": other, "records.delete_award": award,
        "records.move_award": other, "records.set_handover": other, "records.mark_presented": other,
        "records.import_preview": token, "records.import_confirm": token, "records.import_cancel": token,
        "records.batch": {"batch_id": r.batch.id}, "records.edit_batch": {"batch_id": r.batch.id},
        "records.new_statement": {"batch_id": r.batch.id},
        "records.statement": statement, "records.edit_statement": statement, "records.sign": statement,
        "records.upload_scan": statement, "records.download_scan": statement, "records.set_status": statement,
        "records.update_milestone": {"milestone_id": r.milestone.id},
        "records.edit_milestone": {"milestone_id": r.milestone.id},
        "records.delete_milestone": {"milestone_id": r.spare_milestone.id},
        "records.follow_up": {"year": 2026}, "records.meeting_record": {"meeting_id": r.meeting.id},
    }
