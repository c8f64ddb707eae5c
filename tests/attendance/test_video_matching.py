"""Matching report names and e-mails to invitees: e-mail first, then the normalised name (whole, then in parts);
two invitees who fit are offered, never guessed."""

from __future__ import annotations

import pytest

from meetapp.attendance.video_reports.matching import InviteeIndex, fragment_keys, normalise, whole_keys
from meetapp.database import utcnow
from meetapp.extensions import db
from meetapp.participants.models import RsvpStatus
from tests.factories import MeetingFactory, ParticipantFactory, PersonFactory


@pytest.mark.parametrize(("a", "b"), [
    ("Li Na", "LI  NA"),
    ("Li Na", "ｌｉ　ｎａ"),  # full-width letters and space
    ("Li Na", "li-na"),
    ("张 伟", "张伟"),
    ("Zhang Wei", "Zhang.Wei"),
])
def test_normalised_names_are_equal(a, b):
    assert normalise(a) == normalise(b)


def test_latin_names_match_in_either_order_and_mixed_names_in_each_script():
    assert "lina" in whole_keys("Na Li") and "nali" in whole_keys("Li Na")
    assert "xiaomingchen" in whole_keys("Chen Xiaoming") and "chenxiaoming" in whole_keys("Xiaoming Chen")
    assert {"李娜", "lina"} <= whole_keys("李娜 Li Na")
    assert whole_keys("李娜") == {"李娜"}  # Chinese names are not turned around
    assert "lina" in whole_keys("李娜 Li Na - 科技部")  # the Latin part of a mixed name counts as the whole name
    assert {"李娜", "科技部"} <= fragment_keys("李娜 Li Na - 科技部")
    assert {"刘芳", "财务部"} <= fragment_keys("刘芳-财务部")


@pytest.fixture
def meeting(app):
    return MeetingFactory()


def invite(meeting, name, name_zh=None, email=None, **kwargs):
    return ParticipantFactory(meeting=meeting, person=PersonFactory(name=name, name_zh=name_zh, email=email), **kwargs)


def index_of(meeting) -> InviteeIndex:
    db.session.refresh(meeting)
    return InviteeIndex(meeting.participants)


def test_email_first_case_insensitive_then_name(meeting):
    li = invite(meeting, "Li Na", "李娜", "Li.Na@Example.com")
    invite(meeting, "Wrong Person", None, "other@example.com")
    index = index_of(meeting)
    assert index.match(["Wrong Person"], ["LI.NA@example.COM"]).candidate.participant == li
    assert index.match(["Wrong Person"], ["LI.NA@example.COM"]).how == "email"
    # An e-mail nobody has falls back to the name.
    match = index.match(["李娜 Li Na - 科技部"], ["li.na@partner.example.org"])
    assert (match.candidate.participant, match.how) == (li, "name")


def test_teams_upn_counts_as_an_email(meeting):
    zhou = invite(meeting, "Zhou Ting", "周婷", "zhou.ting@example.com")
    assert index_of(meeting).match(["Ting Z."], ["", "ZHOU.TING@example.com"]).candidate.participant == zhou


def test_names_in_parts_chinese_against_name_zh_and_pinyin_against_name(meeting):
    li = invite(meeting, "Li Na", "李娜")
    liu = invite(meeting, "Liu Fang", "刘芳")
    okafor = invite(meeting, "David Okafor")
    index = index_of(meeting)
    assert index.match(["李娜-科技部", "Lina"], []).candidate.participant == li  # Tencent: in-meeting name
    assert index.match(["Lina(李娜-科技部)"], []).candidate.participant == li
    assert index.match(["Na Li"], []).candidate.participant == li
    match = index.match(["刘芳-财务部", "芳芳"], [])
    assert (match.candidate.participant, match.how) == (liu, "name_part")
    assert index.match(["OKAFOR David"], []).candidate.participant == okafor
    assert index.match(["David"], []).candidate is None  # a first name alone is nobody
    assert index.match(["访客-赵磊", "iPhone"], []).candidate is None


def test_two_invitees_with_the_same_name_are_offered_not_guessed(meeting):
    first = invite(meeting, "Zhang Wei", "张伟", "zw1@example.com")
    second = invite(meeting, "Zhang Wei", "张伟", "zw2@example.com")
    index = index_of(meeting)
    match = index.match(["张伟-研究院"], [])
    assert match.candidate is None and match.ambiguous
    assert {c.participant for c in match.candidates} == {first, second}
    assert index.match(["张伟"], ["zw2@example.com"]).candidate.participant == second  # the e-mail settles it


def test_a_delegate_matches_the_invitee_they_stand_in_for(meeting):
    delegate = PersonFactory(name="Ma Jun", name_zh="马骏", email="ma.jun@example.com")
    boss = invite(meeting, "Gao Feng", "高峰", "gao.feng@example.com", delegate=delegate,
                  rsvp_status=RsvpStatus.DELEGATED)
    index = index_of(meeting)
    by_name = index.match(["马骏"], []).candidate
    assert (by_name.participant, by_name.delegate) == (boss, delegate)
    by_email = index.match(["M. Jun"], ["MA.JUN@example.com"]).candidate
    assert (by_email.participant, by_email.delegate) == (boss, delegate)
    assert index.match(["高峰"], []).candidate.delegate is None


def test_removed_participants_are_not_matched(meeting):
    invite(meeting, "Liu Fang", "刘芳", cancelled_at=utcnow())
    assert index_of(meeting).match(["刘芳"], []).candidate is None
