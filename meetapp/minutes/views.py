"""Minutes pages: load (404), authorize, validate, call ``meetapp.minutes.services``, render or redirect."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from meetapp import policy
from meetapp.attendance.board_views import ui_locale
from meetapp.extensions import db, login_manager
from meetapp.meetings.models import Meeting
from meetapp.minutes import services
from meetapp.minutes.blueprint import bp
from meetapp.minutes.forms import (
    BLANK_ROWS,
    ActionStatusForm,
    AmendmentForm,
    ApproveForm,
    CommentForm,
    MinutesForm,
    ReviewersForm,
    StartForm,
    TransitionForm,
)
from meetapp.minutes.models import ActionItem, Minutes, MinutesStatus, MinutesVersion
from meetapp.minutes.people import owner_choices, reviewer_choices, reviewers_by_id
from meetapp.minutes.rendering import diff_table, render_markdown
from meetapp.navigation import safe_next_url
from meetapp.refusals import show_refusal

PREFIX = "/meetings/<int:meeting_id>/minutes"


def _meeting(meeting_id: int) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        abort(404)
    return meeting


def _refuse(meeting: Meeting):
    """Sign-in for anonymous users; 403 when the meeting is visible to them, 404 (not revealed) otherwise."""
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    abort(403 if policy.can("meeting.view", meeting) else 404)


def load_minutes(meeting_id: int, action: str = "minutes.view") -> Minutes:
    """The meeting's minutes if this user may read them, then ``action`` (``minutes.write`` on the meeting,
    ``minutes.review`` on the minutes) authorized."""
    meeting = _meeting(meeting_id)
    minutes = services.get_minutes(meeting)
    if minutes is None:
        if policy.can("minutes.write", meeting):
            abort(404)
        _refuse(meeting)
    if not policy.can("minutes.view", minutes):
        _refuse(meeting)
    allowed = policy.can(action, meeting if action == "minutes.write" else minutes)
    if not allowed:
        abort(403)
    return minutes


def _locale() -> str:
    return ui_locale()


def _show_url(minutes: Minutes) -> str:
    return url_for("minutes.show", meeting_id=minutes.meeting_id)


@bp.route(PREFIX)
def show(meeting_id: int):
    meeting = _meeting(meeting_id)
    minutes = services.get_minutes(meeting)
    if minutes is None:
        if not policy.can("minutes.write", meeting):
            _refuse(meeting)
        return render_template("minutes/start.html", meeting=meeting, form=StartForm())
    if not policy.can("minutes.view", minutes):
        _refuse(meeting)
    published = services.published_versions(minutes)
    writes = policy.can("minutes.write", meeting)
    # Published minutes change only by published amendments: their latest version is the published text.
    shown = services.current_version(minutes)
    reviews = policy.can("minutes.review", minutes)
    reviewers_form = ReviewersForm()
    if writes and minutes.status == MinutesStatus.DRAFT:
        reviewers_form.reviewers.choices = reviewer_choices()
        reviewers_form.reviewers.data = [user.id for user in minutes.reviewers]
    return render_template(
        "minutes/show.html", meeting=meeting, minutes=minutes, shown=shown, text=render_markdown(shown.content),
        published=published, approvals=services.approvals_of(minutes), writes=writes,
        reviews=reviews, reviewers_form=reviewers_form,
        transition_form=TransitionForm(), comment_form=CommentForm(), approve_form=ApproveForm(version=shown.number),
        action_form=ActionStatusForm(), carried_over=services.carried_over_items(meeting) if writes or reviews else [],
        transitions=services.TRANSITIONS[minutes.status], all_approved=services.approved_by_all(minutes),
    )


@bp.post(PREFIX + "/start")
def start(meeting_id: int):
    meeting = _meeting(meeting_id)
    if not policy.can("minutes.write", meeting):
        _refuse(meeting)
    if StartForm().validate_on_submit():
        try:
            services.start_minutes(current_user, meeting, _locale())
            flash(_("The minutes were drafted from the record. Write the summaries, decisions and action items."),
                  "success")
        except services.MinutesError as error:
            flash(str(error), "danger")
    return redirect(url_for("minutes.show", meeting_id=meeting.id))


def _fill_form(form: MinutesForm, minutes: Minutes) -> None:
    current = services.current_version(minutes)
    form.base_version.data = minutes.current_number
    form.body.data = current.body
    for decision in minutes.decisions:
        form.decisions.append_entry(decision.text)
    for item in minutes.action_items:
        form.action_items.append_entry({"item_id": item.id, "title": item.title, "owner_id": item.owner_id,
                                        "due_on": item.due_on, "status": item.status.value})


def _prepare_rows(form: MinutesForm, minutes: Minutes) -> None:
    """Blank rows for new decisions and action items, and the owners to choose from."""
    for _n in range(BLANK_ROWS):
        form.decisions.append_entry()
        form.action_items.append_entry()
    choices = owner_choices(minutes)
    for row in form.action_items:
        row.owner_id.choices = choices


def _inputs(form: MinutesForm, minutes: Minutes):
    known = {item.id for item in minutes.action_items}
    items = []
    for row in form.action_items:
        title = (row.title.data or "").strip()
        if not title:
            continue
        given = row.item_id.data or ""
        item_id = int(given) if given.isdigit() and int(given) in known else None
        items.append(services.ActionItemInput(title=title, owner_id=row.owner_id.data, due_on=row.due_on.data,
                                              status=row.status.data, id=item_id))
    return [entry.data for entry in form.decisions], items


def _conflict(form: MinutesForm, error: services.StaleVersion, theirs: str) -> dict:
    """What a refused save shows: the user's text stays in the form (now based on the current version, so saving
    again is a deliberate choice), the current version beside it, and the difference."""
    current = error.current
    if current is not None:
        form.base_version.data, form.base_version.raw_data = current.number, [str(current.number)]
    flash(str(error), "warning")
    return {
        "conflict": current,
        "conflict_diff": diff_table(current.body, theirs, _("Current version %(number)s", number=current.number),
                                    _("Your text")) if current else None,
    }


def _edit_page(kind: str, form_class, save):
    """The edit and amend pages: GET fills the form from the latest version; POST saves through ``save``."""

    def view(meeting_id: int):
        minutes = load_minutes(meeting_id, "minutes.write")
        if minutes.is_published != (kind == "amend"):  # published minutes are amended, the others edited
            return redirect(url_for("minutes.amend" if minutes.is_published else "minutes.edit",
                                    meeting_id=minutes.meeting_id))
        form = form_class()
        extra: dict = {}
        if request.method == "GET":
            _fill_form(form, minutes)
        elif form.validate_on_submit():
            decisions, items = _inputs(form, minutes)
            try:
                save(minutes, form, decisions, items)
                flash(_("The minutes were saved as version %(number)s.", number=minutes.current_number), "success")
                return redirect(_show_url(minutes))
            except services.StaleVersion as error:
                extra = _conflict(form, error, form.body.data or "")
            except services.MinutesError as error:
                show_refusal(form, error, {services.EmptyText: "body", services.ReasonRequired: "reason"})
        _prepare_rows(form, minutes)
        return render_template("minutes/edit.html", meeting=minutes.meeting, minutes=minutes, form=form, kind=kind,
                               **extra)

    return view


def _save(minutes, form, decisions, items):
    services.save_minutes(current_user, minutes, body=form.body.data or "", expected_version=form.base_version.data,
                          decisions=decisions, action_items=items, locale=_locale())


def _amend(minutes, form, decisions, items):
    services.amend(current_user, minutes, body=form.body.data or "", reason=form.reason.data or "",
                   expected_version=form.base_version.data, decisions=decisions, action_items=items,
                   locale=_locale())


bp.add_url_rule(PREFIX + "/edit", "edit", _edit_page("edit", MinutesForm, _save), methods=["GET", "POST"])
bp.add_url_rule(PREFIX + "/amend", "amend", _edit_page("amend", AmendmentForm, _amend), methods=["GET", "POST"])


@bp.route(PREFIX + "/history")
def history(meeting_id: int):
    minutes = load_minutes(meeting_id)
    versions = _readable_versions(minutes)
    numbers = [v.number for v in versions]
    older = request.args.get("from", type=int)
    newer = request.args.get("to", type=int)
    if (older not in numbers or newer not in numbers) and len(numbers) >= 2:
        older, newer = numbers[-2], numbers[-1]  # by default, what the latest save changed
    diff = None
    if older in numbers and newer in numbers:
        a, b = services.version(minutes, older), services.version(minutes, newer)
        diff = diff_table(a.content, b.content, _("Version %(number)s", number=a.number),
                          _("Version %(number)s", number=b.number))
    return render_template("minutes/history.html", meeting=minutes.meeting, minutes=minutes, versions=versions,
                           older=older, newer=newer, diff=diff)


def _readable_versions(minutes: Minutes) -> list[MinutesVersion]:
    """Every version for those who write or review the minutes; readers of published minutes see the published
    versions only (the drafts in between stay private)."""
    if policy.can("minutes.write", minutes.meeting) or policy.can("minutes.review", minutes):
        return list(minutes.versions)
    return services.published_versions(minutes)


@bp.route(PREFIX + "/versions/<int:number>")
def version(meeting_id: int, number: int):
    minutes = load_minutes(meeting_id)
    shown = next((v for v in _readable_versions(minutes) if v.number == number), None)
    if shown is None:
        abort(404)
    return render_template("minutes/version.html", meeting=minutes.meeting, minutes=minutes, shown=shown,
                           text=render_markdown(shown.content))


@bp.route(PREFIX + ".pdf")
def pdf(meeting_id: int):
    from meetapp.minutes.pdf import minutes_pdf

    minutes = load_minutes(meeting_id)
    versions = _readable_versions(minutes)
    if not versions:
        abort(404)
    number = request.args.get("version", type=int)
    shown = next((v for v in versions if v.number == number), None) if number else versions[-1]
    if shown is None:
        abort(404)
    meeting = minutes.meeting
    response = Response(minutes_pdf(minutes, shown, _locale()), mimetype="application/pdf")
    filename = f"minutes-meeting-{meeting.id}-v{shown.number}-{meeting.local(meeting.starts_at):%Y%m%d}.pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _post_action(minutes: Minutes, form, act, success: str):
    if form.validate_on_submit():
        try:
            act()
            flash(success, "success")
        except services.MinutesError as error:
            flash(str(error), "danger")
    else:
        flash(_("The form could not be read; reload the page and try again."), "danger")
    return redirect(_show_url(minutes))


@bp.post(PREFIX + "/review")
def send_for_review(meeting_id: int):
    minutes = load_minutes(meeting_id, "minutes.write")
    form = ReviewersForm()
    form.reviewers.choices = reviewer_choices()
    chosen = reviewers_by_id(form.reviewers.data or [])
    return _post_action(minutes, form, lambda: services.submit_for_review(current_user, minutes, chosen),
                        _("The minutes were sent for review."))


@bp.post(PREFIX + "/transition")
def transition(meeting_id: int):
    minutes = load_minutes(meeting_id, "minutes.write")
    form = TransitionForm()
    messages = {
        "published": _("The minutes were published."),
        "draft": _("The minutes are a draft again."),
        "approved": _("The minutes were approved."),
        "in_review": _("The minutes were sent for review."),
    }
    return _post_action(minutes, form, lambda: services.transition(current_user, minutes, form.to.data),
                        messages.get(form.to.data or "", ""))


@bp.post(PREFIX + "/comments")
def comment(meeting_id: int):
    minutes = load_minutes(meeting_id)
    if not (policy.can("minutes.review", minutes) or policy.can("minutes.write", minutes.meeting)):
        abort(403)
    form = CommentForm()
    return _post_action(minutes, form, lambda: services.add_comment(current_user, minutes, form.body.data or ""),
                        _("Your comment was added."))


@bp.post(PREFIX + "/approve")
def approve(meeting_id: int):
    minutes = load_minutes(meeting_id, "minutes.review")
    form = ApproveForm()
    return _post_action(minutes, form, lambda: services.approve(current_user, minutes, form.version.data),
                        _("You approved version %(number)s.", number=form.version.data))


@bp.post("/action-items/<int:item_id>/status")
def action_status(item_id: int):
    item = db.session.get(ActionItem, item_id)
    if item is None:
        abort(404)
    if not policy.can("minutes.close_action", item):
        if not current_user.is_authenticated:
            abort(login_manager.unauthorized())
        abort(404 if not policy.can("minutes.view", item.minutes) else 403)
    form = ActionStatusForm()
    if form.validate_on_submit():
        services.set_action_status(current_user, item, form.status.data)
        flash(_("The action item was updated."), "success")
    target = request.form.get("next")
    return redirect(safe_next_url(target) or url_for("minutes.my_actions"))


@bp.route("/my/action-items")
@login_required
def my_actions():
    policy.authorize("minutes.my_actions")
    items = services.action_items_of(current_user.person_id)
    return render_template("minutes/my_actions.html", items=items, form=ActionStatusForm(),
                           has_person=current_user.person_id is not None)


@bp.app_context_processor
def labels():
    from meetapp.minutes.models import ACTION_STATUS_LABELS, MINUTES_STATUS_LABELS

    return {"minutes_status_label": MINUTES_STATUS_LABELS.get, "action_status_label": ACTION_STATUS_LABELS.get}
