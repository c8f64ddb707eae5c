"""The video report pages: upload → preview → import or cancel, what the organizer sees and keeps when a file is
refused, who may open a pending upload, and the lists' query counts."""

from __future__ import annotations

import io
import re

import pytest
import sqlalchemy as sa

from meetapp.attendance.models import CheckIn, VideoReport, VideoSegment
from meetapp.attendance.video_reports.services import apply_report, preview_report
from meetapp.extensions import db
from tests.attendance.video_samples import cast_meeting, many_invitees_file, sample
from tests.factories import MeetingFactory, UserFactory


@pytest.fixture
def cast(app, users):
    return cast_meeting(organizers=[users["organizer"]])


@pytest.fixture
def organizer(users, auth):
    auth.login_as(users["organizer"])
    return users["organizer"]


def base(cast) -> str:
    return f"/meetings/{cast.meeting.id}/attendance/video-reports"


def upload(client, cast, name="zoom-participants.csv", data=None, **fields):
    form = {"session_id": cast.session.id, "platform": "", "timezone": "Asia/Shanghai", **fields,
            "file": (io.BytesIO(sample(name) if data is None else data), name)}
    return client.post(f"{base(cast)}/upload", data=form, content_type="multipart/form-data")


def stored() -> dict:
    return {model.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in (VideoReport, VideoSegment, CheckIn)}


def test_upload_shows_the_preview(client, cast, organizer):
    response = upload(client, cast)
    assert response.status_code == 302 and "/video-reports/preview/" in response.location
    page = client.get(response.location).get_data(as_text=True)
    assert "Zoom participants export" in page
    assert "China Standard Time (Asia/Shanghai)" in page or "Asia/Shanghai" in page
    assert "Matched: 7" in page and "Matched and attended: 7" in page and "Not matched: 3" in page
    assert "李娜 Li Na - 科技部" in page and "by name" in page
    assert "from 75 minutes on the call (50% of the session’s 150 minutes)" in page
    assert stored() == {"VideoReport": 0, "VideoSegment": 0, "CheckIn": 0}


def test_a_refused_file_is_explained_beside_the_field_and_the_choices_are_kept(client, cast, organizer):
    data = sample("zoom-participants.csv").replace(b"11:20:15 AM", b"11:20 later")
    response = upload(client, cast, data=data, platform="zoom", timezone="Europe/London")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "line 13, column “Leave time”: “03/18/2026 11:20 later” is not a date and time" in page
    assert re.search(r'<option selected value="zoom">|<option value="zoom" selected>', page)
    assert re.search(r'<option selected value="Europe/London">|<option value="Europe/London" selected>', page)
    assert "is-invalid" in page
    other = upload(client, cast, "teams-attendance-report.utf16le.csv", platform="webex").get_data(as_text=True)
    assert "You chose Webex, but this file is a Teams attendance report" in other


def test_import_with_a_hand_made_match_and_a_guest(client, cast, organizer):
    preview_url = upload(client, cast).location
    page = client.get(preview_url).get_data(as_text=True)
    keys = dict(re.findall(r'<tr id="person-(\w+)" data-report-name="([^"]+)"', page))
    key_of = {name: key for key, name in keys.items()}
    form = {"timezone": "Asia/Shanghai", "threshold_percent": "50", "confirm": "Import",
            f"decision-{key_of['深圳分会场 Shenzhen Branch Room']}": str(cast.branch_head.id),
            f"decision-{key_of['访客-赵磊']}": "guest", f"decision-{key_of['Emily Carter']}": "ignore"}
    response = client.post(preview_url, data=form)
    assert response.status_code == 302
    report = db.session.scalar(sa.select(VideoReport))
    assert response.location.endswith(f"/video-reports/{report.id}")
    assert (report.people_matched, report.people_attended, report.guests) == (8, 8, 1)
    shown = client.get(response.location).get_data(as_text=True)
    assert "Report imported: 8 checked in by video, 0 earlier check-ins completed, 1 guest." in shown
    assert "Huang Min" in shown and "访客-赵磊" in shown and "Emily Carter" not in shown
    assert client.get(preview_url).status_code == 404  # the upload is gone
    assert client.get(base(cast) + "/").get_data(as_text=True).count("zoom-participants.csv") == 1


def test_changing_the_options_keeps_the_decisions(client, cast, organizer):
    preview_url = upload(client, cast).location
    page = client.get(preview_url).get_data(as_text=True)
    room_key = re.search(r'<tr id="person-(\w+)" data-report-name="深圳分会场', page).group(1)
    form = {"timezone": "Asia/Shanghai", "threshold_percent": "85", "refresh": "Update preview",
            f"decision-{room_key}": str(cast.branch_head.id)}
    page = client.post(preview_url, data=form).get_data(as_text=True)
    assert "from 128 minutes on the call (85% of the session’s 150 minutes)" in page
    assert "Matched and attended: 5" in page
    assert re.search(rf'<option value="{cast.branch_head.id}" selected>Huang Min', page)
    bad = client.post(preview_url, data={**form, "threshold_percent": "0"}).get_data(as_text=True)
    assert "Number must be between 1 and 100." in bad
    assert stored()["VideoReport"] == 0


def test_reuploading_an_imported_file_says_when_and_by_whom(client, cast, organizer):
    result = preview_report(cast.meeting, cast.session, "z.csv", sample("zoom-participants.csv"))
    apply_report(organizer, cast.meeting, cast.session, result, {})
    page = upload(client, cast).get_data(as_text=True)
    assert "This file was already imported for this session on" in page and "by Organizer" in page


def test_cancel_discards_the_upload(client, cast, organizer):
    preview_url = upload(client, cast).location
    response = client.post(preview_url + "/cancel")
    assert response.status_code == 302 and response.location.endswith(base(cast) + "/")
    assert client.get(preview_url).status_code == 404
    assert stored() == {"VideoReport": 0, "VideoSegment": 0, "CheckIn": 0}


def test_a_pending_upload_is_its_uploaders_alone(client, cast, organizer, auth):
    preview_url = upload(client, cast).location
    colleague = UserFactory(roles=["organizer"])
    cast.meeting.organizers.append(colleague)
    db.session.commit()
    auth.login_as(colleague)
    assert client.get(preview_url).status_code == 404
    assert client.post(preview_url + "/cancel").status_code == 404
    other = MeetingFactory(organizers=[colleague])
    auth.login_as(organizer)  # the uploader, through another meeting they manage
    other.organizers.append(organizer)
    db.session.commit()
    assert client.get(preview_url.replace(f"/meetings/{cast.meeting.id}/", f"/meetings/{other.id}/")
                      ).status_code == 404


def _import(cast, organizer, data: bytes, name: str = "z.csv") -> VideoReport:
    return apply_report(organizer, cast.meeting, cast.session,
                        preview_report(cast.meeting, cast.session, name, data), {}).report


def test_the_report_list_runs_constant_queries(client, cast, organizer, count_queries):
    url = base(cast) + "/"
    _import(cast, organizer, sample("zoom-participants.csv"))
    with count_queries() as few:
        assert client.get(url).status_code == 200
    for i in range(10):  # another file each time (another hash)
        _import(cast, organizer, sample("zoom-participants.csv") + b"\n" * (i + 1), f"z{i}.csv")
    with count_queries() as many:
        assert client.get(url).get_data(as_text=True).count("z.csv") == 1
    assert many.count == few.count


def test_a_report_page_runs_constant_queries(client, cast, organizer, count_queries):
    small = _import(cast, organizer, many_invitees_file(cast, 3), "small.csv")
    big = _import(cast, organizer, many_invitees_file(cast, 30), "big.csv")
    small_url, big_url = f"{base(cast)}/{small.id}", f"{base(cast)}/{big.id}"
    with count_queries() as few:
        assert client.get(small_url).status_code == 200
    with count_queries() as many:
        page = client.get(big_url).get_data(as_text=True)
    assert page.count("Guest 29") == 1
    assert many.count == few.count
