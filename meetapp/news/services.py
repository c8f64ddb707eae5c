"""News release operations: generate a draft from the record, edit, publish, unpublish, delete a draft.

Each takes the acting user, checks what the data allows (the views have checked who may act: ``news.manage``),
writes one audit row and commits once. The search index follows through ``meetapp.search.indexing``.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from meetapp.audit import diff, record
from meetapp.database import utcnow
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.news.generator import generate
from meetapp.news.models import NewsLanguage, NewsRelease, NewsStatus

MAX_HEADLINE = 300
MAX_BODY = 50_000


class ReleaseExists(DomainError):
    message = _l("This meeting already has a news release in that language: edit it instead.")


class EditConflict(DomainError):
    message = _l(
        "Someone else saved this news release after you opened it. Your text is below: compare it with the "
        "current version, then save again."
    )


class EmptyRelease(DomainError):
    message = _l("A news release needs a headline and a text.")


class ReleaseTooLong(DomainError):
    message = _l("The headline or the text is too long.")


class NotADraft(DomainError):
    message = _l("Only a draft can be deleted; unpublish the release first.")


class AlreadyInState(DomainError):
    message = _l("The news release is already in that state.")


def release_of(meeting, language: NewsLanguage) -> NewsRelease | None:
    return db.session.scalar(
        sa.select(NewsRelease).where(NewsRelease.meeting_id == meeting.id, NewsRelease.language == language)
    )


def create_draft(actor, meeting, language: NewsLanguage) -> NewsRelease:
    """A new draft release of ``meeting`` in ``language``, written from the record. Refuses a second release in
    the same language."""
    language = NewsLanguage(language)
    if release_of(meeting, language) is not None:
        raise ReleaseExists()
    draft = generate(meeting, language.value)
    release = NewsRelease(
        meeting=meeting, language=language, headline=draft.headline[:MAX_HEADLINE], body=draft.body,
        created_by=actor, updated_by=actor,
    )
    db.session.add(release)
    record(actor, "news.create", release, meeting=meeting, changes={"language": [None, language.value]})
    db.session.commit()
    return release


def _check_text(headline: str, body: str) -> tuple[str, str]:
    headline, body = (headline or "").strip(), (body or "").replace("\r\n", "\n").strip()
    if not headline or not body:
        raise EmptyRelease()
    if len(headline) > MAX_HEADLINE or len(body) > MAX_BODY:
        raise ReleaseTooLong()
    return headline, body + "\n"


def update(actor, release: NewsRelease, headline: str, body: str, base_revision: int) -> NewsRelease:
    """Save the secretary's text. Refused when the release was saved by someone else since ``base_revision``
    (the revision the editor was opened at): nobody's text is overwritten unseen."""
    headline, body = _check_text(headline, body)
    if base_revision != release.revision:
        raise EditConflict()
    changes = diff(release, headline=headline, body=body)
    if not changes:
        return release
    release.headline, release.body = headline, body
    release.revision += 1
    release.updated_by = actor
    record(actor, "news.edit", release, meeting=release.meeting, changes=changes)
    db.session.commit()
    return release


def _set_status(actor, release: NewsRelease, status: NewsStatus, action: str) -> NewsRelease:
    if release.status == status:
        raise AlreadyInState()
    changes = {"status": [release.status.value, status.value]}
    release.status = status
    release.published_at = utcnow() if status == NewsStatus.PUBLISHED else None
    release.updated_by = actor
    record(actor, action, release, meeting=release.meeting, changes=changes)
    db.session.commit()
    return release


def publish(actor, release: NewsRelease) -> NewsRelease:
    """Put the release on the public news page and feed, dated now."""
    return _set_status(actor, release, NewsStatus.PUBLISHED, "news.publish")


def unpublish(actor, release: NewsRelease) -> NewsRelease:
    """Take the release off the news page and feed; it becomes a draft again."""
    return _set_status(actor, release, NewsStatus.DRAFT, "news.unpublish")


def delete_draft(actor, release: NewsRelease) -> None:
    """Delete a draft (to generate it afresh from the record, for instance). Published releases are refused."""
    if release.is_published:
        raise NotADraft()
    record(actor, "news.delete", release, meeting=release.meeting,
           changes={"headline": [release.headline, None]})
    db.session.delete(release)
    db.session.commit()
