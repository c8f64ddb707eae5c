"""The report's content: for each session, every invitee's status and check-in, and the counts by status, role,
mode and unit. Loaded in a fixed number of queries: the list (people, units, delegates, roles joined in), the
active check-ins of all sessions, and per session the board's aggregate counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from meetapp.attendance import board
from meetapp.attendance.models import CheckIn
from meetapp.attendance.quorum import ResolutionItem, resolution_items
from meetapp.attendance.status import (
    ATTENDANCE_STATUS_LABELS,
    AttendanceStatus,
    derive,
    is_late,
    left_early,
)
from meetapp.database import utcnow
from meetapp.directory.models import Person
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingSession
from meetapp.participants.models import ATTENDANCE_MODE_LABELS, MEETING_ROLE_LABELS, MeetingRole, Participant

# The report's sections, in order; late and left-early people are present, with a flag.
SECTIONS = (
    ("present", _l("Present"), (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY)),
    ("represented", _l("Represented by a delegate"), (AttendanceStatus.REPRESENTED,)),
    ("apology", _l("Absent with apology"), (AttendanceStatus.APOLOGY,)),
    ("absent", _l("Absent without apology"), (AttendanceStatus.ABSENT,)),
)
SECTION_OF = {status: key for key, _label, statuses in SECTIONS for status in statuses}
SECTION_ORDER = {key: index for index, (key, _label, _statuses) in enumerate(SECTIONS)}


class Wording:
    """The report's labels in the current language, translated once: a gettext call per cell would take most of
    the time of a 10,000-row export."""

    def __init__(self):
        self.status = {status: str(label) for status, label in ATTENDANCE_STATUS_LABELS.items()}
        self.mode = {mode: str(label) for mode, label in ATTENDANCE_MODE_LABELS.items()}
        self.role = {role: str(label) for role, label in MEETING_ROLE_LABELS.items()}
        self.yes = _("yes")
        present, late, left = self.status[AttendanceStatus.PRESENT], _("late"), _("left early")
        self.present = {
            (False, False): present,
            (True, False): _("%(status)s (%(flags)s)", status=present, flags=late),
            (False, True): _("%(status)s (%(flags)s)", status=present, flags=left),
            (True, True): _("%(status)s (%(flags)s)", status=present, flags=f"{late}, {left}"),
        }
        self._roles: dict[int, str] = {}

    def roles(self, participant: Participant) -> str:
        """The participant's meeting roles, in the roles' order."""
        if participant.id not in self._roles:
            held = participant.roles
            self._roles[participant.id] = ", ".join(self.role[role] for role in MeetingRole if role in held)
        return self._roles[participant.id]


@dataclass(frozen=True)
class ReportRow:
    """One invitee at one session."""

    participant: Participant
    status: AttendanceStatus
    check_in: CheckIn | None
    late: bool
    left_early: bool
    wording: Wording

    @property
    def section(self) -> str:
        return SECTION_OF[self.status]

    @property
    def person(self) -> Person:
        return self.participant.person

    def name(self, locale: str) -> str:
        return self.person.display_name(locale)

    def unit(self, locale: str) -> str:
        return self.person.unit.display_name(locale) if self.person.unit else ""

    def title(self, locale: str) -> str:
        return self.person.display_title(locale)

    def roles(self) -> str:
        return self.wording.roles(self.participant)

    def status_text(self) -> str:
        """The status with its flags, e.g. "Present (late, left early)"."""
        if self.section == "present":
            return self.wording.present[(self.late, self.left_early)]
        return self.wording.status[self.status]

    def mode_text(self) -> str:
        return self.wording.mode[self.check_in.mode] if self.check_in else ""

    def venue_text(self, locale: str) -> str:
        venue = self.check_in.venue if self.check_in else None
        return venue.display_name(locale) if venue else ""

    @property
    def checked_in_at(self) -> datetime | None:
        return self.check_in.checked_in_at if self.check_in else None

    @property
    def left_at(self) -> datetime | None:
        return self.check_in.left_at if self.check_in else None

    @property
    def minutes(self) -> int | None:
        return self.check_in.minutes_attended if self.check_in else None

    def delegate(self, locale: str) -> str:
        """Who sat in for the invitee; for an absent invitee, the delegate they named (who did not come)."""
        if self.check_in is not None and self.check_in.attendee_person is not None:
            return self.check_in.attendee_person.display_name(locale)
        if self.check_in is None and self.participant.delegate is not None:
            return _("%(name)s (named, not checked in)", name=self.participant.delegate.display_name(locale))
        return ""

    def reason(self) -> str:
        return (self.participant.decline_reason or "") if self.status == AttendanceStatus.APOLOGY else ""


@dataclass
class SessionReport:
    session: MeetingSession
    rows: list[ReportRow]  # by section, then unit, then name
    by_role: list[board.Tally]
    by_mode: list[board.Tally]
    by_unit: list[board.Tally]
    resolutions: list[ResolutionItem]

    @property
    def counts(self) -> Counter:
        """Rows per section, and per flag (``late``, ``left_early``)."""
        counts = Counter(row.section for row in self.rows)
        counts["late"] = sum(row.late for row in self.rows)
        counts["left_early"] = sum(row.left_early for row in self.rows)
        counts["invited"] = len(self.rows)
        return counts

    def section_rows(self, key: str) -> list[ReportRow]:
        return [row for row in self.rows if row.section == key]

    @property
    def status_tallies(self) -> list[board.Tally]:
        """Each section as a share of those invited, for the status chart."""
        counts, invited = self.counts, len(self.rows)
        return [board.Tally(f"status:{key}", str(label), invited, counts[key]) for key, label, _s in SECTIONS]


@dataclass
class MeetingReport:
    meeting: Meeting
    sessions: list[SessionReport]
    generated_at: datetime


def list_of(meeting: Meeting) -> list[Participant]:
    """The meeting's participants (removed ones aside) with person, unit, delegate, branch venue and roles, in one
    query (joined, not select-in: select-in loading splits large lists into many queries)."""
    return list(
        db.session.scalars(
            sa.select(Participant)
            .where(Participant.meeting_id == meeting.id, Participant.cancelled_at.is_(None))
            .options(
                joinedload(Participant.person).joinedload(Person.unit),
                joinedload(Participant.delegate),
                joinedload(Participant.role_rows),
            )
        ).unique()
    )


def _check_ins(meeting: Meeting) -> dict[tuple[int, int], CheckIn]:
    """(session id, participant id) → active check-in, with venue and delegate, for every session at once."""
    records = db.session.scalars(
        sa.select(CheckIn)
        .where(CheckIn.meeting_id == meeting.id, CheckIn.undone_at.is_(None))
        .options(joinedload(CheckIn.venue), joinedload(CheckIn.attendee_person))
    )
    return {(record.session_id, record.participant_id): record for record in records}


def _sort_key(locale: str):
    def key(row: ReportRow):
        return (SECTION_ORDER[row.section], row.unit(locale), row.name(locale))

    return key


def meeting_report(
    meeting: Meeting, locale: str, session: MeetingSession | None = None, charts: bool = True
) -> MeetingReport:
    """The report of every session of ``meeting`` (or only ``session``); ``charts`` adds the counts by role, mode
    and unit and the recorded quorums (three aggregate queries per session, plus one)."""
    sessions = [session] if session is not None else list(meeting.sessions)
    participants = list_of(meeting)
    records = _check_ins(meeting)
    quorums = resolution_items([s.id for s in sessions]) if charts and sessions else {}
    wording = Wording()
    reports = []
    for current in sessions:
        rows = []
        for participant in participants:
            record = records.get((current.id, participant.id))
            attendance = derive(meeting, current, participant, record)
            rows.append(
                ReportRow(
                    participant,
                    attendance.status,
                    record,
                    late=record is not None and is_late(meeting, current, record),
                    left_early=record is not None and left_early(current, record),
                    wording=wording,
                )
            )
        rows.sort(key=_sort_key(locale))
        reports.append(
            SessionReport(
                current,
                rows,
                by_role=board.tally_by_role(current) if charts else [],
                by_mode=board.tally_by_mode(current, locale) if charts else [],
                by_unit=board.tally_by_unit(current, locale) if charts else [],
                resolutions=quorums.get(current.id, []),
            )
        )
    return MeetingReport(meeting, reports, utcnow())


def sign_in_order(participants: list[Participant], locale: str) -> list[Participant]:
    """For the paper sign-in sheet: by unit, then by name."""

    def key(participant: Participant):
        person = participant.person
        return (person.unit.display_name(locale) if person.unit else "\uffff", person.display_name(locale))

    return sorted(participants, key=key)
