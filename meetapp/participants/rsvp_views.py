"""The invitee's own page, reached by the personal link in the invitation: no sign-in, the token is the credential.

It shows the meeting and the current answer, and takes a new one: accept (how), decline (why), or a delegate.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from meetapp import policy
from meetapp.errors import DomainError
from meetapp.participants import queries, rsvp
from meetapp.participants.blueprint import rsvp_bp as bp
from meetapp.participants.forms import AcceptForm, DeclineForm, DelegateForm, setup_rsvp_form
from meetapp.participants.models import ATTENDANCE_MODE_LABELS, MEETING_ROLE_LABELS, RSVP_STATUS_LABELS
from meetapp.participants.modes import BranchVenueRequired, ModeNotOffered, available_modes, shows_join_details
from meetapp.participants.views import ui_locale
from meetapp.refusals import show_refusal

# Which form field a refusal belongs next to; others are shown above the forms.
ERROR_FIELDS = {
    ModeNotOffered: "mode",
    BranchVenueRequired: "branch_venue",
    rsvp.ReasonRequired: "reason",
    rsvp.DelegateRequired: "name",
    rsvp.DelegateIsInvitee: "name",
    rsvp.DelegateAlreadyListed: "name",
}
MIN_SEARCH = 2


@bp.after_request
def keep_the_link_private(response):
    # The URL is the credential: never sent on to linked sites (e.g. the video platform), never indexed or cached.
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Cache-Control"] = "no-store"
    return response


def _load(token: str):
    participant = queries.find_by_token(token)
    if participant is None:
        abort(404)
    policy.authorize("rsvp.respond", participant)
    return participant


def _forms(participant, accept=None, decline=None, delegate=None):
    meeting, modes = participant.meeting, available_modes(participant.meeting)
    current = {"mode": participant.mode.value, "branch_venue": participant.branch_venue_id}
    accept = accept or AcceptForm(prefix="accept", formdata=None, data=current)
    decline = decline or DeclineForm(prefix="decline", formdata=None, data={"reason": participant.decline_reason})
    delegate = delegate or DelegateForm(
        prefix="delegate", formdata=None, data={**current, "person": participant.delegate_id}
    )
    for form in (accept, delegate):
        setup_rsvp_form(form, meeting, modes, ui_locale())
    return accept, decline, delegate


def _render(participant, **forms):
    accept, decline, delegate = _forms(participant, **forms)
    q = request.args.get("q", "").strip()
    found = queries.delegate_candidates(participant, q) if len(q) >= MIN_SEARCH else []
    if participant.delegate and participant.delegate not in found:
        found = [participant.delegate, *found]  # the current choice stays selectable
    delegate.person.choices = [(p.id, p.display_name(ui_locale())) for p in found]
    return render_template(
        "rsvp/show.html",
        participant=participant,
        meeting=participant.meeting,
        refusal=rsvp.refusal(participant),
        join=shows_join_details(participant),
        accept=accept,
        decline=decline,
        delegate=delegate,
        q=q,
        found=found,
        min_search=MIN_SEARCH,
        role_labels=MEETING_ROLE_LABELS,
        mode_labels=ATTENDANCE_MODE_LABELS,
        rsvp_labels=RSVP_STATUS_LABELS,
    )


@bp.route("/<token>")
def show(token: str):
    return _render(_load(token))


@bp.route("/<token>/accept", methods=["POST"])
def accept(token: str):
    participant = _load(token)
    form = setup_rsvp_form(AcceptForm(prefix="accept"), participant.meeting, available_modes(participant.meeting),
                           ui_locale())
    if form.validate_on_submit():
        try:
            rsvp.accept(participant, form.mode.data, form.branch_venue.data, actor=current_user)
        except DomainError as error:
            show_refusal(form, error, ERROR_FIELDS)
        else:
            flash(_("Thank you: you accepted (%(mode)s).", mode=ATTENDANCE_MODE_LABELS[participant.mode]),
                  "success")
            return redirect(url_for(".show", token=token))
    return _render(participant, accept=form)


@bp.route("/<token>/decline", methods=["POST"])
def decline(token: str):
    participant = _load(token)
    form = DeclineForm(prefix="decline")
    if form.validate_on_submit():
        try:
            rsvp.decline(participant, form.reason.data, actor=current_user)
        except DomainError as error:
            show_refusal(form, error, ERROR_FIELDS)
        else:
            flash(_("Your apology has been sent to the organizers."), "success")
            return redirect(url_for(".show", token=token))
    return _render(participant, decline=form)


@bp.route("/<token>/delegate", methods=["POST"])
def delegate(token: str):
    participant = _load(token)
    form = setup_rsvp_form(DelegateForm(prefix="delegate"), participant.meeting,
                           available_modes(participant.meeting), ui_locale())
    if form.validate_on_submit():
        try:
            person = rsvp.delegate(
                participant, person_id=form.person.data, name=form.name.data or "", email=form.email.data or "",
                mode=form.mode.data, branch_venue_id=form.branch_venue.data, actor=current_user,
            )
        except DomainError as error:
            show_refusal(form, error, ERROR_FIELDS)
        else:
            flash(_("%(name)s will attend in your place.", name=person.display_name(ui_locale())), "success")
            return redirect(url_for(".show", token=token))
    return _render(participant, delegate=form)
