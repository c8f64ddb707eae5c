"""Quorum: committee members present vs more than the configured share; video counting as the session says; the
record kept with a resolution item."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from meetapp.agenda.models import AgendaItemType
from meetapp.attendance.checkins import check_in, undo_check_in
from meetapp.attendance.models import QuorumSnapshot
from meetapp.attendance.quorum import NoQuorumRule, NotAResolution, QuorumState, quorum_now, record_quorum
from meetapp.extensions import db
from tests.attendance.board_samples import committee_meeting


@pytest.fixture
def committee(app, users):
    return committee_meeting(users["organizer"])


@pytest.mark.parametrize(
    ("members", "percent", "required"),
    [(4, 50, 3), (10, 50, 6), (9, 50, 5), (3, 66, 2), (12, 66, 8), (5, 0, 1), (0, 50, 1)],
)
def test_required_is_the_fewest_members_that_are_more_than_the_share(members, percent, required):
    state = QuorumState(members, required, 0, percent, True)
    assert state.required == required
    assert state.met is (members > 0)
    assert not QuorumState(members, required - 1, 0, percent, True).met


def test_video_and_branch_members_count_when_the_session_says_so(committee):
    state = quorum_now(committee.morning)
    # Chen in the room; Wang by video and Li at the branch venue; Zhou declined.
    assert (state.members, state.present_in_person, state.present_video) == (4, 1, 2)
    assert (state.present, state.required, state.met) == (3, 3, True)

    committee.morning.quorum_counts_video = False
    db.session.commit()
    state = quorum_now(committee.morning)
    assert (state.present, state.required, state.met, state.missing) == (1, 3, False, 2)


def test_a_higher_share_or_an_undone_check_in_loses_the_quorum(committee, users):
    committee.morning.quorum_percent = 75  # more than 3 of 4: all four
    db.session.commit()
    assert not quorum_now(committee.morning).met

    committee.morning.quorum_percent = 50
    db.session.commit()
    chen = check_in(users["organizer"], committee.meeting, committee.morning,
                    participant=committee.people["chen"]).check_in
    undo_check_in(users["organizer"], chen, "Scanned the wrong badge")
    state = quorum_now(committee.morning)
    assert (state.present, state.met) == (2, False)


def test_a_delegate_does_not_make_a_member_present(committee, users):
    zhou = committee.people["zhou"]
    zhou.delegate = committee.delegate
    db.session.commit()
    check_in(users["organizer"], committee.meeting, committee.morning, participant=zhou, delegate=committee.delegate)
    assert quorum_now(committee.morning).present == 3


def test_recording_the_quorum_keeps_the_numbers_with_the_item(committee, users):
    snapshot = record_quorum(users["organizer"], committee.resolution)
    stored = db.session.get(QuorumSnapshot, snapshot.id)
    assert stored.agenda_item_id == committee.resolution.id
    assert stored.session_id == committee.morning.id
    assert (stored.members, stored.present, stored.present_in_person, stored.present_video) == (4, 3, 1, 2)
    assert (stored.required, stored.met, stored.counts_video) == (3, True, True)
    assert stored.recorded_by_id == users["organizer"].id
    assert stored.recorded_at is not None


def test_the_quorum_is_recorded_for_resolutions_of_quorum_sessions_only(committee, users):
    with pytest.raises(NotAResolution):
        record_quorum(users["organizer"], committee.speech)
    committee.morning.quorum_required = False
    db.session.commit()
    with pytest.raises(NoQuorumRule):
        record_quorum(users["organizer"], committee.resolution)
    assert committee.resolution.type == AgendaItemType.RESOLUTION
    assert db.session.scalar(sa.select(sa.func.count(QuorumSnapshot.id))) == 0
