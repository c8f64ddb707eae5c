"""Markdown to safe HTML, for the page and the PDF alike.

markdown-it-py (CommonMark with tables) renders, passing raw HTML and every link target through; nh3 (Ammonia) is
then the one gate: it keeps only the tags a document needs, removes ``<script>`` and ``<style>`` with their content,
drops every event handler and style attribute, and keeps a link's target only with an http, https or mailto scheme
(a ``javascript:`` link becomes plain text). One gate rather than two keeps such text off the page and out of the
PDF entirely instead of showing it as literal text.
"""

from __future__ import annotations

import difflib
import html

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = {
    "a", "p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "del",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

_markdown = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False}).enable("table")
_markdown.validateLink = lambda url: True  # nh3 decides which targets stay (see above)


def render_markdown(text: str | None) -> Markup:
    """``text`` (Markdown) as sanitised HTML, safe to put on a page or into the PDF as it is."""
    rendered = _markdown.render(text or "")
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return Markup(cleaned)  # noqa: S704  (cleaned by nh3 just above)


def diff_table(older: str, newer: str, older_label: str, newer_label: str) -> Markup:
    """A side-by-side HTML diff of two texts, changed lines with three lines of context. difflib escapes the text
    itself; the labels are escaped here."""
    table = difflib.HtmlDiff(wrapcolumn=70).make_table(
        older.splitlines(), newer.splitlines(), html.escape(older_label), html.escape(newer_label),
        context=True, numlines=3,
    )
    return Markup(table)  # noqa: S704  (difflib escapes every line it shows)
