"""What the record says about a meeting, for the minutes' first draft and the PDF: when and where, who presided,
attendance by role and mode (the attendance board's own counts), the programme with presenters, and the awards
presented and statements signed (``meetapp.records.summary``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from meetapp.agenda.models import AGENDA_ITEM_TYPE_LABELS, PRESENTER_ROLE_LABELS, AgendaItem, AgendaPresenter
from meetapp.attendance import board
from meetapp.attendance.reports.data import SessionReport, meeting_report
from meetapp.extensions import db
from meetapp.meetings.models import MEETING_FORMAT_LABELS, VIDEO_PLATFORM_LABELS, Meeting, MeetingSession
from meetapp.participants.models import AttendanceMode, MeetingRole
from meetapp.records.summary import AwardLine, StatementLine, record_summary
from meetapp.timefmt import span_text

# The columns of the attendance table by role: those holding the role, then those present by mode.
ROLE_MODE_HEADS = (_l("Role"), _l("Invited"), _l("In person"), _l("At branch venues"), _l("By video"))


@dataclass(frozen=True)
class RoleModes:
    """One meeting role: how many hold it, and how many of them were present in the hall, at a branch venue and
    by video."""

    role: MeetingRole
    label: str
    invited: int
    in_person: int
    branch: int
    video: int

    @property
    def present(self) -> int:
        return self.in_person + self.branch + self.video


@dataclass
class SessionAttendance:
    session: MeetingSession
    totals: board.Totals
    by_mode: list[board.Tally]
    by_role: list[RoleModes]


@dataclass
class RecordFacts:
    meeting: Meeting
    sessions: list[MeetingSession]
    attendance: list[SessionAttendance]
    awards: dict[int, list[str]] = field(default_factory=dict)  # agenda item id → the awards presented there
    statements: dict[int, list[str]] = field(default_factory=dict)  # agenda item id → the statements signed there


def load_sessions(meeting: Meeting) -> list[MeetingSession]:
    """The meeting's sessions with presider, venue, agenda items and their presenters, in one round of queries."""
    return list(
        db.session.scalars(
            db.select(MeetingSession)
            .where(MeetingSession.meeting_id == meeting.id)
            .order_by(MeetingSession.starts_at, MeetingSession.id)
            .options(
                selectinload(MeetingSession.presider),
                selectinload(MeetingSession.venue_override),
                selectinload(MeetingSession.agenda_items)
                .selectinload(AgendaItem.presenters)
                .selectinload(AgendaPresenter.person),
            )
        )
    )


def attendance_of(meeting: Meeting, sessions: list[MeetingSession], locale: str) -> list[SessionAttendance]:
    """Per session, the attendance board's counts (totals, by mode: main venue, each branch venue, video; invited per
    role) and, from the attendance report's rows, each role's present people by mode."""
    report = {entry.session.id: entry for entry in meeting_report(meeting, locale, charts=False).sessions}
    return [
        SessionAttendance(session, board.session_totals(session), board.tally_by_mode(session, locale),
                          _role_modes(report[session.id], board.tally_by_role(session)))
        for session in sessions
    ]


def _role_modes(report: SessionReport, by_role: list[board.Tally]) -> list[RoleModes]:
    present: dict[MeetingRole, Counter] = defaultdict(Counter)
    for row in report.rows:
        if row.check_in is not None:
            for role in row.participant.roles:
                present[role][row.check_in.mode] += 1
    rows = []
    for tally in by_role:
        role = MeetingRole(tally.key.removeprefix("role:"))
        counts = present[role]
        rows.append(RoleModes(role, tally.label, tally.invited, counts[AttendanceMode.IN_PERSON],
                              counts[AttendanceMode.BRANCH], counts[AttendanceMode.VIDEO]))
    return rows


def _award_text(award: AwardLine) -> str:
    names = ", ".join(award.recipient_names) or award.team_name or ""
    text = _("%(level)s: %(title)s — %(recipients)s", level=award.level, title=award.title, recipients=names)
    if award.presenter:
        text += " " + _("(presented by %(name)s)", name=award.presenter)
    return text


def _statement_text(statement: StatementLine) -> str:
    return _("%(task)s — %(unit)s; signed by %(first)s and %(second)s", task=statement.key_task,
             unit=statement.unit, first=statement.signed_by[0], second=statement.signed_by[1])


def _record_by_item(meeting: Meeting, locale: str) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Awards presented and statements signed (``meetapp.records.summary``), by the agenda item they belong to."""
    summary = record_summary(meeting, locale)
    awards: dict[int, list[str]] = {}
    for program in summary.programs:
        for award in program.awards:
            if award.presented and program.presentation_item_id is not None:
                awards.setdefault(program.presentation_item_id, []).append(_award_text(award))
    statements: dict[int, list[str]] = {}
    for statement in summary.statements:
        if statement.signed_item_id is not None:
            statements.setdefault(statement.signed_item_id, []).append(_statement_text(statement))
    return awards, statements


def gather(meeting: Meeting, locale: str) -> RecordFacts:
    sessions = load_sessions(meeting)
    awards, statements = _record_by_item(meeting, locale)
    return RecordFacts(meeting, sessions, attendance_of(meeting, sessions, locale), awards, statements)


def presiders(facts: RecordFacts, locale: str) -> list[str]:
    names: list[str] = []
    for session in facts.sessions:
        if session.presider is not None and session.presider.display_name(locale) not in names:
            names.append(session.presider.display_name(locale))
    return names


def _md(text: str | None) -> str:
    """Record text as literal Markdown: characters that would start markup are escaped."""
    out = []
    for char in text or "":
        out.append("\\" + char if char in "\\`*_[]<>#|!" else char)
    return "".join(out)


def _venues_line(meeting: Meeting, locale: str) -> list[str]:
    lines = []
    if meeting.venue is not None:
        lines.append(_("**Venue:** %(venue)s", venue=_md(meeting.venue.display_name(locale))))
    if meeting.branch_venues:
        names = "; ".join(_md(venue.display_name(locale)) for venue in meeting.branch_venues)
        lines.append(_("**Branch venues:** %(venues)s", venues=names))
    if meeting.video_platform is not None:
        lines.append(_("**Video link:** %(platform)s", platform=VIDEO_PLATFORM_LABELS[meeting.video_platform]))
    return lines


def _attendance_markdown(facts: RecordFacts) -> list[str]:
    lines = ["", "## " + _("Attendance")]
    for entry in facts.attendance:
        totals = entry.totals
        lines += ["", "### " + _md(entry.session.title), ""]
        lines.append(_("%(present)s of %(invited)s invited were present (%(represented)s through a delegate); "
                       "%(apologies)s sent apologies.", present=totals.present, invited=totals.invited,
                       represented=totals.represented, apologies=totals.apologies))
        leadership = next((r for r in entry.by_role if r.role == MeetingRole.LEADERSHIP), None)
        if leadership is not None and leadership.present:
            lines += ["", _("Members of the leadership team in attendance: %(count)s.", count=leadership.present)]
        if entry.by_mode:
            lines += ["", f"| {_('Mode')} | {_('Invited')} | {_('Present')} |", "|---|---:|---:|"]
            lines += [f"| {_md(t.label)} | {t.invited} | {t.present} |" for t in entry.by_mode]
        if entry.by_role:
            lines += ["", "| " + " | ".join(str(head) for head in ROLE_MODE_HEADS) + " |", "|---|---:|---:|---:|---:|"]
            lines += [f"| {_md(r.label)} | {r.invited} | {r.in_person} | {r.branch} | {r.video} |"
                      for r in entry.by_role]
    return lines


def _programme_markdown(facts: RecordFacts, locale: str) -> list[str]:
    meeting, lines = facts.meeting, []
    for session in facts.sessions:
        lines += ["", "## " + _md(session.title), "",
                  _("**When:** %(span)s", span=span_text(session.starts_at, session.ends_at, meeting))]
        if session.presider is not None:
            lines.append("")
            lines.append(_("Presided over by %(name)s.", name=_md(session.presider.display_name(locale))))
        for number, item in enumerate(session.agenda_items, start=1):
            lines += ["", f"### {number}. {_md(item.title)}", "", f"*{AGENDA_ITEM_TYPE_LABELS[item.type]}*"]
            presenters = [
                _("%(name)s (%(role)s)", name=_md(p.person.display_name(locale)), role=PRESENTER_ROLE_LABELS[p.role])
                for p in item.presenters
            ]
            if presenters:
                lines += ["", _("**Presenters:** %(names)s", names=", ".join(presenters))]
            if facts.awards.get(item.id):
                lines += ["", _("**Awards presented:**"), ""] + [f"- {_md(a)}" for a in facts.awards[item.id]]
            if facts.statements.get(item.id):
                lines += ["", _("**Responsibility statements signed:**"), ""]
                lines += [f"- {_md(text)}" for text in facts.statements[item.id]]
            lines += ["", _("Summary: (to be written by the secretary)")]
    return lines


def prefill_markdown(meeting: Meeting, locale: str, carried_over=()) -> str:
    """The first draft of the minutes, in Markdown, from the record, written in ``locale``."""
    with force_locale(locale):
        return _prefill(meeting, locale, carried_over)


def _prefill(meeting: Meeting, locale: str, carried_over) -> str:
    facts = gather(meeting, locale)
    lines = [f"# {_md(meeting.title)}", ""]
    lines.append(_("**Date:** %(span)s", span=span_text(meeting.starts_at, meeting.ends_at, meeting)) + "  ")
    lines.append(_("**Format:** %(format)s", format=MEETING_FORMAT_LABELS[meeting.format]) + "  ")
    lines += [line + "  " for line in _venues_line(meeting, locale)]
    names = presiders(facts, locale)
    if names:
        lines.append(_("**Presided over by:** %(names)s", names=", ".join(_md(n) for n in names)))
    lines += _attendance_markdown(facts)
    lines += _programme_markdown(facts, locale)
    if carried_over:
        lines += ["", "## " + _("Open action items from earlier meetings"), ""]
        for item in carried_over:
            lines.append("- " + action_line(item, locale))
    return "\n".join(lines).strip() + "\n"


def action_line(item, locale: str) -> str:
    """An action item as one Markdown line: title, owner, due date, status."""
    from meetapp.minutes.models import ACTION_STATUS_LABELS

    owner = item.owner.display_name(locale) if item.owner is not None else _("no owner")
    due = item.due_on.isoformat() if item.due_on else _("no due date")
    return _("%(title)s — owner: %(owner)s; due: %(due)s; status: %(status)s", title=_md(item.title),
             owner=_md(owner), due=due, status=ACTION_STATUS_LABELS[item.status])
