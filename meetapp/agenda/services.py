"""Agenda operations: the one place agenda items, their presenters and materials change.

Each function validates, changes, commits once and raises a ``DomainError`` subclass when it refuses.
Positions inside a session (and of presenters inside an item) are renumbered 0..n-1 on every change, so
the order stays contiguous whatever happened before. Changes to one session's items lock that session's row
(PostgreSQL), so two organizers reordering at once cannot interleave.
"""

from __future__ import annotations

import enum
from typing import BinaryIO

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from meetapp import uploads
from meetapp.agenda.models import AgendaItem, AgendaItemType, AgendaPresenter, Material, PresenterRole
from meetapp.audit import diff, record
from meetapp.auth.models import User
from meetapp.directory.models import Person
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.meetings.models import MeetingSession

MATERIALS_FOLDER = "materials"
MATERIAL_KINDS = (
    uploads.PDF,
    uploads.DOCX,
    uploads.XLSX,
    uploads.PPTX,
    uploads.DOC,
    uploads.XLS,
    uploads.PPT,
    uploads.PNG,
    uploads.JPEG,
)
MAX_DURATION = 24 * 60


class MoveDirection(enum.StrEnum):
    UP = "up"
    DOWN = "down"


class CannotMoveFurther(DomainError):
    message = _l("The item is already at that end of its session.")


class OtherMeeting(DomainError):
    message = _l("Items can only move between sessions of the same meeting.")


class InvalidPosition(DomainError):
    message = _l("Choose a position of 1 or more.")


class InvalidDuration(DomainError):
    message = _l("The planned duration must be between 0 and %(max)d minutes.", max=MAX_DURATION)


class EmptyTitle(DomainError):
    message = _l("Give the item a title.")


class PresenterExists(DomainError):
    def __init__(self, person: Person):
        super().__init__(_l("%(name)s already has this role on the item.", name=person.name))


# --- helpers (flush only) -------------------------------------------------------------------------


def _lock_sessions(*session_ids: int) -> None:
    """Serialise agenda changes per session; ids in order so two movers cannot deadlock."""
    ids = sorted(set(session_ids))
    db.session.execute(
        sa.select(MeetingSession.id).where(MeetingSession.id.in_(ids)).order_by(MeetingSession.id).with_for_update()
    )


def _items_of(session_id: int) -> list[AgendaItem]:
    query = sa.select(AgendaItem).where(AgendaItem.session_id == session_id)
    return list(db.session.scalars(query.order_by(AgendaItem.position, AgendaItem.id)))


def _renumber(rows) -> None:
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position


def _checked_fields(title: str, description: str | None, duration_minutes: int) -> tuple[str, str | None]:
    title = (title or "").strip()
    if not title:
        raise EmptyTitle()
    if not 0 <= duration_minutes <= MAX_DURATION:
        raise InvalidDuration()
    return title, (description or "").strip() or None


# --- items ----------------------------------------------------------------------------------------


def add_item(
    session: MeetingSession,
    *,
    type: AgendaItemType | str,
    title: str,
    duration_minutes: int,
    description: str | None = None,
    actor: User | None = None,
) -> AgendaItem:
    """Append an item to ``session``. Refuses an empty title and a duration outside 0..24 h."""
    title, description = _checked_fields(title, description, duration_minutes)
    _lock_sessions(session.id)
    position = len(_items_of(session.id))
    item = AgendaItem(
        session=session,
        position=position,
        type=AgendaItemType(type),
        title=title,
        description=description,
        duration_minutes=duration_minutes,
    )
    db.session.add(item)
    record(
        actor,
        "agenda_item.create",
        item,
        meeting=session.meeting,
        changes={"session": [None, session.title], "type": [None, item.type], "title": [None, title]},
    )
    db.session.commit()
    return item


def update_item(
    item: AgendaItem,
    *,
    type: AgendaItemType | str,
    title: str,
    duration_minutes: int,
    description: str | None = None,
    actor: User | None = None,
) -> AgendaItem:
    """Change an item's type, title, description and planned duration (same refusals as ``add_item``)."""
    title, description = _checked_fields(title, description, duration_minutes)
    changes = diff(
        item, title=title, description=description, type=AgendaItemType(type), duration_minutes=duration_minutes
    )
    item.title, item.description = title, description
    item.type = AgendaItemType(type)
    item.duration_minutes = duration_minutes
    if changes:
        record(actor, "agenda_item.edit", item, meeting=item.session.meeting, changes=changes)
    db.session.commit()
    return item


def delete_item(item: AgendaItem, *, actor: User | None = None) -> None:
    """Delete an item with its presenters and materials (their files go after the commit, see below);
    the items after it move up."""
    session_id = item.session_id
    _lock_sessions(session_id)
    record(actor, "agenda_item.delete", item, meeting=item.session.meeting)
    db.session.delete(item)
    db.session.flush()
    _renumber(_items_of(session_id))
    db.session.commit()


def move_item(item: AgendaItem, direction: MoveDirection | str, *, actor: User | None = None) -> AgendaItem:
    """Swap an item with its neighbour above or below in the same session.

    Refuses moving the first item up or the last item down.
    """
    direction = MoveDirection(direction)
    _lock_sessions(item.session_id)
    items = _items_of(item.session_id)
    index = items.index(item)
    other = index - 1 if direction == MoveDirection.UP else index + 1
    if not 0 <= other < len(items):
        raise CannotMoveFurther()
    items[index], items[other] = items[other], items[index]
    before = item.position
    _renumber(items)
    changes = {"position": [before, item.position]}
    record(actor, "agenda_item.move", item, meeting=item.session.meeting, changes=changes)
    db.session.commit()
    return item


def move_item_to_session(
    item: AgendaItem, session: MeetingSession, position: int | None = None, *, actor: User | None = None
) -> AgendaItem:
    """Move an item into ``session`` (another one, or its own to place it elsewhere): at ``position``
    (0-based; past the end means at the end) or, without one, at the end. The items left behind close up.

    Refuses a session of another meeting and a negative position.
    """
    if session.meeting_id != item.session.meeting_id:
        raise OtherMeeting()
    if position is not None and position < 0:
        raise InvalidPosition()
    source_id = item.session_id
    _lock_sessions(source_id, session.id)
    remaining = [other for other in _items_of(source_id) if other.id != item.id]
    target = remaining if session.id == source_id else _items_of(session.id)
    target.insert(len(target) if position is None else min(position, len(target)), item)
    moves = {"session": [item.session.title, session.title], "position": [item.position]}
    item.session = session
    _renumber(target)
    if session.id != source_id:
        _renumber(remaining)
    moves["position"].append(item.position)
    changes = {field: pair for field, pair in moves.items() if pair[0] != pair[1]}
    record(actor, "agenda_item.move", item, meeting=session.meeting, changes=changes)
    db.session.commit()
    return item


# --- presenters -----------------------------------------------------------------------------------


def add_presenter(
    item: AgendaItem, person: Person, role: PresenterRole | str, *, actor: User | None = None
) -> AgendaPresenter:
    """Add ``person`` with ``role`` after the item's other presenters.

    Refuses the same person twice in the same role (another role is fine: a presider may also report).
    """
    role = PresenterRole(role)
    if any(p.person_id == person.id and p.role == role for p in item.presenters):
        raise PresenterExists(person)
    presenter = AgendaPresenter(person=person, role=role, position=len(item.presenters))
    item.presenters.append(presenter)
    record(actor, "agenda_item.add_presenter", item, meeting=item.session.meeting, changes={role.value: [None, person]})
    try:
        db.session.commit()
    except sa.exc.IntegrityError:  # added by someone else in the meantime
        db.session.rollback()
        raise PresenterExists(person)
    return presenter


def remove_presenter(presenter: AgendaPresenter, *, actor: User | None = None) -> None:
    """Take a presenter off an item; the presenters after them move up."""
    item = presenter.item
    changes = {presenter.role.value: [presenter.person, None]}
    record(actor, "agenda_item.remove_presenter", item, meeting=item.session.meeting, changes=changes)
    item.presenters.remove(presenter)  # delete-orphan: the row goes
    _renumber(item.presenters)
    db.session.commit()


# --- materials ------------------------------------------------------------------------------------


def material_limit_mb() -> int:
    return current_app.config["MATERIAL_MAX_MB"]


def attach_material(item: AgendaItem, stream: BinaryIO, filename: str | None, uploaded_by: User | None) -> Material:
    """Store an uploaded file as a material of ``item``; its type is judged by its content, and the shown name
    gets the extension of that type.

    Refuses an empty file, one over ``MATERIAL_MAX_MB`` and anything that is not a PDF, an Office document
    (.docx/.xlsx/.pptx/.doc/.xls/.ppt) or a PNG/JPEG image; nothing is kept then.
    """
    stored = uploads.store_upload(
        stream, MATERIALS_FOLDER, max_bytes=material_limit_mb() * 1024 * 1024, allowed=MATERIAL_KINDS
    )
    try:
        material = Material(
            filename=uploads.clean_filename(filename, stored.kind),
            stored_name=stored.name,
            content_type=stored.kind.content_type,
            size=stored.size,
            sha256=stored.sha256,
            uploaded_by=uploaded_by,
        )
        item.materials.append(material)
        record(
            uploaded_by,
            "material.upload",
            material,
            meeting=item.session.meeting,
            changes={"agenda_item": [None, item.title], "size": [None, stored.size], "sha256": [None, stored.sha256]},
        )
        db.session.commit()
    except BaseException:
        db.session.rollback()
        uploads.remove_stored(MATERIALS_FOLDER, stored.name)
        raise
    return material


def delete_material(material: Material, *, actor: User | None = None) -> None:
    """Delete a material; its file goes once the deletion is committed."""
    record(actor, "material.delete", material, meeting=material.item.session.meeting)
    db.session.delete(material)
    db.session.commit()


# Files follow their rows: however a material is deleted (alone, or with its item, session or meeting through
# the ORM cascades, from any area), its file is removed once that deletion is committed, and kept when the
# transaction is rolled back.
_DELETED_FILES = "agenda_deleted_material_files"


@sa.event.listens_for(Material, "after_delete")
def _note_deleted_file(mapper, connection, material: Material) -> None:
    session = sa.orm.object_session(material)
    if session is not None:
        session.info.setdefault(_DELETED_FILES, []).append(material.stored_name)


@sa.event.listens_for(Session, "after_commit")
def _remove_deleted_files(session) -> None:
    for name in session.info.pop(_DELETED_FILES, []):
        uploads.remove_stored(MATERIALS_FOLDER, name)


@sa.event.listens_for(Session, "after_rollback")
def _keep_files_of_rolled_back_deletions(session) -> None:
    session.info.pop(_DELETED_FILES, None)


def send_material(material: Material):
    """The download response of a material (access is the caller's check)."""
    return uploads.send_stored(
        MATERIALS_FOLDER, material.stored_name, filename=material.filename, content_type=material.content_type
    )
