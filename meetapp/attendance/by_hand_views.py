"""Attendance entered by hand from the paper sign-in sheet (``by_hand``): the sheet's rows of one session, tick
who signed, record."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import ngettext
from flask_login import current_user

from meetapp.attendance import by_hand, desk
from meetapp.attendance.blueprint import bp
from meetapp.attendance.board_views import chosen_session, ui_locale
from meetapp.attendance.by_hand_forms import ByHandForm
from meetapp.attendance.models import CHECK_IN_SOURCE_LABELS
from meetapp.database import utcnow
from meetapp.errors import DomainError
from meetapp.meetings.loading import load_meeting
from meetapp.participants.models import ATTENDANCE_MODE_LABELS, MEETING_ROLE_LABELS


@bp.route("/by-hand", methods=["GET", "POST"])
def by_hand_page(meeting_id: int):
    meeting = load_meeting(meeting_id, "attendance.record_by_hand")
    session = chosen_session(meeting)
    if session is None:
        abort(404)
    locale = ui_locale()
    form = ByHandForm()
    form.where.choices = desk.location_choices(meeting, locale)
    if form.validate_on_submit():
        try:
            result = by_hand.record_by_hand(current_user, meeting, session, form.participant_ids.data,
                                            desk.parse_location_key(meeting, form.where.data), form.arrived.data)
        except DomainError as error:
            form.participant_ids.errors = [str(error)]
        else:
            message = ngettext("%(num)d person recorded as present at %(session)s.",
                               "%(num)d people recorded as present at %(session)s.", result.recorded,
                               session=session.title)
            if result.already:
                message += " " + ngettext("%(num)d ticked was checked in already and kept that record.",
                                          "%(num)d ticked were checked in already and kept their records.",
                                          result.already)
            flash(message, "success")
            return redirect(url_for("attendance.by_hand_page", meeting_id=meeting.id, session_id=session.id))
    ticked = set(form.participant_ids.data or ()) if form.is_submitted() else set()
    return render_template(
        "attendance/by_hand.html", meeting=meeting, session=session, form=form, ticked=ticked,
        rows=by_hand.sheet_rows(meeting, session, locale), locale=locale,
        not_started=by_hand.not_started(session, utcnow()), role_labels=MEETING_ROLE_LABELS,
        mode_labels=ATTENDANCE_MODE_LABELS, source_labels=CHECK_IN_SOURCE_LABELS,
    )
