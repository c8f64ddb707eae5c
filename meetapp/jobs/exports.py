"""Exports as jobs: the attendance report (PDF, XLSX) and the badge sheet of a big meeting are made by a worker,
with progress, and downloaded from the job's page. Small meetings keep the direct download (it is quicker than a
page that waits): ``runs_as_job`` decides, by the number of people on the list (``JOB_EXPORT_MIN_PARTICIPANTS``).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from meetapp.attendance import tickets
from meetapp.attendance.reports import pdf, spreadsheets
from meetapp.attendance.reports.data import meeting_report
from meetapp.extensions import db
from meetapp.jobs import services
from meetapp.jobs.models import JOB_KIND_ACTIONS, Job, JobKind
from meetapp.meetings.models import Meeting, MeetingSession
from meetapp.participants.models import Participant

DEFAULT_MIN_PARTICIPANTS = 300
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

STAGE_LABELS = {
    "gathering": _l("Gathering the attendance records…"),
    "rendering": _l("Laying out the file…"),
    "storing": _l("Saving the file…"),
}


@dataclass(frozen=True)
class Export:
    kind: JobKind
    per_session: bool  # can be limited to one session

    @property
    def action(self) -> str:
        """The policy action on the meeting that this export needs (also to download its file)."""
        return JOB_KIND_ACTIONS[self.kind]


# The name in the URL → the export.
EXPORTS = {
    "attendance-pdf": Export(JobKind.ATTENDANCE_PDF, True),
    "attendance-xlsx": Export(JobKind.ATTENDANCE_XLSX, True),
    "badges": Export(JobKind.BADGE_SHEET, False),
}


def runs_as_job(meeting: Meeting) -> bool:
    """Whether the meeting's exports are big enough to be made by a worker (one counting query)."""
    minimum = current_app.config.get("JOB_EXPORT_MIN_PARTICIPANTS", DEFAULT_MIN_PARTICIPANTS)
    if minimum <= 0:
        return True
    listed = db.session.scalar(
        sa.select(sa.func.count()).select_from(Participant)
        .where(Participant.meeting_id == meeting.id, Participant.cancelled_at.is_(None))
    )
    return listed >= minimum


def start(actor, meeting: Meeting, name: str, *, session: MeetingSession | None, locale: str, key: str) -> Job:
    """Submit the export ``name`` (a key of ``EXPORTS``) of ``meeting``, in ``locale``; the same ``key`` (a form's
    idempotency key) answers the job it started before."""
    export = EXPORTS[name]
    params = {"meeting_id": meeting.id, "session_id": session.id if session is not None else None, "locale": locale}
    return services.submit(actor, export.kind, params, meeting=meeting, key=f"export:{actor.id}:{key}")


def _meeting_and_session(job: Job) -> tuple[Meeting, MeetingSession | None]:
    meeting = db.session.get(Meeting, job.params["meeting_id"])
    session_id = job.params.get("session_id")
    session = db.session.get(MeetingSession, session_id) if session_id is not None else None
    if meeting is None or (session is not None and session.meeting_id != meeting.id):
        raise LookupError("the meeting or session of this export is gone")
    return meeting, session


def _file_name(meeting: Meeting, name: str, extension: str) -> str:
    return f"{name}-meeting-{meeting.id}-{meeting.local(meeting.starts_at):%Y%m%d}.{extension}"


def _report(job: Job, progress: services.Progress, render, name: str, extension: str, content_type: str) -> dict:
    meeting, session = _meeting_and_session(job)
    locale = job.params.get("locale") or "en"
    progress(10, "gathering")
    data = meeting_report(meeting, locale, session=session)
    progress(40, "rendering")
    content = render(data, locale)
    progress(90, "storing")
    return services.store_file(content, filename=_file_name(meeting, name, extension), content_type=content_type)


@services.work(JobKind.ATTENDANCE_PDF)
def attendance_pdf(job: Job, progress: services.Progress) -> dict:
    return _report(job, progress, pdf.report_pdf, "attendance", "pdf", "application/pdf")


@services.work(JobKind.ATTENDANCE_XLSX)
def attendance_xlsx(job: Job, progress: services.Progress) -> dict:
    return _report(job, progress, spreadsheets.report_xlsx, "attendance", "xlsx", XLSX_TYPE)


@services.work(JobKind.BADGE_SHEET)
def badge_sheet(job: Job, progress: services.Progress) -> dict:
    meeting, _session = _meeting_and_session(job)
    progress(10, "gathering")
    badges = tickets.badges_of(meeting)
    progress(40, "rendering")
    content = tickets.badge_sheet_pdf(meeting, badges)
    progress(90, "storing")
    return services.store_file(content, filename=f"badges-meeting-{meeting.id}.pdf", content_type="application/pdf")
