"""A meeting organised by the ``organizer`` user, with a morning and an afternoon session (Beijing time)."""

from datetime import UTC, datetime

import pytest

from meetapp.meetings.models import MeetingSession, Visibility
from tests.factories import MeetingFactory


def beijing(hour: int, minute: int = 0) -> datetime:
    """26 Feb 2026 at hour:minute in Beijing (UTC+8), as aware UTC."""
    return datetime(2026, 2, 26, hour - 8, minute, tzinfo=UTC)


@pytest.fixture
def meeting(users):
    return MeetingFactory(
        title="2026 S&T Innovation Work Meeting",
        organizers=[users["organizer"]],
        visibility=Visibility.INTERNAL,
        starts_at=beijing(9),
        ends_at=beijing(17),
        sessions=[
            MeetingSession(title="Work meeting", starts_at=beijing(9), ends_at=beijing(10, 30)),
            MeetingSession(title="S&T Committee plenary", starts_at=beijing(14), ends_at=beijing(17)),
        ],
    )


@pytest.fixture
def morning(meeting):
    return meeting.sessions[0]


@pytest.fixture
def afternoon(meeting):
    return meeting.sessions[1]


@pytest.fixture
def other_meeting(users):
    """A meeting the same organizer also runs: its ids must not work through ``meeting``'s URLs."""
    return MeetingFactory(title="Other meeting", organizers=[users["organizer"]])
