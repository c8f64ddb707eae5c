"""The import pages: upload → preview → confirm or cancel, the upload kept on disk for its uploader only."""

import io
import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from meetapp import create_app
from meetapp.directory.models import Person, Unit
from meetapp.extensions import db
from tests.conftest import Auth, IsolatedRequestClient
from tests.factories import GroupFactory, UnitFactory, UserFactory

PEOPLE_CSV = ("name,name_zh,title,title_zh,unit_code,email,phone,groups\n"
              "Zhang Wei,张伟,Chief Engineer,总工程师,LAB,zhang.wei@example.com,123,st-committee\n"
              "Li Na,李娜,Director,主任,LAB,li.na@example.com,,\n")


@pytest.fixture
def lab(app):
    GroupFactory(code="st-committee", name="S&T Committee")
    return UnitFactory(code="LAB", name="Materials Lab")


def upload(client, data: bytes | str, kind="people", filename="people.csv"):
    if isinstance(data, str):
        data = data.encode()
    return client.post("/directory/import", data={"kind": kind, "file": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")


def token_of(response) -> str:
    match = re.fullmatch(r"/directory/import/([A-Za-z0-9_-]+)", response.headers["Location"])
    assert match, response.headers.get("Location")
    return match.group(1)


def people_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Person))


def test_import_page_documents_both_formats_with_templates(client, auth, users):
    auth.login_as(users["organizer"])
    html = client.get("/directory/import").get_data(as_text=True)
    assert "code,name,name_zh,kind,parent_code" in html
    assert "name,name_zh,title,title_zh,unit_code,email,phone,groups" in html
    assert "/directory/import/template/units.csv" in html and "/directory/import/template/people.csv" in html
    assert "rd_institute" in html


def test_template_download_is_a_csv_excel_reads_as_utf8(client, auth, users):
    auth.login_as(users["admin"])
    response = client.get("/directory/import/template/people.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.data.startswith(b"\xef\xbb\xbfname,name_zh,title,title_zh,unit_code,email,phone,groups\r\n")
    assert client.get("/directory/import/template/other.csv").status_code == 404


def test_upload_preview_confirm(app, client, auth, users, lab):
    auth.login_as(users["organizer"])
    response = upload(client, PEOPLE_CSV)
    token = token_of(response)
    stored = Path(app.config["UPLOAD_DIR"]) / "imports" / token / "upload.csv"
    assert stored.read_bytes() == PEOPLE_CSV.encode()

    preview = client.get(f"/directory/import/{token}").get_data(as_text=True)
    assert "Zhang Wei" in preview and "张伟" in preview
    assert preview.count(">New</span>") == 2
    assert "Import 2 rows" in preview
    assert people_count() == 0  # nothing yet

    response = client.post(f"/directory/import/{token}")
    assert response.headers["Location"] == "/directory/people"
    assert "Import done: 2 new, 0 updated, 0 unchanged." in client.get("/directory/people").get_data(as_text=True)
    assert people_count() == 2
    assert not stored.parent.exists()
    assert client.get(f"/directory/import/{token}").status_code == 404  # used up


def test_preview_shows_updates_with_the_current_value(client, auth, users, lab):
    auth.login_as(users["organizer"])
    client.post(f"/directory/import/{token_of(upload(client, PEOPLE_CSV))}")
    changed = PEOPLE_CSV.replace("Chief Engineer", "Chief Scientist")
    preview = client.get(f"/directory/import/{token_of(upload(client, changed))}").get_data(as_text=True)
    assert ">Update</span>" in preview and ">Unchanged</span>" in preview
    assert "Chief Scientist" in preview and "was: <del>Chief Engineer</del>" in preview


def test_units_import_goes_to_the_unit_tree(client, auth, users):
    auth.login_as(users["admin"])
    token = token_of(upload(client, "code,name,parent_code\nLAB,Lab,HQ\nHQ,Group HQ,\n", kind="units"))
    assert client.post(f"/directory/import/{token}").headers["Location"] == "/directory/units"
    assert db.session.scalar(sa.select(Unit).where(Unit.code == "LAB")).parent.code == "HQ"


def test_a_file_with_errors_lists_them_and_cannot_be_applied(client, auth, users, lab):
    auth.login_as(users["organizer"])
    bad = PEOPLE_CSV + "Wang Wu,,,,NOPE,zhang.wei@example.com,,ghost\n"
    token = token_of(upload(client, bad))
    preview = client.get(f"/directory/import/{token}").get_data(as_text=True)
    errors = preview[preview.index('id="import-errors"'):preview.index("</table>")]
    assert "Unknown unit code “NOPE”." in errors
    assert "“zhang.wei@example.com” already appears on row 2." in errors
    assert "Unknown group code “ghost”." in errors
    assert errors.count('href="#row-4"') == 3
    assert "Import 3 rows" not in preview
    assert "Upload a corrected file" in preview

    response = client.post(f"/directory/import/{token}")  # forced through anyway
    assert response.status_code == 200
    assert "The file has errors; nothing was imported." in response.get_data(as_text=True)
    assert people_count() == 0


def test_file_content_is_escaped_in_the_preview(client, auth, users):
    auth.login_as(users["organizer"])
    token = token_of(upload(client, 'name,unit_code\n<b>x</b>,"<script>alert(1)</script>"\n'))
    html = client.get(f"/directory/import/{token}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_refused_file_says_why_next_to_the_field_and_keeps_the_choice(client, auth, users):
    auth.login_as(users["organizer"])
    response = upload(client, "surname\nLi\n", kind="units", filename="units.csv")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Unknown column names in the first row: “surname”." in html
    assert re.search(r'<input checked[^>]*value="units"', html)
    assert upload(client, b"PK\x03\x04binary", filename="people.xlsx").status_code == 200
    assert "Choose a .csv file" in upload(client, b"name\nx\n", filename="people.xlsx").get_data(as_text=True)
    assert "Choose a CSV file." in client.post("/directory/import", data={"kind": "people"}).get_data(as_text=True)


def test_gb18030_file_from_chinese_excel(client, auth, users, lab):
    auth.login_as(users["organizer"])
    token = token_of(upload(client, PEOPLE_CSV.encode("gb18030")))
    client.post(f"/directory/import/{token}")
    assert db.session.scalar(sa.select(Person.name_zh).where(Person.name == "Zhang Wei")) == "张伟"


def test_another_user_cannot_use_someone_elses_upload(app, client, auth, users, lab):
    auth.login_as(users["organizer"])
    token = token_of(upload(client, PEOPLE_CSV))
    auth.login_as(UserFactory(roles=["organizer"]))
    assert client.get(f"/directory/import/{token}").status_code == 404
    assert client.post(f"/directory/import/{token}").status_code == 404
    assert client.post(f"/directory/import/{token}/cancel").status_code == 404
    assert people_count() == 0
    assert (Path(app.config["UPLOAD_DIR"]) / "imports" / token).exists()


@pytest.mark.parametrize("token", ["nope", "..", "x" * 43 + "/../.."])
def test_made_up_tokens_are_404(client, auth, users, token):
    auth.login_as(users["organizer"])
    assert client.get(f"/directory/import/{token}").status_code == 404


def test_cancel_removes_the_upload(app, client, auth, users, lab):
    auth.login_as(users["organizer"])
    token = token_of(upload(client, PEOPLE_CSV))
    response = client.post(f"/directory/import/{token}/cancel")
    assert response.headers["Location"] == "/directory/import"
    assert not (Path(app.config["UPLOAD_DIR"]) / "imports" / token).exists()
    assert people_count() == 0


def test_another_process_can_confirm_the_preview(app, app_config, client, auth, users, lab):
    """The upload lives on disk, so a second app (another worker process) serves the confirm."""
    auth.login_as(users["organizer"])
    token = token_of(upload(client, PEOPLE_CSV))
    other = create_app(app_config)
    other.test_client_class = IsolatedRequestClient
    other_client = other.test_client()
    Auth(other_client).login_as(users["organizer"])
    assert other_client.post(f"/directory/import/{token}").status_code == 302
    assert people_count() == 2
