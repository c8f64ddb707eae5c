"""The demo's seed meeting has its news release on /news, as the group's news page published it, and a Chinese
draft; its people and meetings are searchable in both languages; loading again changes nothing."""

import sqlalchemy as sa

from meetapp.demo.loader import load_demo
from meetapp.extensions import db
from meetapp.news.models import NewsLanguage, NewsRelease, NewsStatus


def test_demo_publishes_the_seed_release(app, client):
    load_demo()
    releases = {r.language: r for r in db.session.scalars(sa.select(NewsRelease))}
    english, chinese = releases[NewsLanguage.EN], releases[NewsLanguage.ZH]
    assert english.status == NewsStatus.PUBLISHED and chinese.status == NewsStatus.DRAFT
    assert english.published_at.date().isoformat() == "2026-03-06"

    listing = client.get("/news").get_data(as_text=True)
    assert "China Minmetals Holds 2026 Annual S&amp;T Innovation Work Meeting" in listing
    article = client.get(f"/news/{english.id}").get_data(as_text=True)
    for text in ("On February 26, 2026, China Minmetals Corporation held the 2026 Annual S&amp;T Innovation",
                 "presided over the meeting.", "Chen Dexin pointed out the necessity",
                 "MCC Tower, Video Conference Centre;", "Other members of the leadership team were in attendance."):
        assert text in article, text
    assert "[The main points" not in article

    assert "Nothing found" in client.get("/search?q=陈得信").get_data(as_text=True)  # people: signed-in only
    found = client.get("/search?q=innovation+work+meeting").get_data(as_text=True)
    assert f'href="/news/{english.id}"' in found

    load_demo()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(NewsRelease)) == 2
