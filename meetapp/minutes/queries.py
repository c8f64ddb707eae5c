"""Reading minutes: the document with everything its pages show, its versions and approvals, the action items carried
over in a series and a person's action items; and a light read for the policy's Minutes tab."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from meetapp.extensions import db
from meetapp.meetings.models import Meeting
from meetapp.minutes.models import (
    ActionItem,
    ActionStatus,
    Minutes,
    MinutesApproval,
    MinutesComment,
    MinutesStatus,
    MinutesVersion,
)


def minutes_of(meeting_id: int) -> Minutes | None:
    """The meeting's minutes with their reviewers (what the policy needs), or None."""
    return db.session.scalar(
        sa.select(Minutes).where(Minutes.meeting_id == meeting_id).options(selectinload(Minutes.reviewers))
    )


def get_minutes(meeting: Meeting) -> Minutes | None:
    """The meeting's minutes with versions, reviewers, approvals, comments, decisions and action items loaded."""
    return db.session.scalar(
        sa.select(Minutes)
        .where(Minutes.meeting_id == meeting.id)
        .options(
            selectinload(Minutes.versions).joinedload(MinutesVersion.author),
            selectinload(Minutes.reviewers),
            selectinload(Minutes.approvals).joinedload(MinutesApproval.reviewer),
            selectinload(Minutes.comments).joinedload(MinutesComment.author),
            selectinload(Minutes.decisions),
            selectinload(Minutes.action_items).joinedload(ActionItem.owner),
        )
    )


def current_version(minutes: Minutes) -> MinutesVersion | None:
    return next((v for v in minutes.versions if v.number == minutes.current_number), None)


def version(minutes: Minutes, number: int) -> MinutesVersion | None:
    return next((v for v in minutes.versions if v.number == number), None)


def published_versions(minutes: Minutes) -> list[MinutesVersion]:
    """The published text and its amendments, oldest first: each stays readable."""
    return [v for v in minutes.versions if v.published_at is not None]


def is_reviewer(minutes: Minutes, user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and any(
        reviewer.id == user.id for reviewer in minutes.reviewers
    )


@dataclass(frozen=True)
class ApprovalView:
    approval: MinutesApproval
    current: bool  # for the version the minutes are at now (same number and same content hash)


def content_hash(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def approvals_of(minutes: Minutes) -> list[ApprovalView]:
    """Each approval, current when it is for the latest version and that version's text still hashes to what the
    reviewer approved (recomputed: a text changed behind the application's back no longer counts as approved)."""
    latest = current_version(minutes)
    digest = content_hash(latest.content) if latest is not None else None
    return [
        ApprovalView(a, latest is not None and a.version_number == latest.number and a.content_sha256 == digest)
        for a in minutes.approvals
    ]


def approved_by_all(minutes: Minutes) -> bool:
    """Every named reviewer approved the current version (by number and content hash)."""
    current = {a.approval.reviewer_id for a in approvals_of(minutes) if a.current}
    return bool(minutes.reviewers) and all(reviewer.id in current for reviewer in minutes.reviewers)


def carried_over_items(meeting: Meeting) -> list[ActionItem]:
    """Open action items of earlier meetings of the same series: they carry over until closed."""
    if meeting.series_id is None:
        return []
    return list(
        db.session.scalars(
            sa.select(ActionItem)
            .join(Minutes, Minutes.id == ActionItem.minutes_id)
            .join(Meeting, Meeting.id == Minutes.meeting_id)
            .where(
                Meeting.series_id == meeting.series_id,
                Meeting.starts_at < meeting.starts_at,
                Meeting.id != meeting.id,
                ActionItem.status == ActionStatus.OPEN,
            )
            .order_by(Meeting.starts_at, ActionItem.position, ActionItem.id)
            .options(
                joinedload(ActionItem.owner),
                # the policy asks who organizes each earlier meeting (who may close its items)
                joinedload(ActionItem.minutes).joinedload(Minutes.meeting).selectinload(Meeting.organizers),
            )
        )
    )


def action_items_of(person_id: int | None) -> list[ActionItem]:
    """A person's action items across meetings, open ones first then by due date; only those of published
    minutes (a draft's assignments are not final)."""
    if person_id is None:
        return []
    return list(
        db.session.scalars(
            sa.select(ActionItem)
            .join(Minutes, Minutes.id == ActionItem.minutes_id)
            .where(ActionItem.owner_id == person_id, Minutes.status == MinutesStatus.PUBLISHED)
            .order_by(
                sa.case((ActionItem.status == ActionStatus.OPEN, 0), else_=1),
                sa.case((ActionItem.due_on.is_(None), 1), else_=0),
                ActionItem.due_on,
                ActionItem.id,
            )
            .options(joinedload(ActionItem.minutes).joinedload(Minutes.meeting), joinedload(ActionItem.owner))
        )
    )
