"""Tickets: the QR code of a participant's ticket code (SVG for pages, PNG for mail), the links an invitee holds,
and the printable badge sheet of a meeting (A4, 2 × 4 badges: name in Chinese and pinyin, title, unit, main
role, QR).

The QR holds the bare ticket code: a keyboard-wedge scanner at the desk types it followed by Enter.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import segno
import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from markupsafe import Markup
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from meetapp.directory.models import Person
from meetapp.extensions import db
from meetapp.meetings.models import Meeting
from meetapp.participants.models import MEETING_ROLE_LABELS, MeetingRole, Participant, RsvpStatus

# --- QR codes ------------------------------------------------------------------------------------------


def _qr(code: str) -> segno.QRCode:
    return segno.make(code, error="m", micro=False)


def qr_svg(code: str, scale: int = 8, title: str | None = None) -> Markup:
    """The ticket's QR code as an inline ``<svg>`` (no file, no extra request)."""
    return Markup(_qr(code).svg_inline(scale=scale, border=4, omitsize=True, title=title, svgclass="ticket-qr"))  # noqa: S704


def qr_png(code: str, scale: int = 8) -> bytes:
    """The ticket's QR code as a PNG, e.g. for the invitation mail."""
    buffer = io.BytesIO()
    _qr(code).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def ticket_url(participant: Participant) -> str:
    """The ticket page reached through the personal RSVP link (the token is the credential)."""
    return url_for("tickets.by_token", token=participant.rsvp_token, _external=True)


def join_url(participant: Participant) -> str:
    """The personal video join link: records the join, then forwards to the meeting's video URL."""
    return url_for("join.join", token=participant.join_token, _external=True)


# --- the badge sheet -----------------------------------------------------------------------------------

CJK_FONT = "STSong-Light"  # one of reportlab's CID fonts: Chinese text without any font file
LATIN_FONT = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"
COLUMNS, ROWS = 2, 4
MARGIN_X, MARGIN_Y = 12 * mm, 10 * mm
PADDING = 5 * mm
QR_SIZE = 30 * mm


def _register_fonts() -> None:
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


def main_role(participant: Participant) -> MeetingRole | None:
    """The role a badge or the desk shows first: the earliest in ``MeetingRole``'s order (chair before
    attendee)."""
    order = list(MeetingRole)
    return min(participant.roles, key=order.index, default=None)


@dataclass
class Badge:
    name: str  # as written in Chinese when known
    latin_name: str | None  # pinyin/English, when different from ``name``
    title: str
    unit: str
    role: str
    note: str | None  # e.g. "for Chen Jun" on a delegate's badge
    code: str


def badges_of(meeting: Meeting) -> list[Badge]:
    """A badge for everyone expected: on the list and not declined; a named delegate gets the badge (with the
    invitee's ticket) instead of the invitee. Two queries, by name."""
    query = (
        sa.select(Participant)
        .join(Participant.person)
        .where(
            Participant.meeting_id == meeting.id,
            Participant.cancelled_at.is_(None),
            Participant.rsvp_status != RsvpStatus.DECLINED,
        )
        .options(
            contains_eager(Participant.person).joinedload(Person.unit),
            joinedload(Participant.delegate).joinedload(Person.unit),
            selectinload(Participant.role_rows),
        )
        .order_by(Person.name, Participant.id)
    )
    badges = []
    for participant in db.session.scalars(query):
        wearer = participant.delegate or participant.person
        role = main_role(participant)
        badges.append(
            Badge(
                name=wearer.name_zh or wearer.name,
                latin_name=wearer.name if wearer.name_zh else None,
                title=wearer.title_zh or wearer.title or "",
                unit=(wearer.unit.name_zh or wearer.unit.name) if wearer.unit else "",
                role=str(MEETING_ROLE_LABELS[role]) if role else "",
                note=_("For %(name)s", name=participant.person.name_zh or participant.person.name)
                if participant.delegate
                else None,
                code=participant.ticket_code,
            )
        )
    return badges


def _font_for(text: str, bold: bool = False) -> str:
    if any(ord(ch) > 0xFF for ch in text):
        return CJK_FONT
    return LATIN_BOLD if bold else LATIN_FONT


def _fit(canvas: Canvas, text: str, x: float, y: float, width: float, size: float, *, bold=False, minimum=7):
    """Draw ``text`` at (x, y) within ``width``: smaller down to ``minimum`` points, then cut with an ellipsis."""
    font = _font_for(text, bold)
    while size > minimum and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 0.5
    while text and pdfmetrics.stringWidth(text, font, size) > width:
        text = text[:-2] + "…"
    canvas.setFont(font, size)
    canvas.drawString(x, y, text)


def _draw_qr(canvas: Canvas, code: str, x: float, y: float, size: float) -> None:
    """The QR code as vector squares (runs of dark modules per row), crisp at any printer resolution."""
    matrix = _qr(code).matrix
    module = size / len(matrix)
    path = canvas.beginPath()
    for row, cells in enumerate(matrix):
        top = y + size - (row + 1) * module
        start = None
        for col, dark in enumerate([*cells, 0]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                path.rect(x + start * module, top, (col - start) * module, module)
                start = None
    canvas.drawPath(path, stroke=0, fill=1)


def _draw_badge(canvas: Canvas, badge: Badge, meeting_title: str, x: float, y: float, w: float, h: float):
    canvas.setStrokeGray(0.75)
    canvas.setDash(3, 3)
    canvas.rect(x, y, w, h)  # where to cut
    canvas.setDash()
    canvas.setFillGray(0)
    inner = w - 2 * PADDING
    text_width = inner - QR_SIZE - 4 * mm
    top = y + h - PADDING
    _fit(canvas, meeting_title, x + PADDING, top - 8, inner, 8)
    canvas.setStrokeGray(0.3)
    canvas.line(x + PADDING, top - 12, x + w - PADDING, top - 12)
    _fit(canvas, badge.name, x + PADDING, top - 38, text_width, 22, bold=True, minimum=12)
    line = top - 54
    if badge.latin_name:
        _fit(canvas, badge.latin_name, x + PADDING, line, text_width, 12)
        line -= 18
    if badge.title:
        _fit(canvas, badge.title, x + PADDING, line, text_width, 10)
        line -= 14
    if badge.unit:
        _fit(canvas, badge.unit, x + PADDING, line, text_width, 10)
    if badge.note:
        _fit(canvas, badge.note, x + PADDING, y + PADDING + 20, text_width, 8)
    if badge.role:
        _fit(canvas, badge.role, x + PADDING, y + PADDING + 4, text_width, 13, bold=True)
    _draw_qr(canvas, badge.code, x + w - PADDING - QR_SIZE, y + PADDING, QR_SIZE)


def badge_sheet_pdf(meeting: Meeting, badges: list[Badge]) -> bytes:
    """The badges on A4 pages, 2 columns × 4 rows, with cut lines; Chinese text in a CID font."""
    _register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(meeting.title)
    canvas.setAuthor("meetapp")
    page_w, page_h = A4
    w = (page_w - 2 * MARGIN_X) / COLUMNS
    h = (page_h - 2 * MARGIN_Y) / ROWS
    per_page = COLUMNS * ROWS
    for index, badge in enumerate(badges):
        if index and index % per_page == 0:
            canvas.showPage()
        slot = index % per_page
        col, row = slot % COLUMNS, slot // COLUMNS
        _draw_badge(canvas, badge, meeting.title, MARGIN_X + col * w, page_h - MARGIN_Y - (row + 1) * h, w, h)
    if not badges:
        _fit(canvas, _("Nobody to print a badge for yet."), MARGIN_X, page_h - MARGIN_Y - 12, page_w, 12)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
