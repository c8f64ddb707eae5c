"""The administrators' audit log and each meeting's History tab."""

from flask import current_app, render_template, request

from meetapp.audit import queries
from meetapp.audit.blueprint import bp
from meetapp.audit.forms import AuditFilterForm
from meetapp.audit.labels import action_label, object_type_label
from meetapp.extensions import db
from meetapp.meetings.loading import load_meeting
from meetapp.policy import require


@bp.context_processor
def labels():
    return {"action_label": action_label, "object_type_label": object_type_label}


def _page(query):
    return db.paginate(
        query,
        page=request.args.get("page", 1, type=int),
        per_page=current_app.config.get("AUDIT_PAGE_SIZE", 50),
        error_out=False,
    )


@bp.route("/admin/audit")
@require("audit.view")
def index():
    form = AuditFilterForm(request.args, object_types=queries.object_types())
    filters = queries.AuditFilter(
        person=form.person.data or "",
        object_type=form.object_type.data or "",
        object_id=request.args.get("object_id", type=int),
        action=form.action.data or "",
        meeting_id=request.args.get("meeting_id", type=int),
        date_from=form.date_from.data,
        date_to=form.date_to.data,
    )
    page = _page(queries.find_entries(filters))
    return render_template("audit/index.html", form=form, filters=filters, page=page)


@bp.route("/meetings/<int:meeting_id>/history")
def meeting_history(meeting_id: int):
    meeting = load_meeting(meeting_id, "meeting.view_history")
    page = _page(queries.meeting_history(meeting.id))
    return render_template("audit/meeting_history.html", meeting=meeting, page=page, active_tab="history")
