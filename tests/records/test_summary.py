"""The record summary the minutes and news release are built from: what it holds, in few queries."""

from datetime import UTC, datetime

from meetapp.extensions import db
from meetapp.records.models import AwardRecipient, LevelKind, RecipientRole, StatementStatus
from meetapp.records.summary import record_summary
from tests.factories import (
    AgendaItemFactory,
    AwardFactory,
    AwardLevelFactory,
    AwardProgramFactory,
    MeetingFactory,
    PersonFactory,
    StatementFactory,
    UnitFactory,
)

SIGNED_AT = datetime(2026, 2, 26, 2, 30, tzinfo=UTC)


def _meeting_with_items():
    meeting = MeetingFactory()
    session = meeting.sessions[0]
    announce = AgendaItemFactory(session=session, title="Award decisions")
    present = AgendaItemFactory(session=session, title="Award presentation")
    signing = AgendaItemFactory(session=session, title="Signing")
    return meeting, announce, present, signing


def _add_awards(program, count, presenter):
    level = AwardLevelFactory(program=program, kind=LevelKind.SECOND, rank=2)
    for _ in range(count):
        person = PersonFactory()
        unit = UnitFactory()
        AwardFactory(
            level=level, presented=True, presented_at=SIGNED_AT, presenter=presenter,
            recipients=[
                AwardRecipient(unit=unit, position=0),
                AwardRecipient(person=person, unit=person.unit, role=RecipientRole.TEAM_MEMBER, position=1),
            ],
        )


def _add_statements(item, count):
    for _ in range(count):
        StatementFactory(status=StatementStatus.SIGNED, signed_at=SIGNED_AT, signed_item=item)


def test_summary_holds_the_meetings_awards_and_signed_statements(app):
    meeting, announce, present, signing = _meeting_with_items()
    program = AwardProgramFactory(name="2025 China Minmetals S&T Award", name_zh="2025年度中国五矿科技奖",
                                  year=2025, announcement_item=announce, presentation_item=present)
    presenter = PersonFactory(name="Chen Dexin", name_zh="陈得信")
    _add_awards(program, 1, presenter)
    AwardFactory(level=AwardLevelFactory(program=program, kind=LevelKind.SPECIAL, rank=0), title="Deep-sea mining")
    other_meeting_item = AgendaItemFactory()
    AwardFactory(level=AwardLevelFactory(program=AwardProgramFactory(presentation_item=other_meeting_item)))
    _add_statements(signing, 1)
    StatementFactory()  # drafted, never signed
    StatementFactory(status=StatementStatus.SIGNED, signed_at=SIGNED_AT, signed_item=other_meeting_item)

    summary = record_summary(meeting, locale="en")

    assert [p.name for p in summary.programs] == ["2025 China Minmetals S&T Award"]
    awards = summary.programs[0].awards
    assert len(awards) == 2
    presented = next(a for a in awards if a.presented)
    assert presented.level == "Second prize"
    assert presented.presenter == "Chen Dexin"
    assert presented.recipients[0].is_unit and not presented.recipients[0].team_member
    assert presented.recipients[1].team_member and presented.recipients[1].unit
    assert len(presented.recipient_names) == 1
    assert next(a for a in awards if not a.presented).level == "Special prize"
    assert summary.programs[0].presented_count == 1
    assert len(summary.statements) == 1
    line = summary.statements[0]
    assert line.signed_at == SIGNED_AT and line.signed_item_id == signing.id
    assert all(line.signatories) and line.signed_by == line.signatories

    assert record_summary(meeting, locale="zh").programs[0].name == "2025年度中国五矿科技奖"


def test_summary_of_a_meeting_without_a_record_is_empty(app):
    assert record_summary(MeetingFactory(), locale="en").is_empty


def test_summary_query_count_stays_flat(app, count_queries):
    meeting, announce, present, signing = _meeting_with_items()
    program = AwardProgramFactory(announcement_item=announce, presentation_item=present)
    presenter = PersonFactory()
    _add_awards(program, 2, presenter)
    _add_statements(signing, 2)
    db.session.expire_all()
    with count_queries() as small:
        record_summary(meeting, locale="en")

    _add_awards(program, 20, presenter)
    _add_awards(AwardProgramFactory(presentation_item=present), 5, presenter)
    _add_statements(signing, 20)
    db.session.expire_all()
    with count_queries() as large:
        summary = record_summary(meeting, locale="en")
    assert len(summary.awards) == 27 and len(summary.statements) == 22
    assert large.count == small.count <= 6
