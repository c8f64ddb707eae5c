"""The demo step for news: the seed meeting's release, as the group's news page published it on 6 March 2026 —
drafted from the record by the secretary, the chairman's points written in from the seed article, published —
and a Chinese draft beside it. Through the news services (which commit, as the minutes step does); a meeting that
already has an English release is left as it is."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa

from meetapp.auth.services import normalize_email
from meetapp.demo.meeting_data import WORK_MEETING_UID
from meetapp.extensions import db
from meetapp.meetings.models import Meeting
from meetapp.news import services
from meetapp.news.models import NewsLanguage

if TYPE_CHECKING:
    from meetapp.demo.loader import DemoLoad

SECRETARY = "zhang.min"
HEADLINE = "China Minmetals Holds 2026 Annual S&T Innovation Work Meeting"
PUBLISHED_AT = datetime(2026, 3, 6, 2, 0, tzinfo=UTC)  # 10:00 in Beijing, the seed article's date

# What the record cannot know: the chairman's points, as the seed article gives them.
SPEECH = """Chen Dexin pointed out the necessity of thoroughly implementing General Secretary Xi Jinping's key \
discourses and instructions on S&T innovation. He emphasized the commitment to "rooting in the real economy, \
strengthening research on key core technologies, and promoting the deep integration of S&T and industrial \
innovation." He stressed that innovation must become the primary driver of high-quality development and a solid \
strategic support for fulfilling the company's mission and winning future competition.

Chen emphasized that the Group must prioritize national strategic interests and grasp the paramount importance and \
urgency of S&T innovation from an elevated strategic vantage point. The Group must precisely grasp the essence of \
the "New Whole-Nation System," focusing on the synergy between efficient markets and proactive organizational \
governance, and the alignment of national strategies with industrial innovation.

We will utilize the "Four Pillars" as the blueprint to build a China Minmetals-featured S&T innovation system: \
establishing platforms to create high-level innovation strongholds for strategic missions; institutionalizing \
mechanisms to clear bottlenecks hindering system efficiency; strengthening coordination to forge a command system \
focused on strategic alignment and holistic synchronization; and prioritizing transformation to link technology \
with industrial value chains."""


def load_news(load: DemoLoad) -> None:
    meeting = db.session.scalar(sa.select(Meeting).where(Meeting.ical_uid == WORK_MEETING_UID))
    if meeting is None or services.release_of(meeting, NewsLanguage.EN) is not None:
        return
    secretary = load.users[normalize_email(load.people[SECRETARY].email)]
    release = services.create_draft(secretary, meeting, NewsLanguage.EN)
    body = "\n\n".join(
        SPEECH if paragraph.startswith("*[") else paragraph for paragraph in release.body.split("\n\n")
    )
    services.update(secretary, release, HEADLINE, body, release.revision)
    services.publish(secretary, release)
    release.published_at = PUBLISHED_AT  # the demo's release dates from the seed article, not from the load
    db.session.commit()
    if services.release_of(meeting, NewsLanguage.ZH) is None:
        services.create_draft(secretary, meeting, NewsLanguage.ZH)
    load.total["news"] += 2
    load.created["news"] += 2
