"""Invitation mail: the first invitation, updates when the meeting changes, and cancellations — each with an
iCalendar attachment for the meeting's one UID, queued in the outbox in the caller's transaction.

Dedupe keys say what a message is about, so repeating an action queues nothing new:
``invitation:<participant>:<sequence>``, ``update:<participant>:<sequence>``, ``meeting-cancelled:<participant>``
and ``withdrawn:<participant>`` (removed from the list).
"""

from __future__ import annotations

import contextlib
import enum
import logging
from dataclasses import dataclass, field
from email.utils import parseaddr

import sqlalchemy as sa
from flask import current_app, has_request_context, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import contains_eager, joinedload

from meetapp.attendance import tickets
from meetapp.auth.models import User
from meetapp.calendar.ics import calendar_bytes, meeting_event
from meetapp.database import utcnow
from meetapp.directory.models import Person
from meetapp.extensions import db
from meetapp.mail.outbox import Attachment, Draft, queue_messages, queued_keys
from meetapp.meetings.models import Meeting, MeetingStatus
from meetapp.participants.models import ATTENDANCE_MODE_LABELS, MEETING_ROLE_LABELS, Participant
from meetapp.participants.modes import shows_join_details
from meetapp.timefmt import span_text, zone_label

log = logging.getLogger("meetapp.participants")


class Kind(enum.StrEnum):
    INVITATION = "invitation"
    UPDATE = "update"
    MEETING_CANCELLED = "meeting-cancelled"
    WITHDRAWN = "withdrawn"  # the person was taken off the list

    @property
    def method(self) -> str:
        return "CANCEL" if self in (Kind.MEETING_CANCELLED, Kind.WITHDRAWN) else "REQUEST"

    def dedupe_key(self, participant: Participant, sequence: int) -> str:
        if self.method == "CANCEL":
            return f"{self.value}:{participant.id}"
        return f"{self.value}:{participant.id}:{sequence}"


def _subject(kind: Kind, title: str) -> str:
    if kind == Kind.INVITATION:
        return _("Invitation: %(title)s", title=title)
    if kind == Kind.UPDATE:
        return _("Updated: %(title)s", title=title)
    if kind == Kind.MEETING_CANCELLED:
        return _("Cancelled: %(title)s", title=title)
    return _("Invitation withdrawn: %(title)s", title=title)


def _intro(kind: Kind, title: str) -> str:
    if kind == Kind.INVITATION:
        return _("You are invited to “%(title)s”.", title=title)
    if kind == Kind.UPDATE:
        return _("The details of “%(title)s” have changed. The attached calendar file updates the entry in your "
                 "calendar.", title=title)
    if kind == Kind.MEETING_CANCELLED:
        return _("“%(title)s” has been cancelled. The attached calendar file removes it from your calendar.",
                 title=title)
    return _("You are no longer on the participant list of “%(title)s”. The attached calendar file removes it "
             "from your calendar.", title=title)


def when_text(meeting: Meeting) -> str:
    """The meeting's time as one line of plain text, in its own zone and the current language."""
    return _("%(when)s (%(zone)s)", when=span_text(meeting.starts_at, meeting.ends_at, meeting),
             zone=zone_label(meeting))


@contextlib.contextmanager
def external_urls():
    """Absolute URLs need a request (or SERVER_NAME); mail queued from a command uses PUBLIC_BASE_URL."""
    if has_request_context() or current_app.config.get("SERVER_NAME"):
        yield
        return
    base = current_app.config.get("PUBLIC_BASE_URL") or "http://localhost:5000"
    with current_app.test_request_context(base_url=base):
        yield


def rsvp_url(participant: Participant) -> str:
    return url_for("rsvp.show", token=participant.rsvp_token, _external=True)


def render_meeting_mail(participant: Participant, locale: str, *, kind: str, intro, subject, rsvp_link, ticket_link,
                        join: bool) -> tuple[str, str, str]:
    """Subject, text and HTML of a mail about the participant's meeting (templates/mail/meeting.*), in ``locale``:
    invitations, updates, cancellations and reminders share it. ``intro`` and ``subject`` are called in the
    locale."""
    meeting = participant.meeting
    with force_locale(locale):
        context = {
            "meeting": meeting,
            "participant": participant,
            "kind": kind,
            "intro": intro(),
            "when": when_text(meeting),
            "name": participant.person.display_name(locale),
            "rsvp_url": rsvp_link,
            "ticket_url": ticket_link,
            "join_link": tickets.join_url(participant) if join else None,
            "join": join,
            "mode_label": ATTENDANCE_MODE_LABELS[participant.mode],
            "role_labels": [MEETING_ROLE_LABELS[r] for r in sorted(participant.roles)],
            "locale": locale,
        }
        return str(subject()), render_template("mail/meeting.txt", **context), render_template(
            "mail/meeting.html", **context)


def _compose(participant: Participant, kind: Kind, locale: str, stamp) -> Draft:
    """One participant's message in their language, with the .ics for the meeting's current SEQUENCE."""
    meeting = participant.meeting
    sender = current_app.config["MAIL_DEFAULT_SENDER"]
    join = kind.method == "REQUEST" and shows_join_details(participant)
    link = rsvp_url(participant) if kind.method == "REQUEST" else None
    # Attendance: the check-in ticket (page + QR attached) and, for video attendees, the personal join link.
    ticket = tickets.ticket_url(participant) if link else None
    subject, body_text, body_html = render_meeting_mail(
        participant, locale, kind=kind.value, intro=lambda: _intro(kind, meeting.title),
        subject=lambda: _subject(kind, meeting.title), rsvp_link=link, ticket_link=ticket, join=join,
    )
    event = meeting_event(
        meeting,
        include_join_details=join,
        url=link,
        attendee=participant,
        organizer_email=parseaddr(sender)[1] or None,
        cancelled=kind.method == "CANCEL",
        stamp=stamp,
    )
    ics = calendar_bytes([event], method=kind.method)
    return Draft(
        to_email=participant.person.email,
        to_name=participant.person.display_name(locale),
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        dedupe_key=kind.dedupe_key(participant, meeting.ical_sequence),
        attachments=[
            Attachment(
                filename="invite.ics" if kind.method == "REQUEST" else "cancel.ics",
                content_type=f"text/calendar; method={kind.method}; charset=UTF-8",
                content=ics,
            ),
            *([Attachment(filename="ticket.png", content_type="image/png",
                          content=tickets.qr_png(participant.ticket_code))] if ticket else []),
        ],
    )


def with_locales(meeting: Meeting, *conditions) -> list[tuple[Participant, str]]:
    """The meeting's participants matching ``conditions``, each with the language to write to them in: their
    account's choice when they have one, else the site default."""
    default = current_app.config.get("BABEL_DEFAULT_LOCALE", "en")
    rows = db.session.execute(
        sa.select(Participant, User.locale)
        .join(Participant.person)
        .outerjoin(User, User.person_id == Participant.person_id)
        .where(Participant.meeting_id == meeting.id, *conditions)
        .options(contains_eager(Participant.person), joinedload(Participant.branch_venue))
        .order_by(Person.name, Participant.id)
    )
    return [(participant, locale or default) for participant, locale in rows]


def _queue(meeting: Meeting, pairs: list[tuple[Participant, str]], kind: Kind) -> int:
    """Compose and queue ``kind`` for each (participant, locale) whose message is not queued yet."""
    if not pairs:
        return 0
    sequence = meeting.ical_sequence
    done = queued_keys(kind.dedupe_key(p, sequence) for p, _locale in pairs)
    stamp = utcnow()
    with external_urls():
        drafts = [
            _compose(p, kind, locale, stamp) for p, locale in pairs if kind.dedupe_key(p, sequence) not in done
        ]
    return len(queue_messages(drafts))


@dataclass
class InvitationResult:
    queued: int = 0
    unreachable: list[Person] = field(default_factory=list)  # on the list without an email address


def queue_invitations(meeting: Meeting) -> InvitationResult:
    """Queue an invitation (with an .ics METHOD:REQUEST and a personal RSVP link) for everyone on the list who has
    not been invited yet and has an email address, and mark them invited at the meeting's current SEQUENCE; the
    people without an address are returned as unreachable. Does not commit."""
    pairs = with_locales(meeting, Participant.invited_sequence.is_(None), Participant.cancelled_at.is_(None))
    reachable = [(p, locale) for p, locale in pairs if p.person.email]
    result = InvitationResult(unreachable=[p.person for p, _locale in pairs if not p.person.email])
    result.queued = _queue(meeting, reachable, Kind.INVITATION)
    now = utcnow()
    for participant, _locale in reachable:
        participant.invited_sequence = meeting.ical_sequence
        participant.invited_at = now
    db.session.flush()
    return result


def notify_meeting_changed(meeting: Meeting) -> int:
    """Tell the invited people about a change the meeting's owner made (and already counted in
    ``meeting.ical_sequence``): an update (same UID, the new SEQUENCE, METHOD:REQUEST) for everyone invited at a
    lower sequence, or, once the meeting is cancelled, a cancellation (METHOD:CANCEL, STATUS:CANCELLED) for
    everyone invited. Removed people and people without email get nothing. Does not commit: call it inside the
    transaction of the change. Returns how many messages were queued (none when called again)."""
    invited = [
        Participant.invited_sequence.is_not(None),
        Participant.cancelled_at.is_(None),
        Person.email.is_not(None),
    ]
    if meeting.status == MeetingStatus.CANCELLED:
        kind = Kind.MEETING_CANCELLED
    else:
        kind = Kind.UPDATE
        invited.append(Participant.invited_sequence < meeting.ical_sequence)
    pairs = with_locales(meeting, *invited)
    queued = _queue(meeting, pairs, kind)
    for participant, _locale in pairs:
        participant.invited_sequence = meeting.ical_sequence
    db.session.flush()
    log.info("meeting %s: %s %s messages queued", meeting.id, queued, kind.value)
    return queued


def queue_withdrawals(meeting: Meeting, participants: list[Participant]) -> int:
    """Queue a cancellation of the calendar entry for each of ``participants`` (just taken off the list) who has
    an email address. Does not commit (the removal's transaction does)."""
    ids = [p.id for p in participants if p.person.email]
    if not ids:
        return 0
    return _queue(meeting, with_locales(meeting, Participant.id.in_(ids)), Kind.WITHDRAWN)
