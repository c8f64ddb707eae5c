"""The first draft of a news release, written from the meeting's record in the manner of the group's own news
pages (see the seed article): the date and the meeting, who spoke and who presided, who announced and who
reported; the awards presented, the statements signed and the briefings; the hybrid format with its branch
venues; the units and groups that attended. The secretary then edits it.

Every sentence is a whole translatable sentence, rendered in the release's language (``force_locale``), with the
record's names in that language; lists of names are joined the language's way (babel's ``format_list``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel.dates import format_date
from babel.lists import format_list
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from meetapp.agenda.models import AgendaItemType, PresenterRole
from meetapp.meetings.models import MeetingFormat
from meetapp.minutes.record import load_sessions
from meetapp.news import facts
from meetapp.participants.models import AttendanceMode
from meetapp.records.summary import ProgramLine, RecordSummary, record_summary

# Longer lists of units or groups are cut here, with the rest counted ("and 5 other units").
MAX_NAMES = 12

# What people did, as the news says it: one person named with their position, else several named in a list.
SPOKE = (_l("%(name)s, %(title)s, attended and delivered a speech."),
         _l("%(people)s attended and delivered a speech."))
PRESIDED = (_l("%(name)s, %(title)s, presided over the meeting."), _l("%(people)s presided over the meeting."))
PRESIDED_SESSION = (_l("%(name)s, %(title)s, presided over the %(session)s."),
                    _l("%(people)s presided over the %(session)s."))
REPORTED = (_l("%(name)s, %(title)s, delivered the %(report)s."), _l("%(people)s delivered the %(report)s."))
ANNOUNCED = (_l("%(name)s, %(title)s, made the announcement: %(item)s."),
             _l("%(people)s made the announcement: %(item)s."))
ANNOUNCED_AWARDS = (_l("%(name)s, %(title)s, announced the decisions on the %(program)s."),
                    _l("%(people)s announced the decisions on the %(program)s."))
BRIEFED = (_l("%(name)s, %(title)s, gave a briefing: %(item)s."), _l("%(people)s gave a briefing: %(item)s."))


def literal(text: str | None) -> str:
    """Record text as literal Markdown: characters that would start markup are escaped."""
    return re.sub(r"([\\`*_\[\]<>#|!])", r"\\\1", text or "")


@dataclass(frozen=True)
class Draft:
    headline: str
    body: str


class _Writer:
    def __init__(self, meeting, language: str):
        self.meeting, self.language = meeting, language

    def names(self, values: list[str]) -> str:
        values = [literal(v) for v in values]
        if self.language == "en" and len(values) > 2 and any("," in v for v in values):
            # Names with commas ("MCC Tower, Video Conference Centre") would run together in a comma list.
            return "; ".join(values[:-1]) + "; and " + values[-1]
        return format_list(values, locale=self.language)

    def join(self, sentences: list[str]) -> str:
        """Sentences into a paragraph: Chinese puts no space after its full stop."""
        return ("" if self.language == "zh" else " ").join(sentences)

    def did(self, people, sentences, **values) -> str:
        """``sentences`` (one person with position, several people) about ``people``, in the release's language."""
        title = people[0].display_title(self.language) if len(people) == 1 else None
        if title:
            values.update(name=literal(people[0].display_name(self.language)), title=literal(title))
            return str(sentences[0]) % values
        return str(sentences[1]) % dict(values, people=self.names([p.display_name(self.language) for p in people]))

    def host(self) -> str | None:
        venue = self.meeting.venue
        return venue.unit.display_name(self.language) if venue is not None and venue.unit is not None else None


def generate(meeting, language: str) -> Draft:
    """The draft release of ``meeting`` in ``language`` ("en" or "zh")."""
    with force_locale(language):
        sessions = load_sessions(meeting)
        summary = record_summary(meeting, locale=language)
        turnout = facts.turnout(meeting, language)
        writer = _Writer(meeting, language)
        paragraphs = [
            _opening(writer, sessions, summary, turnout),
            *_speech_placeholders(writer, sessions),
            _programme(writer, sessions, summary),
            _awards_list(summary),
            _format(writer, turnout),
            _who_attended(writer, turnout),
        ]
        return Draft(_headline(writer), "\n\n".join(p for p in paragraphs if p).strip() + "\n")


def _headline(writer: _Writer) -> str:
    host = writer.host()
    if host:
        return _("%(host)s holds the %(meeting)s", host=host, meeting=writer.meeting.title)
    return _("%(meeting)s held", meeting=writer.meeting.title)


def _items(sessions, *types: AgendaItemType):
    return [item for session in sessions for item in session.agenda_items if item.type in types]


def _presenters(item, *roles: PresenterRole):
    return [p.person for p in item.presenters if not roles or p.role in roles]


def _opening(writer: _Writer, sessions, summary: RecordSummary, turnout: facts.Turnout) -> str:
    meeting = writer.meeting
    day = format_date(meeting.local(meeting.starts_at).date(), "long", locale=writer.language)
    host = writer.host()
    title = literal(meeting.title)
    if host:
        sentences = [_("On %(date)s, %(host)s held the %(meeting)s.", date=day, host=literal(host), meeting=title)]
    else:
        sentences = [_("On %(date)s, the %(meeting)s was held.", date=day, meeting=title)]
    named: set[int] = set()
    for item in _items(sessions, AgendaItemType.SPEECH):
        speakers = _presenters(item, PresenterRole.SPEAKER) or _presenters(item)
        if speakers:
            sentences.append(writer.did(speakers, SPOKE))
            named.update(p.id for p in speakers)
    for number, session in enumerate(sessions):
        if session.presider is None:
            continue
        if number == 0:
            sentences.append(writer.did([session.presider], PRESIDED))
        else:
            sentences.append(writer.did([session.presider], PRESIDED_SESSION, session=literal(session.title)))
        named.add(session.presider.id)
    announced = {program.announcement_item_id: program for program in summary.programs}
    for item in _items(sessions, AgendaItemType.ANNOUNCEMENT, AgendaItemType.REPORT):
        people = _presenters(item)
        if not people:
            continue
        named.update(p.id for p in people)
        if item.type == AgendaItemType.REPORT:
            sentences.append(writer.did(people, REPORTED, report=literal(item.title)))
        elif item.id in announced:
            sentences.append(writer.did(people, ANNOUNCED_AWARDS, program=literal(announced[item.id].name)))
        else:
            sentences.append(writer.did(people, ANNOUNCED, item=literal(item.title)))
    if turnout.leadership - named:
        sentences.append(_("Other members of the leadership team were in attendance."))
    return writer.join(sentences)


def _speech_placeholders(writer: _Writer, sessions) -> list[str]:
    """A paragraph to write for each speech: the record has who spoke, not what they said."""
    paragraphs = []
    for item in _items(sessions, AgendaItemType.SPEECH):
        for person in _presenters(item, PresenterRole.SPEAKER) or _presenters(item):
            name = literal(person.display_name(writer.language))
            paragraphs.append("*" + _("[The main points of the speech by %(name)s.]", name=name) + "*")
    return paragraphs


def _program_sentence(writer: _Writer, program: ProgramLine) -> str:
    presented = program.presented_count
    name = literal(program.name)
    if presented:
        return ngettext("The meeting presented %(num)d award of the %(program)s.",
                        "The meeting presented %(num)d awards of the %(program)s.", presented, program=name)
    return _("The decisions on the %(program)s were announced.", program=name)


def _programme(writer: _Writer, sessions, summary: RecordSummary) -> str:
    sentences = [_program_sentence(writer, program) for program in summary.programs]
    if not summary.programs:
        for item in _items(sessions, AgendaItemType.AWARD_PRESENTATION):
            sentences.append(_("The meeting saw the %(item)s.", item=literal(item.title)))
    batches: dict[str, list[str]] = {}
    for statement in summary.statements:
        batches.setdefault(statement.batch, []).append(statement.unit)
    for batch, units in batches.items():
        unique = list(dict.fromkeys(units))
        sentences.append(ngettext(
            "The %(batch)s were signed with %(num)d unit: %(units)s.",
            "The %(batch)s were signed with %(num)d units: %(units)s.",
            len(unique), batch=literal(batch), units=writer.names(unique)))
    if not summary.statements:
        for item in _items(sessions, AgendaItemType.STATEMENT_SIGNING):
            sentences.append(_("The meeting saw the %(item)s.", item=literal(item.title)))
    for item in _items(sessions, AgendaItemType.BRIEFING):
        people = _presenters(item)
        if people:
            sentences.append(writer.did(people, BRIEFED, item=literal(item.title)))
        else:
            sentences.append(_("The meeting heard a briefing: %(title)s.", title=literal(item.title)))
    return writer.join(sentences)


def _awards_list(summary: RecordSummary) -> str:
    """The awards presented, by program: level, title and recipients, one line each."""
    lines = []
    for program in summary.programs:
        for award in program.awards:
            if not award.presented:
                continue
            recipients = award.recipient_names or ([award.team_name] if award.team_name else [])
            line = _("**%(level)s**: %(title)s", level=literal(award.level), title=literal(award.title))
            if recipients:
                line = _("%(award)s (%(recipients)s)", award=line,
                         recipients=", ".join(literal(name) for name in recipients))
            lines.append("- " + line)
    return "\n".join(lines)


def _format(writer: _Writer, turnout: facts.Turnout) -> str:
    meeting = writer.meeting
    venue = literal(meeting.venue.display_name(writer.language)) if meeting.venue else None
    branches = [v.display_name(writer.language) for v in meeting.branch_venues]
    if meeting.format == MeetingFormat.VIDEO:
        sentences = [_("The meeting was held by video link.")]
    elif meeting.format == MeetingFormat.HYBRID and branches:
        sentences = [ngettext(
            "The meeting was held in a hybrid format: participants attended in person at %(venue)s, at "
            "%(num)d branch venue (%(branches)s) and via video link.",
            "The meeting was held in a hybrid format: participants attended in person at %(venue)s, at "
            "%(num)d branch venues (%(branches)s) and via video link.",
            len(branches), venue=venue or _("the main venue"), branches=writer.names(branches))]
    elif meeting.format == MeetingFormat.HYBRID:
        sentences = [_("The meeting was held in a hybrid format, with participants attending both in person at "
                       "%(venue)s and via video link.", venue=venue or _("the main venue"))]
    elif venue:
        sentences = [_("The meeting was held at %(venue)s.", venue=venue)]
    else:
        sentences = []
    if turnout.total:
        sentences.append(ngettext(
            "In all, %(num)d participant attended: %(main)d at the main venue, %(branch)d at branch venues and "
            "%(video)d by video.",
            "In all, %(num)d participants attended: %(main)d at the main venue, %(branch)d at branch venues and "
            "%(video)d by video.",
            turnout.total, main=turnout.by_mode.get(AttendanceMode.IN_PERSON, 0),
            branch=turnout.by_mode.get(AttendanceMode.BRANCH, 0), video=turnout.by_mode.get(AttendanceMode.VIDEO, 0)))
    return writer.join(sentences)


def _who_attended(writer: _Writer, turnout: facts.Turnout) -> str:
    sentences = []
    units, more = turnout.units[:MAX_NAMES], len(turnout.units) - MAX_NAMES
    if units and more > 0:
        sentences.append(ngettext(
            "The meeting brought together participants from %(units)s, and from %(num)d other unit.",
            "The meeting brought together participants from %(units)s, and from %(num)d other units.",
            more, units=writer.names(units)))
    elif units:
        sentences.append(_("The meeting brought together participants from %(units)s.", units=writer.names(units)))
    if turnout.groups:
        groups = turnout.groups[:MAX_NAMES]
        sentences.append(_("It also gathered members of %(groups)s.", groups=writer.names(groups)))
    return writer.join(sentences)
