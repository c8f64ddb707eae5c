"""One meeting as an .ics download: valid for calendar apps, and join details only for those who may see them."""

from __future__ import annotations

import pytest

from meetapp.meetings.models import MeetingStatus, VideoPlatform, Visibility
from tests.calendar.helpers import parse_ics, unfolded
from tests.factories import MeetingFactory, ParticipantFactory, PersonFactory, UserFactory, VenueFactory

PASSCODE = "731904"


def video_meeting(**kwargs):
    values = {
        "title": "2026 Annual S&T Innovation Work Meeting",
        "venue": VenueFactory(name="HQ Conference Room 1", address="5 Sanlihe Road, Beijing"),
        "video_platform": VideoPlatform.TENCENT,
        "video_url": "https://meeting.tencent.com/dm/abc123",
        "video_meeting_code": "123 456 789",
        "video_passcode": PASSCODE,
    }
    return MeetingFactory(**{**values, **kwargs})


def ics(client, meeting):
    return client.get(f"/meetings/{meeting.id}/calendar.ics")


def test_ics_download_is_a_valid_calendar_file(client, auth, users):
    meeting = video_meeting()
    auth.login_as(users["member"])

    response = ics(client, meeting)

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Content-Disposition"] == f'attachment; filename="meeting-{meeting.id}.ics"'
    cal = parse_ics(response.data)
    (event,) = cal.walk("VEVENT")
    assert str(event["UID"]) == meeting.ical_uid
    assert event["SEQUENCE"] == meeting.ical_sequence
    assert str(event["SUMMARY"]) == "2026 Annual S&T Innovation Work Meeting"
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert event.decoded("DTSTART").hour == 9 and event.decoded("DTEND").hour == 12
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "HQ Conference Room 1" in str(event["LOCATION"])
    assert "09:00–12:00 Plenary" in str(event["DESCRIPTION"])


def test_participant_gets_join_details_and_other_members_do_not(client, auth):
    meeting = video_meeting()
    invitee = UserFactory(person=PersonFactory())
    ParticipantFactory(meeting=meeting, person=invitee.person)
    bystander = UserFactory(person=PersonFactory())

    auth.login_as(invitee)
    with_details = unfolded(ics(client, meeting).data)
    auth.login_as(bystander)
    without = unfolded(ics(client, meeting).data)

    assert PASSCODE in with_details and "https://meeting.tencent.com/dm/abc123" in with_details
    assert "123 456 789" in with_details
    assert PASSCODE not in without
    assert "tencent.com" not in without and "123 456 789" not in without
    assert "HQ Conference Room 1" in without


def test_the_meetings_organizer_gets_join_details(client, auth):
    organizer = UserFactory()
    meeting = video_meeting(organizers=[organizer])
    auth.login_as(organizer)
    assert PASSCODE in unfolded(ics(client, meeting).data)


def test_chinese_titles_survive_and_long_lines_are_folded(client, auth, users):
    title = "中国五矿2026年科技创新工作会议暨科学技术委员会2026年第一次全体会议（总部主会场与各分会场视频连线）"
    meeting = video_meeting(title=title, description="会议议程：" + "董事长讲话；" * 20)
    auth.login_as(users["member"])

    body = ics(client, meeting).data

    assert b"\r\n " in body  # folded (parse_ics checks every line is at most 75 octets)
    (event,) = parse_ics(body).walk("VEVENT")
    assert str(event["SUMMARY"]) == title
    assert str(event["DESCRIPTION"]).startswith("会议议程：董事长讲话；")


def test_a_script_in_the_title_is_plain_text(client, auth, users):
    meeting = video_meeting(title='<script>alert("x")</script> review')
    auth.login_as(users["member"])

    response = ics(client, meeting)

    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert not response.mimetype.startswith("text/html")
    assert b'SUMMARY:<script>alert("x")</script> review\r\n' in response.data
    assert b"&lt;" not in response.data
    assert str(parse_ics(response.data).walk("VEVENT")[0]["SUMMARY"]) == '<script>alert("x")</script> review'


def test_cancelled_meeting_says_so(client, auth, users):
    meeting = video_meeting(status=MeetingStatus.CANCELLED)
    auth.login_as(users["member"])
    (event,) = parse_ics(ics(client, meeting).data).walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"


@pytest.mark.parametrize(
    ("visibility", "expected"), [(Visibility.PUBLIC, 200), (Visibility.INTERNAL, 302), (Visibility.PARTICIPANTS, 302)]
)
def test_signed_out_visitors_get_public_meetings_only_without_join_details(client, visibility, expected):
    meeting = video_meeting(visibility=visibility)
    response = ics(client, meeting)
    assert response.status_code == expected
    if expected == 200:
        assert PASSCODE not in unfolded(response.data)
    else:
        assert "/login" in response.headers["Location"]


def test_hidden_and_unknown_meetings_are_not_found(client, auth, users):
    meeting = video_meeting(visibility=Visibility.PARTICIPANTS)
    auth.login_as(users["member"])
    assert ics(client, meeting).status_code == 404
    assert client.get("/meetings/999999/calendar.ics").status_code == 404


def test_unchanged_file_revalidates_with_its_etag(client, auth, users):
    meeting = video_meeting()
    auth.login_as(users["member"])
    first = ics(client, meeting)
    etag = first.headers["ETag"]

    again = client.get(f"/meetings/{meeting.id}/calendar.ics", headers={"If-None-Match": etag})
    assert again.status_code == 304

    meeting.title = "Renamed"
    from meetapp.extensions import db

    db.session.commit()
    changed = client.get(f"/meetings/{meeting.id}/calendar.ics", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and b"SUMMARY:Renamed" in changed.data
