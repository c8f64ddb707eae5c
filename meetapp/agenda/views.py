"""Agenda pages: every session's items with planned times, presenters and materials; managers add, edit,
reorder and move items, name presenters and upload materials. Each view loads the meeting (and checks
access), loads the child object of that meeting (404 otherwise), validates, calls a service and redirects."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import SelectChoice

from meetapp.agenda import queries, services
from meetapp.agenda.blueprint import bp
from meetapp.agenda.forms import (
    AddPresenterForm,
    ConfirmDeleteForm,
    ItemForm,
    MaterialForm,
    MoveForm,
    MoveToSessionForm,
    PresenterSearchForm,
    RemovePresenterForm,
)
from meetapp.agenda.models import (
    AGENDA_ITEM_TYPE_LABELS,
    PRESENTER_ROLE_LABELS,
    AgendaItem,
    AgendaPresenter,
    Material,
)
from meetapp.directory.models import Person
from meetapp.directory.queries import PeopleFilter, people_select
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.meetings.loading import load_child, load_meeting
from meetapp.meetings.models import MeetingSession
from meetapp.refusals import NO_FIELDS, save_or_refuse
from meetapp.uploads import FileTooLarge

PRESENTER_RESULTS = 20
# Which form field a refusal belongs next to: every refusal of these services is about that one field.
MOVE_ERROR_FIELDS = {DomainError: "position"}
PRESENTER_ERROR_FIELDS = {DomainError: "person_id"}
MATERIAL_ERROR_FIELDS = {DomainError: "file"}


def file_size(size: int) -> str:
    if size < 1024 * 1024:
        return _("%(size)s KB", size=format_decimal(max(size / 1024, 0.1), format="#,##0.#"))
    return _("%(size)s MB", size=format_decimal(size / (1024 * 1024), format="#,##0.#"))


def _locale() -> str:
    return str(get_locale() or "en")


def _actor():
    """The signed-in user, for the audit log of the services."""
    return current_user._get_current_object()


@bp.context_processor
def labels():
    return {
        "item_type_label": AGENDA_ITEM_TYPE_LABELS.get,
        "presenter_role_label": PRESENTER_ROLE_LABELS.get,
        "file_size": file_size,
        "locale": _locale(),
    }


def _meeting_of_item(item: AgendaItem) -> int:
    return item.session.meeting_id


def _meeting_of_material(material: Material) -> int:
    return material.item.session.meeting_id


def _managed_item(meeting_id: int, item_id: int, details: bool = False):
    """The meeting (the user must manage it) and its item (404 for an item of another meeting); ``details``
    loads the item's presenters and materials with it, for its page."""
    meeting = load_meeting(meeting_id, "meeting.manage")
    if details:
        queries.item_with_details(item_id)  # load_child below then finds it, loaded, in the session
    return meeting, load_child(AgendaItem, item_id, meeting, meeting_of=_meeting_of_item)


def _item_fields(form: ItemForm) -> dict:
    """What the add and edit forms of an item pass to the service."""
    return {
        "type": form.type.data,
        "title": form.title.data,
        "description": form.description.data,
        "duration_minutes": form.duration_minutes.data,
    }


def _session_choices(meeting) -> list[SelectChoice]:
    return [SelectChoice(session.id, session.title) for session in queries.sessions_of(meeting)]


def _to_agenda(meeting_id: int, item: AgendaItem | None = None, **args):
    """Back to the agenda page, scrolled to ``item`` when given."""
    anchor = f"item-{item.id}" if item is not None else None
    return redirect(url_for(".index", meeting_id=meeting_id, _anchor=anchor, **args))


def _to_item(item: AgendaItem, anchor: str | None = None):
    return redirect(url_for(".edit_item", meeting_id=item.session.meeting_id, item_id=item.id, _anchor=anchor))


# --- the agenda --------------------------------------------------------------------------------------


@bp.route("/")
def index(meeting_id: int):
    meeting = load_meeting(meeting_id)
    return render_template(
        "agenda/index.html",
        meeting=meeting,
        agenda=queries.meeting_agenda(meeting),
        moved=request.args.get("moved", type=int),
        moved_direction=request.args.get("direction"),
    )


@bp.route("/materials/<int:material_id>")
def download_material(meeting_id: int, material_id: int):
    meeting = load_meeting(meeting_id)
    material = load_child(Material, material_id, meeting, meeting_of=_meeting_of_material)
    return services.send_material(material)


# --- items -----------------------------------------------------------------------------------------


@bp.route("/sessions/<int:session_id>/items/new", methods=["GET", "POST"])
def add_item(meeting_id: int, session_id: int):
    meeting = load_meeting(meeting_id, "meeting.manage")
    session = load_child(MeetingSession, session_id, meeting)
    form = ItemForm()
    if form.validate_on_submit() and (
        item := save_or_refuse(
            form, NO_FIELDS, lambda: services.add_item(session, **_item_fields(form), actor=_actor())
        )
    ):
        flash(_("“%(title)s” was added. Name its presenters and add materials below.", title=item.title), "success")
        return _to_item(item)
    return render_template("agenda/item_form.html", meeting=meeting, session=session, form=form)


def _item_page(meeting, item: AgendaItem, **forms):
    """The item's page: its details, presenters, materials and where it sits; ``forms`` carry a failed POST."""
    search = PresenterSearchForm(formdata=request.args)
    details = forms.get("details") or ItemForm(obj=item)
    add_presenter = forms.get("add_presenter") or AddPresenterForm(data={"query": search.q.data})
    query = add_presenter.query.data or search.q.data or ""
    candidates = []
    if query.strip():
        candidates = list(db.session.scalars(people_select(PeopleFilter(q=query)).limit(PRESENTER_RESULTS)))
    move = forms.get("move") or MoveToSessionForm(data={"session_id": item.session_id})
    move.session_id.choices = _session_choices(meeting)
    return render_template(
        "agenda/item.html",
        meeting=meeting,
        item=item,
        details=details,
        search=search,
        query=query,
        candidates=candidates,
        add_presenter=add_presenter,
        material_form=forms.get("material") or MaterialForm(),
        move=move,
        max_mb=services.material_limit_mb(),
    )


@bp.route("/items/<int:item_id>/", methods=["GET", "POST"])
def edit_item(meeting_id: int, item_id: int):
    meeting, item = _managed_item(meeting_id, item_id, details=True)
    form = ItemForm()
    if form.validate_on_submit() and save_or_refuse(
        form, NO_FIELDS, lambda: services.update_item(item, **_item_fields(form), actor=_actor())
    ):
        flash(_("“%(title)s” was saved.", title=item.title), "success")
        return _to_agenda(meeting.id, item)
    return _item_page(meeting, item, details=form if form.is_submitted() else None)


@bp.route("/items/<int:item_id>/delete", methods=["GET", "POST"])
def delete_item(meeting_id: int, item_id: int):
    meeting, item = _managed_item(meeting_id, item_id)
    form = ConfirmDeleteForm()
    if form.validate_on_submit():
        title = item.title
        services.delete_item(item, actor=_actor())
        flash(_("“%(title)s” was deleted.", title=title), "success")
        return _to_agenda(meeting.id)
    return render_template("agenda/delete_item.html", meeting=meeting, item=item, form=form)


@bp.route("/items/<int:item_id>/move", methods=["POST"])
def move_item(meeting_id: int, item_id: int):
    meeting, item = _managed_item(meeting_id, item_id)
    form = MoveForm()
    if not form.validate_on_submit():
        flash(_("Choose “Move up” or “Move down”."), "danger")
        return _to_agenda(meeting.id, item)
    try:
        services.move_item(item, form.direction.data, actor=_actor())
    except DomainError as error:
        flash(str(error), "warning")  # not an error: the item is already first or last
    # No #fragment here: browsers skip autofocus when the URL names a target, and the moved item's button
    # (autofocus, see the template) should have the keyboard focus again.
    return redirect(url_for(".index", meeting_id=meeting.id, moved=item.id, direction=form.direction.data))


@bp.route("/items/<int:item_id>/move-to-session", methods=["POST"])
def move_item_to_session(meeting_id: int, item_id: int):
    meeting, item = _managed_item(meeting_id, item_id, details=True)
    form = MoveToSessionForm()
    form.session_id.choices = _session_choices(meeting)
    if form.validate_on_submit():
        session = load_child(MeetingSession, form.session_id.data, meeting)
        position = form.position.data - 1 if form.position.data else None
        if save_or_refuse(
            form, MOVE_ERROR_FIELDS, lambda: services.move_item_to_session(item, session, position, actor=_actor())
        ):
            flash(_("“%(title)s” is now in “%(session)s”.", title=item.title, session=session.title), "success")
            return _to_agenda(meeting.id, item)
    return _item_page(meeting, item, move=form)


# --- presenters ------------------------------------------------------------------------------------


@bp.route("/items/<int:item_id>/presenters", methods=["POST"])
def add_presenter(meeting_id: int, item_id: int):
    meeting, item = _managed_item(meeting_id, item_id, details=True)
    form = AddPresenterForm()
    if form.validate_on_submit():
        person = db.session.get(Person, form.person_id.data)
        if person is None:
            form.person_id.errors.append(_("Choose a person from the list."))
        elif save_or_refuse(
            form, PRESENTER_ERROR_FIELDS, lambda: services.add_presenter(item, person, form.role.data, actor=_actor())
        ):
            role = PRESENTER_ROLE_LABELS[form.role.data]
            flash(_("%(name)s was added as %(role)s.", name=person.display_name(_locale()), role=role), "success")
            return _to_item(item, "presenters")
    return _item_page(meeting, item, add_presenter=form)


@bp.route("/items/<int:item_id>/presenters/remove", methods=["POST"])
def remove_presenter(meeting_id: int, item_id: int):
    item = _managed_item(meeting_id, item_id)[1]
    form = RemovePresenterForm()
    if not form.validate_on_submit():
        flash(_("Choose the presenter to remove."), "danger")
        return _to_item(item, "presenters")
    presenter = db.session.get(AgendaPresenter, form.presenter_id.data)
    if presenter is None or presenter.item_id != item.id:
        flash(_("That presenter is no longer on this item."), "warning")
        return _to_item(item, "presenters")
    name = presenter.person.display_name(_locale())
    services.remove_presenter(presenter, actor=_actor())
    flash(_("%(name)s was removed from the item.", name=name), "success")
    return _to_item(item, "presenters")


# --- materials -------------------------------------------------------------------------------------


@bp.route("/items/<int:item_id>/materials", methods=["POST"])
def upload_material(meeting_id: int, item_id: int):
    meeting, item = _managed_item(meeting_id, item_id, details=True)
    form = MaterialForm()
    if form.validate_on_submit():
        upload = form.file.data
        material = save_or_refuse(form, MATERIAL_ERROR_FIELDS, lambda: services.attach_material(
            item, upload.stream, upload.filename, _actor()
        ))
        if material:
            flash(_("“%(name)s” was uploaded.", name=material.filename), "success")
            return _to_item(item, "materials")
    return _item_page(meeting, item, material=form)


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_large(error):
    """The request is bigger than MAX_CONTENT_LENGTH: say so on the item's page instead of a bare 413."""
    flash(str(FileTooLarge(services.material_limit_mb())), "danger")
    args = request.view_args or {}
    if "item_id" in args:
        return redirect(
            url_for(".edit_item", meeting_id=args["meeting_id"], item_id=args["item_id"], _anchor="materials")
        )
    return redirect(url_for(".index", meeting_id=args.get("meeting_id", 0)))


@bp.route("/materials/<int:material_id>/delete", methods=["GET", "POST"])
def delete_material(meeting_id: int, material_id: int):
    meeting = load_meeting(meeting_id, "meeting.manage")
    material = load_child(Material, material_id, meeting, meeting_of=_meeting_of_material)
    item = material.item
    form = ConfirmDeleteForm()
    if form.validate_on_submit():
        name = material.filename
        services.delete_material(material, actor=_actor())
        flash(_("“%(name)s” was deleted.", name=name), "success")
        return _to_item(item, "materials")
    return render_template("agenda/delete_material.html", meeting=meeting, material=material, item=item, form=form)

