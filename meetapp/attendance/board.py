"""The live attendance board of one session: invited vs present by role, by unit and by mode, the key people still
absent, and the quorum. Every count is an aggregate query (GROUP BY), so the board costs the same few queries for
twenty participants or ten thousand; nothing is kept between requests, so any number of app processes agree.

"Invited" is everyone on the meeting's list (removed participants aside); "present" is an active check-in at the
session, a delegate sitting in for the invitee included.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import aliased, joinedload

from meetapp.agenda.models import PRESENTER_ROLE_LABELS, AgendaItem, AgendaPresenter, PresenterRole
from meetapp.attendance.models import CheckIn, QuorumSnapshot
from meetapp.attendance.quorum import QuorumState, ResolutionItem, quorum_now, resolution_items
from meetapp.attendance.status import active_check_in_of
from meetapp.database import in_language, utcnow
from meetapp.directory.models import Person, Unit
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingSession, Venue
from meetapp.participants.models import (
    ATTENDANCE_MODE_LABELS,
    MEETING_ROLE_LABELS,
    RSVP_STATUS_LABELS,
    AttendanceMode,
    MeetingRole,
    Participant,
    ParticipantRole,
    RsvpStatus,
)

# The meeting roles whose absence the organizers must see at a glance, in the order the board lists them.
KEY_ROLES = (
    MeetingRole.PRESIDER,
    MeetingRole.CHAIR,
    MeetingRole.SPEAKER,
    MeetingRole.REPORTER,
    MeetingRole.ANNOUNCER,
    MeetingRole.SIGNATORY,
    MeetingRole.AWARD_RECIPIENT,
)
SESSION_PRESIDER = _l("Presides this session")
NO_UNIT = _l("No unit")
# Units deeper than this are not followed up (a guard against a cycle in bad data).
MAX_UNIT_DEPTH = 30


@dataclass(frozen=True)
class Tally:
    """One row of a breakdown: how many were invited and how many are present."""

    key: str  # stable across requests: "role:speaker", "unit:12", "mode:branch:5" …
    label: str
    invited: int
    present: int

    @property
    def percent(self) -> int:
        return round(100 * self.present / self.invited) if self.invited else 0


@dataclass(frozen=True)
class Totals:
    invited: int
    present: int
    represented: int  # present through a delegate
    apologies: int  # declined and not present

    @property
    def not_arrived(self) -> int:
        return self.invited - self.present - self.apologies

    @property
    def percent(self) -> int:
        return round(100 * self.present / self.invited) if self.invited else 0


@dataclass(frozen=True)
class KeyPerson:
    """Someone the session cannot do without who is not checked in."""

    person: Person
    participant: Participant | None  # None: not on the meeting's list at all
    roles: list[str]

    def note(self, locale: str) -> str:
        participant = self.participant
        if participant is None:
            return _("Not on the participant list")
        if participant.rsvp_status == RsvpStatus.DECLINED:
            if participant.decline_reason:
                return _("Declined: %(reason)s", reason=participant.decline_reason)
            return str(RSVP_STATUS_LABELS[RsvpStatus.DECLINED])
        if participant.rsvp_status == RsvpStatus.DELEGATED and participant.delegate is not None:
            return _("Sends a delegate: %(name)s", name=participant.delegate.display_name(locale))
        return str(RSVP_STATUS_LABELS[participant.rsvp_status])


@dataclass
class Board:
    meeting: Meeting
    session: MeetingSession
    totals: Totals
    by_role: list[Tally]
    by_unit: list[Tally]
    by_mode: list[Tally]
    key_absent: list[KeyPerson]
    quorum: QuorumState | None  # None: the session has no quorum rule
    resolutions: list[ResolutionItem] = field(default_factory=list)

    @property
    def layout(self) -> str:
        """Which rows the board shows; a page whose rows differ must be reloaded rather than patched."""
        keys = [tally.key for tally in (*self.by_role, *self.by_unit, *self.by_mode)]
        keys += [f"item:{entry.item.id}:{len(entry.snapshots)}" for entry in self.resolutions]
        keys.append(f"quorum:{self.quorum is not None}")
        return hashlib.sha256("|".join(keys).encode()).hexdigest()[:16]


# --- the session on show -------------------------------------------------------------------------------


def current_session(sessions: list[MeetingSession], now: datetime | None = None) -> MeetingSession | None:
    """The session running now, else the next one to start, else the last one."""
    if not sessions:
        return None
    now = now or utcnow()
    for session in sessions:
        if session.starts_at <= now < session.ends_at:
            return session
    upcoming = [session for session in sessions if session.starts_at > now]
    return upcoming[0] if upcoming else sessions[-1]


# --- aggregate queries ------------------------------------------------------------------------------------


def _on_list(meeting_id: int):
    return sa.and_(Participant.meeting_id == meeting_id, Participant.cancelled_at.is_(None))


def session_totals(session: MeetingSession) -> Totals:
    invited, present, represented, apologies = db.session.execute(
        sa.select(
            sa.func.count(Participant.id),
            sa.func.count(CheckIn.id),
            sa.func.count(CheckIn.attendee_person_id),
            sa.func.coalesce(
                sa.func.sum(
                    sa.case((sa.and_(CheckIn.id.is_(None), Participant.rsvp_status == RsvpStatus.DECLINED), 1),
                            else_=0)
                ),
                0,
            ),
        )
        .select_from(Participant)
        .outerjoin(CheckIn, active_check_in_of(session.id))
        .where(_on_list(session.meeting_id))
    ).one()
    return Totals(invited, present, represented, int(apologies))


def tally_by_role(session: MeetingSession) -> list[Tally]:
    """Every meeting role someone on the list holds, in the roles' order; a person with two roles counts in both."""
    rows = db.session.execute(
        sa.select(ParticipantRole.role, sa.func.count(Participant.id), sa.func.count(CheckIn.id))
        .select_from(Participant)
        .join(ParticipantRole, ParticipantRole.participant_id == Participant.id)
        .outerjoin(CheckIn, active_check_in_of(session.id))
        .where(_on_list(session.meeting_id))
        .group_by(ParticipantRole.role)
    ).all()
    counts = {MeetingRole(role): (invited, present) for role, invited, present in rows}
    return [
        Tally(f"role:{role.value}", str(MEETING_ROLE_LABELS[role]), *counts[role])
        for role in MeetingRole
        if role in counts
    ]


def top_units():
    """A CTE mapping every unit to the unit it is reported under: the one just below its tree's root (for the
    demo organisation: the HQ departments, regional offices, subsidiaries and institutes), or the root itself."""
    tree = (
        sa.select(Unit.id.label("unit_id"), Unit.id.label("top_id"), sa.literal(0).label("depth"))
        .where(Unit.parent_id.is_(None))
        .cte("unit_tops", recursive=True)
    )
    child = aliased(Unit)
    return tree.union_all(
        sa.select(
            child.id,
            sa.case((tree.c.depth == 0, child.id), else_=tree.c.top_id),
            tree.c.depth + 1,
        ).where(child.parent_id == tree.c.unit_id, tree.c.depth < MAX_UNIT_DEPTH)
    )


def tally_by_unit(session: MeetingSession, locale: str) -> list[Tally]:
    """Invited vs present per top-level unit (see ``top_units``), the largest delegations first."""
    tops = top_units()
    top = aliased(Unit)
    rows = db.session.execute(
        sa.select(top.id, top.name, top.name_zh, sa.func.count(Participant.id), sa.func.count(CheckIn.id))
        .select_from(Participant)
        .join(Person, Person.id == Participant.person_id)
        .outerjoin(tops, tops.c.unit_id == Person.unit_id)
        .outerjoin(top, top.id == tops.c.top_id)
        .outerjoin(CheckIn, active_check_in_of(session.id))
        .where(_on_list(session.meeting_id))
        .group_by(top.id, top.name, top.name_zh)
    ).all()
    tallies = [
        Tally(
            f"unit:{unit_id or 0}",
            in_language(name, name_zh, locale) if unit_id else str(NO_UNIT),
            invited,
            present,
        )
        for unit_id, name, name_zh, invited, present in rows
    ]
    return sorted(tallies, key=lambda tally: (-tally.invited, tally.label))


def _mode_key(mode: AttendanceMode, venue_id: int | None) -> str:
    return f"mode:branch:{venue_id or 0}" if mode == AttendanceMode.BRANCH else f"mode:{mode.value}"


def tally_by_mode(session: MeetingSession, locale: str) -> list[Tally]:
    """In person at the main venue, each branch venue, video: invited by the mode each invitee planned, present by
    the mode they checked in with."""
    planned = db.session.execute(
        sa.select(Participant.mode, Participant.branch_venue_id, Venue.name, Venue.name_zh, sa.func.count())
        .outerjoin(Venue, sa.and_(Venue.id == Participant.branch_venue_id, Participant.mode == AttendanceMode.BRANCH))
        .where(_on_list(session.meeting_id))
        .group_by(Participant.mode, Participant.branch_venue_id, Venue.name, Venue.name_zh)
    ).all()
    branch_venue = sa.case((CheckIn.mode == AttendanceMode.BRANCH, CheckIn.venue_id))
    arrived = db.session.execute(
        sa.select(CheckIn.mode, branch_venue, Venue.name, Venue.name_zh, sa.func.count())
        .join(Participant, Participant.id == CheckIn.participant_id)
        .outerjoin(Venue, sa.and_(Venue.id == CheckIn.venue_id, CheckIn.mode == AttendanceMode.BRANCH))
        .where(CheckIn.session_id == session.id, CheckIn.undone_at.is_(None), Participant.cancelled_at.is_(None))
        .group_by(CheckIn.mode, branch_venue, Venue.name, Venue.name_zh)
    ).all()
    rows: dict[str, list] = {}
    for source, column in ((planned, 0), (arrived, 1)):
        for mode, venue_id, name, name_zh, count in source:
            mode = AttendanceMode(mode)
            venue_id = venue_id if mode == AttendanceMode.BRANCH else None
            key = _mode_key(mode, venue_id)
            if key not in rows:
                rows[key] = [_mode_label(mode, name, name_zh, locale), 0, 0, mode, name or ""]
            rows[key][1 + column] += count
    order = {AttendanceMode.IN_PERSON: 0, AttendanceMode.BRANCH: 1, AttendanceMode.VIDEO: 2}
    ordered = sorted(rows.items(), key=lambda kv: (order[kv[1][3]], kv[1][4]))
    return [Tally(key, label, invited, present) for key, (label, invited, present, _mode, _name) in ordered]


def _mode_label(mode: AttendanceMode, name: str | None, name_zh: str | None, locale: str) -> str:
    if mode != AttendanceMode.BRANCH:
        return str(ATTENDANCE_MODE_LABELS[mode])
    venue = in_language(name, name_zh, locale) or _("unknown venue")
    return _("Branch venue: %(venue)s", venue=venue)


# --- key people still absent --------------------------------------------------------------------------------


def key_people_absent(session: MeetingSession, locale: str) -> list[KeyPerson]:
    """The session's presider, its presenters (speakers, reporters, announcers) and everyone holding a key meeting
    role (presider, chair, speaker, reporter, announcer, signatory, award recipient) who is not checked in, with
    why when known; key people missing from the participant list are listed too (they cannot be checked in)."""
    presenters = db.session.execute(
        sa.select(AgendaPresenter.person_id, AgendaPresenter.role)
        .join(AgendaItem, AgendaItem.id == AgendaPresenter.item_id)
        .where(AgendaItem.session_id == session.id)
    ).all()
    session_roles: dict[int, list[str]] = {}
    if session.presider_id is not None:
        session_roles[session.presider_id] = [str(SESSION_PRESIDER)]
    for person_id, role in presenters:
        label = str(PRESENTER_ROLE_LABELS[PresenterRole(role)])
        if label not in session_roles.setdefault(person_id, []):
            session_roles[person_id].append(label)

    holds_key_role = sa.select(ParticipantRole.participant_id).where(ParticipantRole.role.in_(KEY_ROLES))
    checked_in = sa.select(CheckIn.id).where(active_check_in_of(session.id))
    rows = db.session.execute(
        sa.select(Participant, sa.exists(checked_in).label("present"))
        .where(
            _on_list(session.meeting_id),
            sa.or_(Participant.id.in_(holds_key_role), Participant.person_id.in_(list(session_roles))),
        )
        .options(
            joinedload(Participant.person).joinedload(Person.unit),
            joinedload(Participant.delegate),
            joinedload(Participant.role_rows),
        )
    ).unique().all()
    absent: list[KeyPerson] = []
    on_list = set()
    for participant, present in rows:
        on_list.add(participant.person_id)
        if present:
            continue
        held = participant.roles
        labels = list(session_roles.get(participant.person_id, []))
        labels += [str(MEETING_ROLE_LABELS[role]) for role in KEY_ROLES if role in held]
        absent.append(KeyPerson(participant.person, participant, _unique(labels)))
    missing = [person_id for person_id in session_roles if person_id not in on_list]
    if missing:
        people = db.session.scalars(
            sa.select(Person).where(Person.id.in_(missing)).options(joinedload(Person.unit))
        ).all()
        absent += [KeyPerson(person, None, session_roles[person.id]) for person in people]
    return sorted(absent, key=lambda key: (_rank(key, session), key.person.display_name(locale)))


def _unique(labels: list[str]) -> list[str]:
    return list(dict.fromkeys(labels))


def _rank(key: KeyPerson, session: MeetingSession) -> int:
    """The session's presider first, then by the first key role held, people off the list last among equals."""
    if key.person.id == session.presider_id:
        return 0
    if key.participant is None:
        return len(KEY_ROLES) + 1
    held = key.participant.roles
    return next((index + 1 for index, role in enumerate(KEY_ROLES) if role in held), len(KEY_ROLES) + 1)


# --- the whole board ---------------------------------------------------------------------------------------


def session_board(meeting: Meeting, session: MeetingSession, locale: str) -> Board:
    """Everything the board shows for ``session``, in a fixed number of queries."""
    has_quorum = session.quorum_required
    return Board(
        meeting=meeting,
        session=session,
        totals=session_totals(session),
        by_role=tally_by_role(session),
        by_unit=tally_by_unit(session, locale),
        by_mode=tally_by_mode(session, locale),
        key_absent=key_people_absent(session, locale),
        quorum=quorum_now(session) if has_quorum else None,
        resolutions=resolution_items([session.id])[session.id] if has_quorum else [],
    )


def board_version(session: MeetingSession, locale: str) -> str:
    """A short fingerprint of everything the board of ``session`` is computed from, read in one cheap query: the
    session's check-ins (a new one raises the count and the highest id, an undo the latest undo time), the
    participant list (additions, answers, removals; a checksum of modes and roles for edits of those), the agenda
    presenters and items of the session, and the recorded quorums. Equal fingerprints mean an equal board."""
    session_items = sa.select(AgendaItem.id).where(AgendaItem.session_id == session.id)
    mode_code = sa.case((Participant.mode == AttendanceMode.VIDEO, 1), (Participant.mode == AttendanceMode.BRANCH, 2),
                        else_=0) * Participant.id + sa.func.coalesce(Participant.branch_venue_id, 0)
    parts = [
        sa.select(sa.func.count(CheckIn.id), sa.func.max(CheckIn.id), sa.func.max(CheckIn.undone_at)).where(
            CheckIn.session_id == session.id
        ),
        sa.select(
            sa.func.count(Participant.id),
            sa.func.max(Participant.id),
            sa.func.max(Participant.rsvp_at),
            sa.func.max(Participant.cancelled_at),
            sa.func.sum(mode_code),
        ).where(Participant.meeting_id == session.meeting_id),
        sa.select(sa.func.count(), sa.func.sum(ParticipantRole.participant_id * sa.func.length(ParticipantRole.role)))
        .join(Participant, Participant.id == ParticipantRole.participant_id)
        .where(Participant.meeting_id == session.meeting_id),
        sa.select(sa.func.count(AgendaPresenter.id), sa.func.max(AgendaPresenter.id)).where(
            AgendaPresenter.item_id.in_(session_items)
        ),
        sa.select(sa.func.count(AgendaItem.id), sa.func.max(AgendaItem.id)).where(
            AgendaItem.session_id == session.id
        ),
        sa.select(sa.func.count(QuorumSnapshot.id), sa.func.max(QuorumSnapshot.id)).where(
            QuorumSnapshot.session_id == session.id
        ),
    ]
    subqueries = [part.subquery(f"part{index}") for index, part in enumerate(parts)]
    query = sa.select(*(column for subquery in subqueries for column in subquery.c)).select_from(subqueries[0])
    for subquery in subqueries[1:]:
        query = query.join(subquery, sa.true())
    row = db.session.execute(query).one()
    settings = (
        session.id,
        session.presider_id,
        session.quorum_required,
        session.quorum_percent,
        session.quorum_counts_video,
        locale,
    )
    return hashlib.sha256(repr((settings, tuple(row))).encode()).hexdigest()[:24]


# --- what the page shows and the JSON endpoint sends ----------------------------------------------------------


def quorum_sentence(quorum: QuorumState, percent: int) -> str:
    return _(
        "%(present)d of %(members)d committee members present; %(required)d needed (more than %(percent)d%%).",
        present=quorum.present, members=quorum.members, required=quorum.required, percent=percent,
    )


def quorum_detail(quorum: QuorumState) -> str:
    if quorum.counts_video:
        return _("In the room: %(room)d · by video or at a branch venue: %(video)d (counted).",
                 room=quorum.present_in_person, video=quorum.present_video)
    return _("In the room: %(room)d · by video or at a branch venue: %(video)d (not counted for the quorum).",
             room=quorum.present_in_person, video=quorum.present_video)


def summary(data: Board) -> str:
    """One sentence for screen readers, announced when it changes."""
    text = _("%(present)d of %(invited)d present.", present=data.totals.present, invited=data.totals.invited)
    if data.quorum is not None:
        state = _("Quorum met.") if data.quorum.met else _("Quorum not met.")
        text = f"{text} {state} " + quorum_sentence(data.quorum, data.session.quorum_percent)
    if data.key_absent:
        text += " " + _("Key people absent: %(count)d.", count=len(data.key_absent))
    return text


def board_json(data: Board, locale: str) -> dict:
    """The board as the page's script (and later the API) reads it: counts keyed like the page's rows."""
    totals = data.totals
    quorum = None
    if data.quorum is not None:
        quorum = {
            **data.quorum.as_json(),
            "status": _("Quorum met") if data.quorum.met else _("Quorum not met"),
            "text": quorum_sentence(data.quorum, data.session.quorum_percent),
            "detail": quorum_detail(data.quorum),
        }
    return {
        "session_id": data.session.id,
        "layout": data.layout,
        "summary": summary(data),
        "totals": {
            "invited": totals.invited,
            "present": totals.present,
            "percent": totals.percent,
            "represented": totals.represented,
            "apologies": totals.apologies,
            "not_arrived": totals.not_arrived,
        },
        "rows": {
            tally.key: {"invited": tally.invited, "present": tally.present, "percent": tally.percent}
            for tally in (*data.by_role, *data.by_unit, *data.by_mode)
        },
        "quorum": quorum,
        "key_absent": [
            {
                "name": key.person.display_name(locale),
                "unit": key.person.unit.display_name(locale) if key.person.unit else "",
                "roles": ", ".join(key.roles),
                "note": key.note(locale),
            }
            for key in data.key_absent
        ],
    }
