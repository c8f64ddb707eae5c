"""A meeting's sessions: add, edit, delete (managers of the meeting)."""

from __future__ import annotations

from datetime import timedelta

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from meetapp.directory.models import Person
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.meetings import listing, services
from meetapp.meetings.blueprint import bp
from meetapp.meetings.forms import ConfirmForm, SessionForm
from meetapp.meetings.loading import load_child, load_meeting
from meetapp.meetings.models import Meeting, MeetingSession, Venue
from meetapp.meetings.views import after_save, ui_locale, venue_label
from meetapp.refusals import save_or_refuse, show_refusal
from meetapp.timefmt import to_local_naive

ERROR_FIELDS = {services.EndsBeforeStart: "end_time"}


def _setup(form: SessionForm, meeting: Meeting, session: MeetingSession | None) -> SessionForm:
    locale = ui_locale()
    current = None
    if form.presider_id.data:
        current = db.session.get(Person, form.presider_id.data)
    elif session is not None and request.method == "GET":
        current = session.presider
    people = listing.presider_candidates(meeting, form.presider_search.data or "", current)
    form.presider_id.choices = [("", _("— none —"))] + [
        (p.id, f"{p.display_name(locale)} · {p.unit.display_name(locale)}" if p.unit else p.display_name(locale))
        for p in people
    ]
    main = meeting.venue.display_name(locale) if meeting.venue else _("none yet")
    venues = listing.venue_choices([session.venue_id] if session else [])
    form.venue_id.choices = [("", _("The main venue (%(venue)s)", venue=main))] + [
        (v.id, venue_label(v, locale)) for v in venues
    ]
    return form


def _session_data(form: SessionForm, meeting: Meeting) -> services.SessionData:
    starts_at, ends_at = form.utc_span(meeting.timezone)
    return services.SessionData(
        title=form.title.data,
        starts_at=starts_at,
        ends_at=ends_at,
        presider=db.session.get(Person, form.presider_id.data) if form.presider_id.data else None,
        venue_override=db.session.get(Venue, form.venue_id.data) if form.venue_id.data else None,
    )


def _session_page(form: SessionForm, meeting: Meeting, session: MeetingSession | None):
    """Save when the form is complete and valid, else show it. The search button only refreshes the presider
    choices, keeping what was typed."""
    _setup(form, meeting, session)
    if form.find_presider.data:
        if len(form.presider_id.choices) == 2:  # exactly one match: choose it
            form.presider_id.data = form.presider_id.choices[1][0]
    elif form.validate_on_submit():
        if form.presider_id.data and db.session.get(Person, form.presider_id.data) is None:
            form.presider_id.errors.append(_("Choose the presider from the list."))
        else:
            data = _session_data(form, meeting)
            saved = save_or_refuse(form, ERROR_FIELDS, lambda: (
                services.add_session(current_user, meeting, data) if session is None
                else services.update_session(current_user, session, data)
            ))
            if saved:
                flash(_("Session “%(title)s” saved.", title=saved.title), "success")
                return after_save(meeting)
    return render_template("meetings/session_form.html", form=form, meeting=meeting, session=session)


@bp.route("/<int:meeting_id>/sessions/new", methods=["GET", "POST"])
def add_session(meeting_id: int):
    meeting = load_meeting(meeting_id, "meeting.manage", options=listing.MEETING_FORM_OPTIONS)
    form = SessionForm()
    if request.method == "GET":
        # A new session starts where the last one ends, for an hour.
        last = meeting.sessions[-1] if meeting.sessions else None
        start = to_local_naive(last.ends_at if last else meeting.starts_at, meeting)
        form.fill_span(start, start + timedelta(hours=1))
    return _session_page(form, meeting, None)


@bp.route("/<int:meeting_id>/sessions/<int:session_id>/edit", methods=["GET", "POST"])
def edit_session(meeting_id: int, session_id: int):
    meeting = load_meeting(meeting_id, "meeting.manage", options=listing.MEETING_FORM_OPTIONS)
    session = load_child(MeetingSession, session_id, meeting)
    form = SessionForm(data={"title": session.title, "presider_id": session.presider_id, "venue_id": session.venue_id})
    if request.method == "GET":
        form.fill_span(to_local_naive(session.starts_at, meeting), to_local_naive(session.ends_at, meeting))
    return _session_page(form, meeting, session)


@bp.route("/<int:meeting_id>/sessions/<int:session_id>/delete", methods=["GET", "POST"])
def delete_session(meeting_id: int, session_id: int):
    meeting = load_meeting(meeting_id, "meeting.manage", options=listing.MEETING_FORM_OPTIONS)
    session = load_child(MeetingSession, session_id, meeting)
    form = ConfirmForm()
    if form.validate_on_submit():
        title = session.title
        try:
            services.delete_session(current_user, session)
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(_("Session “%(title)s” deleted.", title=title), "success")
        return redirect(url_for(".detail", meeting_id=meeting.id))
    return render_template(
        "meetings/session_delete.html", form=form, meeting=meeting, session=session,
        item_count=len(session.agenda_items),
    )
