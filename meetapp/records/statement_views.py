"""Responsibility-statement pages: batches and their statements, recording a signing with its scan, status,
milestone updates by the responsible unit's people, and the follow-up page of a year."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from meetapp import policy, uploads
from meetapp.database import utcnow
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.policy import require
from meetapp.records import queries, statements
from meetapp.records.blueprint import bp
from meetapp.records.forms import (
    NO_ITEM,
    BatchForm,
    ConfirmForm,
    MilestoneEditForm,
    MilestoneUpdateForm,
    ScanForm,
    SigningForm,
    StatementForm,
    StatusForm,
)
from meetapp.records.models import STATEMENT_STATUS_LABELS, Milestone, Statement, StatementBatch
from meetapp.records.views_common import agenda_item_or_none, item_choices
from meetapp.refusals import save_or_refuse
from meetapp.timefmt import to_local_naive, to_utc

BATCH_ERROR_FIELDS = {statements.BatchExists: "name", statements.InvalidYear: "year"}
STATEMENT_ERROR_FIELDS = {statements.SameSignatory: "second_signatory_email", statements.EmptyTask: "key_task"}
SIGNING_ERROR_FIELDS = {uploads.EmptyFile: "scan", uploads.FileTooLarge: "scan", uploads.UnsupportedFileType: "scan"}


def _batch(batch_id: int, details: bool = False) -> StatementBatch:
    batch = queries.batch_with_statements(batch_id) if details else db.session.get(StatementBatch, batch_id)
    return batch or abort(404)


def _statement(statement_id: int, details: bool = False) -> Statement:
    statement = queries.statement_with_details(statement_id) if details else db.session.get(Statement, statement_id)
    return statement or abort(404)


def _to_statement(statement: Statement, anchor: str | None = None):
    return redirect(url_for(".statement", statement_id=statement.id, _anchor=anchor))


def _zone(statement: Statement) -> str:
    """The time zone the signing is entered in: the signing meeting's, else the organisation's."""
    item = statement.signed_item or statement.batch.signing_item
    if item is not None:
        return item.session.meeting.timezone
    return statements.DEFAULT_RECORDS_TIMEZONE


# --- batches -----------------------------------------------------------------------------------------


@bp.route("/statements/")
@require("records.view")
def batches():
    return render_template("records/batches.html", batches=queries.batches(), years=queries.statement_years(),
                           today=statements.records_today(utcnow()))


def _batch_fields(form: BatchForm) -> dict:
    return {"name": form.name.data, "name_zh": form.name_zh.data, "year": form.year.data,
            "signing_item": agenda_item_or_none(form.signing_item_id.data)}


@bp.route("/statements/new", methods=["GET", "POST"])
@require("records.manage")
def new_batch():
    form = BatchForm()
    form.signing_item_id.choices = item_choices(queries.SIGNING_ITEM_TYPES)
    if form.validate_on_submit() and (batch := save_or_refuse(
        form, BATCH_ERROR_FIELDS, lambda: statements.create_batch(current_user, **_batch_fields(form))
    )):
        flash(_("“%(name)s” was created. Add its statements below.", name=batch.name), "success")
        return redirect(url_for(".batch", batch_id=batch.id))
    return render_template("records/batch_form.html", form=form, batch=None)


@bp.route("/statements/<int:batch_id>/")
@require("records.view")
def batch(batch_id: int):
    return render_template("records/batch.html", batch=_batch(batch_id, details=True),
                           today=statements.records_today(utcnow()))


@bp.route("/statements/<int:batch_id>/edit", methods=["GET", "POST"])
@require("records.manage")
def edit_batch(batch_id: int):
    batch = _batch(batch_id)
    form = BatchForm(obj=batch)
    if not form.is_submitted():
        form.signing_item_id.data = batch.signing_item_id or NO_ITEM
    form.signing_item_id.choices = item_choices(queries.SIGNING_ITEM_TYPES, [batch.signing_item_id])
    if form.validate_on_submit() and save_or_refuse(
        form, BATCH_ERROR_FIELDS, lambda: statements.update_batch(current_user, batch, **_batch_fields(form))
    ):
        flash(_("“%(name)s” was saved.", name=batch.name), "success")
        return redirect(url_for(".batch", batch_id=batch.id))
    return render_template("records/batch_form.html", form=form, batch=batch)


# --- statements --------------------------------------------------------------------------------------


def _statement_fields(form: StatementForm) -> statements.StatementFields:
    return statements.StatementFields(
        key_task=form.key_task.data, key_task_zh=form.key_task_zh.data, unit=form.unit_code.found,
        first_signatory=form.first_signatory_email.found, second_signatory=form.second_signatory_email.found,
        targets=form.targets.data, milestones=form.parsed_milestones,
    )


@bp.route("/statements/<int:batch_id>/statements/new", methods=["GET", "POST"])
@require("records.manage")
def new_statement(batch_id: int):
    batch = _batch(batch_id, details=True)
    form = StatementForm()
    if form.validate_on_submit() and (statement := save_or_refuse(
        form, STATEMENT_ERROR_FIELDS, lambda: statements.add_statement(current_user, batch, _statement_fields(form))
    )):
        flash(_("The statement “%(task)s” was added.", task=statement.key_task), "success")
        return redirect(url_for(".batch", batch_id=batch.id, _anchor=f"statement-{statement.id}"))
    return render_template("records/statement_form.html", batch=batch, form=form, statement=None)


@bp.route("/statements/s/<int:statement_id>/edit", methods=["GET", "POST"])
@require("records.manage")
def edit_statement(statement_id: int):
    statement = _statement(statement_id, details=True)
    form = StatementForm(obj=statement)
    if not form.is_submitted():
        form.unit_code.data = statement.unit.code
        form.first_signatory_email.data = statement.first_signatory.email
        form.second_signatory_email.data = statement.second_signatory.email
        form.milestones.data = ""
    if form.validate_on_submit() and save_or_refuse(
        form, STATEMENT_ERROR_FIELDS,
        lambda: statements.update_statement(current_user, statement, _statement_fields(form)),
    ):
        flash(_("The statement “%(task)s” was saved.", task=statement.key_task), "success")
        return _to_statement(statement)
    return render_template("records/statement_form.html", batch=statement.batch, form=form, statement=statement)


def _statement_page(statement: Statement, status: int = 200, **forms):
    zone = _zone(statement)
    signing = forms.get("signing") or SigningForm(data={"signed_at": to_local_naive(utcnow(), zone)})
    milestone_forms = {
        m.id: forms.get(f"milestone-{m.id}") or MilestoneUpdateForm(
            prefix=f"m{m.id}", data={"done": m.done_on is not None, "done_on": m.done_on,
                                     "progress_note": m.progress_note})
        for m in statement.milestones
    }
    return render_template(
        "records/statement.html", statement=statement, zone=zone, signing=signing,
        scan_form=forms.get("scan") or ScanForm(), status_form=StatusForm(data={"status": statement.status.value}),
        milestone_forms=milestone_forms, edit_forms={
            m.id: forms.get(f"edit-{m.id}") or MilestoneEditForm(prefix=f"e{m.id}", obj=m)
            for m in statement.milestones
        }, delete_form=ConfirmForm(), today=statements.records_today(utcnow()),
        can_update=policy.can("statement.update_milestones", statement),
        can_see_scan=policy.can("statement.view_scan", statement),
        status_choices=[statement.status, *sorted(statements.STATUS_MOVES.get(statement.status, ()))],
        max_mb=statements.scan_limit_mb(),
    ), status


@bp.route("/statements/s/<int:statement_id>/")
@require("records.view")
def statement(statement_id: int):
    return _statement_page(_statement(statement_id, details=True))


@bp.route("/statements/s/<int:statement_id>/sign", methods=["POST"])
@require("records.manage")
def sign(statement_id: int):
    statement = _statement(statement_id, details=True)
    form = SigningForm()
    if form.validate_on_submit():
        upload = form.scan.data if form.scan.data and form.scan.data.filename else None
        item = statement.batch.signing_item
        if save_or_refuse(form, SIGNING_ERROR_FIELDS, lambda: statements.record_signing(
            current_user, statement, signed_at=to_utc(form.signed_at.data, _zone(statement)), item=item,
            first_signed_by=form.first_signed_by.found, second_signed_by=form.second_signed_by.found,
            scan=upload.stream if upload else None, scan_filename=upload.filename if upload else None,
        )):
            flash(_("The signing of “%(task)s” was recorded.", task=statement.key_task), "success")
            return _to_statement(statement)
    return _statement_page(statement, 400, signing=form)


@bp.route("/statements/s/<int:statement_id>/scan", methods=["POST"])
@require("records.manage")
def upload_scan(statement_id: int):
    statement = _statement(statement_id, details=True)
    form = ScanForm()
    if form.validate_on_submit():
        upload = form.scan.data
        if save_or_refuse(form, SIGNING_ERROR_FIELDS, lambda: statements.attach_scan(
            current_user, statement, upload.stream, upload.filename
        )):
            flash(_("“%(name)s” was uploaded.", name=statement.scan_filename), "success")
            return _to_statement(statement, "signing")
    return _statement_page(statement, 400, scan=form)


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_large(error):
    """The request is bigger than MAX_CONTENT_LENGTH: say so on the statement's page instead of a bare 413."""
    from flask import request

    flash(str(uploads.FileTooLarge(statements.scan_limit_mb())), "danger")
    statement_id = (request.view_args or {}).get("statement_id")
    if statement_id:
        return redirect(url_for(".statement", statement_id=statement_id, _anchor="signing"))
    return redirect(url_for(".batches"))


@bp.route("/statements/s/<int:statement_id>/scan")
def download_scan(statement_id: int):
    statement = _statement(statement_id)
    policy.authorize("statement.view_scan", statement)
    if not statement.scan_stored_name:
        abort(404)
    return statements.send_scan(statement)


@bp.route("/statements/s/<int:statement_id>/status", methods=["POST"])
@require("records.manage")
def set_status(statement_id: int):
    statement = _statement(statement_id)
    form = StatusForm()
    if form.validate_on_submit():
        try:
            statements.set_status(current_user, statement, form.status.data)
            flash(_("The status is now “%(status)s”.", status=STATEMENT_STATUS_LABELS[statement.status]), "success")
        except DomainError as error:
            flash(str(error), "danger")
    return _to_statement(statement)


def _milestone(milestone_id: int) -> tuple[Milestone, Statement]:
    milestone = db.session.get(Milestone, milestone_id) or abort(404)
    return milestone, milestone.statement


def _milestone_refused(statement: Statement, **forms):
    """The statement's page again with the refused milestone form (its details loaded first)."""
    queries.statement_with_details(statement.id)
    return _statement_page(statement, 400, **forms)


@bp.route("/statements/milestones/<int:milestone_id>", methods=["POST"])
def update_milestone(milestone_id: int):
    milestone, statement = _milestone(milestone_id)
    policy.authorize("statement.update_milestones", statement)
    form = MilestoneUpdateForm(prefix=f"m{milestone.id}")
    if form.validate_on_submit():
        done_on = (form.done_on.data or statements.records_today(utcnow())) if form.done.data else None
        if save_or_refuse(form, {}, lambda: statements.update_milestone(
            current_user, milestone, done_on=done_on, progress_note=form.progress_note.data, now=utcnow()
        )):
            flash(_("The milestone “%(title)s” was updated.", title=milestone.title), "success")
            return _to_statement(statement, f"milestone-{milestone.id}")
    return _milestone_refused(statement, **{f"milestone-{milestone.id}": form})


@bp.route("/statements/milestones/<int:milestone_id>/edit", methods=["POST"])
@require("records.manage")
def edit_milestone(milestone_id: int):
    milestone, statement = _milestone(milestone_id)
    form = MilestoneEditForm(prefix=f"e{milestone.id}")
    if form.validate_on_submit() and save_or_refuse(form, {statements.EmptyMilestone: "title"}, lambda: (
        statements.edit_milestone(current_user, milestone, title=form.title.data, due_date=form.due_date.data)
    )):
        flash(_("The milestone “%(title)s” was saved.", title=milestone.title), "success")
        return _to_statement(statement, f"milestone-{milestone.id}")
    return _milestone_refused(statement, **{f"edit-{milestone.id}": form})


@bp.route("/statements/milestones/<int:milestone_id>/delete", methods=["POST"])
@require("records.manage")
def delete_milestone(milestone_id: int):
    milestone, statement = _milestone(milestone_id)
    ConfirmForm().validate_on_submit() or abort(400)
    title = milestone.title
    statements.delete_milestone(current_user, milestone)
    flash(_("The milestone “%(title)s” was deleted.", title=title), "success")
    return _to_statement(statement, "milestones")


# --- follow-up ----------------------------------------------------------------------------------------


@bp.route("/statements/follow-up/")
@require("records.view")
def follow_up_latest():
    years = queries.statement_years()
    year = years[0] if years else statements.records_today(utcnow()).year
    return redirect(url_for(".follow_up", year=year))


@bp.route("/statements/follow-up/<int:year>")
@require("records.view")
def follow_up(year: int):
    return render_template("records/follow_up.html",
                           follow=queries.follow_up(year, statements.records_today(utcnow())),
                           years=queries.statement_years())
