"""How a release's Markdown is shown: as sanitised HTML (the minutes' renderer: markdown-it, then nh3), and as a
short plain-text excerpt for lists and search results."""

from __future__ import annotations

import html

import nh3

from meetapp.minutes.rendering import render_markdown

EXCERPT_LENGTH = 280


def body_html(release) -> str:
    return render_markdown(release.body)


def plain_text(markdown: str) -> str:
    """The text of ``markdown`` without any markup: rendered, every tag stripped, entities decoded."""
    return " ".join(html.unescape(nh3.clean(str(render_markdown(markdown)), tags=set())).split())


def excerpt(markdown: str, length: int = EXCERPT_LENGTH) -> str:
    text = plain_text(markdown)
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"
