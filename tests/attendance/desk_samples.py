"""Sample data for the check-in desk, ticket and join-link tests: a hybrid meeting under way (a morning session
running now, an afternoon session later), a main venue and two branch venues, invitees in person, by video, one
who sent a delegate, one removed from the list, check-in staff, and a second meeting with its own invitee."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from meetapp.database import utcnow
from meetapp.extensions import db
from meetapp.meetings.models import MeetingFormat, MeetingSession, VideoPlatform, Visibility
from meetapp.participants.models import AttendanceMode, MeetingRole, RsvpStatus
from tests.factories import MeetingFactory, ParticipantFactory, PersonFactory, UnitFactory, UserFactory, VenueFactory


def running_meeting(organizers=(), now=None, **overrides):
    """A hybrid meeting that started an hour ago: "Morning" runs now, "Afternoon" starts in two hours."""
    now = (now or utcnow()).replace(microsecond=0)
    start = now - timedelta(hours=1)
    values = {
        "title": "2026 Annual S&T Innovation Work Meeting",
        "starts_at": start,
        "ends_at": now + timedelta(hours=4),
        "format": MeetingFormat.HYBRID,
        "visibility": Visibility.PARTICIPANTS,
        "video_platform": VideoPlatform.TENCENT,
        "video_url": "https://meeting.tencent.com/dm/example",
        "video_meeting_code": "123 456 789",
        "video_passcode": "2026",
        "organizers": list(organizers),
        "venue": VenueFactory(name="Minmetals Plaza, Hall A", name_zh="五矿大厦A厅"),
        "sessions": [
            MeetingSession(title="Morning", starts_at=start, ends_at=now + timedelta(hours=1)),
            MeetingSession(title="Afternoon", starts_at=now + timedelta(hours=2), ends_at=now + timedelta(hours=4)),
        ],
    }
    values.update(overrides)
    meeting = MeetingFactory(**values)
    if "branch_venues" not in overrides:
        meeting.branch_venues = [VenueFactory(name="Hunan Office Video Room"), VenueFactory(name="Jiangxi Room")]
        db.session.commit()
    return meeting


def desk_world(users):
    """The sample meeting (organized by the ``organizer`` account) and its people, as a namespace."""
    meeting = running_meeting(organizers=[users["organizer"]])
    hq = UnitFactory(name="Group Headquarters", name_zh="集团总部")
    institute = UnitFactory(name="Changsha Research Institute of Mining", name_zh="长沙矿冶研究院")
    chen = ParticipantFactory(
        meeting=meeting, roles=[MeetingRole.CHAIR], seat="A1", rsvp_status=RsvpStatus.ACCEPTED,
        person=PersonFactory(name="Chen Jun", name_zh="陈军", title="Chairman", title_zh="董事长", unit=hq),
    )
    wang = ParticipantFactory(
        meeting=meeting, roles=[MeetingRole.SPEAKER], mode=AttendanceMode.VIDEO, rsvp_status=RsvpStatus.ACCEPTED,
        person=PersonFactory(name="Wang Li", name_zh="王丽", title="Chief Scientist", unit=institute),
    )
    zhou = PersonFactory(name="Zhou Qiang", name_zh="周强", title="Chief Engineer", unit=institute)
    liu = ParticipantFactory(
        meeting=meeting, roles=[MeetingRole.COMMITTEE_MEMBER], rsvp_status=RsvpStatus.DELEGATED, delegate=zhou,
        person=PersonFactory(name="Liu Yang", name_zh="刘洋", title="Director", unit=institute),
    )
    removed = ParticipantFactory(
        meeting=meeting, cancelled_at=utcnow() - timedelta(days=2),
        person=PersonFactory(name="Sun Hao", name_zh="孙浩", unit=hq),
    )
    staff = UserFactory(name="Desk Staff", email="desk@example.com")
    meeting.checkin_staff.append(staff)
    other_meeting = MeetingFactory(title="Board meeting", visibility=Visibility.INTERNAL)
    stranger = ParticipantFactory(meeting=other_meeting, person=PersonFactory(name="Li Na", name_zh="李娜"))
    db.session.commit()
    return SimpleNamespace(
        meeting=meeting, morning=meeting.sessions[0], afternoon=meeting.sessions[1],
        branch=meeting.branch_venues[0], chen=chen, wang=wang, liu=liu, zhou=zhou, removed=removed, staff=staff,
        other_meeting=other_meeting, stranger=stranger, hq=hq, institute=institute,
    )
