"""Materials: uploads judged by content, size limits, files kept outside the web root, downloads by permission."""

import hashlib
import io
from pathlib import Path

import pytest

from meetapp.agenda.models import Material
from meetapp.extensions import db
from meetapp.meetings.models import Visibility
from tests.agenda import samples
from tests.factories import AgendaItemFactory, MeetingFactory, ParticipantFactory, PersonFactory, UserFactory


@pytest.fixture
def item(morning):
    return AgendaItemFactory(session=morning, position=0, title="S&T innovation report")


def upload(client, item, content: bytes, filename: str, content_type="application/pdf", **kwargs):
    meeting_id = item.session.meeting_id
    return client.post(
        f"/meetings/{meeting_id}/agenda/items/{item.id}/materials",
        data={"file": (io.BytesIO(content), filename, content_type)},
        content_type="multipart/form-data",
        **kwargs,
    )


def stored_files(app) -> list[Path]:
    folder = Path(app.config["UPLOAD_DIR"]) / "materials"
    return sorted(folder.iterdir()) if folder.exists() else []


def materials() -> list[Material]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(Material)))


@pytest.fixture
def organizer(auth, users):
    auth.login_as(users["organizer"])
    return users["organizer"]


def test_upload_a_pdf(app, client, organizer, item):
    response = upload(client, item, samples.PDF, "科技创新工作报告.pdf")
    assert response.status_code == 302 and response.location.endswith("#materials")
    (material,) = materials()
    assert (material.filename, material.content_type, material.size) == (
        "科技创新工作报告.pdf", "application/pdf", len(samples.PDF),
    )
    assert material.sha256 == hashlib.sha256(samples.PDF).hexdigest()
    assert material.uploaded_by_id == organizer.id
    (path,) = stored_files(app)
    assert path.name == material.stored_name and path.read_bytes() == samples.PDF
    assert not path.resolve().is_relative_to(Path(app.static_folder).resolve())  # outside the web root


@pytest.mark.parametrize(
    ("content", "filename", "content_type", "stored_type"),
    [
        (samples.ooxml("docx"), "讲话.docx", "application/octet-stream", "wordprocessingml"),
        (samples.ooxml("pptx"), "slides.pptx", "application/zip", "presentationml"),
        (samples.ooxml("xlsx"), "awards.xlsx", "text/plain", "spreadsheetml"),
        (samples.ole2("WordDocument"), "old.doc", "application/msword", "application/msword"),
        (samples.JPEG, "photo.jpg", "image/jpeg", "image/jpeg"),
    ],
)
def test_office_documents_and_images_are_accepted_whatever_the_browser_claims(
    client, organizer, item, content, filename, content_type, stored_type
):
    assert upload(client, item, content, filename, content_type).status_code == 302
    (material,) = materials()
    assert stored_type in material.content_type and material.filename == filename


@pytest.mark.parametrize("content", [samples.HTML_AS_PDF, samples.PDF_AFTER_SCRIPT, samples.ooxml("docm")])
def test_a_file_that_is_not_what_its_name_says_is_refused(app, client, organizer, item, content):
    response = upload(client, item, content, "agenda.pdf", "application/pdf")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This kind of file cannot be uploaded here" in html
    assert "PDF, Word (.docx)" in html  # says what is accepted
    assert materials() == [] and stored_files(app) == []


def test_a_png_named_pdf_is_kept_as_the_image_it_is(client, organizer, item):
    """Decision: the content decides. The file is accepted as a PNG and its name gets the matching extension,
    so whoever downloads it opens it with the right program."""
    upload(client, item, samples.PNG, "slides.pdf", "application/pdf")
    (material,) = materials()
    assert (material.content_type, material.filename) == ("image/png", "slides.png")


def test_an_empty_file_is_refused(client, organizer, item):
    response = upload(client, item, b"", "empty.pdf")
    assert response.status_code == 200
    assert "The file is empty." in response.get_data(as_text=True)
    assert materials() == []


def test_no_file_chosen(client, organizer, item):
    response = client.post(f"/meetings/{item.session.meeting_id}/agenda/items/{item.id}/materials", data={})
    assert "Choose a file to upload." in response.get_data(as_text=True)


@pytest.fixture
def small_limits(app_config):
    app_config.update(MATERIAL_MAX_MB=1, MAX_CONTENT_LENGTH=3 * 1024 * 1024)


def test_a_file_over_the_material_limit_is_refused(small_limits, app, client, organizer, item):
    too_big = samples.PDF + b"0" * (1024 * 1024)
    response = upload(client, item, too_big, "big.pdf")
    assert response.status_code == 200
    assert "The file is larger than 1 MB; upload a smaller file." in response.get_data(as_text=True)
    assert materials() == [] and stored_files(app) == []
    assert upload(client, item, samples.PDF + b"0" * (1024 * 1024 - len(samples.PDF)), "exact.pdf").status_code == 302


def test_a_request_over_the_upload_limit_gets_the_same_message(small_limits, app, client, organizer, item):
    response = upload(client, item, samples.PDF + b"0" * (4 * 1024 * 1024), "huge.pdf", follow_redirects=True)
    assert response.status_code == 200
    assert "The file is larger than 1 MB; upload a smaller file." in response.get_data(as_text=True)
    assert materials() == []


def test_download_headers(client, organizer, item):
    upload(client, item, samples.PDF, "会议议程 2026.pdf")
    (material,) = materials()
    response = client.get(f"/meetings/{item.session.meeting_id}/agenda/materials/{material.id}")
    assert response.status_code == 200
    assert response.data == samples.PDF
    assert response.mimetype == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''%E4%BC%9A%E8%AE%AE%E8%AE%AE%E7%A8%8B%202026.pdf" in disposition
    assert "private" in response.headers["Cache-Control"]


def test_delete_material_removes_the_file(app, client, organizer, item):
    upload(client, item, samples.PDF, "agenda.pdf")
    (material,) = materials()
    url = f"/meetings/{item.session.meeting_id}/agenda/materials/{material.id}/delete"
    assert "Delete “agenda.pdf”" in client.get(url).get_data(as_text=True)
    assert client.post(url, data={"confirm": "yes"}).status_code == 302
    assert materials() == [] and stored_files(app) == []


def test_deleting_an_item_removes_its_files(app, client, organizer, item):
    upload(client, item, samples.PDF, "agenda.pdf")
    client.post(f"/meetings/{item.session.meeting_id}/agenda/items/{item.id}/delete", data={"confirm": "yes"})
    assert materials() == [] and stored_files(app) == []


class TestDownloadPermission:
    @pytest.fixture
    def private(self, users):
        """A participants-only meeting with one material (its file stored through the upload)."""
        return MeetingFactory(visibility=Visibility.PARTICIPANTS, organizers=[users["organizer"]])

    @pytest.fixture
    def material_url(self, client, auth, users, private):
        item = AgendaItemFactory(session=private.sessions[0], position=0)
        auth.login_as(users["organizer"])
        upload(client, item, samples.PDF, "confidential.pdf")
        auth.logout()
        with client.session_transaction() as session:
            session.clear()
        (material,) = materials()
        return f"/meetings/{private.id}/agenda/materials/{material.id}"

    def test_anonymous_visitors_are_sent_to_sign_in(self, client, material_url):
        response = client.get(material_url)
        assert response.status_code == 302 and "/login" in response.location

    def test_a_member_who_may_not_see_the_meeting_gets_404(self, client, auth, users, material_url):
        auth.login_as(users["member"])
        assert client.get(material_url).status_code == 404

    def test_an_invited_member_downloads(self, client, auth, private, material_url):
        person = PersonFactory()
        ParticipantFactory(meeting=private, person=person)
        auth.login_as(UserFactory(person=person))
        assert client.get(material_url).data == samples.PDF

    def test_secretaries_and_managers_download(self, client, auth, users, material_url):
        for role in ("secretary", "organizer", "admin"):
            auth.login_as(users[role])
            assert client.get(material_url).status_code == 200, role

    def test_a_material_id_of_another_meeting_is_404(self, client, auth, users, meeting, material_url):
        auth.login_as(users["admin"])  # sees both meetings, still not through the other one's URL
        other_url = material_url.replace(material_url.split("/")[2], str(meeting.id), 1)
        assert client.get(other_url).status_code == 404
        assert client.get(other_url + "/delete").status_code == 404


def test_files_go_with_their_session_but_stay_when_the_deletion_is_rolled_back(app, client, organizer, meeting, item):
    upload(client, item, samples.PDF, "agenda.pdf")
    (path,) = stored_files(app)
    session = db.session.get(type(item.session), item.session_id)
    meeting = session.meeting
    meeting.sessions.remove(session)  # the ORM cascade deletes the items and their materials
    db.session.flush()
    db.session.rollback()
    db.session.commit()  # a later commit must not remove the file of the rolled-back deletion
    assert path.exists()
    db.session.expire_all()
    meeting.sessions.remove(db.session.get(type(session), item.session_id))
    db.session.commit()
    assert not path.exists() and materials() == []
