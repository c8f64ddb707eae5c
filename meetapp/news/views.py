"""The public news pages: the list of published releases (newest first), one release, the Atom feed. No sign-in
needed; a draft is shown only to those who may manage its meeting's news (others get 404)."""

from __future__ import annotations

from datetime import UTC

from flask import abort, current_app, make_response, render_template, request
from sqlalchemy.orm import joinedload

from meetapp import policy
from meetapp.database import utcnow
from meetapp.extensions import db
from meetapp.news import presentation
from meetapp.news.blueprint import bp
from meetapp.news.forms import ActionForm
from meetapp.news.models import NEWS_STATUS_LABELS, NewsRelease
from meetapp.news.queries import published_select

FEED_SIZE = 20


@bp.context_processor
def helpers():
    return {
        "news_status_labels": NEWS_STATUS_LABELS,
        "release_html": presentation.body_html,
        "excerpt": presentation.excerpt,
        "html_lang": lambda language: "zh-CN" if language == "zh" else "en",
    }


@bp.app_template_filter("atom_time")
def atom_time(moment) -> str:
    """An aware UTC timestamp as RFC 3339, as Atom wants it."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@bp.route("/news")
def index():
    page = db.paginate(
        published_select().options(joinedload(NewsRelease.meeting)),
        page=request.args.get("page", 1, type=int),
        per_page=current_app.config.get("NEWS_PAGE_SIZE", 10),
        error_out=False,
    )
    return render_template("news/index.html", page=page)


@bp.route("/news/<int:release_id>")
def release(release_id: int):
    release = db.session.get(NewsRelease, release_id, options=[joinedload(NewsRelease.meeting)])
    if release is None or not (release.is_published or policy.can("news.manage", release.meeting)):
        abort(404)
    return render_template("news/release.html", release=release, action_form=ActionForm())


@bp.route("/news/feed.atom")
def feed():
    releases = db.session.scalars(
        published_select().options(joinedload(NewsRelease.meeting)).limit(FEED_SIZE)
    ).all()
    # The HTML as a plain str: the template escapes it into the XML (Atom's type="html" content).
    entries = [(release, str(presentation.body_html(release))) for release in releases]
    updated = max((max(r.published_at, r.updated_at) for r in releases), default=utcnow())
    response = make_response(render_template("news/feed.atom.xml", entries=entries, updated=updated))
    response.mimetype = "application/atom+xml"
    return response
