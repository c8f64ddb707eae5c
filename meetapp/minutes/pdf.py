"""The minutes as a PDF (WeasyPrint): A4, the meeting's title and the status in every page's header, "page x of y"
in the footer, the text (sanitised as on the page) and the attendance table.

Chinese needs a CJK font installed on the machine (Debian: fonts-noto-cjk); the stylesheet names Noto Sans/Serif
CJK SC first. Without one, WeasyPrint still produces the PDF, with Chinese drawn as missing-glyph boxes. Nothing is
fetched while rendering: the sanitised HTML has no images, and the URL fetcher refuses every URL anyway.
"""

from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _

from meetapp.minutes.models import Minutes, MinutesVersion
from meetapp.minutes.record import ROLE_MODE_HEADS, attendance_of, load_sessions
from meetapp.minutes.rendering import render_markdown


class NoFetching(Exception):
    pass


def _refuse_fetch(url: str, *args, **kwargs):
    raise NoFetching(url)


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def page_label_css() -> str:
    """The CSS ``content`` value for "Page x of y" in the current language."""
    pattern = _css_string(_("Page %(page)s of %(pages)s"))
    return '"' + pattern.replace("%(page)s", '" counter(page) "').replace("%(pages)s", '" counter(pages) "') + '"'


def minutes_html(minutes: Minutes, shown: MinutesVersion, locale: str) -> str:
    meeting = minutes.meeting
    attendance = attendance_of(meeting, load_sessions(meeting), locale)
    return render_template(
        "minutes/pdf.html", minutes=minutes, meeting=meeting, shown=shown, text=render_markdown(shown.content),
        attendance=attendance, role_heads=ROLE_MODE_HEADS, page_label=page_label_css(), locale=locale,
    )


def minutes_pdf(minutes: Minutes, shown: MinutesVersion, locale: str) -> bytes:
    from weasyprint import HTML  # imported on use: it loads Pango, which only the PDF needs

    return HTML(string=minutes_html(minutes, shown, locale), url_fetcher=_refuse_fetch).write_pdf()
