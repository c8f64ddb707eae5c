"""Searching: one entry point for every page (and the API), whichever database is underneath.

``search(user, query, kind=None, page=1)`` answers a page of documents the user may see, best matches first.
Visibility is part of the SQL: public documents (published news) for anyone, people for signed-in users, and
meetings and published minutes under the meeting's own rule (``meetapp.meetings.queries.visibility_filter``), so a
member never finds a participants-only meeting they are not invited to. Unpublished minutes and news releases are
never in the index.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from meetapp.extensions import db
from meetapp.meetings.models import Meeting
from meetapp.meetings.queries import visibility_filter
from meetapp.search.backends import backend_for
from meetapp.search.models import Audience, DocumentKind, SearchDocument
from meetapp.search.text import query_terms

PAGE_SIZE = 20
MAX_QUERY = 200


@dataclass
class Results:
    query: str
    kind: DocumentKind | None
    page: object | None  # a Flask-SQLAlchemy pagination of SearchDocument, None for an empty query


def audience_filter(user) -> sa.ColumnElement[bool]:
    """The documents ``user`` may find."""
    allowed = [SearchDocument.audience == Audience.PUBLIC]
    if user.is_authenticated:
        allowed.append(SearchDocument.audience == Audience.SIGNED_IN)
    visible_meetings = sa.select(Meeting.id).where(visibility_filter(user))
    allowed.append(
        sa.and_(SearchDocument.audience == Audience.MEETING, SearchDocument.meeting_id.in_(visible_meetings))
    )
    return sa.or_(*allowed)


def search_select(user, query: str, kind: DocumentKind | None = None) -> sa.Select | None:
    """The matching documents ``user`` may see, best first; None when the query has no searchable word."""
    terms = query_terms(query[:MAX_QUERY])
    if not terms:
        return None
    match = backend_for(db.engine.dialect.name).match(terms)
    select = match.select.where(audience_filter(user))
    if kind is not None:
        select = select.where(SearchDocument.kind == kind)
    return select.order_by(*match.order_by)


def search(user, query: str, kind: DocumentKind | None = None, page: int = 1, per_page: int = PAGE_SIZE) -> Results:
    select = search_select(user, query or "", kind)
    if select is None:
        return Results(query, kind, None)
    return Results(query, kind, db.paginate(select, page=page, per_page=per_page, error_out=False))
