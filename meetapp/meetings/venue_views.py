"""The venues and series meetings choose from: list, create, edit."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from meetapp.directory.models import Unit
from meetapp.extensions import db
from meetapp.meetings import listing, venues
from meetapp.meetings.blueprint import bp
from meetapp.meetings.forms import SeriesForm, VenueForm
from meetapp.meetings.models import MeetingSeries, Venue
from meetapp.meetings.views import ui_locale
from meetapp.policy import require
from meetapp.refusals import save_or_refuse

VENUE_ERROR_FIELDS = {venues.DuplicateVenueName: "name", venues.BadCapacity: "capacity"}
SERIES_ERROR_FIELDS = {venues.DuplicateSeriesName: "name"}


@bp.route("/venues/")
@require("venue.manage")
def venue_list():
    return render_template("meetings/venues.html", venues=listing.all_venues())


def _venue_form(venue: Venue | None) -> VenueForm:
    form = VenueForm(obj=venue)
    locale = ui_locale()
    units = db.session.scalars(sa.select(Unit).order_by(Unit.name))
    form.unit_id.choices = [("", _("— none —"))] + [(u.id, u.display_name(locale)) for u in units]
    return form


def _save_venue(venue: Venue | None):
    form = _venue_form(venue)
    if form.validate_on_submit():
        data = venues.VenueData(
            name=form.name.data,
            name_zh=form.name_zh.data,
            address=form.address.data,
            capacity=form.capacity.data,
            unit=db.session.get(Unit, form.unit_id.data) if form.unit_id.data else None,
            has_video=form.has_video.data,
            active=form.active.data,
        )
        saved = save_or_refuse(form, VENUE_ERROR_FIELDS, lambda: venues.save_venue(current_user, venue, data))
        if saved:
            flash(_("Venue “%(name)s” saved.", name=saved.name), "success")
            return redirect(url_for(".venue_list"))
    return render_template("meetings/venue_form.html", form=form, venue=venue)


@bp.route("/venues/new", methods=["GET", "POST"])
@require("venue.manage")
def create_venue():
    return _save_venue(None)


@bp.route("/venues/<int:venue_id>/edit", methods=["GET", "POST"])
@require("venue.manage")
def edit_venue(venue_id: int):
    return _save_venue(db.get_or_404(Venue, venue_id))


@bp.route("/series/")
@require("series.manage")
def series_list():
    return render_template(
        "meetings/series.html", series=listing.all_series(), counts=listing.series_meeting_counts()
    )


def _save_series(series: MeetingSeries | None):
    form = SeriesForm(obj=series)
    if form.validate_on_submit():
        saved = save_or_refuse(form, SERIES_ERROR_FIELDS, lambda: venues.save_series(
            current_user, series, form.name.data, form.name_zh.data, form.description.data
        ))
        if saved:
            flash(_("Series “%(name)s” saved.", name=saved.name), "success")
            return redirect(url_for(".series_list"))
    return render_template("meetings/series_form.html", form=form, series=series)


@bp.route("/series/new", methods=["GET", "POST"])
@require("series.manage")
def create_series():
    return _save_series(None)


@bp.route("/series/<int:series_id>/edit", methods=["GET", "POST"])
@require("series.manage")
def edit_series(series_id: int):
    return _save_series(db.get_or_404(MeetingSeries, series_id))
