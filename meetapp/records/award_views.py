"""Award pages: programs and their awards, the presentation run-sheet, the winners' CSV import and the registry
across years. Each view loads (404), authorizes, validates, calls a service in ``awards`` and redirects."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.utils import secure_filename
from wtforms import SelectChoice

from meetapp import policy
from meetapp.csv_import import ACTION_LABELS, ImportFileError
from meetapp.database import utcnow
from meetapp.directory import pending_imports
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.policy import require
from meetapp.records import award_import, awards, queries
from meetapp.records.blueprint import bp
from meetapp.records.forms import (
    NO_ITEM,
    AwardForm,
    ConfirmForm,
    HandoverForm,
    LevelForm,
    MoveForm,
    PresentedForm,
    ProgramForm,
    RegistryFilterForm,
    WinnersUploadForm,
)
from meetapp.records.models import Award, AwardProgram, LevelKind
from meetapp.records.views_common import agenda_item_or_none, item_choices, locale
from meetapp.refusals import save_or_refuse, show_refusal

PROGRAM_ERROR_FIELDS = {awards.ProgramExists: "name", awards.InvalidYear: "year"}


def _program(program_id: int, details: bool = False) -> AwardProgram:
    program = queries.program_with_awards(program_id) if details else db.session.get(AwardProgram, program_id)
    return program or abort(404)


def _award(program: AwardProgram, award_id: int) -> Award:
    award = db.session.get(Award, award_id)
    if award is None or award.program_id != program.id:
        abort(404)
    return award


def _to_program(program: AwardProgram, anchor: str | None = None):
    return redirect(url_for(".program", program_id=program.id, _anchor=anchor))


def _to_run_sheet(program: AwardProgram, award: Award | None = None):
    return redirect(url_for(".run_sheet", program_id=program.id, _anchor=f"award-{award.id}" if award else None))


# --- programs -----------------------------------------------------------------------------------------


@bp.route("/awards/")
@require("records.view")
def programs():
    return render_template("records/programs.html", programs=queries.programs())


def _program_form_items(form: ProgramForm, program: AwardProgram | None = None) -> None:
    keep = [program.announcement_item_id, program.presentation_item_id] if program else []
    form.announcement_item_id.choices = form.presentation_item_id.choices = item_choices(queries.AWARD_ITEM_TYPES,
                                                                                        keep)


def _program_fields(form: ProgramForm) -> dict:
    return {
        "name": form.name.data, "name_zh": form.name_zh.data, "year": form.year.data,
        "announcement_item": agenda_item_or_none(form.announcement_item_id.data),
        "presentation_item": agenda_item_or_none(form.presentation_item_id.data),
    }


@bp.route("/awards/new", methods=["GET", "POST"])
@require("records.manage")
def new_program():
    form = ProgramForm()
    _program_form_items(form)
    if form.validate_on_submit() and (program := save_or_refuse(
        form, PROGRAM_ERROR_FIELDS, lambda: awards.create_program(current_user, **_program_fields(form))
    )):
        flash(_("“%(name)s” was created with the special, first, second and third prizes.", name=program.name),
              "success")
        return _to_program(program)
    return render_template("records/program_form.html", form=form, program=None)


@bp.route("/awards/<int:program_id>/")
@require("records.view")
def program(program_id: int):
    program = _program(program_id, details=True)
    return render_template("records/program.html", program=program, move_form=MoveForm())


@bp.route("/awards/<int:program_id>/edit", methods=["GET", "POST"])
@require("records.manage")
def edit_program(program_id: int):
    program = _program(program_id, details=True)
    form = ProgramForm(obj=program)
    if not form.is_submitted():
        form.announcement_item_id.data = program.announcement_item_id or NO_ITEM
        form.presentation_item_id.data = program.presentation_item_id or NO_ITEM
    _program_form_items(form, program)
    if form.validate_on_submit() and save_or_refuse(
        form, PROGRAM_ERROR_FIELDS, lambda: awards.update_program(current_user, program, **_program_fields(form))
    ):
        flash(_("“%(name)s” was saved.", name=program.name), "success")
        return _to_program(program)
    return render_template("records/program_form.html", form=form, program=program, level_form=LevelForm())


@bp.route("/awards/<int:program_id>/levels", methods=["POST"])
@require("records.manage")
def add_level(program_id: int):
    program = _program(program_id, details=True)
    form = LevelForm()
    if form.validate_on_submit() and save_or_refuse(
        form, {awards.LevelExists: "name"},
        lambda: awards.add_level(current_user, program, name=form.name.data, name_zh=form.name_zh.data),
    ):
        flash(_("The level “%(name)s” was added.", name=form.name.data.strip()), "success")
        return redirect(url_for(".edit_program", program_id=program.id, _anchor="levels"))
    edit = ProgramForm(obj=program)
    _program_form_items(edit, program)
    return render_template("records/program_form.html", form=edit, program=program, level_form=form), 400


# --- awards -------------------------------------------------------------------------------------------


def _award_form(program: AwardProgram, award: Award | None = None) -> AwardForm:
    form = AwardForm(obj=award)
    form.level_id.choices = [SelectChoice(level.id, level.label(locale())) for level in program.levels]
    if award is not None and not form.is_submitted():
        units = [r.unit.code for r in award.recipients if r.person is None]
        people = [r.person.email or "" for r in award.recipients if r.person and r.role == "recipient"]
        team = [r.person.email or "" for r in award.recipients if r.person and r.role == "team_member"]
        form.recipient_units.data = "; ".join(units)
        form.recipient_people.data = "; ".join(people)
        form.team_members.data = "; ".join(team)
    return form


def _award_fields(program: AwardProgram, form: AwardForm) -> awards.AwardFields:
    level = next((lv for lv in program.levels if lv.id == form.level_id.data), None)
    return awards.AwardFields(level=level, **{name: getattr(form, name).data for name in (
        "title", "title_zh", "team_name", "citation", "decision_ref",
        "recipient_units", "recipient_people", "team_members")})


def _save_award(form, save):
    """Like ``save_or_refuse``; a recipient refusal goes under the cell it is about."""
    try:
        return save()
    except DomainError as error:
        fields = {awards.RecipientProblem: getattr(error, "column", "recipient_people"),
                  awards.LevelOfOtherProgram: "level_id"}
        show_refusal(form, error, fields)
        return None


@bp.route("/awards/<int:program_id>/awards/new", methods=["GET", "POST"])
@require("records.manage")
def new_award(program_id: int):
    program = _program(program_id, details=True)
    form = _award_form(program)
    if form.validate_on_submit() and (award := _save_award(
        form, lambda: awards.add_award(current_user, program, _award_fields(program, form))
    )):
        flash(_("“%(title)s” was added.", title=award.title), "success")
        return _to_program(program, f"award-{award.id}")
    return render_template("records/award_form.html", program=program, form=form, award=None)


@bp.route("/awards/<int:program_id>/awards/<int:award_id>/edit", methods=["GET", "POST"])
@require("records.manage")
def edit_award(program_id: int, award_id: int):
    program = _program(program_id, details=True)
    award = _award(program, award_id)
    form = _award_form(program, award)
    if form.validate_on_submit() and _save_award(
        form, lambda: awards.update_award(current_user, award, _award_fields(program, form))
    ):
        flash(_("“%(title)s” was saved.", title=award.title), "success")
        return _to_program(program, f"award-{award.id}")
    return render_template("records/award_form.html", program=program, form=form, award=award,
                           delete_form=ConfirmForm())


@bp.route("/awards/<int:program_id>/awards/<int:award_id>/delete", methods=["POST"])
@require("records.manage")
def delete_award(program_id: int, award_id: int):
    program = _program(program_id)
    award = _award(program, award_id)
    ConfirmForm().validate_on_submit() or abort(400)
    title = award.title
    awards.delete_award(current_user, award)
    flash(_("“%(title)s” was deleted.", title=title), "success")
    return _to_program(program)


# --- the run-sheet ------------------------------------------------------------------------------------


@bp.route("/awards/<int:program_id>/run-sheet")
@require("records.view")
def run_sheet(program_id: int):
    program = _program(program_id, details=True)
    meeting = awards.meeting_of_program(program)
    if meeting is not None and not policy.can("meeting.view", meeting):
        meeting = None  # its time zone and participants are not for this reader
    return render_template(
        "records/run_sheet.html", program=program, meeting=meeting, move_form=MoveForm(),
        presented_form=PresentedForm(), handover_forms={
            award.id: HandoverForm(data={
                "presenter": award.presenter.email if award.presenter else "",
                "received_by": award.received_by.email if award.received_by else "",
            }, prefix=f"a{award.id}") for award in program.awards
        },
        people=queries.people_choices_for(meeting),
    )


@bp.route("/awards/<int:program_id>/awards/<int:award_id>/move", methods=["POST"])
@require("records.manage")
def move_award(program_id: int, award_id: int):
    program = _program(program_id)
    award = _award(program, award_id)
    form = MoveForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        awards.move_award(current_user, award, form.direction.data)
    except DomainError as error:
        flash(str(error), "warning")
    return _to_run_sheet(program, award)


@bp.route("/awards/<int:program_id>/awards/<int:award_id>/handover", methods=["POST"])
@require("records.manage")
def set_handover(program_id: int, award_id: int):
    program = _program(program_id)
    award = _award(program, award_id)
    form = HandoverForm(prefix=f"a{award.id}")
    if form.validate_on_submit():
        awards.set_handover(current_user, award, presenter=form.presenter.found, received_by=form.received_by.found)
        flash(_("The run-sheet entry of “%(title)s” was saved.", title=award.title), "success")
    else:
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "danger")
    return _to_run_sheet(program, award)


@bp.route("/awards/<int:program_id>/awards/<int:award_id>/presented", methods=["POST"])
@require("records.manage")
def mark_presented(program_id: int, award_id: int):
    program = _program(program_id)
    award = _award(program, award_id)
    form = PresentedForm()
    if not form.validate_on_submit():
        abort(400)
    presented = form.presented.data == "1"
    awards.mark_presented(current_user, award, presented, utcnow())
    if presented:
        flash(_("“%(title)s” is marked as presented.", title=award.title), "success")
    else:
        flash(_("“%(title)s” is no longer marked as presented.", title=award.title), "info")
    return _to_run_sheet(program, award)


# --- CSV import of winners ------------------------------------------------------------------------------


@bp.route("/awards/import-template.csv")
@require("records.manage")
def winners_template():
    # The BOM makes Excel open the Chinese titles as UTF-8.
    return Response("\ufeff" + award_import.WINNERS.template_csv(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=award-winners-template.csv"})


@bp.route("/awards/<int:program_id>/import", methods=["GET", "POST"])
@require("records.manage")
def import_winners(program_id: int):
    program = _program(program_id, details=True)
    form = WinnersUploadForm()
    if form.validate_on_submit():
        data = form.file.data.read()
        try:
            award_import.read_winners(data)  # a file that is not a usable CSV is refused right here
        except ImportFileError as error:
            form.file.errors.append(str(error))
        else:
            token = pending_imports.save(data, kind=award_import.WINNERS.kind, owner_id=current_user.id,
                                         filename=secure_filename(form.file.data.filename or ""),
                                         extra={"program_id": program.id})
            return redirect(url_for(".import_preview", program_id=program.id, token=token))
    return render_template("records/import_winners.html", program=program, form=form, fmt=award_import.WINNERS)


def _pending(program: AwardProgram, token: str) -> pending_imports.PendingImport:
    pending = pending_imports.load(token, current_user.id)
    if pending is None or pending.kind != award_import.WINNERS.kind or pending.extra.get("program_id") != program.id:
        abort(404)
    return pending


def _render_preview(program, pending, plan, status=200):
    return render_template("records/import_preview.html", program=program, pending=pending, plan=plan,
                           form=ConfirmForm(), labels=ACTION_LABELS), status


@bp.route("/awards/<int:program_id>/import/<token>")
@require("records.manage")
def import_preview(program_id: int, token: str):
    program = _program(program_id, details=True)
    pending = _pending(program, token)
    return _render_preview(program, pending,
                           award_import.plan_winners(program, award_import.read_winners(pending.data)))


@bp.route("/awards/<int:program_id>/import/<token>", methods=["POST"])
@require("records.manage")
def import_confirm(program_id: int, token: str):
    program = _program(program_id, details=True)
    pending = _pending(program, token)
    ConfirmForm().validate_on_submit() or abort(400)
    try:
        plan = award_import.import_winners(current_user, program, award_import.read_winners(pending.data))
    except award_import.ImportRefused as refusal:
        flash(str(refusal), "danger")
        return _render_preview(program, pending, refusal.plan, 400)
    pending_imports.discard(token)
    flash(_("Import done: %(count)d awards added.", count=len(plan.rows)), "success")
    return _to_program(program)


@bp.route("/awards/<int:program_id>/import/<token>/cancel", methods=["POST"])
@require("records.manage")
def import_cancel(program_id: int, token: str):
    program = _program(program_id)
    _pending(program, token)
    ConfirmForm().validate_on_submit() or abort(400)
    pending_imports.discard(token)
    flash(_("The import was cancelled; nothing changed."), "info")
    return redirect(url_for(".import_winners", program_id=program.id))


# --- the registry ---------------------------------------------------------------------------------------


@bp.route("/awards/registry")
@require("records.view")
def registry():
    form = RegistryFilterForm(formdata=request.args)
    form.unit.choices = [SelectChoice(0, _("Any unit"))] + [
        SelectChoice(u.id, u.display_name(locale())) for u in queries.units_for_choices()]
    form.year.choices = [SelectChoice(0, _("Any year"))] + [
        SelectChoice(year, str(year)) for year in queries.registry_years()]
    form.validate()

    def chosen(field):  # a value that is not one of the choices filters nothing
        return None if field.errors else field.data or None

    level = chosen(form.level)
    filters = queries.RegistryFilter(unit_id=chosen(form.unit), level=LevelKind(level) if level else None,
                                     year=chosen(form.year))
    page = db.paginate(queries.registry_select(filters), per_page=queries.REGISTRY_PAGE_SIZE, error_out=False)
    return render_template("records/registry.html", form=form, page=page,
                           can_manage=policy.can("records.manage"))
