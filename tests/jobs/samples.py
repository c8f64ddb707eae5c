"""Sample data for the jobs tests: a meeting big enough that its exports run as jobs, and a finished or failed
export job of a given user."""

from __future__ import annotations

from meetapp.database import utcnow
from meetapp.extensions import db
from meetapp.jobs import services
from meetapp.jobs.models import Job, JobKind, JobStatus
from tests.participants.samples import bulk_participants, future_meeting


def big_meeting(organizer, people: int = 12):
    """A scheduled meeting run by ``organizer`` with ``people`` on its list (tests set the job threshold below)."""
    meeting = future_meeting(organizers=[organizer])
    bulk_participants(meeting, people)
    return meeting


def export_job(owner, meeting, *, status=JobStatus.SUCCEEDED, kind=JobKind.BADGE_SHEET, content=b"%PDF-1.4 sample",
               **fields) -> Job:
    """An export job of ``owner`` as a worker would have left it (a stored file when it succeeded)."""
    values = {"kind": kind, "status": status, "meeting_id": meeting.id, "created_by_id": owner.id,
              "params": {"meeting_id": meeting.id, "session_id": None, "locale": "en"}}
    if status == JobStatus.SUCCEEDED:
        values |= {"progress": 100, "finished_at": utcnow(),
                   "result": services.store_file(content, filename="badges.pdf", content_type="application/pdf")}
    if status == JobStatus.FAILED:
        values |= {"progress": 40, "finished_at": utcnow(), "error": "The printer ran out of paper."}
    job = Job(**(values | fields))
    db.session.add(job)
    db.session.commit()
    return job
