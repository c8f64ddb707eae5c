"""Route × role rows of the jobs area. A job is its owner's (the organizer account started both sample jobs on a
meeting it organizes) and admins'; everyone else gets 404, as if it did not exist. Exports start for those who
may do them on the meeting: the badge sheet is its managers'."""

from __future__ import annotations

from types import SimpleNamespace

from tests.route_matrix import only

OWNER_AND_ADMINS = {"anonymous": 302, "member": 404, "organizer": 200, "secretary": 404, "admin": 200}

ROUTES = {
    ("GET", "jobs.show"): OWNER_AND_ADMINS,
    ("GET", "jobs.status"): OWNER_AND_ADMINS,
    ("GET", "jobs.download"): OWNER_AND_ADMINS,
    # The failed job runs again for its owner; afterwards the admin's retry is refused with a message: both land
    # on the job's page.
    ("POST", "jobs.retry"): {**OWNER_AND_ADMINS, "organizer": 302, "admin": 302},
    ("GET", "jobs.export"): only(("organizer", "admin"), 200),
    ("POST", "jobs.export"): only(("organizer", "admin"), 302),  # without the form's key: back to its page
}


def populate(world) -> None:
    from meetapp.jobs.models import JobStatus
    from tests.jobs.samples import export_job
    from tests.participants.samples import future_meeting

    organizer = world.users["organizer"]
    meeting = future_meeting(organizers=[organizer])
    world.jobs = SimpleNamespace(
        meeting=meeting,
        done=export_job(organizer, meeting),
        failed=export_job(organizer, meeting, status=JobStatus.FAILED),
    )


def url_values(world) -> dict[str, dict]:
    done = {"job_id": world.jobs.done.id}
    return {
        "jobs.show": done,
        "jobs.status": done,
        "jobs.download": done,
        "jobs.retry": {"job_id": world.jobs.failed.id},
        "jobs.export": {"meeting_id": world.jobs.meeting.id, "name": "badges"},
    }
