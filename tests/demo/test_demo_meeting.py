"""The demo meetings: the 2026 annual S&T innovation work meeting of the seed report, as an organizer would have set
it up (two sessions, hybrid, branch venues, the programme, 200+ invitees who answered), and the committee's next
plenary; reloading leaves them as they are; their pages open for the demo organizer."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from meetapp.agenda.models import AgendaItem, AgendaPresenter
from meetapp.demo.loader import load_demo
from meetapp.demo.organisation import DEMO_PASSWORD
from meetapp.directory.models import group_members
from meetapp.extensions import db
from meetapp.mail.models import OutboxMessage
from meetapp.meetings.models import Meeting, MeetingSeries, MeetingSession, Venue
from meetapp.participants.models import AttendanceMode, MeetingRole, Participant, ParticipantRole, RsvpStatus
from meetapp.timefmt import to_local_naive

WORK_MEETING_UID = "demo-2026-st-work-meeting@meetapp"
PLENARY_UID = "demo-2026-st-committee-plenary-2@meetapp"
ORGANIZER = "li.na@minmetals.example.com"

SEED_PROGRAMME = [
    ("2026 Annual S&T Innovation Work Meeting", "Zhu Kebing", [
        ("opening", [("Zhu Kebing", "presenter")]),
        ("announcement", [("Wang Jiezhi", "announcer")]),
        ("award_presentation", [("Chen Dexin", "presenter"), ("Zhu Kebing", "presenter")]),
        ("report", [("Wang Xingquan", "reporter")]),
        ("statement_signing", [("Zhu Kebing", "presenter")]),
        ("speech", [("Chen Dexin", "speaker")]),
        ("closing", [("Zhu Kebing", "presenter")]),
    ]),
    ("First Plenary Meeting of the S&T Committee for 2026", "Wang Xingquan", [
        ("opening", [("Wang Xingquan", "presenter")]),
        ("briefing", "the chairs of the three specialised committees"),
        ("discussion", []),
        ("resolution", [("Wang Xingquan", "presenter")]),
    ]),
]


def demo_meeting(uid: str) -> Meeting:
    return db.session.scalars(
        sa.select(Meeting)
        .where(Meeting.ical_uid == uid)
        .options(
            selectinload(Meeting.sessions)
            .selectinload(MeetingSession.agenda_items)
            .selectinload(AgendaItem.presenters)
            .selectinload(AgendaPresenter.person),
            selectinload(Meeting.participants).selectinload(Participant.role_rows),
            selectinload(Meeting.participants).selectinload(Participant.person),
            selectinload(Meeting.participants).selectinload(Participant.delegate),
            selectinload(Meeting.branch_venues),
        )
    ).one()


def with_role(meeting: Meeting, role: MeetingRole) -> set[str]:
    return {p.person.name for p in meeting.participants if role in p.roles}


@pytest.fixture
def demo(app):
    load_demo()
    db.session.expire_all()
    return demo_meeting(WORK_MEETING_UID)


def test_the_seed_meeting_is_hybrid_with_a_hall_a_video_link_and_branch_venues(demo):
    assert demo.title == "2026 Annual S&T Innovation Work Meeting and First Plenary Meeting of the S&T Committee"
    assert (demo.format, demo.status, demo.visibility, demo.kind) == ("hybrid", "ended", "internal", "work_meeting")
    assert demo.timezone == "Asia/Shanghai"
    assert to_local_naive(demo.starts_at, demo).date() == date(2026, 2, 26)
    assert demo.series.name == "Annual S&T Innovation Work Meeting"
    assert {user.email for user in demo.organizers} >= {ORGANIZER}

    assert demo.venue.capacity >= 200 and demo.venue.unit is not None
    assert demo.video_platform == "tencent" and demo.video_meeting_code and demo.video_passcode
    assert demo.video_url.startswith("https://") and ".example/" in demo.video_url  # a reserved domain
    assert len(demo.branch_venues) >= 3
    assert all(venue.has_video and venue.capacity and venue != demo.venue for venue in demo.branch_venues)


def test_two_sessions_the_same_day_with_the_programme_the_seed_names(demo):
    assert [(s.title, s.presider.name) for s in demo.sessions] == [(t, p) for t, p, _ in SEED_PROGRAMME]
    for session, (_, _, expected) in zip(demo.sessions, SEED_PROGRAMME, strict=True):
        assert to_local_naive(session.starts_at, demo).date() == date(2026, 2, 26)
        assert demo.starts_at <= session.starts_at < session.ends_at <= demo.ends_at
        items = session.agenda_items
        assert [item.position for item in items] == list(range(len(items)))
        assert [item.type.value for item in items] == [item_type for item_type, _ in expected]
        for item, (_, presenters) in zip(items, expected, strict=True):
            if isinstance(presenters, list):
                assert [(p.person.name, p.role.value) for p in item.presenters] == presenters, item.title
        # Realistic durations that fit the session.
        assert all(1 <= item.duration_minutes <= 60 for item in items)
        assert sum(item.duration_minutes for item in items) * 60 <= session.duration.total_seconds()
    first, second = demo.sessions
    assert first.ends_at <= second.starts_at
    titles = [item.title for item in first.agenda_items]
    assert "2025" in titles[1] and "S&T Award" in titles[1]
    assert "2026 Responsibility Statements for Key S&T Innovation Tasks" in titles[4]
    briefing = second.agenda_items[1]
    assert "work plans" in briefing.title
    assert len(briefing.presenters) == 3  # one chair per specialised committee
    assert second.quorum_required


def test_over_200_invitees_in_the_roles_of_the_seed(demo):
    people = demo.participants
    assert len(people) >= 200
    assert with_role(demo, MeetingRole.CHAIR) == {"Chen Dexin"}
    assert "Chen Dexin" in with_role(demo, MeetingRole.SPEAKER)
    assert "Zhu Kebing" in with_role(demo, MeetingRole.PRESIDER)
    assert with_role(demo, MeetingRole.ANNOUNCER) == {"Wang Jiezhi"}
    assert with_role(demo, MeetingRole.REPORTER) == {"Wang Xingquan"}
    assert {"Chen Dexin", "Zhu Kebing", "Wang Jiezhi", "Wang Xingquan"} <= with_role(demo, MeetingRole.LEADERSHIP)
    assert len(with_role(demo, MeetingRole.LEADERSHIP)) >= 8
    assert len(with_role(demo, MeetingRole.COMMITTEE_MEMBER)) >= 25
    assert len(with_role(demo, MeetingRole.AWARD_RECIPIENT)) >= 5
    assert len(with_role(demo, MeetingRole.SIGNATORY)) >= 5
    assert with_role(demo, MeetingRole.OBSERVER)  # the discipline inspection staff
    assert "Li Na" in with_role(demo, MeetingRole.ORGANIZER)
    titles = {p.person.title for p in people}
    for title in ("Chief Scientist", "Chief Technical Expert", "Director General", "General Manager", "President"):
        assert title in titles, title
    assert "External Director" not in titles  # the seed does not list the board
    assert all(p.roles for p in people)


def test_where_they_attend_and_how_they_answered(demo):
    people = demo.participants
    modes = {mode: [p for p in people if p.mode == mode] for mode in AttendanceMode}
    assert len(modes[AttendanceMode.IN_PERSON]) > len(people) / 3
    assert modes[AttendanceMode.BRANCH] and modes[AttendanceMode.VIDEO]
    assert {p.branch_venue for p in modes[AttendanceMode.BRANCH]} <= set(demo.branch_venues)
    assert len({p.branch_venue for p in modes[AttendanceMode.BRANCH]}) >= 3
    in_person = [p for p in modes[AttendanceMode.IN_PERSON] if p.rsvp_status == RsvpStatus.ACCEPTED]
    assert len(in_person) <= demo.venue.capacity
    programme = {MeetingRole.CHAIR, MeetingRole.PRESIDER, MeetingRole.SIGNATORY, MeetingRole.AWARD_RECIPIENT}
    on_stage = [p for p in people if p.roles & programme]
    assert all(p.mode == AttendanceMode.IN_PERSON and p.rsvp_status == RsvpStatus.ACCEPTED for p in on_stage)

    answers = {status: [p for p in people if p.rsvp_status == status] for status in RsvpStatus}
    assert len(answers[RsvpStatus.ACCEPTED]) > 0.8 * len(people)
    assert len(answers[RsvpStatus.DECLINED]) >= 3
    assert all(p.decline_reason for p in answers[RsvpStatus.DECLINED])
    assert len(answers[RsvpStatus.DELEGATED]) >= 2
    listed = {p.person_id for p in people}
    assert all(p.delegate and p.delegate.id not in listed for p in answers[RsvpStatus.DELEGATED])
    assert answers[RsvpStatus.PENDING]
    answered = [p for p in people if p.rsvp_status != RsvpStatus.PENDING]
    assert all(p.invited_at < p.rsvp_at < demo.starts_at for p in answered)

    # Everyone was invited at the meeting's sequence, and nobody gets hundreds of demo mails.
    assert all(p.invited_sequence == demo.ical_sequence and p.invited_at for p in people)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 0


@pytest.mark.parametrize("uid", [WORK_MEETING_UID, PLENARY_UID])
def test_presiders_and_presenters_are_invited_in_person_and_accepted(demo, uid):
    meeting = demo_meeting(uid)
    on_stage = {s.presider_id for s in meeting.sessions} | {
        p.person_id for s in meeting.sessions for item in s.agenda_items for p in item.presenters
    }
    listed = {p.person_id: p for p in meeting.participants}
    assert on_stage <= set(listed)
    assert all(listed[pid].rsvp_status == RsvpStatus.ACCEPTED for pid in on_stage)
    assert all(listed[pid].mode == AttendanceMode.IN_PERSON for pid in on_stage)


def test_the_committee_meets_again_later_in_2026(demo):
    plenary = demo_meeting(PLENARY_UID)
    assert plenary.status == "scheduled" and plenary.format == "hybrid" and plenary.kind == "committee_plenary"
    assert plenary.series.name == "S&T Committee plenaries"
    assert demo.ends_at < plenary.starts_at and plenary.starts_at.year == 2026
    assert plenary.venue and plenary.video_url and len(plenary.branch_venues) >= 3
    [session] = plenary.sessions
    assert session.presider.name == "Wang Xingquan"
    assert [item.type.value for item in session.agenda_items][-2:] == ["resolution", "closing"]
    assert len(with_role(plenary, MeetingRole.COMMITTEE_MEMBER)) >= 25
    statuses = {p.rsvp_status for p in plenary.participants}
    assert {RsvpStatus.ACCEPTED, RsvpStatus.PENDING} <= statuses  # still answering


def counts() -> dict[str, int]:
    models = {
        "meetings": Meeting, "sessions": MeetingSession, "items": AgendaItem, "presenters": AgendaPresenter,
        "participants": Participant, "roles": ParticipantRole, "venues": Venue, "series": MeetingSeries,
        "outbox": OutboxMessage,
    }
    found = {name: db.session.scalar(sa.select(sa.func.count()).select_from(m)) for name, m in models.items()}
    found["memberships"] = db.session.scalar(sa.select(sa.func.count()).select_from(group_members))
    return found


def answers() -> list[tuple]:
    return sorted(db.session.execute(
        sa.select(Participant.meeting_id, Participant.person_id, Participant.rsvp_status, Participant.mode,
                  Participant.rsvp_token)
    ))


def test_loading_again_changes_nothing_and_keeps_what_the_organizers_changed(demo):
    before, before_answers = counts(), answers()
    demo.title = "2026 S&T Work Meeting (renamed by the organizer)"
    db.session.commit()

    second = load_demo()

    assert counts() == before
    assert answers() == before_answers
    assert second.total["meetings"] == 2 and second.created["meetings"] == 0
    assert all(second.updated(kind) == 0 for kind in ("venues", "series", "meetings"))
    db.session.expire_all()
    assert demo_meeting(WORK_MEETING_UID).title == "2026 S&T Work Meeting (renamed by the organizer)"


@pytest.mark.parametrize("uid", [WORK_MEETING_UID, PLENARY_UID])
def test_the_pages_open_for_the_demo_organizer(client, auth, demo, uid):
    meeting = demo_meeting(uid)
    assert auth.login(ORGANIZER, DEMO_PASSWORD).status_code == 302
    overview = client.get(f"/meetings/{meeting.id}")
    assert overview.status_code == 200
    assert "Wang Xingquan" in overview.text and "Tencent Meeting" in overview.text
    agenda = client.get(f"/meetings/{meeting.id}/agenda/")
    assert agenda.status_code == 200 and "Resolution / vote" in agenda.text
    participants = client.get(f"/meetings/{meeting.id}/participants/")
    assert participants.status_code == 200
    assert f'data-testid="count-total">{len(meeting.participants)}<' in participants.text
