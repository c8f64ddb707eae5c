"""Route × role rows of the audit log: the whole log for administrators; a meeting's History tab for its managers
(the organizer account organizes the sample meeting; admins manage every meeting) and secretaries."""

from tests.route_matrix import only

ROUTES = {
    ("GET", "audit.index"): only(("admin",), 200),
    ("GET", "audit.meeting_history"): only(("organizer", "secretary", "admin"), 200),
}


def populate(world) -> None:
    from tests.factories import MeetingFactory

    world.audit_meeting = MeetingFactory(organizers=[world.users["organizer"]])


def url_values(world) -> dict[str, dict]:
    return {"audit.meeting_history": {"meeting_id": world.audit_meeting.id}}
