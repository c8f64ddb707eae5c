"""Route × role rows of the meetings area. The sample meeting is internal, organized by the organizer account."""

from types import SimpleNamespace

from tests.factories import MeetingFactory, MeetingSeriesFactory, VenueFactory
from tests.route_matrix import only, signed_in

MANAGERS = ("organizer", "admin")
FORM = {200, 302}  # an empty POST to an edit form keeps the stored values and may save them

ROUTES = {
    ("GET", "meetings.index"): signed_in(200),
    ("GET", "meetings.create"): only(MANAGERS, 200),
    ("POST", "meetings.create"): only(MANAGERS, 200),
    # An internal meeting: every signed-in user sees it; anonymous users are sent to sign in.
    ("GET", "meetings.detail"): signed_in(200),
    ("GET", "meetings.edit"): only(MANAGERS, 200),
    ("POST", "meetings.edit"): only(MANAGERS, 200),
    ("GET", "meetings.change_status"): only(MANAGERS, 200),
    # The organizer starts the meeting; the admin's repeat is refused and redirected with a message.
    ("POST", "meetings.change_status"): only(MANAGERS, 302),
    ("GET", "meetings.copy"): only(MANAGERS, 200),
    ("POST", "meetings.copy"): only(MANAGERS, 200),
    ("GET", "meetings.add_session"): only(MANAGERS, 200),
    ("POST", "meetings.add_session"): only(MANAGERS, 200),
    ("GET", "meetings.edit_session"): only(MANAGERS, 200),
    ("POST", "meetings.edit_session"): only(MANAGERS, 200),
    ("GET", "meetings.delete_session"): only(MANAGERS, 200),
    # The meeting's only session: deleting it is refused and redirected with a message.
    ("POST", "meetings.delete_session"): only(MANAGERS, 302),
    ("GET", "meetings.venue_list"): only(MANAGERS, 200),
    ("GET", "meetings.create_venue"): only(MANAGERS, 200),
    ("POST", "meetings.create_venue"): only(MANAGERS, 200),
    ("GET", "meetings.edit_venue"): only(MANAGERS, 200),
    ("POST", "meetings.edit_venue"): only(MANAGERS, FORM),
    ("GET", "meetings.series_list"): only(MANAGERS, 200),
    ("GET", "meetings.create_series"): only(MANAGERS, 200),
    ("POST", "meetings.create_series"): only(MANAGERS, 200),
    ("GET", "meetings.edit_series"): only(MANAGERS, 200),
    ("POST", "meetings.edit_series"): only(MANAGERS, FORM),
}


def populate(world) -> None:
    venue = VenueFactory()
    series = MeetingSeriesFactory()
    meeting = MeetingFactory(venue=venue, series=series, organizers=[world.users["organizer"]])
    world.meetings = SimpleNamespace(meeting=meeting, session=meeting.sessions[0], venue=venue, series=series)


def url_values(world) -> dict[str, dict]:
    sample = world.meetings
    meeting = {"meeting_id": sample.meeting.id}
    session = {**meeting, "session_id": sample.session.id}
    return {
        "meetings.detail": meeting,
        "meetings.edit": meeting,
        "meetings.change_status": {**meeting, "status": "in_progress"},
        "meetings.copy": meeting,
        "meetings.add_session": meeting,
        "meetings.edit_session": session,
        "meetings.delete_session": session,
        "meetings.edit_venue": {"venue_id": sample.venue.id},
        "meetings.edit_series": {"series_id": sample.series.id},
    }
