"""The search index: one row per searchable thing (a meeting, published minutes, a published news release, a
person), with the text shown in results and the normalised terms the full-text index covers.

The full-text index itself is not a model: on SQLite it is the FTS5 table ``search_fts`` (external content over
``search_documents``, kept in step by triggers); on PostgreSQL a GIN index over ``to_tsvector('simple', terms)``.
``meetapp.search.schema`` creates both (for ``create_all`` and for the migration) and tells Alembic to leave them
out of its comparison.
"""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from meetapp.database import UTCDateTime, str_enum, utcnow
from meetapp.extensions import db


class DocumentKind(enum.StrEnum):
    MEETING = "meeting"
    MINUTES = "minutes"
    NEWS = "news"
    PERSON = "person"


class Audience(enum.StrEnum):
    """Who may find a document: anyone, anyone signed in, or whoever may see its meeting."""

    PUBLIC = "public"
    SIGNED_IN = "signed_in"
    MEETING = "meeting"


DOCUMENT_KIND_LABELS = {
    DocumentKind.MEETING: _l("Meeting"),
    DocumentKind.MINUTES: _l("Meeting minutes"),  # "Minutes" alone is also a duration unit
    DocumentKind.NEWS: _l("News release"),
    DocumentKind.PERSON: _l("Person"),
}


class SearchDocument(db.Model):
    __tablename__ = "search_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[DocumentKind] = mapped_column(str_enum(DocumentKind, "search_document_kind"))
    object_id: Mapped[int] = mapped_column()
    meeting_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    audience: Mapped[Audience] = mapped_column(str_enum(Audience, "search_audience"))
    title: Mapped[str] = mapped_column(sa.String(400))
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    terms: Mapped[str] = mapped_column(sa.Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (sa.UniqueConstraint("kind", "object_id", name="uq_search_documents_kind_object_id"),)
