"""A secretary drafts, edits and publishes a meeting's news release; anyone reads it on /news and in the feed."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from meetapp.audit.models import AuditEntry
from meetapp.extensions import db
from meetapp.meetings.models import Visibility
from meetapp.news.models import NewsLanguage, NewsRelease, NewsStatus
from tests.factories import MeetingFactory, NewsReleaseFactory
from tests.news.samples import seed_meeting

ATOM = "{http://www.w3.org/2005/Atom}"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def published(**values):
    values.setdefault("published_at", datetime(2026, 3, 6, 2, tzinfo=UTC))
    return NewsReleaseFactory(status=NewsStatus.PUBLISHED, **values)


def test_secretary_generates_edits_and_publishes_and_anyone_reads_it(app, client, auth, users):
    seed = seed_meeting(visibility=Visibility.PARTICIPANTS)
    auth.login_as(users["secretary"])
    response = client.post(f"/meetings/{seed.meeting.id}/news/generate", data={"language": "en"})
    release = db.session.scalar(sa.select(NewsRelease))
    assert response.headers["Location"].endswith(f"/news/{release.id}/edit")
    page = client.get(f"/news/{release.id}/edit").get_data(as_text=True)
    assert "Zhu Kebing, General Manager, presided over the meeting." in page

    body = release.body.replace("*[The main points of the speech by Chen Dexin.]*", "He stressed innovation.")
    response = client.post(f"/news/{release.id}/edit", data={
        "headline": "Minmetals holds its 2026 S&T Innovation Work Meeting", "body": body, "revision": "1"})
    assert response.status_code == 302
    client.post(f"/news/{release.id}/publish")
    db.session.expire_all()
    assert release.status == NewsStatus.PUBLISHED and release.revision == 2
    actions = db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.object_id == release.id)).all()
    assert {"news.create", "news.edit", "news.publish"} <= set(actions)

    auth.logout()
    with client.session_transaction() as session:
        session.clear()
    listing = client.get("/news").get_data(as_text=True)
    assert "Minmetals holds its 2026 S&amp;T Innovation Work Meeting" in listing
    article = client.get(f"/news/{release.id}").get_data(as_text=True)
    assert "He stressed innovation." in article
    assert "<strong>Special prize</strong>: Deep-sea polymetallic nodule mining system" in article


def test_drafts_stay_off_the_news_page_and_the_feed(app, client):
    draft = NewsReleaseFactory(headline="Not yet")
    shown = published(headline="Out now")
    listing = client.get("/news").get_data(as_text=True)
    assert "Out now" in listing and "Not yet" not in listing
    assert client.get(f"/news/{draft.id}").status_code == 404
    assert client.get(f"/news/{shown.id}").status_code == 200
    assert b"Not yet" not in client.get("/news/feed.atom").data


def test_news_page_is_newest_first_and_paginated(app, client):
    app.config["NEWS_PAGE_SIZE"] = 2
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for day in (3, 1, 2):
        published(headline=f"Day {day}", published_at=start + timedelta(days=day))
    first = client.get("/news").get_data(as_text=True)
    assert first.index("Day 3") < first.index("Day 2") and "Day 1" not in first
    assert "Day 1" in client.get("/news?page=2").get_data(as_text=True)


def test_markdown_is_sanitised_on_the_page_and_in_the_feed(app, client):
    body = f"Hello {XSS}\n\n[click](javascript:alert(1)) <a href=\"javascript:x\">y</a>\n"
    release = published(headline=XSS, body=body)
    page = client.get(f"/news/{release.id}").get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page and "javascript:" not in page
    assert "&lt;script&gt;" in page  # the headline's text is shown, as text
    feed = client.get("/news/feed.atom")
    assert feed.mimetype == "application/atom+xml"
    root = ET.fromstring(feed.data)  # noqa: S314  (our own feed: it must be well-formed XML)
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == XSS  # escaped in the XML, the exact text once parsed
    content = entry.find(f"{ATOM}content").text
    assert "<script>alert" not in content and "<img src=x" not in content and "javascript:" not in content
    assert root.find(f"{ATOM}link[@rel='self']").get("href").endswith("/news/feed.atom")


def test_feed_lists_the_latest_releases_with_atom_fields(app, client):
    meeting = MeetingFactory()
    older = published(meeting=meeting, headline="Older", published_at=datetime(2026, 3, 1, tzinfo=UTC))
    newer = published(headline="Newer", published_at=datetime(2026, 3, 2, tzinfo=UTC), language=NewsLanguage.ZH)
    root = ET.fromstring(client.get("/news/feed.atom").data)  # noqa: S314  (our own feed)
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Newer", "Older"]
    assert entries[0].find(f"{ATOM}id").text.endswith(f"/news/{newer.id}")
    assert entries[1].find(f"{ATOM}published").text == "2026-03-01T00:00:00Z"
    assert root.find(f"{ATOM}updated").text >= "2026-03-02T00:00:00Z"
    assert root.find(f"{ATOM}author/{ATOM}name").text  # a feed whose entries name no author must name one
    assert entries[0].get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"
    assert older.id != newer.id


def test_an_edit_from_an_older_revision_is_refused_and_the_text_kept(app, client, auth, users):
    release = NewsReleaseFactory(meeting=MeetingFactory(organizers=[users["organizer"]]), revision=3)
    auth.login_as(users["organizer"])
    response = client.post(f"/news/{release.id}/edit",
                           data={"headline": "Mine", "body": "My careful text", "revision": "2"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Someone else saved this news release after you opened it." in page
    assert "My careful text" in page
    db.session.expire_all()
    assert release.headline != "Mine" and release.revision == 3


def test_unpublish_takes_it_off_and_only_drafts_can_be_deleted(app, client, auth, users):
    release = published(meeting=MeetingFactory())
    auth.login_as(users["secretary"])
    client.post(f"/news/{release.id}/delete")
    assert db.session.get(NewsRelease, release.id) is not None  # refused: published
    client.post(f"/news/{release.id}/unpublish")
    db.session.expire_all()
    assert release.status == NewsStatus.DRAFT and release.published_at is None
    auth.logout()
    with client.session_transaction() as session:
        session.clear()
    assert client.get(f"/news/{release.id}").status_code == 404
    auth.login_as(users["secretary"])
    client.post(f"/news/{release.id}/delete")
    assert db.session.scalar(sa.select(sa.func.count()).where(NewsRelease.id == release.id)) == 0


def test_a_second_release_in_the_same_language_is_refused(app, client, auth, users):
    release = NewsReleaseFactory(language=NewsLanguage.EN)
    auth.login_as(users["admin"])
    response = client.post(f"/meetings/{release.meeting_id}/news/generate", data={"language": "en"},
                           follow_redirects=True)
    assert "already has a news release in that language" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(NewsRelease)) == 1


def test_news_page_queries_do_not_grow_with_the_releases(app, client, count_queries):
    def count(n):
        for _ in range(n):
            published(meeting=MeetingFactory())
        with count_queries() as counter:
            assert client.get("/news").status_code == 200
        return counter.count

    app.config["NEWS_PAGE_SIZE"] = 50
    assert count(2) == count(18)


def test_the_secretarys_language_comes_first_and_a_chinese_draft_reads_chinese(app, client, auth, users):
    seed = seed_meeting()
    users["secretary"].locale = "zh"
    db.session.commit()
    auth.login_as(users["secretary"])
    page = client.get(f"/meetings/{seed.meeting.id}/news").get_data(as_text=True)
    assert '<option selected value="zh">' in page or '<option value="zh" selected>' in page
    client.post(f"/meetings/{seed.meeting.id}/news/generate", data={"language": "zh"})
    release = db.session.scalar(sa.select(NewsRelease))
    assert release.language == NewsLanguage.ZH
    assert release.headline.startswith("中国五矿集团有限公司召开")
    assert "总经理朱可炳主持会议。" in release.body
