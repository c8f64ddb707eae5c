"""Meeting pages: the list, the meeting page, create/edit, status changes and copying."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from meetapp import policy
from meetapp.agenda.models import AGENDA_ITEM_TYPE_LABELS, PRESENTER_ROLE_LABELS, planned_starts
from meetapp.auth.models import User
from meetapp.extensions import db
from meetapp.meetings import conflicts, listing, services
from meetapp.meetings.blueprint import bp
from meetapp.meetings.copying import copy_meeting
from meetapp.meetings.forms import ConfirmForm, CopyForm, MeetingFilterForm, MeetingForm
from meetapp.meetings.loading import load_meeting
from meetapp.meetings.models import (
    MEETING_FORMAT_LABELS,
    MEETING_KIND_LABELS,
    MEETING_STATUS_LABELS,
    STATUS_TRANSITIONS,
    VIDEO_PLATFORM_LABELS,
    VISIBILITY_LABELS,
    MeetingFormat,
    MeetingKind,
    MeetingSeries,
    MeetingStatus,
    Venue,
    VideoPlatform,
    Visibility,
)
from meetapp.policy import require
from meetapp.refusals import NO_FIELDS, save_or_refuse
from meetapp.timefmt import to_local_naive

# Which form field a refusal belongs next to; others are shown above the form.
ERROR_FIELDS = {
    services.EndsBeforeStart: "end_time",
    services.UnknownTimeZone: "other_timezone",
    services.VideoLinkRequired: "video_url",
    services.BadVideoUrl: "video_url",
    services.VenueRequired: "venue_id",
    services.NotAnOrganizer: "organizer_ids",
}

LABELS = {
    "kind_labels": MEETING_KIND_LABELS,
    "format_labels": MEETING_FORMAT_LABELS,
    "status_labels": MEETING_STATUS_LABELS,
    "visibility_labels": VISIBILITY_LABELS,
    "platform_labels": VIDEO_PLATFORM_LABELS,
}


@bp.context_processor
def labels():
    return LABELS


def after_save(meeting):
    """Back to the meeting page, with what to check (double bookings, rooms too small …) as warnings."""
    for message in conflicts.warnings(meeting):
        flash(message, "warning")
    return redirect(url_for("meetings.detail", meeting_id=meeting.id))


@bp.route("/")
@require("meeting.list")
def index():
    filters = MeetingFilterForm(request.args)
    series = listing.all_series()
    filters.series.choices = [("", _("Any series"))] + [(s.id, s.display_name(ui_locale())) for s in series]
    when = listing.PAST if request.args.get("when") == listing.PAST else listing.UPCOMING
    criteria = listing.MeetingFilter(
        q=filters.q.data or "",
        status=filters.selected_status,
        series_id=filters.series.data if isinstance(filters.series.data, int) else None,
        when=when,
        mine=bool(filters.mine.data),
    )
    page = db.paginate(
        listing.meetings_select(current_user, criteria),
        page=request.args.get("page", 1, type=int),
        per_page=current_app.config.get("MEETINGS_PAGE_SIZE", 50),
        error_out=False,
    )
    return render_template("meetings/index.html", filters=filters, page=page, when=when)


def ui_locale() -> str:
    return str(get_locale() or "en")


def _setup_meeting_form(form: MeetingForm, meeting=None) -> MeetingForm:
    locale = ui_locale()
    form.series_id.choices = [("", _("— none —"))] + [(s.id, s.display_name(locale)) for s in listing.all_series()]
    current = list(meeting.organizers) if meeting else []
    form.organizer_ids.choices = [(u.id, u.name) for u in listing.organizer_candidates(current)]
    keep = [meeting.venue_id, *(v.id for v in meeting.branch_venues)] if meeting else []
    venues = listing.venue_choices(keep)
    form.venue_id.choices = [("", _("— none yet —"))] + [(v.id, venue_label(v, locale)) for v in venues]
    form.branch_venue_ids.choices = [(v.id, venue_label(v, locale)) for v in venues]
    return form


def venue_label(venue: Venue, locale: str) -> str:
    if venue.capacity:
        return _("%(name)s (%(capacity)d seats)", name=venue.display_name(locale), capacity=venue.capacity)
    return venue.display_name(locale)


def _by_ids(model, ids) -> list:
    if not ids:
        return []
    return list(db.session.scalars(sa.select(model).where(model.id.in_(ids))))


def _meeting_data(form: MeetingForm) -> services.MeetingData:
    zone = form.chosen_zone
    starts_at, ends_at = form.utc_span(zone)
    return services.MeetingData(
        title=form.title.data,
        description=form.description.data,
        kind=MeetingKind(form.kind.data),
        timezone=zone,
        starts_at=starts_at,
        ends_at=ends_at,
        format=MeetingFormat(form.format.data),
        visibility=Visibility(form.visibility.data),
        series=db.session.get(MeetingSeries, form.series_id.data) if form.series_id.data else None,
        new_series_name=form.new_series.data,
        organizers=_by_ids(User, form.organizer_ids.data),
        venue=db.session.get(Venue, form.venue_id.data) if form.venue_id.data else None,
        branch_venues=_by_ids(Venue, form.branch_venue_ids.data),
        video_platform=VideoPlatform(form.video_platform.data) if form.video_platform.data else None,
        video_url=form.video_url.data,
        video_meeting_code=form.video_meeting_code.data,
        video_passcode=form.video_passcode.data,
    )


@bp.route("/new", methods=["GET", "POST"])
@require("meeting.create")
def create():
    form = _setup_meeting_form(MeetingForm())
    if request.method == "GET":
        form.organizer_ids.data = [current_user.id]
    if form.validate_on_submit():
        saved = save_or_refuse(form, ERROR_FIELDS, lambda: services.create_meeting(current_user, _meeting_data(form)))
        if saved:
            flash(_("Meeting “%(title)s” created as a draft.", title=saved.title), "success")
            return after_save(saved)
    return render_template("meetings/form.html", form=form, meeting=None)


@bp.route("/<int:meeting_id>")
def detail(meeting_id: int):
    meeting = load_meeting(meeting_id, options=listing.MEETING_PAGE_OPTIONS)
    manages = policy.can("meeting.manage", meeting)
    agenda_starts = {}
    for session in meeting.sessions:
        agenda_starts.update(planned_starts(session.agenda_items, session.starts_at))
    return render_template(
        "meetings/detail.html",
        meeting=meeting,
        manages=manages,
        join_details=policy.can("meeting.view_join_details", meeting),
        warnings=conflicts.warnings(meeting) if manages else [],
        turnout=listing.turnout(meeting) if manages else None,
        transitions=sorted(STATUS_TRANSITIONS[meeting.status], key=list(MeetingStatus).index),
        agenda_starts=agenda_starts,
        item_type_labels=AGENDA_ITEM_TYPE_LABELS,
        presenter_role_labels=PRESENTER_ROLE_LABELS,
        active_tab="overview",
    )


@bp.route("/<int:meeting_id>/edit", methods=["GET", "POST"])
def edit(meeting_id: int):
    meeting = load_meeting(meeting_id, "meeting.manage", options=listing.MEETING_FORM_OPTIONS)
    form = MeetingForm(
        data={
            "title": meeting.title,
            "description": meeting.description,
            "kind": meeting.kind.value,
            "timezone": meeting.timezone,
            "format": meeting.format.value,
            "visibility": meeting.visibility.value,
            "series_id": meeting.series_id,
            "organizer_ids": [u.id for u in meeting.organizers],
            "venue_id": meeting.venue_id,
            "branch_venue_ids": [v.id for v in meeting.branch_venues],
            "video_platform": meeting.video_platform.value if meeting.video_platform else "",
            "video_url": meeting.video_url,
            "video_meeting_code": meeting.video_meeting_code,
            "video_passcode": meeting.video_passcode,
        }
    )
    _setup_meeting_form(form, meeting)
    if request.method == "GET":
        form.fill_span(to_local_naive(meeting.starts_at, meeting), to_local_naive(meeting.ends_at, meeting))
    if form.validate_on_submit() and save_or_refuse(
        form, ERROR_FIELDS, lambda: services.update_meeting(current_user, meeting, _meeting_data(form))
    ):
        flash(_("Meeting “%(title)s” saved.", title=meeting.title), "success")
        return after_save(meeting)
    return render_template("meetings/form.html", form=form, meeting=meeting)


@bp.route("/<int:meeting_id>/status/<status>", methods=["GET", "POST"])
def change_status(meeting_id: int, status: str):
    meeting = load_meeting(meeting_id, "meeting.manage")
    try:
        wanted = MeetingStatus(status)
    except ValueError:
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        if save_or_refuse(form, NO_FIELDS, lambda: services.change_status(current_user, meeting, wanted)):
            flash(
                _("“%(title)s” is now %(status)s.", title=meeting.title, status=MEETING_STATUS_LABELS[wanted]),
                "success",
            )
        return redirect(url_for(".detail", meeting_id=meeting.id))
    allowed = wanted in STATUS_TRANSITIONS[meeting.status]
    return render_template("meetings/status.html", meeting=meeting, form=form, wanted=wanted, allowed=allowed)


def _next_year(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@bp.route("/<int:meeting_id>/copy", methods=["GET", "POST"])
def copy(meeting_id: int):
    meeting = load_meeting(meeting_id, "meeting.manage", options=listing.MEETING_FORM_OPTIONS)
    policy.authorize("meeting.create")
    first = meeting.sessions[0].starts_at if meeting.sessions else meeting.starts_at
    form = CopyForm()
    if request.method == "GET":
        form.new_start.data = _next_year(to_local_naive(first, meeting).date())
    if form.validate_on_submit():
        duplicate = copy_meeting(current_user, meeting, form.new_start.data)
        flash(
            _(
                "“%(title)s” is a draft copy: check its dates, venue and video link, then invite.",
                title=duplicate.title,
            ),
            "success",
        )
        for message in conflicts.warnings(duplicate):
            flash(message, "warning")
        return redirect(url_for(".edit", meeting_id=duplicate.id))
    return render_template("meetings/copy.html", meeting=meeting, form=form, first=first)
