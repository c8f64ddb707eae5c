"""PDFs on A4: the attendance report (landscape) and the pre-printed sign-in sheet (portrait) for a paper fallback.

Every page carries the meeting's title, the session's date, time and venue, and "page x of y". Text uses the CID
font STSong-Light, which every PDF reader has (it needs no font file) and which holds Chinese and Latin letters.
Long lists are laid out in blocks of rows, so a 10,000-name list takes seconds, not minutes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from meetapp.attendance.reports.data import SECTIONS, MeetingReport, ReportRow, SessionReport, Wording
from meetapp.meetings.models import Meeting, MeetingSession
from meetapp.participants.models import Participant
from meetapp.timefmt import show_date, show_datetime, show_time, to_local_naive

FONT = "STSong-Light"
MARGIN = 12 * mm
HEADER_HEIGHT = 16 * mm
FOOTER_HEIGHT = 9 * mm
CELL_SIZE = 8
ROWS_PER_BLOCK = 120  # a table this long splits over pages quickly; blocks follow one another seamlessly


def _register_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _style(size: float = CELL_SIZE, leading: float | None = None, cjk: bool = False) -> ParagraphStyle:
    return ParagraphStyle(
        f"meetapp-{size}-{cjk}", fontName=FONT, fontSize=size, leading=leading or size * 1.25, alignment=TA_LEFT,
        wordWrap="CJK" if cjk else None,
    )


def _styles() -> dict[str, ParagraphStyle]:
    _register_font()
    return {
        "heading": _style(12, 15, cjk=True),
        "text": _style(9, 12, cjk=True),
    }


# Characters the CID font lacks, as Babel and our labels write them: narrow and no-break spaces, the middle dot.
MISSING_GLYPHS = str.maketrans({"\u202f": " ", "\u00a0": " ", "\u2009": " ", "\u00b7": "|"})


def _plain(text: str) -> str:
    return (text or "").translate(MISSING_GLYPHS)


def _escape(text: str) -> str:
    return _plain(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Line-breaking units: a CJK character, or a Latin word with the spaces after it.
BREAKABLE = re.compile(r"[\u2e80-\uffff]|[^\s\u2e80-\uffff]+\s*|\s+")


def _cell(text: str, width: float, size: float = CELL_SIZE) -> str:
    """The text wrapped to the column's width, as lines of plain text (a Paragraph per cell would take most of the
    time of a long list)."""
    text, room = _plain(text), width - 4
    if pdfmetrics.stringWidth(text, FONT, size) <= room:
        return text
    lines, line = [], ""
    for piece in BREAKABLE.findall(text):
        if not line or pdfmetrics.stringWidth((line + piece).rstrip(), FONT, size) <= room:
            line += piece
        else:
            lines.append(line.rstrip())
            line = piece.lstrip()
    lines.append(line.rstrip())
    return "\n".join(lines)


class _SessionMark(Flowable):
    """Invisible: tells the page header which session the pages from here on belong to."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def wrap(self, *_args):
        return 0, 0

    def draw(self):
        self.canv.meetapp_session = self.text


def _numbered_canvas(page_label: Callable[[int, int], str], width: float):
    """A canvas class that holds its pages until the end, then writes "page x of y" on each."""

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, page in enumerate(self._pages, start=1):
                self.__dict__.update(page)
                self.setFont(FONT, 8)
                self.setFillColor(colors.grey)
                self.drawRightString(width - MARGIN, MARGIN / 2 + 1 * mm, page_label(number, total))
                super().showPage()
            super().save()

    return NumberedCanvas


def _session_line(meeting: Meeting, session: MeetingSession, locale: str) -> str:
    parts = [
        session.title,
        f"{show_date(session.starts_at, meeting, 'full')} "
        f"{show_time(session.starts_at, meeting)}–{show_time(session.ends_at, meeting)} ({meeting.timezone})",
    ]
    if session.venue is not None:
        parts.append(session.venue.display_name(locale))
    return "  |  ".join(parts)


def _fitted_line(pdf, text: str, size: float, y: float, room: float) -> None:
    """One line of the page header, in a smaller type when a long title would run off the page."""
    text = _plain(text)
    size = max(5.0, min(size, size * room / max(pdfmetrics.stringWidth(text, FONT, size), 1)))
    pdf.setFont(FONT, size)
    pdf.drawString(MARGIN, y, text)


def _document(buffer, pagesize, meeting: Meeting, title: str) -> BaseDocTemplate:
    width, height = pagesize

    def header(pdf, _doc):
        pdf.saveState()
        _fitted_line(pdf, f"{meeting.title} — {title}", 12, height - MARGIN - 4 * mm, width - 2 * MARGIN)
        pdf.setFillColor(colors.HexColor("#444444"))
        _fitted_line(pdf, getattr(pdf, "meetapp_session", ""), 8.5, height - MARGIN - 9 * mm, width - 2 * MARGIN)
        pdf.setStrokeColor(colors.HexColor("#999999"))
        rule = height - MARGIN - HEADER_HEIGHT + 4 * mm
        pdf.line(MARGIN, rule, width - MARGIN, rule)
        pdf.restoreState()

    frame = Frame(
        MARGIN, MARGIN + FOOTER_HEIGHT, width - 2 * MARGIN, height - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
    )
    doc = BaseDocTemplate(
        buffer, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=f"{meeting.title} — {title}", author="meetapp",
    )
    # Drawn when each page is finished, so the session mark on a new session's first page is already seen.
    doc.addPageTemplates([PageTemplate("page", frames=[frame], onPageEnd=header)])
    return doc


def _build(doc: BaseDocTemplate, story: list, width: float) -> None:
    page_label = lambda page, pages: _("Page %(page)d of %(pages)d", page=page, pages=pages)  # noqa: E731
    doc.build(story, canvasmaker=_numbered_canvas(page_label, width))


TABLE_STYLE = [
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
    ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
]
HEAD_STYLE = [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6"))]
SECTION_SHADE = colors.HexColor("#f3f3f3")


def _blocks(header: list, rows: list[list], widths: list[float], sections: frozenset[int] = frozenset(),
            row_padding: float | None = None, size: float = CELL_SIZE) -> list[Table]:
    """The rows as consecutive tables of ROWS_PER_BLOCK rows (one huge table splits over pages slowly); the column
    heads come first and repeat on every page of the first block. Rows whose index is in ``sections`` are section
    titles: they span the table and are shaded. ``row_padding`` above and below the text of the other rows makes
    them taller (room to sign) while a row whose text wraps still grows to fit it."""
    tables = []
    for start in range(0, max(len(rows), 1), ROWS_PER_BLOCK):
        indexes = range(start, min(start + ROWS_PER_BLOCK, len(rows)))
        lines = [rows[index] for index in indexes]
        offset = 1 if start == 0 else 0
        style = [*TABLE_STYLE, ("FONT", (0, 0), (-1, -1), FONT, size), *(HEAD_STYLE if start == 0 else ())]
        for line, index in enumerate(indexes, start=offset):
            if index in sections:
                style += [("SPAN", (0, line), (-1, line)), ("BACKGROUND", (0, line), (-1, line), SECTION_SHADE)]
        if row_padding is not None and len(lines):
            style += [("TOPPADDING", (0, offset), (-1, -1), row_padding),
                      ("BOTTOMPADDING", (0, offset), (-1, -1), row_padding)]
        table = Table([header, *lines] if start == 0 else lines, colWidths=widths,
                      repeatRows=offset, splitByRow=1)
        table.setStyle(TableStyle(style))
        tables.append(table)
    return tables


# --- the attendance report -------------------------------------------------------------------------------------

REPORT_WIDTHS = [9 * mm, 34 * mm, 52 * mm, 30 * mm, 32 * mm, 40 * mm, 24 * mm, 12 * mm, 40 * mm]


def _report_row(number: int, row: ReportRow, meeting: Meeting, locale: str) -> list:
    record = row.check_in
    mode = row.mode_text()
    if row.venue_text(locale) and record is not None and record.mode != "in_person":
        mode = f"{mode}: {row.venue_text(locale)}"
    note = row.delegate(locale) or row.reason()
    texts = [
        str(number), row.name(locale), row.unit(locale), row.roles(), row.status_text(), mode,
        to_local_naive(record.checked_in_at, meeting).strftime("%H:%M") if record else "",
        str(row.minutes) if row.minutes is not None else "",
        note,
    ]
    return [_cell(text, width) for text, width in zip(texts, REPORT_WIDTHS, strict=True)]


def _counts_line(session_report: SessionReport) -> str:
    counts = session_report.counts
    return _(
        "Invited %(invited)d; present %(present)d (late %(late)d, left early %(left)d); represented %(represented)d;"
        " absent with apology %(apology)d; absent without apology %(absent)d",
        invited=counts["invited"], present=counts["present"], late=counts["late"], left=counts["left_early"],
        represented=counts["represented"], apology=counts["apology"], absent=counts["absent"],
    )


def report_pdf(report: MeetingReport, locale: str) -> bytes:
    """Per session: its counts, the quorums recorded, and the full list by section (present, represented, absent
    with apology, absent without), each person with unit, roles, status, mode, check-in time, minutes, delegate or
    reason."""
    styles = _styles()
    meeting = report.meeting
    pagesize = landscape(A4)
    header = [_("No."), _("Full name"), _("Unit"), _("Roles"), _("Status"), _("Mode"), _("Checked in"), _("Min."),
              _("Delegate / reason")]
    story: list = []
    for index, session_report in enumerate(report.sessions):
        if index:
            story.append(PageBreak())
        session = session_report.session
        story += [_SessionMark(_session_line(meeting, session, locale)),
                  Paragraph(_escape(session.title), styles["heading"]),
                  Paragraph(_escape(_counts_line(session_report)), styles["text"])]
        for entry in session_report.resolutions:
            for recorded in entry.snapshots:
                snapshot = recorded.snapshot
                story.append(Paragraph(_escape(_(
                    "Quorum at “%(item)s”, %(time)s: %(present)d of %(members)d members present, %(required)d "
                    "needed — %(result)s.", item=entry.item.title, time=show_time(snapshot.recorded_at, meeting),
                    present=snapshot.present, members=snapshot.members, required=snapshot.required,
                    result=_("Quorum met") if snapshot.met else _("Quorum not met"),
                )), styles["text"]))
        story.append(Spacer(1, 3 * mm))
        rows, sections, number = [], set(), 0
        for key, label, _statuses in SECTIONS:
            section_rows = session_report.section_rows(key)
            if not section_rows:
                continue
            sections.add(len(rows))
            rows.append([_("%(section)s: %(count)d", section=label, count=len(section_rows))] + [""] * 8)
            for row in section_rows:
                number += 1
                rows.append(_report_row(number, row, meeting, locale))
        story += _blocks(header, rows, REPORT_WIDTHS, frozenset(sections))
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(_escape(_("Report made %(time)s.", time=show_datetime(report.generated_at, meeting))),
                           styles["text"]))
    buffer = io.BytesIO()
    _build(_document(buffer, pagesize, meeting, _("Attendance report")), story, pagesize[0])
    return buffer.getvalue()


# --- the sign-in sheet --------------------------------------------------------------------------------------

SIGN_IN_WIDTHS = [9 * mm, 33 * mm, 34 * mm, 42 * mm, 22 * mm, 46 * mm]
SIGNATURE_PADDING = 3.5 * mm  # a one-line row is about 11 mm high
SIGN_IN_SIZE = 10  # read and filled in on paper


def sign_in_sheet_pdf(meeting: Meeting, sessions: list[MeetingSession], participants: list[Participant],
                      locale: str) -> bytes:
    """For each session, on fresh pages: everyone on the list (by unit, then name) with title, unit and roles, and
    an empty box to sign in."""
    styles = _styles()
    wording = Wording()
    pagesize = A4
    header = [_("No."), _("Full name"), _("Title or position"), _("Unit"), _("Roles"), _("Signature")]
    story: list = []
    for index, session in enumerate(sessions):
        if index:
            story.append(PageBreak())
        story += [_SessionMark(_session_line(meeting, session, locale)),
                  Paragraph(_escape(_("Sign-in sheet: %(session)s", session=session.title)), styles["heading"]),
                  Spacer(1, 2 * mm)]
        rows = []
        for number, participant in enumerate(participants, start=1):
            person = participant.person
            texts = [str(number), person.display_name(locale), person.display_title(locale),
                     person.unit.display_name(locale) if person.unit else "", wording.roles(participant), ""]
            rows.append([_cell(text, width, SIGN_IN_SIZE) for text, width in zip(texts, SIGN_IN_WIDTHS, strict=True)])
        story += _blocks(header, rows, SIGN_IN_WIDTHS, row_padding=SIGNATURE_PADDING, size=SIGN_IN_SIZE)
    buffer = io.BytesIO()
    _build(_document(buffer, pagesize, meeting, _("Sign-in sheet")), story, pagesize[0])
    return buffer.getvalue()
