"""Statement services and pages: drafting, signing with a scan, status, milestone updates, overdue, follow-up."""

import io
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from meetapp.audit.models import AuditEntry
from meetapp.extensions import db
from meetapp.records import statements
from meetapp.records.models import Statement, StatementStatus
from tests.factories import MilestoneFactory, PersonFactory, UserFactory
from tests.records.conftest import NOW

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TODAY = date(2026, 7, 10)


def _sign(world, users, **kwargs):
    return statements.record_signing(users["secretary"], world.statement, signed_at=NOW, item=world.signing,
                                     **kwargs)


def test_adding_a_statement_with_milestones(app, users, client, auth, world):
    auth.login_as(users["secretary"])
    response = client.post(f"/records/statements/{world.batch.id}/statements/new", data={
        "key_task": "Deep-sea mining pilot", "unit_code": "CMRI", "first_signatory_email": "chairman@example.com",
        "second_signatory_email": "lead@example.com", "milestones": "2026-03-31 Design review\nnot a date",
    })
    assert "Line 2: start with the due date as YYYY-MM-DD" in response.get_data(as_text=True)
    response = client.post(f"/records/statements/{world.batch.id}/statements/new", data={
        "key_task": "Deep-sea mining pilot", "unit_code": "CMRI", "first_signatory_email": "lead@example.com",
        "second_signatory_email": "lead@example.com", "milestones": "2026-03-31 Design review",
    })
    assert "The two signatories must be different people." in response.get_data(as_text=True)
    response = client.post(f"/records/statements/{world.batch.id}/statements/new", data={
        "key_task": "Deep-sea mining pilot", "unit_code": "CMRI", "first_signatory_email": "chairman@example.com",
        "second_signatory_email": "lead@example.com",
        "milestones": "2026-09-30 Pilot run\n2026-03-31 Design review",
    })
    assert response.status_code == 302
    statement = db.session.scalar(sa.select(Statement).where(Statement.key_task == "Deep-sea mining pilot"))
    assert [m.title for m in statement.milestones] == ["Design review", "Pilot run"]
    assert statement.status is StatementStatus.DRAFTED


def test_signing_records_who_when_where_and_the_scan(app, users, world):
    deputy = PersonFactory(email="deputy@example.com")
    statement = _sign(world, users, second_signed_by=deputy, scan=io.BytesIO(PDF), scan_filename="signed.pdf")
    assert statement.status is StatementStatus.SIGNED and statement.signed_at == NOW
    assert statement.signed_item == world.signing and statement.signing_recorded_by == users["secretary"]
    assert statement.first_signed_by == world.leader and statement.second_signed_by == deputy
    assert statement.scan_filename == "signed.pdf" and statement.scan_content_type == "application/pdf"
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "statement.sign"))
    assert entry.meeting_id == world.meeting.id
    with pytest.raises(statements.AlreadySigned):
        _sign(world, users)


def test_a_scan_that_is_not_a_pdf_or_image_refuses_the_signing(app, users, world):
    from meetapp.uploads import UnsupportedFileType

    with pytest.raises(UnsupportedFileType):
        _sign(world, users, scan=io.BytesIO(b"<html><script>alert(1)</script>"), scan_filename="x.pdf")
    db.session.expire_all()
    assert db.session.get(Statement, world.statement.id).status is StatementStatus.DRAFTED
    folder = app.config["UPLOAD_DIR"] + "/" + statements.SCANS_FOLDER
    import os

    assert not os.path.isdir(folder) or not os.listdir(folder)


def test_status_moves(app, users, world):
    with pytest.raises(statements.NotSigned):
        statements.set_status(users["secretary"], world.statement, StatementStatus.COMPLETED)
    _sign(world, users)
    statements.set_status(users["secretary"], world.statement, StatementStatus.COMPLETED)
    statements.set_status(users["secretary"], world.statement, StatementStatus.IN_PROGRESS)
    with pytest.raises(statements.StatusMoveRefused):
        statements.set_status(users["secretary"], world.statement, StatementStatus.SIGNED)


def test_overdue_is_derived_from_open_milestones_past_due(app, world):
    statement = world.statement  # one milestone due 2026-06-30
    assert not statement.is_overdue(date(2026, 6, 30))
    assert statement.is_overdue(date(2026, 7, 1))
    world.milestone.done_on = date(2026, 7, 2)
    assert not statement.is_overdue(date(2026, 7, 3))
    world.milestone.done_on = None
    statement.status = StatementStatus.COMPLETED
    assert not statement.is_overdue(date(2026, 7, 3))


def test_the_units_people_update_milestones_others_may_not(app, users, client, auth, world):
    _sign(world, users)
    outsider = UserFactory(person=PersonFactory())
    insider = UserFactory(person=PersonFactory(unit=world.unit))
    url = f"/records/statements/milestones/{world.milestone.id}"
    data = {f"m{world.milestone.id}-done": "y", f"m{world.milestone.id}-done_on": "2026-06-20",
            f"m{world.milestone.id}-progress_note": "Design review passed"}
    auth.login_as(outsider)
    assert client.post(url, data=data).status_code == 403
    page = client.get(f"/records/statements/s/{world.statement.id}/").get_data(as_text=True)
    assert "Update this milestone" not in page
    auth.login_as(insider)
    assert client.post(url, data=data).status_code == 302
    db.session.expire_all()
    statement = db.session.get(Statement, world.statement.id)
    assert statement.milestones[0].done_on == date(2026, 6, 20)
    assert statement.milestones[0].updated_by_id == insider.id
    assert statement.status is StatementStatus.IN_PROGRESS
    assert db.session.scalar(sa.select(AuditEntry.action).where(AuditEntry.action == "milestone.update"))


def test_follow_up_shows_progress_per_unit_and_highlights_overdue(app, users, client, auth, world, monkeypatch):
    _sign(world, users)
    MilestoneFactory(statement=world.statement, title="Pilot run", due_date=date(2026, 9, 30))
    MilestoneFactory(statement=world.statement, title="Kick-off", due_date=date(2026, 3, 1), done_on=date(2026, 3, 1))
    from meetapp.records import statement_views

    monkeypatch.setattr(statement_views, "utcnow", lambda: datetime(2026, 7, 10, 4, 0, tzinfo=UTC))
    auth.login_as(users["member"])
    page = client.get("/records/statements/follow-up/2026").get_data(as_text=True)
    overdue = page[page.index('id="overdue"'):page.index('id="units"')]
    assert world.milestone.title in overdue and "Pilot run" not in overdue and "Kick-off" not in overdue
    units = page[page.index('id="units"'):page.index('id="statements"')]
    assert "Changsha Research Institute" in units and "1 of 3" in units
    assert client.get("/records/statements/follow-up/").headers["Location"].endswith("/follow-up/2026")


def test_managers_move_a_due_date_and_delete_a_milestone(app, users, client, auth, world):
    auth.login_as(users["secretary"])
    prefix = f"e{world.milestone.id}"
    response = client.post(f"/records/statements/milestones/{world.milestone.id}/edit",
                           data={f"{prefix}-title": "Design review", f"{prefix}-due_date": "2026-07-31"})
    assert response.status_code == 302
    response = client.post(f"/records/statements/milestones/{world.milestone.id}/edit",
                           data={f"{prefix}-title": "", f"{prefix}-due_date": "2026-07-31"})
    assert response.status_code == 400 and "Name the milestone." in response.get_data(as_text=True)
    db.session.expire_all()
    assert (world.milestone.title, world.milestone.due_date) == ("Design review", date(2026, 7, 31))
    assert client.post(f"/records/statements/milestones/{world.milestone.id}/delete").status_code == 302
    db.session.expire_all()
    assert db.session.get(Statement, world.statement.id).milestones == []
    actions = set(db.session.scalars(sa.select(AuditEntry.action)))
    assert {"milestone.edit", "milestone.delete"} <= actions
    auth.login_as(users["member"])
    assert client.post(f"/records/statements/milestones/{world.spare_milestone.id}/delete").status_code == 403
