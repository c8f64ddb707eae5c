"""Minutes operations: the one place minutes, their versions, reviews and action items change.

Every function takes the acting user explicitly (the web views and the JSON API call the same functions), commits
once and raises a ``MinutesError`` (a ``DomainError``) when it refuses. Who may call which is decided by
``meetapp.policy`` (``minutes.*`` rules) before; the rules that belong to the document itself (a save based on
an old version, an edit of published minutes, a transition the workflow has no arrow for, an approval by someone
who is not a named reviewer) are enforced here.

The workflow: draft → in_review → approved → published. Saving approved minutes sends them back to review (the
approvals stay, shown as for an earlier version); published minutes change only by a published amendment.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from meetapp.audit import record
from meetapp.auth.models import User
from meetapp.database import utcnow
from meetapp.directory.models import Person
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.meetings.models import Meeting
from meetapp.minutes.models import (
    ActionItem,
    ActionStatus,
    Decision,
    Minutes,
    MinutesApproval,
    MinutesComment,
    MinutesStatus,
    MinutesVersion,
)
from meetapp.minutes.queries import (  # noqa: F401  (the reads are part of this module's interface too)
    ApprovalView,
    action_items_of,
    approvals_of,
    approved_by_all,
    carried_over_items,
    content_hash,
    current_version,
    get_minutes,
    is_reviewer,
    published_versions,
    version,
)
from meetapp.minutes.record import _md, action_line, prefill_markdown

MAX_BODY = 200_000
MAX_TITLE = 500


class MinutesError(DomainError):
    """Base of the refusals of this module."""


class MinutesExist(MinutesError):
    message = _l("This meeting already has minutes.")


class StaleVersion(MinutesError):
    """The save started from an older version than the latest one: someone else saved in between."""

    message = _l("Someone else saved these minutes after you opened them. Your text is kept below, next to the "
                 "current version: merge your changes into it and save again.")

    def __init__(self, message=None, *, current: MinutesVersion | None = None, **details):
        super().__init__(message, **details)
        self.current = current


class MinutesPublished(MinutesError):
    message = _l("Published minutes cannot be changed; publish an amendment with a reason instead.")


class NotPublished(MinutesError):
    message = _l("Only published minutes can be amended.")


class IllegalTransition(MinutesError):
    message = _l("The minutes cannot go from “%(from)s” to “%(to)s”.")


class NoReviewers(MinutesError):
    message = _l("Name at least one reviewer before sending the minutes for review.")


class NotAReviewer(MinutesError):
    message = _l("Only the reviewers named for these minutes can approve them.")


class NotInReview(MinutesError):
    message = _l("The minutes are not in review.")


class ApprovalsMissing(MinutesError):
    message = _l("Every reviewer must approve the current version first.")


class AlreadyApproved(MinutesError):
    message = _l("You have already approved this version.")


class EmptyText(MinutesError):
    message = _l("Write something first.")


class TooLong(MinutesError):
    message = _l("The text is too long.")


class ReasonRequired(MinutesError):
    message = _l("Give the reason for the amendment.")


class InvalidActionItem(MinutesError):
    message = _l("Every action item needs a title of at most 500 characters.")


@dataclass(frozen=True)
class ActionItemInput:
    """An action item as a form or the API sends it; ``id`` None for a new one."""

    title: str
    owner_id: int | None = None
    due_on: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    id: int | None = None


# Which status may follow which by ``transition``; approved is reached by the reviewers' approvals (``approve``)
# or by ``transition`` once all of them approved the current version.
TRANSITIONS = {
    MinutesStatus.DRAFT: {MinutesStatus.IN_REVIEW},
    MinutesStatus.IN_REVIEW: {MinutesStatus.DRAFT, MinutesStatus.APPROVED},
    MinutesStatus.APPROVED: {MinutesStatus.PUBLISHED, MinutesStatus.DRAFT},
    MinutesStatus.PUBLISHED: set(),
}


def _audit(actor: User | None, action: str, minutes: Minutes, changes: dict | None = None, summary: str = ""):
    """The audit-trail row of a change, in the same transaction."""
    record(actor, action, minutes, meeting=minutes.meeting, changes=changes, summary=summary)


def _version_summary(minutes: Minutes) -> str:
    latest = current_version(minutes)
    return f"version {latest.number} sha256 {latest.sha256}" if latest else ""


# --- the text a version holds -----------------------------------------------------------------------------------


def compose(body: str, decisions: Sequence[str], action_items: Sequence[ActionItem], locale: str) -> str:
    """A version's full text: the body, then the decisions and action items as Markdown sections (headings in
    ``locale``)."""
    with force_locale(locale):
        return _compose(body, decisions, action_items, locale)


def _compose(body: str, decisions: Sequence[str], action_items: Sequence[ActionItem], locale: str) -> str:
    parts = [body.rstrip()]
    if decisions:
        parts.append("## " + _("Decisions") + "\n\n" + "\n".join(
            f"{n}. {_md(text)}" for n, text in enumerate(decisions, start=1)
        ))
    if action_items:
        parts.append("## " + _("Action items") + "\n\n" + "\n".join(
            f"- {action_line(item, locale)}" for item in action_items
        ))
    return "\n\n".join(parts) + "\n"


def _check_text(body: str) -> str:
    body = (body or "").replace("\r\n", "\n")
    if not body.strip():
        raise EmptyText()
    if len(body) > MAX_BODY:
        raise TooLong()
    return body


def _apply_rows(minutes: Minutes, decisions: Iterable[str], items: Iterable[ActionItemInput]) -> list[str]:
    texts = [text.strip() for text in decisions if text and text.strip()]
    minutes.decisions = [Decision(position=n, text=text) for n, text in enumerate(texts)]
    existing = {item.id: item for item in minutes.action_items}
    kept = []
    for position, given in enumerate(items):
        title = (given.title or "").strip()
        if not title or len(title) > MAX_TITLE:
            raise InvalidActionItem()
        item = existing.get(given.id) if given.id is not None else None
        if item is None:
            item = ActionItem()
        item.position, item.title, item.owner_id, item.due_on = position, title, given.owner_id, given.due_on
        status = ActionStatus(given.status)
        if status != item.status or (item.closed_at is None and status == ActionStatus.DONE):
            item.closed_at = utcnow() if status == ActionStatus.DONE else None
        item.status = status
        kept.append(item)
    minutes.action_items = kept
    return texts


def _owners_loaded(items: list[ActionItem]) -> None:
    """Owners for new rows (set by id) before the version text names them."""
    ids = {item.owner_id for item in items if item.owner_id is not None and item.owner is None}
    people = {p.id: p for p in db.session.scalars(sa.select(Person).where(Person.id.in_(ids)))} if ids else {}
    for item in items:
        if item.owner_id is not None and (item.owner is None or item.owner.id != item.owner_id):
            item.owner = people.get(item.owner_id) or db.session.get(Person, item.owner_id)


def _new_version(actor: User | None, minutes: Minutes, body: str, locale: str, **extra) -> MinutesVersion:
    _owners_loaded(minutes.action_items)
    content = compose(body, [d.text for d in minutes.decisions], minutes.action_items, locale)
    number = minutes.current_number + 1
    created = MinutesVersion(number=number, body=body, content=content, sha256=content_hash(content),
                             author=actor, **extra)
    minutes.versions.append(created)
    minutes.current_number = number
    return created


def _commit_version(minutes: Minutes) -> None:
    """Commit; a concurrent save that took the same version number first makes this one stale."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        fresh = db.session.get(Minutes, minutes.id)
        db.session.refresh(fresh)
        raise StaleVersion(current=current_version(fresh)) from None


# --- changing ---------------------------------------------------------------------------------------------------


def start_minutes(actor: User, meeting: Meeting, locale: str = "en") -> Minutes:
    """Create the meeting's minutes as a draft whose version 1 is prefilled from the record (and lists the open
    action items of the series' earlier meetings). Refuses a second document for the same meeting."""
    if db.session.scalar(sa.select(Minutes.id).where(Minutes.meeting_id == meeting.id)) is not None:
        raise MinutesExist()
    minutes = Minutes(meeting=meeting, created_by=actor)
    db.session.add(minutes)
    body = prefill_markdown(meeting, locale, carried_over_items(meeting))
    _new_version(actor, minutes, body, locale)
    _audit(actor, "minutes.create", minutes, summary=_version_summary(minutes))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise MinutesExist() from None
    return minutes


def save_minutes(
    actor: User,
    minutes: Minutes,
    *,
    body: str,
    expected_version: int,
    decisions: Sequence[str] = (),
    action_items: Sequence[ActionItemInput] = (),
    locale: str = "en",
) -> MinutesVersion:
    """Save a new version of the text, decisions and action items. Refuses published minutes (amend them) and a
    save based on another version than the latest (``StaleVersion``, carrying the current one). Saving approved
    minutes sends them back to review; their approvals stay, for the earlier version."""
    if minutes.is_published:
        raise MinutesPublished()
    if expected_version != minutes.current_number:
        raise StaleVersion(current=current_version(minutes))
    body = _check_text(body)
    _apply_rows(minutes, decisions, action_items)
    saved = _new_version(actor, minutes, body, locale)
    if minutes.status == MinutesStatus.APPROVED:
        minutes.status = MinutesStatus.IN_REVIEW
    _audit(actor, "minutes.save", minutes, summary=_version_summary(minutes))
    _commit_version(minutes)
    return saved


def set_reviewers(actor: User, minutes: Minutes, reviewers: Iterable[User]) -> None:
    """Name the reviewers (replacing the list). Refused once published."""
    if minutes.is_published:
        raise MinutesPublished()
    before = [u.email for u in minutes.reviewers]
    minutes.reviewers = sorted(set(reviewers), key=lambda user: user.id)
    _audit(actor, "minutes.reviewers", minutes, changes={"reviewers": [before, [u.email for u in minutes.reviewers]]})
    db.session.commit()


def transition(actor: User, minutes: Minutes, to: MinutesStatus | str) -> Minutes:
    """Move the minutes along the workflow. Refuses arrows the workflow does not have, review without reviewers,
    and approval before every reviewer approved the current version."""
    to = MinutesStatus(to)
    if to not in TRANSITIONS[minutes.status]:
        from meetapp.minutes.models import MINUTES_STATUS_LABELS

        raise IllegalTransition(IllegalTransition.message % {
            "from": MINUTES_STATUS_LABELS[minutes.status], "to": MINUTES_STATUS_LABELS[to]})
    if to == MinutesStatus.IN_REVIEW and not minutes.reviewers:
        raise NoReviewers()
    if to == MinutesStatus.APPROVED and not approved_by_all(minutes):
        raise ApprovalsMissing()
    before = minutes.status
    minutes.status = to
    if to == MinutesStatus.PUBLISHED:
        now = utcnow()
        minutes.published_at = now
        current_version(minutes).published_at = now
    action = {MinutesStatus.PUBLISHED: "minutes.publish", MinutesStatus.IN_REVIEW: "minutes.submit"}.get(
        to, "minutes.transition")
    _audit(actor, action, minutes, changes={"status": [before.value, to.value]}, summary=_version_summary(minutes))
    db.session.commit()
    return minutes


def submit_for_review(actor: User, minutes: Minutes, reviewers: Iterable[User]) -> Minutes:
    """Name the reviewers and send the draft for review, in one step."""
    reviewers = list(reviewers)
    if not reviewers:
        raise NoReviewers()
    if minutes.status != MinutesStatus.DRAFT:
        transition(actor, minutes, MinutesStatus.IN_REVIEW)  # refuses with the workflow's message
    minutes.reviewers = sorted(set(reviewers), key=lambda user: user.id)
    return transition(actor, minutes, MinutesStatus.IN_REVIEW)


def add_comment(actor: User, minutes: Minutes, body: str) -> MinutesComment:
    """A review comment on the current version. Refused once published."""
    if minutes.is_published:
        raise MinutesPublished()
    body = _check_text(body)
    comment = MinutesComment(author=actor, version_number=minutes.current_number, body=body)
    minutes.comments.append(comment)
    _audit(actor, "minutes.comment", minutes, summary=_version_summary(minutes))
    db.session.commit()
    return comment


def approve(actor: User, minutes: Minutes, expected_version: int | None = None) -> MinutesApproval:
    """A named reviewer approves the current version (number and SHA-256 of its content are recorded); when every
    reviewer has approved it the minutes become approved. ``expected_version``, when given, must be the current
    one: a reviewer never approves a text they have not seen."""
    if minutes.status != MinutesStatus.IN_REVIEW:
        raise NotInReview()
    if not is_reviewer(minutes, actor):
        raise NotAReviewer()
    latest = current_version(minutes)
    if expected_version is not None and expected_version != latest.number:
        raise StaleVersion(_("The minutes changed after you opened them: read version %(number)s, then approve it.",
                             number=latest.number), current=latest)
    if any(a.current and a.approval.reviewer_id == actor.id for a in approvals_of(minutes)):
        raise AlreadyApproved()
    approval = MinutesApproval(reviewer=actor, version_number=latest.number, content_sha256=latest.sha256)
    minutes.approvals.append(approval)
    db.session.flush()  # the approval's reviewer_id, which approved_by_all compares
    _audit(actor, "minutes.approve", minutes, summary=_version_summary(minutes))
    if approved_by_all(minutes):
        minutes.status = MinutesStatus.APPROVED
    db.session.commit()
    return approval


def amend(
    actor: User,
    minutes: Minutes,
    *,
    body: str,
    reason: str,
    expected_version: int,
    decisions: Sequence[str] = (),
    action_items: Sequence[ActionItemInput] = (),
    locale: str = "en",
) -> MinutesVersion:
    """Publish a correction of published minutes as a new version with a reason; the earlier published text stays
    readable. Refuses unpublished minutes, a missing reason and a stale base version."""
    if not minutes.is_published:
        raise NotPublished()
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired()
    if expected_version != minutes.current_number:
        raise StaleVersion(current=current_version(minutes))
    body = _check_text(body)
    _apply_rows(minutes, decisions, action_items)
    saved = _new_version(actor, minutes, body, locale, published_at=utcnow(), amendment_reason=reason)
    _audit(actor, "minutes.amend", minutes, summary=_version_summary(minutes) + " — " + reason)
    _commit_version(minutes)
    return saved


def set_action_status(actor: User, item: ActionItem, status: ActionStatus | str) -> ActionItem:
    """Close or reopen an action item. This is follow-up, not the minutes' text: allowed on published minutes too
    (their published versions keep the status they were published with)."""
    status = ActionStatus(status)
    if item.status != status:
        before = item.status
        item.status = status
        item.closed_at = utcnow() if status == ActionStatus.DONE else None
        record(actor, "action_item.status", item, meeting=item.minutes.meeting,
               changes={"status": [before.value, status.value]})
        db.session.commit()
    return item
