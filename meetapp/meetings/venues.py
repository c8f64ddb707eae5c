"""The lists meetings choose from: venues (rooms) and meeting series."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from meetapp.audit import diff, record
from meetapp.directory.models import Unit
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.meetings.models import MeetingSeries, Venue


class DuplicateVenueName(DomainError):
    message = _l("A venue with this name already exists.")


class DuplicateSeriesName(DomainError):
    message = _l("A series with this name already exists.")


class BadCapacity(DomainError):
    message = _l("The capacity must be a positive number of people, or empty.")


def _name_taken(model, name: str, own_id: int | None) -> bool:
    query = sa.select(model.id).where(sa.func.lower(model.name) == name.lower())
    if own_id is not None:
        query = query.where(model.id != own_id)
    return db.session.scalar(query) is not None


@dataclass
class VenueData:
    name: str
    name_zh: str | None = None
    address: str | None = None
    capacity: int | None = None
    unit: Unit | None = None
    has_video: bool = False
    active: bool = True


def save_venue(actor, venue: Venue | None, data: VenueData) -> Venue:
    """Create (``venue`` None) or change a venue. Refuses a name another venue has (any case) and a capacity
    that is not positive. An inactive venue stays on the meetings that use it but is no longer offered."""
    name = data.name.strip()
    if _name_taken(Venue, name, venue.id if venue else None):
        raise DuplicateVenueName()
    if data.capacity is not None and data.capacity <= 0:
        raise BadCapacity()
    action = "venue.edit" if venue else "venue.create"
    venue = venue or Venue()
    values = {
        "name": name,
        "name_zh": (data.name_zh or "").strip() or None,
        "address": (data.address or "").strip() or None,
        "capacity": data.capacity,
        "unit": data.unit,
        "has_video": data.has_video,
        "active": data.active,
    }
    changes = diff(venue, **values)
    for field, value in values.items():
        setattr(venue, field, value)
    db.session.add(venue)
    if changes:
        record(actor, action, venue, changes=changes)
    db.session.commit()
    return venue


def save_series(actor, series: MeetingSeries | None, name: str, name_zh: str | None = None,
                description: str | None = None) -> MeetingSeries:
    """Create (``series`` None) or rename a series. Refuses a name another series has (any case)."""
    name = name.strip()
    if _name_taken(MeetingSeries, name, series.id if series else None):
        raise DuplicateSeriesName()
    action = "series.edit" if series else "series.create"
    series = series or MeetingSeries()
    values = {
        "name": name,
        "name_zh": (name_zh or "").strip() or None,
        "description": (description or "").strip() or None,
    }
    changes = diff(series, **values)
    for field, value in values.items():
        setattr(series, field, value)
    db.session.add(series)
    if changes:
        record(actor, action, series, changes=changes)
    db.session.commit()
    return series
