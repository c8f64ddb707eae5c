"""Route × role rows of the participants area: the list and its actions are for the meeting's managers (the
organizer account organizes the sample meeting; admins manage every meeting); the RSVP pages answer to anyone
holding the personal link."""

from types import SimpleNamespace

from tests.factories import ParticipantFactory
from tests.participants.samples import future_meeting
from tests.route_matrix import everyone, only

MANAGERS = ("organizer", "admin")

ROUTES = {
    ("GET", "participants.index"): only(MANAGERS, 200),
    # An empty bulk edit: nobody selected, shown again with a message.
    ("POST", "participants.index"): only(MANAGERS, 200),
    ("GET", "participants.add"): only(MANAGERS, 200),
    ("POST", "participants.add"): only(MANAGERS, 200),  # no "add" button pressed: the page again
    ("POST", "participants.remove"): only(MANAGERS, 302),  # nobody selected: back to the list with a message
    ("POST", "participants.send_invitations"): only(MANAGERS, 302),
    # The token in the URL is the credential, signed in or not.
    ("GET", "rsvp.show"): everyone(200),
    ("POST", "rsvp.accept"): everyone(200),  # no mode chosen: the page again with the error
    ("POST", "rsvp.decline"): everyone(200),
    ("POST", "rsvp.delegate"): everyone(200),
}


def populate(world) -> None:
    meeting = future_meeting(organizers=[world.users["organizer"]])
    world.participants = SimpleNamespace(meeting=meeting, participant=ParticipantFactory(meeting=meeting))


def url_values(world) -> dict[str, dict]:
    meeting = {"meeting_id": world.participants.meeting.id}
    token = {"token": world.participants.participant.rsvp_token}
    return {
        **dict.fromkeys(
            ("participants.index", "participants.add", "participants.remove", "participants.send_invitations"),
            meeting,
        ),
        **dict.fromkeys(("rsvp.show", "rsvp.accept", "rsvp.decline", "rsvp.delegate"), token),
    }
