"""Route × role rows of the news area. The sample meeting is internal and organized by the organizer account;
secretaries and admins may manage every meeting's news. The public pages need no sign-in; a draft is shown only to
those who manage its meeting's news (404 for others, so drafts are not revealed)."""

from __future__ import annotations

from types import SimpleNamespace

from tests.route_matrix import everyone, only

MANAGERS = ("organizer", "secretary", "admin")
DRAFT_HIDDEN = {"anonymous": 404, "member": 404, "organizer": 200, "secretary": 200, "admin": 200}

ROUTES = {
    ("GET", "news.index"): everyone(200),
    ("GET", "news.feed"): everyone(200),
    ("GET", "news.release"): DRAFT_HIDDEN,
    ("GET", "news.meeting_releases"): only(MANAGERS, 200),
    ("POST", "news.generate"): only(MANAGERS, 302),  # an empty form: sent back to the meeting's releases
    ("GET", "news.edit"): only(MANAGERS, 200),
    ("POST", "news.edit"): only(MANAGERS, 200),  # an empty form is shown again with its errors
    ("POST", "news.publish"): only(MANAGERS, 302),
    ("POST", "news.unpublish"): only(MANAGERS, 302),
    ("POST", "news.delete"): only(MANAGERS, 302),  # the sample is published: refused, back to the list
}


def populate(world) -> None:
    from datetime import UTC, datetime

    from meetapp.meetings.models import Visibility
    from meetapp.news.models import NewsLanguage, NewsStatus
    from tests.factories import MeetingFactory, NewsReleaseFactory

    meeting = MeetingFactory(visibility=Visibility.INTERNAL, organizers=[world.users["organizer"]])
    published = {"status": NewsStatus.PUBLISHED, "published_at": datetime(2026, 3, 6, 2, tzinfo=UTC)}
    world.news = SimpleNamespace(
        meeting=meeting,
        draft=NewsReleaseFactory(meeting=meeting, language=NewsLanguage.EN),
        to_publish=NewsReleaseFactory(meeting=meeting, language=NewsLanguage.ZH),
        published=NewsReleaseFactory(meeting=MeetingFactory(organizers=[world.users["organizer"]]), **published),
        kept=NewsReleaseFactory(meeting=MeetingFactory(organizers=[world.users["organizer"]]), **published),
    )


def url_values(world) -> dict[str, dict]:
    sample = world.news
    return {
        "news.release": {"release_id": sample.draft.id},
        "news.meeting_releases": {"meeting_id": sample.meeting.id},
        "news.generate": {"meeting_id": sample.meeting.id},
        "news.edit": {"release_id": sample.draft.id},
        "news.publish": {"release_id": sample.to_publish.id},
        "news.unpublish": {"release_id": sample.published.id},
        "news.delete": {"release_id": sample.kept.id},
    }
