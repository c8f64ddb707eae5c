"""The signed scan: uploaded through the signing form, kept outside the web root, downloaded as an attachment only
by the record keepers, the signatories and the responsible unit's people."""

import io
from pathlib import Path

import sqlalchemy as sa

from meetapp.extensions import db
from meetapp.records.models import Statement, StatementStatus
from tests.factories import PersonFactory, UserFactory
from tests.records.test_statements import PDF


def _sign_through_the_form(client, world):
    response = client.post(f"/records/statements/s/{world.statement.id}/sign", data={
        "signed_at": "2026-02-26T10:30", "scan": (io.BytesIO(PDF), "责任书 signed.pdf"),
    }, content_type="multipart/form-data")
    db.session.expire_all()
    return response


def test_secretary_records_the_signing_with_a_scan(app, users, client, auth, world):
    auth.login_as(users["secretary"])
    response = _sign_through_the_form(client, world)
    assert response.status_code == 302
    statement = db.session.scalar(sa.select(Statement).where(Statement.id == world.statement.id))
    assert statement.status is StatementStatus.SIGNED
    assert statement.signed_at.isoformat() == "2026-02-26T02:30:00+00:00"  # 10:30 in Beijing
    stored = Path(app.config["UPLOAD_DIR"]) / "statement-scans" / statement.scan_stored_name
    assert stored.read_bytes() == PDF
    assert not str(stored.resolve()).startswith(str(Path(app.static_folder).resolve()))
    page = client.get(f"/records/meetings/{world.meeting.id}").get_data(as_text=True)
    assert world.statement.key_task in page


def test_scan_is_served_as_attachment_to_entitled_users_only(app, users, client, auth, world):
    auth.login_as(users["secretary"])
    _sign_through_the_form(client, world)
    url = f"/records/statements/s/{world.statement.id}/scan"
    signatory = UserFactory(person=world.leader)
    colleague = UserFactory(person=PersonFactory(unit=world.unit))
    for user in (users["secretary"], users["organizer"], signatory, colleague):
        auth.login_as(user)
        response = client.get(url)
        assert response.status_code == 200, user
        assert response.data == PDF
        assert response.headers["Content-Disposition"].startswith("attachment;")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    for user in (users["member"], UserFactory(person=PersonFactory())):
        auth.login_as(user)
        assert client.get(url).status_code == 403
    auth.logout()
    assert client.get(url).status_code == 302  # to sign in


def test_a_wrong_scan_is_shown_next_to_the_field(app, users, client, auth, world):
    auth.login_as(users["secretary"])
    response = client.post(f"/records/statements/s/{world.statement.id}/sign", data={
        "signed_at": "2026-02-26T10:30", "scan": (io.BytesIO(b"MZ\x90\x00 not a scan"), "scan.pdf"),
    }, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "This kind of file cannot be uploaded here" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Statement, world.statement.id).status is StatementStatus.DRAFTED


def test_a_scan_can_be_replaced_after_the_signing(app, users, client, auth, world):
    auth.login_as(users["secretary"])
    _sign_through_the_form(client, world)
    old = db.session.get(Statement, world.statement.id).scan_stored_name
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    response = client.post(f"/records/statements/s/{world.statement.id}/scan",
                           data={"scan": (io.BytesIO(png), "page.png")}, content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.expire_all()
    statement = db.session.get(Statement, world.statement.id)
    assert statement.scan_filename == "page.png" and statement.scan_stored_name != old
    assert not (Path(app.config["UPLOAD_DIR"]) / "statement-scans" / old).exists()
