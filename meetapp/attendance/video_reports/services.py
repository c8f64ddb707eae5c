"""Importing a video platform's participant report for one session: preview, then apply.

``preview_report`` reads the file, matches its people to the meeting's invitees and computes minutes and
"attended" — it changes nothing. ``apply_report`` stores the report, its join–leave segments and the check-ins of
the attended invitees in one transaction. Both work without a request (the web pages, the API and a background job
call them alike).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from meetapp.attendance import checkins
from meetapp.attendance.models import VideoReport, VideoSegment
from meetapp.attendance.video_reports.intervals import Interval, Window, merge
from meetapp.attendance.video_reports.matching import Candidate, InviteeIndex, Match, normalise
from meetapp.attendance.video_reports.parsers import Layout, ParsedReport, ReportRow, parse_report
from meetapp.audit import record
from meetapp.directory.models import Person
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingSession
from meetapp.participants.models import Participant
from meetapp.timefmt import is_valid_zone, show_datetime

# What to do with one person of the report (``decisions`` of apply_report): their automatic match, an invitee
# chosen by hand (the participant id), a guest (segments kept under the report's name), or nothing.
MATCH, GUEST, IGNORE = "match", "guest", "ignore"


class AlreadyImported(DomainError):
    def __init__(self, report: VideoReport, meeting: Meeting):
        who = report.imported_by.name if report.imported_by is not None else _l("someone")
        super().__init__(_l("This file was already imported for this session on %(when)s by %(who)s; "
                            "importing it again changes nothing.",
                            when=show_datetime(report.imported_at, meeting), who=who))
        self.report = report


class NoTimesInReport(DomainError):
    message = _l("This export has total minutes only (Zoom's “Show unique users”), no join and leave times. "
                 "Export the participants again with “Show unique users” unchecked and import that file.")


class UnknownTimeZone(DomainError):
    message = _l("Choose a time zone from the list (an IANA name such as Asia/Shanghai).")


class BadThreshold(DomainError):
    message = _l("The threshold is a share of the session between 1 and 100 %.")


class NotAnInvitee(DomainError):
    message = _l("The chosen person is not on this meeting's list of participants.")


class ImportConflict(DomainError):
    message = _l("Attendance of this session changed while the report was being imported; nothing was imported. "
                 "Confirm again.")


@dataclass
class ReportPerson:
    """Everyone the report shows under one e-mail (else one name), with all their join sessions."""

    key: str  # stable for the same file: names the person in the confirm form
    rows: list[ReportRow]
    match: Match
    minutes: int
    attended: bool
    cap_seconds: int | None  # per-person layouts: the summed time the report gives

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(n for row in self.rows for n in (row.name, *row.other_names) if n))

    @property
    def name(self) -> str:
        return self.rows[0].name or next(iter(self.names), "")

    @property
    def email(self) -> str:
        return next((row.email for row in self.rows if row.email), "")

    @property
    def emails(self) -> list[str]:
        return list(dict.fromkeys(e for row in self.rows for e in (row.email, *row.other_emails) if e))

    @property
    def intervals(self) -> list[Interval]:
        return merge((row.joined_at, row.left_at) for row in self.rows)

    @property
    def joined_at(self) -> datetime:
        return min(row.joined_at for row in self.rows)

    @property
    def left_at(self) -> datetime:
        return max(row.left_at for row in self.rows)

    @property
    def open_ended(self) -> bool:
        return any(row.open_ended for row in self.rows)

    @property
    def default_decision(self) -> str:
        """Matched: the match; two or more possible invitees: nothing until someone chooses; else a guest."""
        if self.match.candidate is not None:
            return MATCH
        return IGNORE if self.match.ambiguous else GUEST


@dataclass
class ReportPreview:
    meeting: Meeting
    session: MeetingSession
    filename: str
    sha256: str
    report: ParsedReport
    zone: str
    window: Window
    people: list[ReportPerson]
    participants: list[Participant]  # the meeting's invitees (not removed), for choosing by hand
    warnings: list[str] = field(default_factory=list)

    @property
    def layout(self) -> Layout:
        return self.report.layout

    @property
    def rows_total(self) -> int:
        return len(self.report.rows)

    @property
    def matched(self) -> list[ReportPerson]:
        return [p for p in self.people if p.match.candidate is not None]

    @property
    def unmatched(self) -> list[ReportPerson]:
        return [p for p in self.people if p.match.candidate is None]

    @property
    def attended(self) -> list[ReportPerson]:
        return [p for p in self.matched if p.attended]


def preview_report(meeting: Meeting, session: MeetingSession, filename: str, data: bytes, platform: str | None = None,
                   tz: str | None = None, *, threshold_percent: int | None = None,
                   count_before_start: bool = False) -> ReportPreview:
    """What importing ``data`` for ``session`` would record; changes nothing.

    Times without a zone are read in ``tz`` (default: the meeting's zone). Refuses a session of another meeting,
    an unknown zone, a threshold outside 1–100 %, a file already imported for this session (``AlreadyImported``),
    and a file that is empty, of no known layout, of another platform than ``platform``, with unreadable times
    (``ReportRefused``, saying where) or without join/leave times (``NoTimesInReport``).
    """
    if session.meeting_id != meeting.id:
        raise checkins.SessionNotInMeeting()
    zone = (tz or meeting.timezone or "UTC").strip()
    if not is_valid_zone(zone):
        raise UnknownTimeZone()
    threshold = meeting.video_threshold_percent if threshold_percent is None else threshold_percent
    if not 1 <= threshold <= 100:
        raise BadThreshold()
    sha256 = hashlib.sha256(data).hexdigest()
    _refuse_if_imported(meeting, session, sha256)
    report = parse_report(data, platform or None, ZoneInfo(zone), near=session.starts_at)
    if not report.layout.has_times:
        raise NoTimesInReport()
    window = Window(session.starts_at, session.ends_at, threshold, count_before_start)
    participants = _invitees(meeting)
    index = InviteeIndex(participants)
    people = []
    for key, rows in _group_rows(report.rows).items():
        cap = None if report.layout.per_session else _summed_duration(rows)
        minutes = window.minutes(((r.joined_at, r.left_at) for r in rows), cap)
        match = index.match([n for r in rows for n in (r.name, *r.other_names)],
                            [e for r in rows for e in (r.email, *r.other_emails)])
        people.append(ReportPerson(key, rows, match, minutes, window.attended(minutes), cap))
    people.sort(key=lambda p: (p.joined_at, p.name))
    preview = ReportPreview(meeting, session, filename, sha256, report, zone, window, people, index.participants)
    if not any(p.minutes for p in people):
        preview.warnings.append(str(_l(
            "Nobody in this report was on the call during the session: check that you chose the right session "
            "and time zone.")))
    return preview


def _refuse_if_imported(meeting: Meeting, session: MeetingSession, sha256: str) -> None:
    earlier = db.session.scalar(
        sa.select(VideoReport)
        .where(VideoReport.session_id == session.id, VideoReport.sha256 == sha256)
        .options(joinedload(VideoReport.imported_by))
    )
    if earlier is not None:
        raise AlreadyImported(earlier, meeting)


def _invitees(meeting: Meeting) -> list[Participant]:
    return list(db.session.scalars(
        sa.select(Participant)
        .where(Participant.meeting_id == meeting.id, Participant.cancelled_at.is_(None))
        .options(joinedload(Participant.person).joinedload(Person.unit), joinedload(Participant.delegate))
        .order_by(Participant.id)
    ).unique())


def _group_rows(rows: list[ReportRow]) -> dict[str, list[ReportRow]]:
    """Rows of one person together: by e-mail (or UPN), else by normalised name; a row without e-mail joins the
    e-mail group that has its name (Zoom's API drops some e-mails)."""
    groups: dict[str, list[ReportRow]] = {}
    email_group_of_name: dict[str, str] = {}
    for row in rows:
        email = next((e for e in (row.email, *row.other_emails) if e), "").strip().casefold()
        if email:
            groups.setdefault(f"e:{email}", []).append(row)
            email_group_of_name.setdefault(normalise(row.name), f"e:{email}")
    for row in rows:
        if any((row.email, *row.other_emails)):
            continue
        name = normalise(row.name) or normalise(" ".join(row.other_names)) or f"line{row.line}"
        key = email_group_of_name.get(name, f"n:{name}")
        groups.setdefault(key, []).append(row)
    return {hashlib.sha256(key.encode()).hexdigest()[:12]: group for key, group in groups.items()}


def _summed_duration(rows: list[ReportRow]) -> int | None:
    durations = [row.duration_seconds for row in rows]
    return None if any(d is None for d in durations) else sum(durations)


# --- apply ----------------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    report: VideoReport
    checked_in: int  # new check-ins
    updated: int  # existing video check-ins given the report's leave time and minutes
    kept: int  # in-person or branch check-ins left as they were


def apply_report(actor, meeting: Meeting, session: MeetingSession, preview: ReportPreview,
                 decisions: Mapping[str, str | int] | None = None) -> ImportResult:
    """Store the previewed report: the report row, its segments (invitees' and guests'), and a check-in for each
    attended invitee through ``checkins.record_video_attendance`` (one record per invitee: an existing one is
    updated, not doubled). One transaction: all of it or nothing.

    ``decisions`` maps a report person's key to MATCH, GUEST, IGNORE or a participant id (matched by hand);
    a person not named gets their default (the match; a guest; nothing when ambiguous). Refuses a preview of
    another session, an invitee chosen by hand who is not on the list, and a file already imported.
    """
    if preview.session.id != session.id or session.meeting_id != meeting.id:
        raise checkins.SessionNotInMeeting()
    _refuse_if_imported(meeting, session, preview.sha256)
    decisions = decisions or {}
    by_id = {p.id: p for p in preview.participants}
    assigned: dict[int, list[tuple[ReportPerson, Candidate]]] = {}
    guests: list[ReportPerson] = []
    for person in preview.people:
        target = _decide(person, decisions.get(person.key, person.default_decision), by_id)
        if target == GUEST:
            guests.append(person)
        elif target is not None:
            assigned.setdefault(target.participant.id, []).append((person, target))

    entries = _attendance(preview, session, assigned)
    report = VideoReport(
        meeting_id=meeting.id, session_id=session.id, platform=preview.report.platform,
        filename=(preview.filename or "report")[:255], sha256=preview.sha256,
        threshold_percent=preview.window.threshold_percent, rows_total=preview.rows_total,
        people_matched=len(assigned), people_attended=sum(1 for entry in entries if entry.attended),
        guests=len(guests), imported_by_id=_actor_id(actor),
    )
    try:
        db.session.add(report)
        db.session.flush()
        segments = [_segment(report, session, row, participant_id=pid) for pid, pairs in assigned.items()
                    for person, _ in pairs for row in person.rows]
        segments += [_segment(report, session, row, guest=person) for person in guests for row in person.rows]
        if segments:
            db.session.execute(sa.insert(VideoSegment.__table__), segments)  # one statement, any number of rows
        recorded = checkins.record_video_attendance(actor, meeting, session, entries, video_report_id=report.id)
        record(actor, "video_report.import", report, meeting=meeting, changes={
            "session": [None, session.title], "platform": [None, report.platform], "filename": [None, report.filename],
            "sha256": [None, report.sha256], "rows_total": [None, report.rows_total],
            "people_matched": [None, report.people_matched], "people_attended": [None, report.people_attended],
            "guests": [None, report.guests], "checked_in": [None, len(recorded.checked_in)],
            "updated": [None, len(recorded.updated)], "kept": [None, len(recorded.kept)],
        })
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        _refuse_if_imported(meeting, session, preview.sha256)
        raise ImportConflict() from None
    except BaseException:
        db.session.rollback()
        raise
    return ImportResult(report, len(recorded.checked_in), len(recorded.updated), len(recorded.kept))


def _decide(person: ReportPerson, decision, by_id: dict[int, Participant]) -> Candidate | str | None:
    decision = str(decision).strip()
    if decision == MATCH:
        return person.match.candidate  # None when there was no match: nothing to apply
    if decision == GUEST:
        return GUEST
    if decision == IGNORE or not decision:
        return None
    if not decision.isdigit() or int(decision) not in by_id:
        raise NotAnInvitee()
    chosen = by_id[int(decision)]
    # Chosen among the candidates: keep what the candidate says (the invitee, or their delegate standing in).
    offered = [c for c in (person.match.candidate, *person.match.candidates) if c is not None]
    return next((c for c in offered if c.participant.id == chosen.id), Candidate(chosen))


def _actor_id(actor) -> int | None:
    return actor.id if actor is not None and getattr(actor, "is_authenticated", False) else None


def _segment(report: VideoReport, session: MeetingSession, row: ReportRow, *, participant_id: int | None = None,
             guest: ReportPerson | None = None) -> dict:
    guest_email = guest.email[:254] if guest is not None and guest.email else None
    return {
        "report_id": report.id,
        "session_id": session.id,
        "participant_id": participant_id,
        "guest_name": guest.name[:200] if guest is not None else None,
        "guest_email": guest_email,
        "name_in_report": (row.name or "?")[:200],
        "joined_at": row.joined_at,
        "left_at": row.left_at,
    }


def _attendance(preview: ReportPreview, session: MeetingSession,
                assigned: dict[int, list[tuple[ReportPerson, Candidate]]]) -> list[checkins.VideoAttendance]:
    """Per invitee: this report's intervals together with those of reports imported before for the session (a
    restarted meeting gives several files), merged; minutes and "attended" from all of them."""
    earlier: dict[int, list[Interval]] = {}
    if assigned:
        for pid, joined, left in db.session.execute(
            sa.select(VideoSegment.participant_id, VideoSegment.joined_at, VideoSegment.left_at).where(
                VideoSegment.session_id == session.id, VideoSegment.participant_id.in_(list(assigned))
            )
        ):
            earlier.setdefault(pid, []).append((joined, left))
    window = preview.window
    entries = []
    for pid, pairs in assigned.items():
        rows = [row for person, _ in pairs for row in person.rows]
        intervals = [(row.joined_at, row.left_at) for row in rows] + earlier.get(pid, [])
        caps = [person.cap_seconds for person, _ in pairs]
        cap = None
        if all(c is not None for c in caps):
            cap = sum(caps) + window.seconds_inside(earlier.get(pid, []))
        minutes = window.minutes(intervals, cap)
        # The invitee themself when any of their rows is theirs; their delegate only when all rows are the delegate's.
        delegates = {candidate.delegate for _, candidate in pairs}
        delegate = next(iter(delegates)) if len(delegates) == 1 else None
        entries.append(checkins.VideoAttendance(
            participant=pairs[0][1].participant,
            joined_at=min(a for a, _ in intervals),
            left_at=max(b for _, b in intervals),
            minutes=minutes,
            attended=window.attended(minutes),
            delegate=delegate,
        ))
    return entries

