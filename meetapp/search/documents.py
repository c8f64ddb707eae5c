"""What each searchable thing looks like in the index: its title and summary (shown in results), who may find it,
and the text its terms come from. One ``Indexer`` per kind: the model it follows, how to load every row for a
reindex, and the document of one row (None: the row is not searchable, e.g. an unpublished release)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from meetapp.directory.models import Person
from meetapp.meetings.models import Meeting
from meetapp.news.models import NewsRelease, NewsStatus
from meetapp.news.presentation import plain_text
from meetapp.search.models import Audience, DocumentKind
from meetapp.search.text import index_terms

SUMMARY_LENGTH = 300


@dataclass(frozen=True)
class Document:
    kind: DocumentKind
    object_id: int
    meeting_id: int | None
    audience: Audience
    title: str
    summary: str
    terms: str


def _short(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1] + "…"


def _both(obj) -> list[str | None]:
    """A bilingual record's English and Chinese names (either may be missing)."""
    return [getattr(obj, "name", None), getattr(obj, "name_zh", None)] if obj is not None else []


def meeting_document(meeting: Meeting) -> Document:
    # Meeting titles are English only: the series' and venues' Chinese names let a Chinese query find them.
    venues = [meeting.venue, *meeting.branch_venues]
    return Document(
        DocumentKind.MEETING, meeting.id, meeting.id, Audience.MEETING, meeting.title, _short(meeting.description),
        index_terms(meeting.title, meeting.description, *_both(meeting.series),
                    *(name for venue in venues for name in _both(venue))),
    )


def person_document(person: Person) -> Document:
    names = " · ".join(name for name in (person.name, person.name_zh) if name)
    about = " · ".join(part for part in (person.title, person.title_zh, *_both(person.unit)) if part)
    return Document(
        DocumentKind.PERSON, person.id, None, Audience.SIGNED_IN, names, _short(about),
        index_terms(person.name, person.name_zh, person.title, person.title_zh, *_both(person.unit)),
    )


def news_document(release: NewsRelease) -> Document | None:
    if release.status != NewsStatus.PUBLISHED:
        return None
    text = plain_text(release.body)
    return Document(
        DocumentKind.NEWS, release.id, release.meeting_id, Audience.PUBLIC, release.headline, _short(text),
        index_terms(release.headline, text),
    )


@dataclass(frozen=True)
class Indexer:
    kind: DocumentKind
    model: type
    document: Callable[[object], Document | None]
    everything: Callable[[], sa.Select]  # every row, loaded as ``document`` needs it


INDEXERS: list[Indexer] = [
    Indexer(DocumentKind.MEETING, Meeting, meeting_document, lambda: sa.select(Meeting).options(
        joinedload(Meeting.series), joinedload(Meeting.venue), selectinload(Meeting.branch_venues))),
    Indexer(DocumentKind.PERSON, Person, person_document,
            lambda: sa.select(Person).options(joinedload(Person.unit))),
    Indexer(DocumentKind.NEWS, NewsRelease, news_document,
            lambda: sa.select(NewsRelease).where(NewsRelease.status == NewsStatus.PUBLISHED)),
]


def _minutes_indexer() -> Indexer | None:
    """Published minutes, when the minutes area is installed: the text of the latest published version, found by
    whoever may see the meeting (published minutes follow the meeting's visibility)."""
    try:
        from meetapp.minutes.models import Minutes, MinutesStatus
    except ImportError:
        return None

    def document(minutes) -> Document | None:
        published = [v for v in minutes.versions if v.published_at is not None]
        if minutes.status != MinutesStatus.PUBLISHED or not published:
            return None
        latest = max(published, key=lambda version: version.number)
        text = plain_text(latest.content)
        return Document(
            DocumentKind.MINUTES, minutes.id, minutes.meeting_id, Audience.MEETING, minutes.meeting.title,
            _short(text), index_terms(minutes.meeting.title, text),
        )

    return Indexer(DocumentKind.MINUTES, Minutes, document, lambda: sa.select(Minutes).where(
        Minutes.status == MinutesStatus.PUBLISHED).options(joinedload(Minutes.meeting), selectinload(Minutes.versions)))


if (_minutes := _minutes_indexer()) is not None:
    INDEXERS.append(_minutes)
