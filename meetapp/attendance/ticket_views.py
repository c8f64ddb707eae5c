"""Tickets: the invitee's own ticket page (signed in, through the account's directory person, or through the
personal RSVP link), and the meeting's printable badge sheet for its managers."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Response, abort, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from meetapp import policy
from meetapp.attendance import tickets
from meetapp.attendance.blueprint import bp, tickets_bp
from meetapp.directory.models import Person
from meetapp.extensions import db
from meetapp.meetings.loading import load_meeting
from meetapp.meetings.models import MeetingStatus
from meetapp.participants import queries
from meetapp.participants.models import ATTENDANCE_MODE_LABELS, MEETING_ROLE_LABELS, AttendanceMode, Participant
from meetapp.participants.rsvp_views import keep_the_link_private


def _render_ticket(participant: Participant, *, by_token: bool):
    meeting = participant.meeting
    valid = not participant.is_cancelled and meeting.status != MeetingStatus.CANCELLED
    video = valid and meeting.has_video and participant.mode == AttendanceMode.VIDEO
    person = participant.person
    return render_template(
        "attendance/ticket.html",
        meeting=meeting,
        participant=participant,
        valid=valid,
        qr=tickets.qr_svg(participant.ticket_code, title=person.display_name()) if valid else None,
        join_link=tickets.join_url(participant) if video else None,
        by_token=by_token,
        role_labels=MEETING_ROLE_LABELS,
        mode_labels=ATTENDANCE_MODE_LABELS,
    )


@bp.route("/my-ticket")
def my_ticket(meeting_id: int):
    """The signed-in invitee's ticket for the meeting; 404 for anyone not on its list (nobody sees another's)."""
    meeting = load_meeting(meeting_id)
    person_id = current_user.person_id if current_user.is_authenticated else None
    participant = db.session.scalar(
        sa.select(Participant)
        .where(Participant.meeting_id == meeting.id, Participant.person_id == person_id)
        .options(
            joinedload(Participant.person).joinedload(Person.unit),
            joinedload(Participant.branch_venue),
            selectinload(Participant.role_rows),
        )
    ) if person_id is not None else None
    if participant is None:
        abort(404)
    policy.authorize("ticket.view", participant)
    return _render_ticket(participant, by_token=False)


# The URL is the credential, as on the RSVP page: never passed on, indexed or cached.
tickets_bp.after_request(keep_the_link_private)


@tickets_bp.route("/<token>/ticket")
def by_token(token: str):
    """The ticket reached from the invitation's personal link: no sign-in, the token is the credential."""
    participant = queries.find_by_token(token)
    if participant is None:
        abort(404)
    policy.authorize("ticket.view_by_token", participant)
    return _render_ticket(participant, by_token=True)


@bp.route("/badges.pdf")
def badges(meeting_id: int):
    """Every expected person's badge, A4, 2 × 4 per page, for printing before the meeting."""
    meeting = load_meeting(meeting_id, "attendance.print_badges")
    from meetapp.jobs.exports import runs_as_job

    if runs_as_job(meeting):  # a big meeting's sheet is made by a background worker (meetapp/jobs)
        return redirect(url_for("jobs.export", meeting_id=meeting.id, name="badges"))
    pdf = tickets.badge_sheet_pdf(meeting, tickets.badges_of(meeting))
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="badges-meeting-{meeting.id}.pdf"'
    response.headers["Cache-Control"] = "no-store"
    return response
