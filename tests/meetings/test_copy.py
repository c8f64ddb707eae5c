"""Copying last year's meeting to a new date."""

from datetime import date, datetime, time

from meetapp.agenda.models import PresenterRole
from meetapp.extensions import db
from meetapp.meetings.copying import copy_meeting
from meetapp.meetings.models import Meeting, MeetingSession, MeetingStatus
from meetapp.participants.models import AttendanceMode, MeetingRole, RsvpStatus
from meetapp.timefmt import combine_to_utc, to_local_naive
from tests.factories import (
    AgendaItemFactory,
    AgendaPresenterFactory,
    MaterialFactory,
    MeetingFactory,
    ParticipantFactory,
    PersonFactory,
    UserFactory,
    VenueFactory,
)


def local(meeting, moment) -> datetime:
    return to_local_naive(moment, meeting.timezone)


def test_a_copy_is_a_draft_with_sessions_agenda_venues_organizers_and_invitees_on_the_new_date(users):
    organizer = users["organizer"]
    colleague = UserFactory(roles=["organizer"])
    hall, branch = VenueFactory(), VenueFactory(name="Hunan office")
    zhu = PersonFactory(name="Zhu Kebing")
    meeting = MeetingFactory(
        title="2025 Annual S&T Innovation Work Meeting",
        venue=hall,
        branch_venues=[branch],
        organizers=[colleague],
        status=MeetingStatus.ENDED,
        ical_sequence=4,
        sessions=[],
    )
    meeting.sessions = [
        MeetingSession(title="Work meeting", starts_at=meeting.starts_at, ends_at=meeting.ends_at, presider=zhu),
        MeetingSession(
            title="S&T Committee plenary",
            starts_at=combine_to_utc(date(2026, 2, 26), time(14), meeting.timezone),
            ends_at=combine_to_utc(date(2026, 2, 26), time(16), meeting.timezone),
        ),
    ]
    db.session.commit()
    speech = AgendaItemFactory(session=meeting.sessions[0], title="Chairman's speech", position=0)
    AgendaPresenterFactory(item=speech, person=PersonFactory(name="Chen Dexin"), role=PresenterRole.SPEAKER)
    MaterialFactory(item=speech)
    invited = ParticipantFactory(
        meeting=meeting, roles=[MeetingRole.LEADERSHIP, MeetingRole.SPEAKER], rsvp_status=RsvpStatus.ACCEPTED,
        invited_sequence=4, seat="A1",
    )
    at_branch = ParticipantFactory(meeting=meeting, mode=AttendanceMode.BRANCH, branch_venue=branch)
    removed = ParticipantFactory(meeting=meeting)
    removed.cancelled_at = meeting.starts_at
    db.session.commit()

    copy = copy_meeting(organizer, meeting, date(2027, 2, 25))
    db.session.expire_all()
    copy = db.session.get(Meeting, copy.id)

    assert copy.title == "2025 Annual S&T Innovation Work Meeting (copy)"
    assert copy.status == MeetingStatus.DRAFT and copy.ical_sequence == 0
    assert copy.ical_uid != meeting.ical_uid
    assert (copy.venue, copy.branch_venues) == (hall, [branch])
    assert {u.id for u in copy.organizers} == {colleague.id, organizer.id}

    first, second = copy.sessions
    assert local(copy, first.starts_at) == datetime(2027, 2, 25, 9, 0)
    assert local(copy, second.starts_at) == datetime(2027, 2, 25, 14, 0)
    assert local(copy, copy.starts_at) == datetime(2027, 2, 25, 9, 0)
    assert first.presider == zhu
    [item] = first.agenda_items
    assert item.title == "Chairman's speech" and item.materials == []
    assert [(p.person.name, p.role) for p in item.presenters] == [("Chen Dexin", PresenterRole.SPEAKER)]

    people = {p.person_id: p for p in copy.participants}
    assert set(people) == {invited.person_id, at_branch.person_id}
    again = people[invited.person_id]
    assert again.roles == {MeetingRole.LEADERSHIP, MeetingRole.SPEAKER}
    assert again.rsvp_status == RsvpStatus.PENDING and again.invited_sequence is None and again.seat is None
    assert again.rsvp_token != invited.rsvp_token and again.ticket_code != invited.ticket_code
    assert people[at_branch.person_id].branch_venue == branch

    # The original is untouched.
    assert len(db.session.get(Meeting, meeting.id).participants) == 3


def test_a_copy_across_daylight_saving_keeps_the_local_time(users):
    winter_nine = combine_to_utc(date(2026, 3, 27), time(9), "Europe/Berlin")
    meeting = MeetingFactory(
        timezone="Europe/Berlin",
        starts_at=winter_nine,
        ends_at=combine_to_utc(date(2026, 3, 27), time(11), "Europe/Berlin"),
    )

    copy = copy_meeting(users["organizer"], meeting, date(2026, 4, 3))

    assert copy.sessions[0].starts_at.hour == 7  # 09:00 CEST
    assert local(copy, copy.sessions[0].starts_at) == datetime(2026, 4, 3, 9, 0)
    assert local(copy, copy.ends_at) == datetime(2026, 4, 3, 11, 0)
