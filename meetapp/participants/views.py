"""Organizers' participants pages: the list with filters, counts and bulk edit; adding people; removing them;
sending the invitations. Every view loads the meeting for ``meeting.manage`` first."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from meetapp.directory.queries import PeopleFilter, UnitTree, all_groups, people_select
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.meetings.loading import load_meeting
from meetapp.participants import queries, services
from meetapp.participants.blueprint import bp
from meetapp.participants.forms import (
    INVITATION_LABELS,
    AddGroupForm,
    AddPeopleForm,
    AddTitleForm,
    AddUnitForm,
    BulkEditForm,
    ParticipantFilterForm,
    RemoveForm,
    SendInvitationsForm,
    mode_choices,
)
from meetapp.participants.models import (
    ATTENDANCE_MODE_LABELS,
    MEETING_ROLE_LABELS,
    RSVP_STATUS_LABELS,
    AttendanceMode,
    MeetingRole,
    RsvpStatus,
)
from meetapp.participants.modes import BranchVenueRequired, ModeNotOffered, available_modes
from meetapp.refusals import save_or_refuse, show_refusal

PAGE_SIZE = 100
SEARCH_LIMIT = 50
UNREACHABLE_SHOWN = 10

# Which form field a refusal belongs next to; others are shown above the form.
ERROR_FIELDS = {
    services.NoRoles: "roles",
    services.RoleLeftEmpty: "roles",
    ModeNotOffered: "mode",
    BranchVenueRequired: "branch_venue",
}


def ui_locale() -> str:
    return str(get_locale() or "en")


def _enum_or_none(enum_cls, value):
    try:
        return enum_cls(value)
    except ValueError:  # empty or unknown: no filter
        return None


def _selected(meeting, ids):
    """The ticked participants; 404 when an id belongs to another meeting (or to none)."""
    participants = queries.participants_by_ids(meeting, ids or [])
    if participants is None:
        abort(404)
    return participants


def _back_to_list(meeting):
    return redirect(url_for(".index", meeting_id=meeting.id, **request.args.to_dict()))


# --- the list ------------------------------------------------------------------------------------------


@bp.route("/", methods=["GET", "POST"])
def index(meeting_id: int):
    meeting = load_meeting(meeting_id, "meeting.manage")
    modes = available_modes(meeting)
    filters, criteria = _filters(meeting, modes)
    bulk = BulkEditForm().setup(meeting, modes, ui_locale())
    if bulk.validate_on_submit():
        participants = _selected(meeting, bulk.selected.data)
        if bulk.remove.data:
            if participants:  # confirm first: invited people will be mailed a cancellation
                return render_template(
                    "participants/remove.html", meeting=meeting, active_tab="participants",
                    participants=participants, form=RemoveForm(formdata=None),
                )
            flash(str(services.NothingSelected.message), "danger")
            return _back_to_list(meeting)
        try:
            changed = services.update_participants(
                meeting, participants, roles_change=bulk.roles_change.data, roles=bulk.roles.data,
                mode=bulk.mode.data or None, branch_venue_id=bulk.branch_venue.data,
                actor=current_user._get_current_object(),
            )
        except DomainError as error:
            show_refusal(bulk, error, ERROR_FIELDS)
        else:
            flash(_("%(count)d participants changed.", count=changed), "success")
            return _back_to_list(meeting)
    page = db.paginate(
        queries.participant_select(meeting, criteria),
        page=request.args.get("page", 1, type=int),
        per_page=current_app.config.get("PARTICIPANTS_PAGE_SIZE", PAGE_SIZE),
        error_out=False,
    )
    return render_template(
        "participants/index.html",
        meeting=meeting,
        active_tab="participants",
        filters=filters,
        page=page,
        counts=queries.rsvp_counts(meeting),
        bulk=bulk,
        selected_ids=set(bulk.selected.data or []),
        invite_form=SendInvitationsForm(),
        list_open=services.list_is_open(meeting),
        modes=modes,
        role_labels=MEETING_ROLE_LABELS,
        mode_labels=ATTENDANCE_MODE_LABELS,
        rsvp_labels=RSVP_STATUS_LABELS,
        invitation_labels=INVITATION_LABELS,
    )


def _filters(meeting, modes):
    filters = ParticipantFilterForm(formdata=request.args)
    filters.mode.choices = [("", _("Any mode")), *mode_choices(modes)]
    filters.unit.choices = [("", _("All units")), *UnitTree.load().choices(ui_locale())]
    invitation = request.args.get("invitation")
    criteria = queries.ParticipantFilter(
        q=filters.q.data or "",
        role=_enum_or_none(MeetingRole, filters.role.data),
        rsvp=_enum_or_none(RsvpStatus, filters.rsvp.data),
        mode=_enum_or_none(AttendanceMode, filters.mode.data),
        unit_id=filters.unit.data,
        invitation=invitation if invitation in INVITATION_LABELS else None,
    )
    return filters, criteria


@bp.route("/remove", methods=["POST"])
def remove(meeting_id: int):
    meeting = load_meeting(meeting_id, "meeting.manage")
    form = RemoveForm()
    if form.validate_on_submit():
        try:
            result = services.remove_participants(
                meeting, _selected(meeting, form.selected.data), actor=current_user._get_current_object()
            )
        except DomainError as error:
            show_refusal(form, error)
        else:
            flash(_("%(deleted)d removed from the list; %(withdrawn)d invited people will be sent a cancellation.",
                    deleted=result.deleted, withdrawn=result.withdrawn), "success")
    return redirect(url_for(".index", meeting_id=meeting.id))


@bp.route("/invitations", methods=["POST"])
def send_invitations(meeting_id: int):
    meeting = load_meeting(meeting_id, "meeting.manage")
    form = SendInvitationsForm()
    if form.validate_on_submit():
        try:
            result = services.send_invitations(meeting, actor=current_user._get_current_object())
        except DomainError as error:
            show_refusal(form, error)
        else:
            if result.queued:
                flash(_("%(count)d invitations queued; they go out with the next mail run.", count=result.queued),
                      "success")
            else:
                flash(_("Nobody on the list is waiting for an invitation."), "info")
            if result.unreachable:
                flash(_unreachable_message(result.unreachable), "warning")
    return redirect(url_for(".index", meeting_id=meeting.id))


def _unreachable_message(people) -> str:
    names = ", ".join(p.display_name(ui_locale()) for p in people[:UNREACHABLE_SHOWN])
    more = len(people) - UNREACHABLE_SHOWN
    if more > 0:
        return _("Not reachable by email (no address in the directory): %(names)s and %(count)d more",
                 names=names, count=more)
    return _("Not reachable by email (no address in the directory): %(names)s", names=names)


# --- adding people ----------------------------------------------------------------------------------------

ADD_FORMS = {"people": AddPeopleForm, "unit": AddUnitForm, "group": AddGroupForm, "title": AddTitleForm}


def _add_forms(meeting, modes):
    """The four "add by …" forms; only the one whose button was pressed reads the posted data."""
    forms = {}
    for source, form_class in ADD_FORMS.items():
        posted = request.method == "POST" and f"{source}-submit" in request.form
        form = form_class(prefix=source, **({} if posted else {"formdata": None}))
        forms[source] = form.setup(meeting, modes, ui_locale())
    forms["unit"].unit.choices = [("", _("Choose a unit")), *UnitTree.load().choices(ui_locale())]
    forms["group"].group.choices = [("", _("Choose a group")),
                                    *((g.id, g.display_name(ui_locale())) for g in all_groups())]
    return forms


def _add(meeting, source: str, form):
    where = services.placement(meeting, form.roles.data, form.mode.data, form.branch_venue.data)
    actor = current_user._get_current_object()
    if source == "people":
        return services.add_people(meeting, form.people.data, where, actor=actor)
    if source == "unit":
        return services.add_unit(meeting, form.unit.data, form.subunits.data, where, actor=actor)
    if source == "group":
        return services.add_group(meeting, form.group.data, where, actor=actor)
    return services.add_by_title(meeting, form.title.data, where, actor=actor)


@bp.route("/add", methods=["GET", "POST"])
def add(meeting_id: int):
    meeting = load_meeting(meeting_id, "meeting.manage")
    modes = available_modes(meeting)
    forms = _add_forms(meeting, modes)
    source = next((s for s in ADD_FORMS if f"{s}-submit" in request.form), None)
    if source and forms[source].validate_on_submit():
        result = save_or_refuse(forms[source], ERROR_FIELDS, lambda: _add(meeting, source, forms[source]))
        if result:
            flash(_("%(added)d added, %(already)d already on the list.",
                    added=result.added, already=result.already), "success")
            return redirect(url_for(".index", meeting_id=meeting.id))
    q = request.args.get("q", "").strip()
    found = list(db.session.scalars(people_select(PeopleFilter(q=q)).limit(SEARCH_LIMIT))) if q else []
    return render_template(
        "participants/add.html",
        meeting=meeting,
        active_tab="participants",
        forms=forms,
        source=source,
        q=q,
        found=found,
        listed=queries.listed_person_ids(meeting) if found else set(),
    )
