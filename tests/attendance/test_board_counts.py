"""The board's counts against the hand-worked committee meeting of ``board_samples``."""

from __future__ import annotations

from datetime import timedelta

import pytest

from meetapp.attendance import board
from meetapp.attendance.checkins import check_in, undo_check_in
from meetapp.participants.models import AttendanceMode
from tests.attendance.board_samples import beijing, committee_meeting


@pytest.fixture
def committee(app, users):
    return committee_meeting(users["organizer"])


def as_dict(tallies):
    return {tally.label: (tally.invited, tally.present) for tally in tallies}


def test_totals_count_the_list_without_removed_people(committee):
    totals = board.session_totals(committee.morning)
    assert (totals.invited, totals.present, totals.represented, totals.apologies) == (7, 5, 1, 1)
    assert totals.not_arrived == 1  # Zhao


def test_by_role_counts_each_role_a_person_holds(committee):
    assert as_dict(board.tally_by_role(committee.morning)) == {
        "Chair": (1, 1),
        "Speaker": (1, 1),  # Ma, removed, is not counted
        "Reporter": (1, 0),
        "Signatory": (1, 1),  # his delegate came
        "Committee member": (4, 3),
        "Attendee": (2, 1),
    }


def test_by_unit_groups_under_the_unit_below_the_root(committee):
    assert as_dict(board.tally_by_unit(committee.morning, "en")) == {
        "Technology Dept": (3, 2),  # Wang, Zhao (lab), Liu (lab)
        "Hunan Office": (2, 1),
        "Group HQ": (1, 1),
        "No unit": (1, 1),
    }
    assert board.tally_by_unit(committee.morning, "zh")[0].label == "科技部"


def test_by_mode_compares_the_planned_mode_with_the_check_in(committee):
    assert as_dict(board.tally_by_mode(committee.morning, "en")) == {
        "In person (main venue)": (3, 3),  # Chen, Sun (his delegate), Liu
        "Branch venue: Hunan branch room": (2, 1),  # Zhao planned, Li came
        "Video": (2, 1),  # Wang came; Zhou declined
    }


def test_a_check_in_in_another_mode_counts_where_it_happened(committee, users):
    check_in(users["organizer"], committee.meeting, committee.morning, participant=committee.people["zhao"],
             mode=AttendanceMode.VIDEO)
    modes = as_dict(board.tally_by_mode(committee.morning, "en"))
    assert modes["Video"] == (2, 2)
    assert modes["Branch venue: Hunan branch room"] == (2, 1)


def test_key_people_absent_lists_the_presider_off_the_list_and_the_missing_reporter(committee):
    absent = board.key_people_absent(committee.morning, "en")
    assert [(key.person.name, key.roles, key.note("en")) for key in absent] == [
        ("He Presider", ["Presides this session"], "Not on the participant list"),
        ("Zhao Min", ["Reporter"], "No answer yet"),
    ]


def test_key_people_absent_says_why_and_leaves_when_they_arrive(committee, users):
    record = check_in(users["organizer"], committee.meeting, committee.morning,
                      participant=committee.people["chen"]).check_in  # already in: the ALREADY record
    undo_check_in(users["organizer"], record, "Wrong person")
    names = [key.person.name for key in board.key_people_absent(committee.morning, "en")]
    assert names == ["He Presider", "Chen Jun", "Zhao Min"]  # chair ranks before reporter

    check_in(users["organizer"], committee.meeting, committee.morning, participant=committee.people["zhao"])
    names = [key.person.name for key in board.key_people_absent(committee.morning, "en")]
    assert names == ["He Presider", "Chen Jun"]


def test_afternoon_board_starts_empty(committee):
    totals = board.session_totals(committee.afternoon)
    assert (totals.invited, totals.present, totals.apologies) == (7, 0, 1)
    absent = {key.person.name for key in board.key_people_absent(committee.afternoon, "en")}
    assert absent == {"Chen Jun", "Wang Li", "Zhao Min", "Sun Hao"}  # no presider, no presenters this afternoon


def test_current_session_is_the_running_one_else_the_next_else_the_last(committee):
    sessions = [committee.morning, committee.afternoon]
    assert board.current_session(sessions, beijing(10)) == committee.morning
    assert board.current_session(sessions, beijing(13)) == committee.afternoon
    assert board.current_session(sessions, beijing(18)) == committee.afternoon
    assert board.current_session(sessions, beijing(9) - timedelta(days=3)) == committee.morning
    assert board.current_session([], beijing(10)) is None


def test_board_version_changes_with_check_ins_undos_and_answers(committee, users):
    morning = committee.morning
    before = board.board_version(morning, "en")
    assert board.board_version(morning, "en") == before
    assert board.board_version(morning, "zh") != before  # labels differ

    result = check_in(users["organizer"], committee.meeting, morning, participant=committee.people["zhao"])
    after_check_in = board.board_version(morning, "en")
    assert after_check_in != before

    undo_check_in(users["organizer"], result.check_in, "Mistake")
    after_undo = board.board_version(morning, "en")
    assert after_undo not in (before, after_check_in)

    committee.people["liu"].mode = AttendanceMode.VIDEO
    from meetapp.extensions import db

    db.session.commit()
    assert board.board_version(morning, "en") != after_undo


def test_other_sessions_check_ins_do_not_change_this_board(committee, users):
    before = board.board_version(committee.morning, "en")
    check_in(users["organizer"], committee.meeting, committee.afternoon, participant=committee.people["zhao"])
    assert board.board_version(committee.morning, "en") == before
