"""Uploaded files go out one way only (uploads.send_stored: attachment, nosniff, sandboxed), and a request body
over MAX_CONTENT_LENGTH is refused with a page that says so, wherever it is posted."""

import io
import re
from pathlib import Path

from meetapp.meetings.models import Visibility
from tests.factories import AgendaItemFactory, MaterialFactory
from tests.participants.samples import future_meeting

MEETAPP = Path(__file__).resolve().parents[2] / "meetapp"


def test_files_are_sent_only_through_send_stored():
    senders = {
        str(path.relative_to(MEETAPP)): re.findall(r"\b(send_file|send_from_directory)\(", path.read_text())
        for path in MEETAPP.rglob("*.py")
        if path.name != "uploads.py"
    }
    assert not {path: found for path, found in senders.items() if found}


def test_a_stored_file_goes_out_as_a_sandboxed_attachment(app, client, auth, users):
    from meetapp.uploads import PDF, store_upload

    meeting = future_meeting(organizers=[users["organizer"]], visibility=Visibility.PARTICIPANTS)
    stored = store_upload(io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "materials", max_bytes=1024, allowed=[PDF])
    material = MaterialFactory(item=AgendaItemFactory(session=meeting.sessions[0]), stored_name=stored.name,
                               filename="<script>.pdf")
    auth.login_as(users["organizer"])
    response = client.get(f"/meetings/{meeting.id}/agenda/materials/{material.id}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"  # not the page policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    auth.login_as(users["member"])  # not invited, may not see the meeting
    assert client.get(f"/meetings/{meeting.id}/agenda/materials/{material.id}").status_code == 404


def test_a_body_over_the_limit_gets_the_too_large_page(app, client, auth, users):
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    auth.login_as(users["admin"])
    response = client.post("/directory/import", data={"file": (io.BytesIO(b"x" * (2 * 1024 * 1024)), "big.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "The upload is too large" in page and "Files larger than 1 MB cannot be uploaded." in page
