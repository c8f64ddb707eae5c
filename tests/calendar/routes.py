from meetapp.meetings.models import Visibility
from tests.factories import CalendarFeedFactory, MeetingFactory
from tests.route_matrix import everyone, signed_in

ROUTES = {
    ("GET", "calendar.month"): signed_in(200),
    ("GET", "calendar.week"): signed_in(200),
    ("GET", "calendar.subscription"): signed_in(200),
    ("POST", "calendar.create_subscription"): signed_in(302),
    ("POST", "calendar.reset_subscription"): signed_in(302),
    # The token is the credential: whoever holds it reads the feed, signed in or not.
    ("GET", "calendar.feed"): everyone(200),
    # A participants-only meeting nobody in the matrix organizes or attends: hidden (404) except for those who
    # see every meeting.
    ("GET", "calendar.meeting_ics"): {
        "anonymous": 302, "member": 404, "organizer": 404, "secretary": 200, "admin": 200,
    },
}


def populate(world):
    world.calendar_meeting = MeetingFactory(visibility=Visibility.PARTICIPANTS, title="Closed board meeting")
    # Owned by a user outside the matrix, so the matrix's own resets do not replace this token mid-run.
    world.calendar_feed = CalendarFeedFactory()


def url_values(world):
    return {
        "calendar.meeting_ics": {"meeting_id": world.calendar_meeting.id},
        "calendar.feed": {"token": world.calendar_feed.token},
    }
