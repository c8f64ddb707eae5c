"""Directory pages: people, units, groups and the CSV import. Each view loads, authorizes, validates,
calls a service and renders or redirects."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.utils import secure_filename

from meetapp.directory import import_plans, imports, pending_imports, queries, services
from meetapp.directory.blueprint import bp
from meetapp.directory.forms import (
    AddMembersForm,
    ConfirmForm,
    GroupForm,
    ImportForm,
    PeopleSearchForm,
    PersonForm,
    UnitForm,
    choices,
)
from meetapp.directory.models import UNIT_KIND_LABELS, Group, Person, Unit
from meetapp.extensions import db
from meetapp.policy import require
from meetapp.refusals import save_or_refuse

# Which form field a refusal belongs next to.
PERSON_ERROR_FIELDS = {services.DuplicatePersonEmail: "email"}
UNIT_ERROR_FIELDS = {services.DuplicateUnitCode: "code", services.UnitCycle: "parent_id"}
GROUP_ERROR_FIELDS = {services.DuplicateGroupCode: "code"}


def _locale() -> str:
    return str(get_locale() or "en")


def _unit_choices(tree: queries.UnitTree, empty_label: str) -> list:
    return choices([("", empty_label), *tree.choices(_locale())])


def _group_choices(empty_label: str | None = None) -> list:
    pairs = [(g.id, g.display_name(_locale())) for g in queries.all_groups()]
    return choices([("", empty_label), *pairs] if empty_label else pairs)


# --- people ----------------------------------------------------------------------------------------


@bp.route("/people")
@require("directory.view")
def people():
    form = PeopleSearchForm(formdata=request.args)
    form.unit.choices = _unit_choices(queries.UnitTree.load(), _("All units"))
    form.group.choices = _group_choices(_("All groups"))
    criteria = queries.PeopleFilter(
        q=form.q.data or "", unit_id=form.unit.data, include_subunits=bool(form.subunits.data),
        group_id=form.group.data,
    )
    page = queries.search_people(
        criteria, request.args.get("page", 1, type=int), current_app.config["DIRECTORY_PAGE_SIZE"]
    )
    return render_template("directory/people.html", form=form, page=page)


@bp.route("/people/<int:person_id>")
@require("directory.view")
def person(person_id: int):
    person = db.get_or_404(Person, person_id)
    unit_path = [*queries.ancestors(person.unit), person.unit] if person.unit else []
    return render_template("directory/person.html", person=person, unit_path=unit_path)


def _person_form(person: Person | None = None) -> PersonForm:
    data = None
    if person is not None:
        data = {
            "name": person.name, "name_zh": person.name_zh, "title": person.title, "title_zh": person.title_zh,
            "unit_id": person.unit_id, "email": person.email, "phone": person.phone,
            "groups": [g.id for g in person.groups],
        }
    form = PersonForm(data=data)
    form.unit_id.choices = _unit_choices(queries.UnitTree.load(), _("— no unit —"))
    form.groups.choices = _group_choices()
    return form


def _save_person(form: PersonForm, person: Person | None):
    """Create or update through the service; None (with the error next to its field) when it refuses."""
    details = {
        "name": form.name.data, "name_zh": form.name_zh.data, "title": form.title.data,
        "title_zh": form.title_zh.data, "email": form.email.data, "phone": form.phone.data,
        "unit": db.session.get(Unit, form.unit_id.data) if form.unit_id.data else None,
        "groups": db.session.scalars(sa.select(Group).where(Group.id.in_(form.groups.data or []))).all(),
    }
    return save_or_refuse(form, PERSON_ERROR_FIELDS, lambda: (
        services.create_person(current_user, **details) if person is None
        else services.update_person(current_user, person, **details)
    ))


@bp.route("/people/new", methods=["GET", "POST"])
@require("directory.edit")
def create_person():
    form = _person_form()
    if request.method == "GET" and request.args.get("unit", type=int):
        form.unit_id.data = request.args.get("unit", type=int)
    if form.validate_on_submit() and (person := _save_person(form, None)):
        flash(_("%(name)s was added to the directory.", name=person.name), "success")
        return redirect(url_for("directory.person", person_id=person.id))
    return render_template("directory/person_form.html", form=form, person=None)


@bp.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
@require("directory.edit")
def edit_person(person_id: int):
    person = db.get_or_404(Person, person_id)
    form = _person_form(person)
    if form.validate_on_submit() and _save_person(form, person):
        flash(_("The changes were saved."), "success")
        return redirect(url_for("directory.person", person_id=person.id))
    return render_template("directory/person_form.html", form=form, person=person)


# --- units -----------------------------------------------------------------------------------------


@bp.route("/units")
@require("directory.view")
def units():
    return render_template("directory/units.html", tree=queries.UnitTree.load(with_counts=True),
                           kind_labels=UNIT_KIND_LABELS)


@bp.route("/units/<int:unit_id>")
@require("directory.view")
def unit(unit_id: int):
    unit = db.get_or_404(Unit, unit_id)
    return render_template(
        "directory/unit.html", unit=unit, ancestors=queries.ancestors(unit), children=queries.sub_units(unit),
        counts=queries.people_counts(), people=queries.unit_people(unit), kind_labels=UNIT_KIND_LABELS,
    )


def _unit_form(unit: Unit | None = None) -> UnitForm:
    form = UnitForm(obj=unit)
    form.parent_id.choices = _unit_choices(queries.UnitTree.load(), _("— none (a top unit) —"))
    return form


def _save_unit(form: UnitForm, unit: Unit | None):
    """Create or update through the service; None (with the error next to its field) when it refuses."""
    details = {
        "code": form.code.data, "name": form.name.data, "name_zh": form.name_zh.data, "kind": form.kind.data,
        "parent": db.session.get(Unit, form.parent_id.data) if form.parent_id.data else None,
    }
    return save_or_refuse(form, UNIT_ERROR_FIELDS, lambda: (
        services.create_unit(current_user, **details) if unit is None
        else services.update_unit(current_user, unit, **details)
    ))


@bp.route("/units/new", methods=["GET", "POST"])
@require("directory.edit")
def create_unit():
    form = _unit_form()
    if request.method == "GET" and request.args.get("parent", type=int):
        form.parent_id.data = request.args.get("parent", type=int)
    if form.validate_on_submit() and (unit := _save_unit(form, None)):
        flash(_("The unit %(name)s was created.", name=unit.name), "success")
        return redirect(url_for("directory.unit", unit_id=unit.id))
    return render_template("directory/unit_form.html", form=form, unit=None)


@bp.route("/units/<int:unit_id>/edit", methods=["GET", "POST"])
@require("directory.edit")
def edit_unit(unit_id: int):
    unit = db.get_or_404(Unit, unit_id)
    form = _unit_form(unit)
    if form.validate_on_submit() and _save_unit(form, unit):
        flash(_("The changes were saved."), "success")
        return redirect(url_for("directory.unit", unit_id=unit.id))
    return render_template("directory/unit_form.html", form=form, unit=unit)


# --- groups ----------------------------------------------------------------------------------------


@bp.route("/groups")
@require("directory.view")
def groups():
    return render_template("directory/groups.html", groups=queries.groups_with_counts())


@bp.route("/groups/<int:group_id>")
@require("directory.view")
def group(group_id: int):
    group = db.get_or_404(Group, group_id)
    q = request.args.get("q", "").strip()
    candidates = queries.group_candidates(group, q) if q else []
    return render_template("directory/group.html", group=group, members=queries.group_members_of(group), q=q,
                           candidates=candidates, add_form=AddMembersForm())


def _save_group(form: GroupForm, group: Group | None):
    details = {"code": form.code.data, "name": form.name.data, "name_zh": form.name_zh.data,
               "description": form.description.data}
    return save_or_refuse(form, GROUP_ERROR_FIELDS, lambda: (
        services.create_group(current_user, **details) if group is None
        else services.update_group(current_user, group, **details)
    ))


@bp.route("/groups/new", methods=["GET", "POST"])
@require("directory.edit")
def create_group():
    form = GroupForm()
    if form.validate_on_submit() and (group := _save_group(form, None)):
        flash(_("The group %(name)s was created.", name=group.name), "success")
        return redirect(url_for("directory.group", group_id=group.id))
    return render_template("directory/group_form.html", form=form, group=None)


@bp.route("/groups/<int:group_id>/edit", methods=["GET", "POST"])
@require("directory.edit")
def edit_group(group_id: int):
    group = db.get_or_404(Group, group_id)
    form = GroupForm(obj=group)
    if form.validate_on_submit() and _save_group(form, group):
        flash(_("The changes were saved."), "success")
        return redirect(url_for("directory.group", group_id=group.id))
    return render_template("directory/group_form.html", form=form, group=group)


@bp.route("/groups/<int:group_id>/members", methods=["POST"])
@require("directory.edit")
def add_group_members(group_id: int):
    group = db.get_or_404(Group, group_id)
    form = AddMembersForm()
    if form.validate_on_submit():
        people = db.session.scalars(sa.select(Person).where(Person.id.in_(form.people.data))).all()
        added = services.add_members(current_user, group, people)
        flash(_("%(count)d people added to the group.", count=added), "success")
    else:
        flash(_("Tick at least one person to add."), "warning")
    return redirect(url_for("directory.group", group_id=group.id, q=request.form.get("q") or None))


@bp.route("/groups/<int:group_id>/members/<int:person_id>/remove", methods=["POST"])
@require("directory.edit")
def remove_group_member(group_id: int, person_id: int):
    group = db.get_or_404(Group, group_id)
    person = db.get_or_404(Person, person_id)
    if services.remove_member(current_user, group, person):
        flash(_("%(name)s was removed from the group.", name=person.name), "success")
    return redirect(url_for("directory.group", group_id=group.id))


# --- CSV import ------------------------------------------------------------------------------------


@bp.route("/import", methods=["GET", "POST"])
@require("directory.import")
def import_csv():
    form = ImportForm()
    if form.validate_on_submit():
        data = form.file.data.read()
        try:
            imports.read_csv(data, form.kind.data)  # a file that is not a usable CSV is refused right here
        except imports.ImportFileError as error:
            form.file.errors.append(str(error))
        else:
            token = pending_imports.save(data, kind=form.kind.data, owner_id=current_user.id,
                                         filename=secure_filename(form.file.data.filename or ""))
            return redirect(url_for("directory.import_preview", token=token))
    return render_template("directory/import_csv.html", form=form, formats=imports.FORMATS,
                           kind_labels=UNIT_KIND_LABELS)


@bp.route("/import/template/<kind>.csv")
@require("directory.import")
def import_template(kind: str):
    fmt = imports.FORMATS.get(kind) or abort(404)
    # The BOM makes Excel open the Chinese names as UTF-8.
    return Response("\ufeff" + fmt.template_csv(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={kind}-template.csv"})


def _pending_or_404(token: str) -> pending_imports.PendingImport:
    return pending_imports.load(token, current_user.id) or abort(404)


def _render_preview(pending, plan, status=200):
    return render_template("directory/import_preview.html", pending=pending, plan=plan, form=ConfirmForm(),
                           fmt=imports.FORMATS[pending.kind], labels=import_plans.ACTION_LABELS), status


@bp.route("/import/<token>")
@require("directory.import")
def import_preview(token: str):
    pending = _pending_or_404(token)
    table = imports.read_csv(pending.data, pending.kind)
    return _render_preview(pending, import_plans.PLANNERS[pending.kind](table))


@bp.route("/import/<token>", methods=["POST"])
@require("directory.import")
def import_confirm(token: str):
    pending = _pending_or_404(token)
    ConfirmForm().validate_on_submit() or abort(400)
    table = imports.read_csv(pending.data, pending.kind)
    try:
        plan = services.IMPORTERS[pending.kind](current_user, table)
    except services.ImportRefused as refusal:
        flash(str(refusal), "danger")
        return _render_preview(pending, refusal.plan)
    pending_imports.discard(token)
    counts = plan.counts
    flash(_("Import done: %(new)d new, %(update)d updated, %(unchanged)d unchanged.",
            new=counts["new"], update=counts["update"], unchanged=counts["unchanged"]), "success")
    return redirect(url_for("directory.units" if pending.kind == "units" else "directory.people"))


@bp.route("/import/<token>/cancel", methods=["POST"])
@require("directory.import")
def import_cancel(token: str):
    _pending_or_404(token)
    pending_imports.discard(token)
    flash(_("The import was cancelled; nothing changed."), "info")
    return redirect(url_for("directory.import_csv"))
