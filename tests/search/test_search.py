"""Search finds meetings, published minutes, published news and people, in English and Chinese, on SQLite (FTS5)
and PostgreSQL, shows each reader only what they may see, and keeps up with every change."""

from datetime import UTC, datetime

import sqlalchemy as sa

from meetapp.auth.models import SystemRole
from meetapp.directory.models import Person
from meetapp.extensions import db
from meetapp.meetings.models import Visibility
from meetapp.minutes.models import Minutes, MinutesStatus, MinutesVersion
from meetapp.news.models import NewsStatus
from meetapp.search.engine import search
from meetapp.search.models import DocumentKind, SearchDocument
from meetapp.search.text import index_terms, query_terms
from tests.factories import (
    MeetingFactory,
    MeetingSeriesFactory,
    NewsReleaseFactory,
    ParticipantFactory,
    PersonFactory,
    UnitFactory,
    UserFactory,
)

PUBLISHED = {"status": NewsStatus.PUBLISHED, "published_at": datetime(2026, 3, 6, 2, tzinfo=UTC)}


class Anonymous:
    is_authenticated = False


def found(user, query, kind=None) -> list[str]:
    page = search(user, query, kind).page
    return [] if page is None else [document.title for document in page.items]


def test_cjk_text_is_indexed_as_characters_and_bigrams():
    assert index_terms("中国五矿 Minmetals S&T") == "中 国 五 矿 中国 国五 五矿 minmetals s t"
    assert query_terms("五矿 minm") == [("五矿", False), ("minm", True)]
    assert query_terms("矿") == [("矿", False)]
    assert query_terms("  ¿? ") == []


def test_meetings_are_found_by_words_prefixes_and_their_series_chinese_name(app, users):
    series = MeetingSeriesFactory(name="Annual S&T Innovation Work Meeting", name_zh="年度科技创新工作会议")
    MeetingFactory(title="2026 Annual S&T Innovation Work Meeting", series=series, description="Minmetals awards")
    MeetingFactory(title="Board meeting")
    member = users["member"]
    assert found(member, "innovation") == ["2026 Annual S&T Innovation Work Meeting"]
    assert found(member, "minm") == ["2026 Annual S&T Innovation Work Meeting"]  # a prefix of the last word
    assert found(member, "科技创新") == ["2026 Annual S&T Innovation Work Meeting"]
    assert found(member, "创新会议") == []  # both bigrams needed: 创新 and 新会 (not in the text)
    assert found(member, "meeting innovation 2026") == ["2026 Annual S&T Innovation Work Meeting"]


def test_people_by_chinese_name_part_title_and_unit_for_signed_in_users_only(app, users):
    unit = UnitFactory(name="Changsha Research Institute", name_zh="长沙矿冶研究院")
    PersonFactory(name="Chen Dexin", name_zh="陈得信", title="Chairman", title_zh="董事长", unit=unit)
    member = users["member"]
    for query in ("陈得信", "得信", "陈", "chen dexin", "chairman", "董事长", "长沙", "changsha research"):
        assert found(member, query, DocumentKind.PERSON) == ["Chen Dexin · 陈得信"], query
    assert found(Anonymous(), "chen") == []


def test_visibility_of_meetings_minutes_and_news(app, users):
    invitee = UserFactory(person=PersonFactory(), roles=[SystemRole.MEMBER])
    secret = MeetingFactory(title="Nodule strategy", visibility=Visibility.PARTICIPANTS)
    ParticipantFactory(meeting=secret, person=invitee.person)
    MeetingFactory(title="Nodule open day", visibility=Visibility.PUBLIC)
    MeetingFactory(title="Nodule internal review", visibility=Visibility.INTERNAL)
    NewsReleaseFactory(meeting=secret, headline="Nodule draft release")
    NewsReleaseFactory(meeting=secret, headline="Nodule published release", language="zh", **PUBLISHED)

    everything = {"Nodule strategy", "Nodule open day", "Nodule internal review", "Nodule published release"}
    assert set(found(users["secretary"], "nodule")) == everything
    assert set(found(invitee, "nodule")) == everything
    assert set(found(users["member"], "nodule")) == everything - {"Nodule strategy"}
    assert set(found(Anonymous(), "nodule")) == {"Nodule open day", "Nodule published release"}


def test_published_minutes_are_found_by_who_may_see_the_meeting_and_drafts_never(app, users):
    when = datetime(2026, 3, 1, tzinfo=UTC)
    secret = MeetingFactory(title="Tailings committee", visibility=Visibility.PARTICIPANTS)
    public = MeetingFactory(title="Tailings open meeting", visibility=Visibility.PUBLIC)
    for meeting, status, text in ((secret, MinutesStatus.PUBLISHED, "Decided: dry stacking of tailings."),
                                  (public, MinutesStatus.PUBLISHED, "Decided: dry stacking pilot in Hunan."),
                                  (MeetingFactory(title="Draft one"), MinutesStatus.DRAFT, "Dry stacking draft.")):
        published_at = when if status == MinutesStatus.PUBLISHED else None
        db.session.add(Minutes(meeting=meeting, status=status, current_number=1, published_at=published_at,
                               versions=[MinutesVersion(number=1, body=text, content=text, sha256="0" * 64,
                                                        published_at=published_at)]))
    db.session.commit()
    assert set(found(users["secretary"], "stacking", DocumentKind.MINUTES)) == {
        "Tailings committee", "Tailings open meeting"}
    assert found(users["member"], "stacking") == ["Tailings open meeting"]
    assert found(Anonymous(), "hunan") == ["Tailings open meeting"]


def test_the_index_follows_changes_and_unpublishing(app, users):
    meeting = MeetingFactory(title="Copper forum")
    person = PersonFactory(name="Liu Yang", unit=UnitFactory(name="East office"))
    release = NewsReleaseFactory(headline="Copper forum opens", **PUBLISHED)
    member = users["member"]
    assert set(found(member, "copper")) == {"Copper forum", "Copper forum opens"}

    meeting.title = "Zinc forum"
    release.status, release.published_at = NewsStatus.DRAFT, None
    person.unit.name = "West office"
    db.session.commit()
    assert found(member, "copper") == []
    assert found(member, "zinc") == ["Zinc forum"]
    assert found(member, "west office") == ["Liu Yang · " + person.name_zh]

    db.session.delete(meeting)
    db.session.delete(person)
    db.session.commit()
    assert found(member, "zinc") == [] and found(member, "liu") == []


def test_reindex_command_rebuilds_what_bulk_sql_left_out(app, users, runner):
    db.session.execute(sa.insert(Person), [{"name": f"Bulk Person {n}"} for n in range(3)])
    db.session.commit()
    assert found(users["member"], "bulk") == []
    result = runner.invoke(args=["search-reindex"])
    assert "3 person" in result.output
    assert len(found(users["member"], "bulk")) == 3


def test_search_page_shows_results_with_links_and_escapes(app, client, auth, users):
    meeting = MeetingFactory(title="<b>Graphite</b> symposium", description="Anode materials")
    auth.login_as(users["member"])
    page = client.get("/search?q=graphite").get_data(as_text=True)
    assert f'href="/meetings/{meeting.id}"' in page
    assert "&lt;b&gt;Graphite&lt;/b&gt; symposium" in page and "Anode materials" in page
    assert "Nothing found" in client.get("/search?q=zzzz").get_data(as_text=True)
    assert client.get("/search?q=" + "x" * 5000).status_code == 200
    assert client.get("/search?q=%22%27*%29(NEAR&kind=bogus").status_code == 200  # FTS syntax is just text


def test_search_page_queries_do_not_grow_with_the_results(app, client, auth, users, count_queries):
    auth.login_as(users["member"])

    def count(n):
        for _ in range(n):
            MeetingFactory(title="Lithium meeting")
        with count_queries() as counter:
            assert client.get("/search?q=lithium").status_code == 200
        return counter.count

    assert count(2) == count(18)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchDocument)) >= 20
