"""The lists meetings choose from: venues (rooms) and meeting series."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

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
    venue = venue or Venue()
    venue.name = name
    venue.name_zh = (data.name_zh or "").strip() or None
    venue.address = (data.address or "").strip() or None
    venue.capacity = data.capacity
    venue.unit = data.unit
    venue.has_video = data.has_video
    venue.active = data.active
    db.session.add(venue)
    db.session.commit()
    return venue


def save_series(actor, series: MeetingSeries | None, name: str, name_zh: str | None = None,
                description: str | None = None) -> MeetingSeries:
    """Create (``series`` None) or rename a series. Refuses a name another series has (any case)."""
    name = name.strip()
    if _name_taken(MeetingSeries, name, series.id if series else None):
        raise DuplicateSeriesName()
    series = series or MeetingSeries()
    series.name = name
    series.name_zh = (name_zh or "").strip() or None
    series.description = (description or "").strip() or None
    db.session.add(series)
    db.session.commit()
    return series
