"""Responsibility-statement operations: the one place batches, statements, their signing and milestones change.

Each function takes the acting user, validates, changes, records the change in the audit trail, commits once and
raises a ``DomainError`` subclass when it refuses. A statement goes drafted → signed (``record_signing``) → in
progress (the first milestone update, or by hand) → completed; overdue is derived from the milestones' dates
(``Statement.is_overdue``), never stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import BinaryIO
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from meetapp import uploads
from meetapp.agenda.models import AgendaItem
from meetapp.audit import diff, record
from meetapp.directory.models import Person, Unit
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.records.awards import MAX_YEAR, MIN_YEAR, InvalidYear
from meetapp.records.models import Milestone, Statement, StatementBatch, StatementStatus

SCANS_FOLDER = "statement-scans"
SCAN_KINDS = (uploads.PDF, uploads.PNG, uploads.JPEG)
DEFAULT_SCAN_LIMIT_MB = 20
# Where the statements' due dates are meant: the organisation's local day decides what is overdue.
DEFAULT_RECORDS_TIMEZONE = "Asia/Shanghai"

# The moves a person may make by hand; drafted → signed happens only by recording the signing.
STATUS_MOVES = {
    StatementStatus.SIGNED: {StatementStatus.IN_PROGRESS, StatementStatus.COMPLETED},
    StatementStatus.IN_PROGRESS: {StatementStatus.COMPLETED},
    StatementStatus.COMPLETED: {StatementStatus.IN_PROGRESS},
}


class BatchExists(DomainError):
    message = _l("A batch of that name and year exists already.")


class SameSignatory(DomainError):
    message = _l("The two signatories must be different people.")


class AlreadySigned(DomainError):
    message = _l("The signing of this statement is recorded already.")


class NotSigned(DomainError):
    message = _l("Record the signing first.")


class StatusMoveRefused(DomainError):
    message = _l("A statement cannot go from this status to that one.")


class EmptyTask(DomainError):
    message = _l("Describe the key task.")


class EmptyMilestone(DomainError):
    message = _l("Name the milestone.")


def records_today(now: datetime) -> date:
    """The organisation's calendar day at ``now`` (``RECORDS_TIMEZONE``, default Beijing time)."""
    zone = ZoneInfo(current_app.config.get("RECORDS_TIMEZONE", DEFAULT_RECORDS_TIMEZONE))
    return now.astimezone(zone).date()


def scan_limit_mb() -> int:
    return int(current_app.config.get("STATEMENT_SCAN_MAX_MB", DEFAULT_SCAN_LIMIT_MB))


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def meeting_of_statement(statement: Statement):
    item = statement.signed_item or statement.batch.signing_item
    return item.session.meeting if item is not None else None


# --- batches -------------------------------------------------------------------------------------------


def _check_batch(name: str, year: int, batch_id: int | None = None) -> None:
    if not (MIN_YEAR <= year <= MAX_YEAR):
        raise InvalidYear()
    clash = sa.select(StatementBatch.id).where(StatementBatch.name == name, StatementBatch.year == year)
    if batch_id is not None:
        clash = clash.where(StatementBatch.id != batch_id)
    if db.session.scalar(clash) is not None:
        raise BatchExists()


def create_batch(actor, *, name: str, year: int, name_zh: str | None = None,
                 signing_item: AgendaItem | None = None) -> StatementBatch:
    """A new batch of statements. Refuses a name and year that exist already."""
    name = name.strip()
    _check_batch(name, year)
    batch = StatementBatch(name=name, name_zh=_text(name_zh), year=year, signing_item=signing_item)
    db.session.add(batch)
    record(actor, "statement_batch.create", batch,
           meeting=signing_item.session.meeting if signing_item else None,
           changes={"name": [None, name], "year": [None, year]})
    db.session.commit()
    return batch


def update_batch(actor, batch: StatementBatch, *, name: str, year: int, name_zh: str | None = None,
                 signing_item: AgendaItem | None = None) -> StatementBatch:
    name = name.strip()
    _check_batch(name, year, batch.id)
    values = {"name": name, "name_zh": _text(name_zh), "year": year, "signing_item": signing_item}
    changes = diff(batch, **values)
    for name_, value in values.items():
        setattr(batch, name_, value)
    if changes:
        record(actor, "statement_batch.edit", batch,
               meeting=signing_item.session.meeting if signing_item else None, changes=changes)
    db.session.commit()
    return batch


# --- statements ----------------------------------------------------------------------------------------


@dataclass
class StatementFields:
    key_task: str
    unit: Unit
    first_signatory: Person
    second_signatory: Person
    key_task_zh: str | None = None
    targets: str | None = None
    milestones: list[tuple[date, str]] = field(default_factory=list)  # new ones only


def _statement_values(fields: StatementFields) -> dict:
    if not fields.key_task.strip():
        raise EmptyTask()
    if fields.first_signatory.id == fields.second_signatory.id:
        raise SameSignatory()
    return {
        "key_task": fields.key_task.strip(), "key_task_zh": _text(fields.key_task_zh), "unit": fields.unit,
        "first_signatory": fields.first_signatory, "second_signatory": fields.second_signatory,
        "targets": _text(fields.targets),
    }


def add_statement(actor, batch: StatementBatch, fields: StatementFields) -> Statement:
    """A drafted statement at the end of the batch, with its milestones. Refuses an empty key task and the same
    person as both signatories."""
    statement = Statement(**_statement_values(fields),
                          position=max((s.position for s in batch.statements), default=-1) + 1,
                          milestones=[Milestone(due_date=due, title=title.strip()) for due, title in fields.milestones])
    batch.statements.append(statement)
    record(actor, "statement.create", statement, meeting=meeting_of_statement(statement), changes={
        "key_task": [None, statement.key_task], "unit": [None, fields.unit.name],
        "milestones": [None, len(fields.milestones)],
    })
    db.session.commit()
    return statement


def update_statement(actor, statement: Statement, fields: StatementFields) -> Statement:
    """Change a statement's task, unit, signatories and targets, and add the new milestones in ``fields``."""
    values = _statement_values(fields)
    changes = diff(statement, **values)
    for name, value in values.items():
        setattr(statement, name, value)
    for due, title in fields.milestones:
        statement.milestones.append(Milestone(due_date=due, title=title.strip()))
    if fields.milestones:
        changes["milestones"] = [None, [f"{due.isoformat()} {title}" for due, title in fields.milestones]]
    if changes:
        record(actor, "statement.edit", statement, meeting=meeting_of_statement(statement), changes=changes)
    db.session.commit()
    return statement


def record_signing(
    actor, statement: Statement, *, signed_at: datetime, item: AgendaItem | None,
    first_signed_by: Person | None = None, second_signed_by: Person | None = None,
    scan: BinaryIO | None = None, scan_filename: str | None = None,
) -> Statement:
    """Record that the statement was signed at ``signed_at`` (at agenda ``item``), by its signatories or by the
    people named instead, optionally with the scan of the signed paper; the statement becomes signed.

    Refuses a statement signed already, and a scan that is empty, too large or not a PDF, PNG or JPEG (the file
    is then not kept and nothing changes)."""
    if statement.status is not StatementStatus.DRAFTED:
        raise AlreadySigned()
    stored = _store_scan(scan) if scan is not None else None
    try:
        statement.status = StatementStatus.SIGNED
        statement.signed_at = signed_at
        statement.signed_item = item
        statement.first_signed_by = first_signed_by or statement.first_signatory
        statement.second_signed_by = second_signed_by or statement.second_signatory
        statement.signing_recorded_by = actor
        changes = {"status": ["drafted", "signed"], "signed_at": [None, signed_at.isoformat()],
                   "signed_by": [None, [statement.first_signed_by.name, statement.second_signed_by.name]]}
        if stored is not None:
            changes["scan"] = [None, _apply_scan(statement, stored, scan_filename)]
        record(actor, "statement.sign", statement, meeting=item.session.meeting if item else None, changes=changes)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        if stored is not None:
            uploads.remove_stored(SCANS_FOLDER, stored.name)
        raise
    return statement


def attach_scan(actor, statement: Statement, scan: BinaryIO, scan_filename: str | None) -> Statement:
    """Keep (or replace) the scan of a signed statement. Refuses before the signing is recorded, and a file that
    is empty, too large or not a PDF, PNG or JPEG."""
    if statement.status is StatementStatus.DRAFTED:
        raise NotSigned()
    stored = _store_scan(scan)
    old = statement.scan_stored_name
    try:
        before = statement.scan_filename
        name = _apply_scan(statement, stored, scan_filename)
        record(actor, "statement.scan", statement, meeting=meeting_of_statement(statement),
               changes={"scan": [before, name]}, summary=f"sha256 {stored.sha256}")
        db.session.commit()
    except BaseException:
        db.session.rollback()
        uploads.remove_stored(SCANS_FOLDER, stored.name)
        raise
    if old:
        uploads.remove_stored(SCANS_FOLDER, old)
    return statement


def _store_scan(scan: BinaryIO) -> uploads.StoredFile:
    return uploads.store_upload(scan, SCANS_FOLDER, max_bytes=scan_limit_mb() * 1024 * 1024, allowed=SCAN_KINDS)


def _apply_scan(statement: Statement, stored: uploads.StoredFile, filename: str | None) -> str:
    statement.scan_filename = uploads.clean_filename(filename, stored.kind)
    statement.scan_stored_name = stored.name
    statement.scan_content_type = stored.kind.content_type
    statement.scan_size = stored.size
    statement.scan_sha256 = stored.sha256
    return statement.scan_filename


def send_scan(statement: Statement):
    """The download response of the statement's scan (access is the caller's check)."""
    return uploads.send_stored(SCANS_FOLDER, statement.scan_stored_name, filename=statement.scan_filename,
                               content_type=statement.scan_content_type)


def set_status(actor, statement: Statement, status: StatementStatus | str) -> Statement:
    """Move a signed statement to in progress or completed (or reopen a completed one). Refuses drafted
    statements (record the signing first) and any other move."""
    status = StatementStatus(status)
    if statement.status is StatementStatus.DRAFTED:
        raise NotSigned()
    if status is statement.status:
        return statement
    if status not in STATUS_MOVES.get(statement.status, set()):
        raise StatusMoveRefused()
    changes = diff(statement, status=status)
    statement.status = status
    record(actor, "statement.status", statement, meeting=meeting_of_statement(statement), changes=changes)
    db.session.commit()
    return statement


# --- milestones ------------------------------------------------------------------------------------------


def update_milestone(actor, milestone: Milestone, *, done_on: date | None, progress_note: str | None,
                     now: datetime) -> Milestone:
    """Mark a milestone done (on ``done_on``) or not, and note the progress. A signed statement is then in
    progress. Refuses while the statement is not signed."""
    statement = milestone.statement
    if statement.status is StatementStatus.DRAFTED:
        raise NotSigned()
    values = {"done_on": done_on, "progress_note": _text(progress_note)}
    changes = diff(milestone, **values)
    if not changes:
        return milestone
    for name, value in values.items():
        setattr(milestone, name, value)
    milestone.updated_by = actor
    milestone.updated_at = now
    if statement.status is StatementStatus.SIGNED:
        statement.status = StatementStatus.IN_PROGRESS
        changes["statement_status"] = ["signed", "in_progress"]
    record(actor, "milestone.update", milestone, meeting=meeting_of_statement(statement), changes=changes)
    db.session.commit()
    return milestone


def edit_milestone(actor, milestone: Milestone, *, title: str, due_date: date) -> Milestone:
    """Rename a milestone or move its due date (a moved date arms its reminders again). Refuses an empty title."""
    title = title.strip()
    if not title:
        raise EmptyMilestone()
    changes = diff(milestone, title=title, due_date=due_date)
    if changes:
        milestone.title, milestone.due_date = title, due_date
        record(actor, "milestone.edit", milestone, meeting=meeting_of_statement(milestone.statement),
               changes=changes)
        db.session.commit()
    return milestone


def delete_milestone(actor, milestone: Milestone) -> None:
    statement = milestone.statement
    record(actor, "milestone.delete", milestone, meeting=meeting_of_statement(statement),
           changes={"title": [milestone.title, None], "due_date": [milestone.due_date.isoformat(), None]})
    statement.milestones.remove(milestone)  # delete-orphan
    db.session.commit()
