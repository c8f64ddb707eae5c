"""The minutes pages: sanitised text on the page and in the PDF, a refused concurrent save that keeps what was
typed, who may read what, my action items, and flat query counts."""

import io
import os
import subprocess
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from meetapp.auth.models import SystemRole
from meetapp.extensions import db
from meetapp.meetings.models import Visibility
from meetapp.minutes import services
from meetapp.minutes.models import ActionStatus, MinutesStatus
from meetapp.participants.models import MeetingRole
from tests.factories import MeetingFactory, MeetingSeriesFactory, ParticipantFactory, PersonFactory, UserFactory
from tests.minutes.samples import published_minutes, recorded_meeting

HOSTILE = (
    "Summary <script>alert('x')</script> with [a link](javascript:alert(1)) and "
    "<img src=x onerror=alert(2)> and [the plan](https://example.com/plan)."
)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_markdown_is_sanitised_on_the_page_and_in_the_pdf(app, users, client, auth):
    meeting = MeetingFactory(title="Sanitised 纪要")
    minutes = services.start_minutes(users["secretary"], meeting)
    services.save_minutes(users["secretary"], minutes, body=HOSTILE, expected_version=1)
    auth.login_as(users["secretary"])

    page = client.get(f"/meetings/{meeting.id}/minutes").get_data(as_text=True)
    article = page[page.index('<article class="minutes-text'):page.index("</article>")]
    assert "<script" not in article and "alert" not in article and "javascript" not in article
    assert "onerror" not in article and "<img" not in article
    assert '<a href="https://example.com/plan" rel="noopener noreferrer nofollow">the plan</a>' in article

    response = client.get(f"/meetings/{meeting.id}/minutes.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert b"javascript" not in response.data.lower()
    text = pdf_text(response.data)
    assert "the plan" in text and "alert" not in text and "script" not in text
    assert "Page 1 of" in text and "Attendance" in text


def cjk_fonts() -> bool:
    listing = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout
    return bool(listing.strip())


def test_the_pdf_draws_chinese_with_a_chinese_font(app, users, client, auth):
    if not cjk_fonts() and os.environ.get("CI") != "true":
        pytest.skip("no CJK font on this machine (apt-get install fonts-noto-cjk); CI requires one")
    meeting = MeetingFactory(title="2026年度科技创新工作会议")
    services.start_minutes(users["secretary"], meeting, locale="zh")
    auth.login_as(users["secretary"])
    client.post("/language", data={"lang": "zh"})
    text = pdf_text(client.get(f"/meetings/{meeting.id}/minutes.pdf").data)
    assert "2026年度科技创新工作会议" in text  # extractable only when drawn from a font that has the glyphs
    assert "**日期：**" not in text and "日期：" in text  # the draft written in Chinese, its Markdown rendered
    assert "第 1 页，共 2 页" in text  # the footer in the reader's language


def test_the_pdf_has_the_attendance_table(app, users, client, auth):
    sample = recorded_meeting()
    services.start_minutes(users["secretary"], sample.meeting)
    auth.login_as(users["secretary"])
    text = pdf_text(client.get(f"/meetings/{sample.meeting.id}/minutes.pdf").data)
    assert "Branch venue: Changsha Branch Room" in text and "Video" in text
    assert "At branch venues" in text and "By video" in text  # present people of each role, by mode
    assert "Zhu Kebing" in text


def test_a_concurrent_save_is_refused_and_keeps_what_was_typed(app, users, client, auth):
    meeting = MeetingFactory(organizers=[users["organizer"]])
    minutes = services.start_minutes(users["secretary"], meeting)
    services.save_minutes(users["organizer"], minutes, body="The organizer's version", expected_version=1)
    auth.login_as(users["secretary"])

    response = client.post(f"/meetings/{meeting.id}/minutes/edit",
                           data={"base_version": 1, "body": "The secretary's careful summary"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Someone else saved these minutes after you opened them" in page
    assert "The secretary&#39;s careful summary</textarea>" in page  # their text, still in the form
    assert "The organizer&#39;s version" in page  # the current one beside it
    assert 'name="base_version" type="hidden" value="2"' in page  # saving again is now a deliberate choice
    db.session.expire_all()
    assert services.current_version(services.get_minutes(meeting)).body == "The organizer's version"


def test_published_minutes_cannot_be_edited_through_the_page(app, users, client, auth):
    meeting = MeetingFactory()
    published_minutes(users["secretary"], meeting, users["member"])
    auth.login_as(users["secretary"])
    response = client.post(f"/meetings/{meeting.id}/minutes/edit", data={"base_version": 1, "body": "Rewritten"})
    assert response.status_code == 302 and response.location.endswith("/minutes/amend")
    db.session.expire_all()
    assert services.current_version(services.get_minutes(meeting)).body != "Rewritten"


@pytest.mark.parametrize(
    ("visibility", "reader", "status"),
    [
        (Visibility.PARTICIPANTS, "outsider", 404),  # may not see the meeting: its minutes are not revealed
        (Visibility.PARTICIPANTS, "invitee", 200),
        (Visibility.PARTICIPANTS, "anonymous", 302),
        (Visibility.INTERNAL, "outsider", 200),
        (Visibility.INTERNAL, "anonymous", 302),
        (Visibility.PUBLIC, "anonymous", 200),
    ],
)
def test_published_minutes_follow_the_meetings_visibility(app, users, client, auth, visibility, reader, status):
    meeting = MeetingFactory(visibility=visibility)
    published_minutes(users["secretary"], meeting, users["admin"])
    invitee = ParticipantFactory(meeting=meeting)
    readers = {"outsider": users["member"], "invitee": UserFactory(person=invitee.person)}
    if reader != "anonymous":
        auth.login_as(readers[reader])
    assert client.get(f"/meetings/{meeting.id}/minutes").status_code == status


@pytest.mark.parametrize(
    ("reader", "status"),
    [("member", 403), ("organizer_elsewhere", 403), ("organizer", 200), ("secretary", 200), ("reviewer", 200),
     ("invitee", 403)],
)
def test_drafts_are_for_secretaries_organizers_and_reviewers(app, users, client, auth, reader, status):
    meeting = MeetingFactory(organizers=[users["organizer"]], visibility=Visibility.INTERNAL)
    minutes = services.start_minutes(users["secretary"], meeting)
    reviewer = UserFactory()
    services.set_reviewers(users["secretary"], minutes, [reviewer])
    invitee = UserFactory(person=ParticipantFactory(meeting=meeting).person)
    readers = {"organizer_elsewhere": UserFactory(roles=[SystemRole.ORGANIZER]), "reviewer": reviewer,
               "invitee": invitee}
    auth.login_as(readers.get(reader) or users[reader])
    # The PDF's 200 is in the route matrix; here only its refusals (rendering it costs a second each).
    for path in ("", "/history", "/versions/1") + ((".pdf",) if status != 200 else ()):
        assert client.get(f"/meetings/{meeting.id}/minutes{path}").status_code == status, path


def test_my_action_items_across_meetings(app, users, client, auth):
    me = PersonFactory()
    member = users["member"]
    member.person = me
    db.session.commit()
    first, second = MeetingFactory(title="First meeting"), MeetingFactory(title="Second meeting")
    published_minutes(users["secretary"], first, users["admin"], action_items=[
        services.ActionItemInput("Send the statements to the units", owner_id=me.id),
        services.ActionItemInput("Someone else's task", owner_id=PersonFactory().id),
    ])
    published_minutes(users["secretary"], second, users["admin"], action_items=[
        services.ActionItemInput("Report the milestones", owner_id=me.id, status=ActionStatus.DONE),
    ])
    draft = services.start_minutes(users["secretary"], MeetingFactory())
    services.save_minutes(users["secretary"], draft, body="x", expected_version=1,
                          action_items=[services.ActionItemInput("Not final yet", owner_id=me.id)])
    auth.login_as(member)

    page = client.get("/my/action-items").get_data(as_text=True)
    assert "Send the statements to the units" in page and "First meeting" in page
    assert "Report the milestones" in page and "Second meeting" in page
    assert "Someone else" not in page and "Not final yet" not in page
    assert page.index("Send the statements") < page.index("Report the milestones")  # open ones first

    item = services.get_minutes(first).action_items[0]
    response = client.post(f"/action-items/{item.id}/status", data={"status": "done", "next": "/my/action-items"})
    assert response.status_code == 302 and response.location.endswith("/my/action-items")
    db.session.expire_all()
    assert db.session.get(type(item), item.id).status == ActionStatus.DONE
    other = services.get_minutes(first).action_items[1]
    assert client.post(f"/action-items/{other.id}/status", data={"status": "done"}).status_code == 403


def _grow(secretary, reviewer, owner, count):
    for _n in range(count):
        meeting = MeetingFactory()
        ParticipantFactory(meeting=meeting, roles=[MeetingRole.SPEAKER])
        published_minutes(secretary, meeting, reviewer, action_items=[
            services.ActionItemInput("Task", owner_id=owner.id), services.ActionItemInput("Task 2", owner_id=owner.id)
        ])


def _count(client, count_queries, url):
    with count_queries() as counter:
        assert client.get(url).status_code == 200
    return counter.count


def test_my_action_items_query_count_stays_flat(app, users, client, auth, count_queries):
    me = PersonFactory()
    users["member"].person = me
    db.session.commit()
    auth.login_as(users["member"])
    _grow(users["secretary"], users["admin"], me, 1)
    few = _count(client, count_queries, "/my/action-items")
    _grow(users["secretary"], users["admin"], me, 9)
    assert _count(client, count_queries, "/my/action-items") == few


def test_minutes_pages_query_counts_stay_flat(app, users, client, auth, count_queries):
    meeting = MeetingFactory(organizers=[users["organizer"]])
    minutes = services.start_minutes(users["secretary"], meeting)
    reviewers = [UserFactory() for _n in range(2)]
    services.set_reviewers(users["secretary"], minutes, reviewers)

    def grow(times):
        for n in range(times):
            services.save_minutes(users["secretary"], minutes, body=f"Version text {n}",
                                  expected_version=minutes.current_number,
                                  action_items=[services.ActionItemInput(f"Task {n}", owner_id=PersonFactory().id)
                                                for _i in range(n % 3 + 1)])
            services.add_comment(reviewers[0], minutes, f"Comment {n}")

    auth.login_as(users["organizer"])
    grow(2)
    pages = ("", "/history", "/edit")
    few = [_count(client, count_queries, f"/meetings/{meeting.id}/minutes{page}") for page in pages]
    grow(20)
    assert [_count(client, count_queries, f"/meetings/{meeting.id}/minutes{page}") for page in pages] == few


def test_the_only_reviewer_approving_through_the_page_approves_the_minutes(app, users, client, auth):
    meeting = MeetingFactory()
    auth.login_as(users["secretary"])
    url = f"/meetings/{meeting.id}/minutes"
    client.post(f"{url}/start")
    client.post(f"{url}/review", data={"reviewers": [users["member"].id]})
    auth.login_as(users["member"])
    assert client.post(f"{url}/approve", data={"version": 1}).status_code == 302
    db.session.expire_all()
    assert services.get_minutes(meeting).status == MinutesStatus.APPROVED
    auth.login_as(users["secretary"])
    page = client.get(url).get_data(as_text=True)
    assert '<span class="badge bg-info text-dark">Approved</span>' in page and ">\n        Publish</button>" in page


def test_an_amendment_through_the_page_keeps_the_earlier_text_readable(app, users, client, auth):
    meeting = MeetingFactory(visibility=Visibility.INTERNAL)
    minutes = services.start_minutes(users["secretary"], meeting)
    services.save_minutes(users["secretary"], minutes, body="Draft in between", expected_version=1)
    services.save_minutes(users["secretary"], minutes, body="Final text by Wang Xinquan", expected_version=2)
    services.submit_for_review(users["secretary"], minutes, [users["admin"]])
    services.approve(users["admin"], minutes)
    services.transition(users["secretary"], minutes, "published")
    url = f"/meetings/{meeting.id}/minutes"
    auth.login_as(users["secretary"])

    form = client.get(f"{url}/amend").get_data(as_text=True)
    assert "Final text by Wang Xinquan</textarea>" in form
    refused = client.post(f"{url}/amend", data={"base_version": 3, "body": "Final text by Wang Xingquan"})
    assert "Give the reason for the amendment." in refused.get_data(as_text=True)
    response = client.post(f"{url}/amend", data={"base_version": 3, "body": "Final text by Wang Xingquan",
                                                 "reason": "A name was misspelt"})
    assert response.status_code == 302

    auth.login_as(users["member"])  # a reader: the published text, its amendment, and nothing in between
    page = client.get(url).get_data(as_text=True)
    assert "Final text by Wang Xingquan" in page and "Amendment: A name was misspelt" in page
    assert "Final text by Wang Xinquan" in client.get(f"{url}/versions/3").get_data(as_text=True)
    assert client.get(f"{url}/versions/2").status_code == 404  # an unpublished draft
    history = client.get(f"{url}/history?from=3&to=4").get_data(as_text=True)
    assert "Draft in between" not in history
    assert "Version 3" in history and "Version 4" in history and 'class="diff"' in history


def test_carried_over_items_on_the_page_query_count_stays_flat(app, users, client, auth, count_queries):
    series = MeetingSeriesFactory()
    later = MeetingFactory(series=series, organizers=[users["organizer"]],
                           starts_at=datetime(2026, 9, 1, 1, tzinfo=UTC), ends_at=datetime(2026, 9, 1, 3, tzinfo=UTC))
    services.start_minutes(users["secretary"], later)

    def earlier(count):
        for _n in range(count):
            meeting = MeetingFactory(series=series, organizers=[UserFactory()])
            published_minutes(users["secretary"], meeting, users["admin"], action_items=[
                services.ActionItemInput("Carried task", owner_id=PersonFactory().id)])

    auth.login_as(users["organizer"])
    earlier(1)
    few = _count(client, count_queries, f"/meetings/{later.id}/minutes")
    earlier(9)
    page = client.get(f"/meetings/{later.id}/minutes").get_data(as_text=True)
    assert page.count("Carried task") == 10
    assert _count(client, count_queries, f"/meetings/{later.id}/minutes") == few


def test_minutes_sent_back_and_resubmitted_unchanged_keep_their_approvals(app, users, client, auth):
    meeting = MeetingFactory()
    minutes = services.start_minutes(users["secretary"], meeting)
    services.submit_for_review(users["secretary"], minutes, [users["member"]])
    services.approve(users["member"], minutes)
    services.transition(users["secretary"], minutes, "draft")
    services.submit_for_review(users["secretary"], minutes, [users["member"]])
    auth.login_as(users["secretary"])
    url = f"/meetings/{meeting.id}/minutes"
    assert "Mark as approved" in client.get(url).get_data(as_text=True)  # the same text was approved by everyone
    client.post(f"{url}/transition", data={"to": "approved"})
    db.session.expire_all()
    assert services.get_minutes(meeting).status == MinutesStatus.APPROVED
