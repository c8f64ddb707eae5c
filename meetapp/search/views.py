"""The search page: one box, optional narrowing to one kind, results the reader may see, best first."""

from __future__ import annotations

from flask import render_template, request, url_for
from flask_login import current_user

from meetapp.search.blueprint import bp
from meetapp.search.engine import MAX_QUERY, search
from meetapp.search.models import DOCUMENT_KIND_LABELS, DocumentKind, SearchDocument


def result_url(document: SearchDocument) -> str:
    if document.kind == DocumentKind.MEETING:
        return url_for("meetings.detail", meeting_id=document.object_id)
    if document.kind == DocumentKind.NEWS:
        return url_for("news.release", release_id=document.object_id)
    if document.kind == DocumentKind.PERSON:
        return url_for("directory.person", person_id=document.object_id)
    return url_for("minutes.show", meeting_id=document.meeting_id)


@bp.route("/search")
def search_page():
    query = (request.args.get("q") or "").strip()[:MAX_QUERY]
    kind = request.args.get("kind")
    kind = DocumentKind(kind) if kind in DocumentKind._value2member_map_ else None
    results = search(current_user, query, kind, page=request.args.get("page", 1, type=int))
    return render_template(
        "search/index.html", results=results, query=query, kind=kind, kinds=DOCUMENT_KIND_LABELS,
        result_url=result_url,
    )
