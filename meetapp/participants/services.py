"""Changing a meeting's participant list: add (chosen people, a unit, a group, a title), remove, bulk edit.

Each function validates, changes, commits once and raises a ``DomainError`` subclass when it refuses; mail that a
change causes (a withdrawn invitation) is queued in the same transaction.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from meetapp.audit import diff, record
from meetapp.database import utcnow
from meetapp.directory.models import Group, Person, Unit
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingStatus, Venue
from meetapp.participants import invitations, queries
from meetapp.participants.models import AttendanceMode, MeetingRole, Participant
from meetapp.participants.modes import check_mode, default_mode

log = logging.getLogger("meetapp.participants")


class ListClosed(DomainError):
    message = _l("This meeting is cancelled or over: its participant list can no longer change.")


class NoRoles(DomainError):
    message = _l("Choose at least one meeting role.")


class NothingSelected(DomainError):
    message = _l("Select at least one participant.")


class NothingToChange(DomainError):
    message = _l("Choose roles or a mode to apply.")


class RoleLeftEmpty(DomainError):
    message = _l("Everyone needs at least one meeting role; nothing was changed.")


def list_is_open(meeting: Meeting) -> bool:
    """Whether the participant list may still change: not once the meeting is cancelled or over."""
    return meeting.status not in (MeetingStatus.CANCELLED, MeetingStatus.ENDED)


def check_open(meeting: Meeting) -> None:
    """Refuse changes to the list of a cancelled or ended meeting."""
    if not list_is_open(meeting):
        raise ListClosed()


@dataclass(frozen=True)
class Placement:
    """The meeting roles and planned mode given to the people being added."""

    roles: frozenset[MeetingRole]
    mode: AttendanceMode
    branch_venue: Venue | None


def placement(
    meeting: Meeting, roles: Iterable, mode: AttendanceMode | str | None = None, branch_venue_id: int | None = None
) -> Placement:
    """Validate roles and mode for ``meeting``; no mode means the meeting's first (usually in person)."""
    wanted = frozenset(MeetingRole(r) for r in roles)
    if not wanted:
        raise NoRoles()
    mode = AttendanceMode(mode) if mode else default_mode(meeting)
    return Placement(wanted, mode, check_mode(meeting, mode, branch_venue_id))


@dataclass(frozen=True)
class AddResult:
    added: int
    already: int  # on the list before: left as they were


def add_people(
    meeting: Meeting, people: Iterable[int] | sa.Select, where: Placement, *, actor=None, via: dict | None = None
) -> AddResult:
    """Put people (ids, or a select of ids) on the meeting's list with the roles and mode of ``where``.

    People already on the list are left as they are and counted in ``already``. Someone removed after being
    invited starts afresh: the old row (with its RSVP link) is replaced, so they can be invited again.
    Refuses changes to a cancelled or ended meeting. The audit log gets one row naming the people added and
    ``via`` (how they were chosen: ``{"unit": name}``…).
    """
    check_open(meeting)
    source = people if isinstance(people, sa.Select) else sa.select(Person.id).where(Person.id.in_(set(people)))
    wanted = set(db.session.scalars(source))
    existing = {
        person_id: (participant_id, cancelled)
        for participant_id, person_id, cancelled in db.session.execute(
            sa.select(Participant.id, Participant.person_id, Participant.cancelled_at.is_not(None)).where(
                Participant.meeting_id == meeting.id, Participant.person_id.in_(wanted)
            )
        )
    }
    already = {pid for pid, (_, cancelled) in existing.items() if not cancelled}
    replaced = [existing[pid][0] for pid in wanted if pid in existing and pid not in already]
    if replaced:
        for participant in db.session.scalars(sa.select(Participant).where(Participant.id.in_(replaced))):
            db.session.delete(participant)
        db.session.flush()  # the (meeting, person) pair must be free before the new rows go in
    new_people = sorted(wanted - already)
    for person_id in new_people:
        participant = Participant(
            meeting_id=meeting.id,
            person_id=person_id,
            mode=where.mode,
            branch_venue_id=where.branch_venue.id if where.branch_venue else None,
        )
        participant.roles = where.roles
        db.session.add(participant)
    if new_people:
        _record_added(actor, meeting, new_people, where, via or {})
    db.session.commit()
    log.info("meeting %s: %s people added, %s already on the list", meeting.id, len(new_people), len(already))
    return AddResult(added=len(new_people), already=len(already))


def _record_added(actor, meeting: Meeting, person_ids: list[int], where: Placement, via: dict) -> None:
    names = list(db.session.scalars(sa.select(Person.name).where(Person.id.in_(person_ids)).order_by(Person.name)))
    changes = {"people": [None, names], "roles": [None, where.roles], "mode": [None, where.mode]}
    if where.branch_venue is not None:
        changes["branch_venue"] = [None, where.branch_venue]
    changes.update({key: [None, value] for key, value in via.items()})
    record(actor, "participant.add", meeting, changes=changes)


def add_unit(meeting: Meeting, unit_id: int, include_subunits: bool, where: Placement, *, actor=None) -> AddResult:
    """Add everyone in a unit (and its sub-units, at any depth, when asked); see ``add_people``."""
    via = {"unit": db.session.get(Unit, unit_id), "include_subunits": include_subunits}
    return add_people(meeting, queries.people_in_unit(unit_id, include_subunits), where, actor=actor, via=via)


def add_group(meeting: Meeting, group_id: int, where: Placement, *, actor=None) -> AddResult:
    """Add every member of a group; see ``add_people``."""
    via = {"group": db.session.get(Group, group_id)}
    return add_people(meeting, queries.people_in_group(group_id), where, actor=actor, via=via)


def add_by_title(meeting: Meeting, text: str, where: Placement, *, actor=None) -> AddResult:
    """Add everyone whose title contains ``text`` (e.g. "Chief Scientist"); see ``add_people``."""
    return add_people(meeting, queries.people_with_title(text), where, actor=actor, via={"title_contains": text})


def send_invitations(meeting: Meeting, *, actor=None) -> invitations.InvitationResult:
    """Queue invitations for everyone on the list not invited yet (see ``invitations.queue_invitations``) and
    commit. Refuses a cancelled or ended meeting."""
    check_open(meeting)
    result = invitations.queue_invitations(meeting)
    if result.queued:
        record(actor, "participant.invite", meeting, changes={"invitations_queued": [None, result.queued]})
    db.session.commit()
    log.info("meeting %s: %s invitations queued, %s unreachable", meeting.id, result.queued, len(result.unreachable))
    return result


@dataclass(frozen=True)
class RemoveResult:
    deleted: int  # never invited: gone from the list
    withdrawn: int  # invited before: marked removed, a cancellation queued for them


def remove_participants(meeting: Meeting, participants: list[Participant], *, actor=None) -> RemoveResult:
    """Take people off the list. Those never invited are deleted; those already invited are kept as removed
    (``cancelled_at``) and sent a cancellation of the calendar entry. Refuses a cancelled or ended meeting and an
    empty selection."""
    check_open(meeting)
    if not participants:
        raise NothingSelected()
    deleted, withdrawn = 0, []
    for participant in participants:
        if participant.is_cancelled:
            continue
        if participant.invited_sequence is None:
            record(actor, "participant.remove", participant, meeting=meeting, changes={"listed": [True, False]})
            db.session.delete(participant)
            deleted += 1
        else:
            record(actor, "participant.remove", participant, meeting=meeting, changes={"invited": [True, False]})
            participant.cancelled_at = utcnow()
            withdrawn.append(participant)
    invitations.queue_withdrawals(meeting, withdrawn)
    db.session.commit()
    log.info("meeting %s: %s participants deleted, %s withdrawn", meeting.id, deleted, len(withdrawn))
    return RemoveResult(deleted=deleted, withdrawn=len(withdrawn))


class RolesChange(enum.StrEnum):
    KEEP = "keep"
    SET = "set"  # replace with exactly these
    ADD = "add"
    REMOVE = "remove"


def update_participants(
    meeting: Meeting,
    participants: list[Participant],
    *,
    roles_change: RolesChange = RolesChange.KEEP,
    roles: Iterable = (),
    mode: AttendanceMode | str | None = None,
    branch_venue_id: int | None = None,
    actor=None,
) -> int:
    """Bulk edit: change the roles (set, add or remove) and/or the planned mode of the selected participants;
    returns how many were changed. Removed people are left alone. All or nothing: refuses an empty selection,
    nothing to change, no roles to set/add/remove, a mode the meeting does not offer, and a change that would
    leave someone without any role."""
    check_open(meeting)
    if not participants:
        raise NothingSelected()
    roles_change = RolesChange(roles_change)
    chosen = {MeetingRole(r) for r in roles}
    if roles_change == RolesChange.KEEP and not mode:
        raise NothingToChange()
    if roles_change != RolesChange.KEEP and not chosen:
        raise NoRoles()
    venue = check_mode(meeting, AttendanceMode(mode), branch_venue_id) if mode else None
    changing = [p for p in participants if not p.is_cancelled]
    new_roles = {}
    for participant in changing:
        current = participant.roles
        new_roles[participant.id] = {
            RolesChange.KEEP: current,
            RolesChange.SET: chosen,
            RolesChange.ADD: current | chosen,
            RolesChange.REMOVE: current - chosen,
        }[roles_change]
        if not new_roles[participant.id]:
            raise RoleLeftEmpty()
    for participant in changing:
        values = {"roles": new_roles[participant.id]}
        if mode:
            values.update(mode=AttendanceMode(mode), branch_venue=venue)
        if changes := diff(participant, **values):
            record(actor, "participant.edit", participant, meeting=meeting, changes=changes)
        participant.roles = new_roles[participant.id]
        if mode:
            participant.mode = AttendanceMode(mode)
            participant.branch_venue = venue
    db.session.commit()
    return len(changing)
