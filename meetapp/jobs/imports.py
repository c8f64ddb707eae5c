"""Large video-report imports as jobs: after the preview page (where the organizer chose what to do with each
person), the file waiting on disk is read again, matched and applied by a worker, with progress; the job's page
then shows the import summary and links to the imported report.

Idempotent: the import is keyed by the uploader, the session, the file's hash and the choices made, and
``apply_report`` refuses a file already imported for the session, so running the job again records nothing twice.
"""

from __future__ import annotations

import hashlib
import json

from flask import current_app
from flask_babel import lazy_gettext as _l

from meetapp.attendance.video_reports import services as video
from meetapp.auth.models import User
from meetapp.directory import pending_imports
from meetapp.errors import DomainError
from meetapp.extensions import db
from meetapp.jobs import services
from meetapp.jobs.models import Job, JobKind
from meetapp.meetings.models import Meeting, MeetingSession

DEFAULT_MIN_BYTES = 512 * 1024  # a report of several thousand rows

STAGE_LABELS = {
    "reading": _l("Reading the report and matching its people…"),
    "recording": _l("Recording attendance…"),
}


class UploadGone(DomainError):
    message = _l("The uploaded file is no longer there (uploads are kept for a day); upload the report again.")


def runs_as_job(data: bytes) -> bool:
    return len(data) >= current_app.config.get("JOB_VIDEO_IMPORT_MIN_BYTES", DEFAULT_MIN_BYTES)


def start(actor, meeting: Meeting, session: MeetingSession, pending: pending_imports.PendingImport, options: dict,
          decisions: dict[str, str], locale: str) -> Job:
    """Submit the import of the waiting upload ``pending`` with the preview's ``options`` and ``decisions``."""
    choices = json.dumps({"options": options, "decisions": decisions}, sort_keys=True)
    fingerprint = hashlib.sha256(pending.data).hexdigest()
    key = f"video:{actor.id}:{session.id}:{fingerprint[:32]}:{hashlib.sha256(choices.encode()).hexdigest()[:32]}"
    params = {"meeting_id": meeting.id, "session_id": session.id, "token": pending.token, "locale": locale,
              "platform": pending.extra.get("platform") or None, "options": options, "decisions": decisions}
    return services.submit(actor, JobKind.VIDEO_IMPORT, params, meeting=meeting, key=key)


@services.work(JobKind.VIDEO_IMPORT)
def import_report(job: Job, progress: services.Progress) -> dict:
    params = job.params
    actor = db.session.get(User, job.created_by_id) if job.created_by_id is not None else None
    meeting = db.session.get(Meeting, params["meeting_id"])
    session = db.session.get(MeetingSession, params["session_id"])
    if actor is None or meeting is None or session is None or session.meeting_id != meeting.id:
        raise LookupError("the meeting, session or uploader of this import is gone")
    pending = pending_imports.load(params["token"], actor.id)
    if pending is None:
        raise UploadGone()
    progress(10, "reading")
    preview = video.preview_report(meeting, session, pending.filename, pending.data, params.get("platform"),
                                   **params.get("options", {}))
    progress(50, "recording")
    result = video.apply_report(actor, meeting, session, preview, params.get("decisions") or {})
    pending_imports.discard(params["token"])
    return {"report_id": result.report.id, "checked_in": result.checked_in, "updated": result.updated,
            "kept": result.kept, "guests": result.report.guests}
