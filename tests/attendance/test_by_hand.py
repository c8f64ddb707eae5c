"""Attendance entered by hand from the paper sign-in sheet: the sheet's rows in its order and numbering, ticking
who signed records them as present with source "manual" (on time, or late with an arrival time; in the room, at a
branch venue or by video), all or nothing, and the page's queries stay constant as the list grows."""

from __future__ import annotations

import re
from datetime import time

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from meetapp.attendance import by_hand, checkins
from meetapp.attendance.desk import DeskLocation
from meetapp.attendance.models import CheckIn, CheckInSource
from meetapp.attendance.reports.data import meeting_report
from meetapp.audit.models import AuditEntry
from meetapp.extensions import db
from meetapp.participants.models import AttendanceMode
from tests.attendance.board_samples import beijing, bulk_attendees, committee_meeting
from tests.factories import UserFactory
from tests.participants.samples import future_meeting


@pytest.fixture
def committee(app, users):
    """The board's committee meeting (26 Feb 2026): the morning checked in, nobody yet in the afternoon."""
    return committee_meeting(users["organizer"])


def page_url(committee, session=None):
    session = session or committee.afternoon
    return f"/meetings/{committee.meeting.id}/attendance/by-hand?session_id={session.id}"


def afternoon_records(committee):
    return {record.participant.person.name: record for record in db.session.scalars(
        sa.select(CheckIn).where(CheckIn.session_id == committee.afternoon.id, CheckIn.undone_at.is_(None)))}


def ids(committee, *keys):
    return [committee.people[key].id for key in keys]


def status_of(committee, name, session_index=1):
    report = meeting_report(committee.meeting, "en")
    row = next(row for row in report.sessions[session_index].rows if row.person.name == name)
    return row.status_text()


def test_the_page_lists_the_sheet_in_its_order_and_numbers(client, auth, users, committee):
    auth.login_as(users["secretary"])
    page = client.get(page_url(committee, committee.morning)).get_data(as_text=True)
    # The printed sheet's order: by unit (Group HQ, Hunan Office, Materials Lab, Technology Dept, none), then name.
    names = re.findall(r'<td class="text-end">(\d+)</td>\s*<td>(?:<label for="tick-\d+">)?([^<\n]+)', page)
    assert names == [("1", "Chen Jun"), ("2", "Li Na"), ("3", "Zhou Qiang"), ("4", "Liu Yang"), ("5", "Zhao Min"),
                     ("6", "Wang Li"), ("7", "Sun Hao")]
    # Those checked in at the desk show how, and have no box to tick; the others do.
    assert f'id="tick-{committee.people["zhao"].id}"' in page
    assert f'id="tick-{committee.people["chen"].id}"' not in page
    assert "Check-in desk · Organizer" in page and "Own join link" in page
    assert "Represented by Qian Delegate" in page and "Hunan branch room" in page
    assert "Ma Gone" not in page  # removed from the list


def test_ticking_who_signed_records_them_present_by_hand(client, auth, users, committee):
    auth.login_as(users["secretary"])
    response = client.post(page_url(committee), data={"where": "in_person", "arrived": "",
                                                      "participant_ids": ids(committee, "liu", "chen")})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2 people recorded as present at Work session." in page
    records = afternoon_records(committee)
    assert set(records) == {"Liu Yang", "Chen Jun"}
    for record in records.values():
        assert record.source == CheckInSource.MANUAL
        assert record.mode == AttendanceMode.IN_PERSON
        assert record.venue_id == committee.meeting.venue_id
        assert record.checked_in_at == committee.afternoon.starts_at  # on time
        assert record.recorded_by_id == users["secretary"].id
    assert status_of(committee, "Liu Yang") == "Present"
    logged = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "checkin.create",
                                                            AuditEntry.object_id.in_([r.id for r in records.values()])))
    logged = list(logged)
    assert all(entry.changes["source"] == [None, "manual"] for entry in logged)
    assert sorted(entry.object_label for entry in logged) == ["Chen Jun", "Liu Yang"]
    assert all(entry.actor_id == users["secretary"].id for entry in logged)
    # The page now shows them as entered by hand, without a box.
    assert "Entered by hand · Secretary" in page
    assert f'id="tick-{committee.people["liu"].id}"' not in page


def test_an_arrival_time_makes_them_late_and_a_branch_venue_or_video_is_recorded(client, auth, users, committee):
    auth.login_as(users["organizer"])
    hunan = committee.meeting.branch_venues[0]
    client.post(page_url(committee), data={"where": f"branch-{hunan.id}", "arrived": "14:40",
                                           "participant_ids": ids(committee, "li")})
    client.post(page_url(committee), data={"where": "video", "participant_ids": ids(committee, "wang")})
    records = afternoon_records(committee)
    li, wang = records["Li Na"], records["Wang Li"]
    assert (li.mode, li.venue_id, li.checked_in_at) == (AttendanceMode.BRANCH, hunan.id, beijing(14, 40))
    assert (wang.mode, wang.venue_id) == (AttendanceMode.VIDEO, None)
    assert status_of(committee, "Li Na") == "Present (late)"
    assert status_of(committee, "Wang Li") == "Present"


def test_a_refused_entry_records_nobody_and_keeps_what_was_ticked_and_typed(client, auth, users, committee):
    auth.login_as(users["secretary"])
    # Ma was removed from the list after the sheet was printed: nothing is recorded, not even Liu.
    response = client.post(page_url(committee), data={"where": "video", "arrived": "14:20",
                                                      "participant_ids": ids(committee, "liu", "ma")})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "not on this meeting&#39;s list any more. Nothing was recorded" in page
    assert afternoon_records(committee) == {}
    assert re.search(rf'id="tick-{committee.people["liu"].id}" checked', page)
    assert not re.search(rf'id="tick-{committee.people["zhao"].id}" checked', page)
    assert 'value="14:20"' in page and re.search(r'<option selected value="video">|<option value="video" selected',
                                                 page)

    # After the session's end, an arrival time is refused.
    page = client.post(page_url(committee), data={"where": "in_person", "arrived": "17:05",
                                                  "participant_ids": ids(committee, "liu")}).get_data(as_text=True)
    assert "The arrival time must be before the session&#39;s end" in page
    # Nobody ticked.
    page = client.post(page_url(committee), data={"where": "in_person"}).get_data(as_text=True)
    assert "Tick the people who signed the sheet." in page
    assert afternoon_records(committee) == {}


def test_people_checked_in_meanwhile_keep_their_record(client, auth, users, committee):
    """A page opened before the desk checked Zhao in still has his box: ticking it keeps the desk's record."""
    auth.login_as(users["secretary"])
    page = client.get(page_url(committee, committee.morning)).get_data(as_text=True)
    assert f'id="tick-{committee.people["zhao"].id}"' in page
    desk_record = checkins.check_in(users["organizer"], committee.meeting, committee.morning,
                                    participant=committee.people["zhao"], at=beijing(9, 1)).check_in
    response = client.post(page_url(committee, committee.morning),
                           data={"where": "in_person", "participant_ids": ids(committee, "zhao", "zhou")},
                           follow_redirects=True)
    assert ("1 person recorded as present at Plenary. 1 ticked was checked in already and kept that record."
            in response.get_data(as_text=True))
    kept = db.session.scalars(sa.select(CheckIn).where(
        CheckIn.participant_id == committee.people["zhao"].id, CheckIn.session_id == committee.morning.id)).all()
    assert [(record.id, record.source) for record in kept] == [(desk_record.id, CheckInSource.DESK)]


def test_a_lost_race_at_the_database_records_nobody(app, users, committee, monkeypatch):
    """Should the desk check someone in between the service's read and its write, the unique index refuses the
    write: everyone ticked, including those written before it, is left unrecorded."""
    written = []
    insert = checkins.insert_check_in

    def racing_insert(connection, values, audit_values):
        if written:
            raise IntegrityError("INSERT", {}, Exception("duplicate key value violates unique constraint"))
        written.append(insert(connection, values, audit_values))
        return written[-1]

    monkeypatch.setattr(checkins, "insert_check_in", racing_insert)
    with app.test_request_context(), pytest.raises(by_hand.CheckedInMeanwhile):
        by_hand.record_by_hand(users["secretary"], committee.meeting, committee.afternoon,
                               ids(committee, "liu", "chen"), DeskLocation(AttendanceMode.IN_PERSON))
    assert len(written) == 1
    assert afternoon_records(committee) == {}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)
                             .where(AuditEntry.object_id == written[0], AuditEntry.action == "checkin.create")) == 0


def test_a_session_not_started_is_not_entered_by_hand(client, auth, users):
    meeting = future_meeting(organizers=[users["organizer"]])
    auth.login_as(users["organizer"])
    session = meeting.sessions[0]
    url = f"/meetings/{meeting.id}/attendance/by-hand?session_id={session.id}"
    assert "This session has not started yet" in client.get(url).get_data(as_text=True)
    with pytest.raises(by_hand.NotStarted):
        by_hand.record_by_hand(users["organizer"], meeting, session, [1], DeskLocation(AttendanceMode.IN_PERSON),
                               time(9))


def test_check_in_staff_and_attendees_may_not_enter_by_hand(client, auth, users, app):
    checker = UserFactory()
    committee = committee_meeting(users["organizer"], checkers=[checker])
    auth.login_as(checker)
    assert client.get(page_url(committee)).status_code == 403
    assert client.post(page_url(committee), data={"where": "in_person",
                                                  "participant_ids": ids(committee, "liu")}).status_code == 403
    assert afternoon_records(committee) == {}


def test_the_report_links_to_it_for_those_who_may(client, auth, users, committee):
    auth.login_as(users["secretary"])
    report = client.get(f"/meetings/{committee.meeting.id}/attendance/report?session_id={committee.afternoon.id}")
    assert f'href="{page_url(committee)}"' in report.get_data(as_text=True).replace("&amp;", "&")


def test_the_page_runs_constant_queries_from_20_to_2000_participants(client, auth, users, committee, count_queries):
    auth.login_as(users["secretary"])
    units = list(committee.units.values())

    def measure():
        with count_queries() as counter:
            assert client.get(page_url(committee, committee.morning)).status_code == 200
        return counter.count

    bulk_attendees(committee.meeting, committee.morning, 13, units)
    small = measure()
    bulk_attendees(committee.meeting, committee.morning, 2_000 - 20, units)
    assert measure() == small
