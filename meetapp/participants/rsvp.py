"""Answering an invitation through the personal link: accept (choosing how to attend), decline with a reason, or
name a delegate who attends in one's place. The answer may change until the meeting ends.

A delegate is recorded on the invitee's own row (``Participant.delegate``, a directory person), so a check-in
finds "the delegate of X" by looking at X's row; a delegate not yet in the directory is added to it (name and
email, in the invitee's unit).
"""

from __future__ import annotations

import logging
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from meetapp.audit import changes_since, record, snapshot
from meetapp.database import utcnow
from meetapp.directory.models import Person
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingStatus
from meetapp.participants.models import AttendanceMode, Participant, RsvpStatus
from meetapp.participants.modes import check_mode

log = logging.getLogger("meetapp.participants")


class ParticipantRemoved(DomainError):
    message = _l("You are no longer on the participant list of this meeting.")


class MeetingCancelled(DomainError):
    message = _l("This meeting has been cancelled.")


class MeetingOver(DomainError):
    message = _l("This meeting has ended; answers can no longer change.")


class ReasonRequired(DomainError):
    message = _l("Please give a reason for your apology.")


class DelegateRequired(DomainError):
    message = _l("Choose a person from the directory, or enter the delegate's name and email address.")


class DelegateIsInvitee(DomainError):
    message = _l("You cannot name yourself as your delegate.")


class DelegateAlreadyListed(DomainError):
    message = _l("This person is already on the participant list, or attends for someone else.")


def is_over(meeting: Meeting, now: datetime | None = None) -> bool:
    return meeting.status == MeetingStatus.ENDED or meeting.ends_at <= (now or utcnow())


def refusal(participant: Participant) -> DomainError | None:
    """Why this participant cannot answer now, or None when they can."""
    if participant.is_cancelled:
        return ParticipantRemoved()
    if participant.meeting.status == MeetingStatus.CANCELLED:
        return MeetingCancelled()
    if is_over(participant.meeting):
        return MeetingOver()
    return None


def _check_can_answer(participant: Participant) -> None:
    error = refusal(participant)
    if error is not None:
        raise error


# What an answer changes, for the audit log.
ANSWER_FIELDS = ("rsvp_status", "mode", "branch_venue", "delegate", "decline_reason")


def _record_answer(actor, participant: Participant, before: dict) -> None:
    changes = changes_since(before, participant)
    record(actor, "participant.rsvp", participant, meeting=participant.meeting, changes=changes)


def _set_mode(participant: Participant, mode, branch_venue_id: int | None) -> None:
    mode = AttendanceMode(mode)
    participant.branch_venue = check_mode(participant.meeting, mode, branch_venue_id)
    participant.mode = mode


def accept(participant: Participant, mode, branch_venue_id: int | None = None, *, actor=None) -> None:
    """Accept, attending in ``mode`` (at a branch venue: which one). Refuses when the participant was removed, the
    meeting is cancelled or over, or the mode is not one the meeting offers. ``actor``: the signed-in user answering,
    if any (the personal link is the credential)."""
    _check_can_answer(participant)
    before = snapshot(participant, *ANSWER_FIELDS)
    _set_mode(participant, mode, branch_venue_id)
    participant.rsvp_status = RsvpStatus.ACCEPTED
    participant.decline_reason = None
    participant.delegate = None
    participant.rsvp_at = utcnow()
    _record_answer(actor, participant, before)
    db.session.commit()
    log.info("participant %s accepted (%s)", participant.id, participant.mode.value)


def decline(participant: Participant, reason: str, *, actor=None) -> None:
    """Decline with an apology; refuses an empty reason and the cases ``accept`` refuses."""
    _check_can_answer(participant)
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired()
    before = snapshot(participant, *ANSWER_FIELDS)
    participant.rsvp_status = RsvpStatus.DECLINED
    participant.decline_reason = reason
    participant.delegate = None
    participant.rsvp_at = utcnow()
    _record_answer(actor, participant, before)
    db.session.commit()
    log.info("participant %s declined", participant.id)


def _find_delegate(person_id: int | None, name: str, email: str) -> Person | None:
    """The directory person named as delegate, or None for someone new (given by name and email)."""
    if person_id is not None:
        person = db.session.get(Person, person_id)
        if person is None:
            raise DelegateRequired()
        return person
    if not name.strip() or not email.strip():
        raise DelegateRequired()
    return db.session.scalars(sa.select(Person).where(sa.func.lower(Person.email) == email.strip().lower())).first()


def delegate(
    participant: Participant,
    *,
    person_id: int | None = None,
    name: str = "",
    email: str = "",
    mode=None,
    branch_venue_id: int | None = None,
    actor=None,
) -> Person:
    """Name a delegate who attends in the invitee's place, in ``mode``: a directory person (``person_id``), or
    someone given by name and email (found in the directory by email, else added to it). Refuses the invitee
    themself, someone already on the list or already delegate for another invitee, and the cases ``accept``
    refuses."""
    _check_can_answer(participant)
    person = _find_delegate(person_id, name, email)
    if person is not None:
        if person.id == participant.person_id:
            raise DelegateIsInvitee()
        taken = db.session.scalar(
            sa.select(sa.func.count()).where(
                Participant.meeting_id == participant.meeting_id,
                Participant.id != participant.id,
                Participant.cancelled_at.is_(None),
                sa.or_(Participant.person_id == person.id, Participant.delegate_id == person.id),
            )
        )
        if taken:
            raise DelegateAlreadyListed()
    before = snapshot(participant, *ANSWER_FIELDS)
    _set_mode(participant, mode or participant.mode, branch_venue_id)
    if person is None:
        # Someone outside the directory: added to it so check-in and the records can name them.
        person = Person(name=name.strip(), email=email.strip().lower(), unit_id=participant.person.unit_id)
        db.session.add(person)
    participant.delegate = person
    participant.rsvp_status = RsvpStatus.DELEGATED
    participant.decline_reason = None
    participant.rsvp_at = utcnow()
    _record_answer(actor, participant, before)
    db.session.commit()
    log.info("participant %s sends delegate person %s", participant.id, person.id)
    return person
