"""The demo step that records the seed meeting's awards and statements (26 February 2026).

The 2025 China Minmetals S&T Awards: fourteen awards across the special, first, second and third prizes and a custom
level for young talent, made to research institutes, enterprises and their researchers (teams with members),
announced at the announcement item and all presented at the presentation item, the Chairman handing over the
special and first prizes and the General Manager the others. The 2026 Responsibility Statements for Key S&T
Innovation Tasks: nine statements between the General Manager and the heads of the enterprises and institutes,
signed at the signing item, with quarterly milestones — most of this year's done, one of them overdue, one
statement completed. Loaded once: a program or batch already present is left as people have edited it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from meetapp.agenda.models import AgendaItem, AgendaItemType, planned_starts
from meetapp.demo.meeting_data import WORK_MEETING_UID
from meetapp.directory.models import Person
from meetapp.extensions import db
from meetapp.meetings.models import Meeting, MeetingSession
from meetapp.records.models import (
    STANDARD_LEVELS,
    Award,
    AwardLevel,
    AwardProgram,
    AwardRecipient,
    LevelKind,
    Milestone,
    RecipientRole,
    Statement,
    StatementBatch,
    StatementStatus,
)

if TYPE_CHECKING:
    from meetapp.demo.loader import DemoLoad

PROGRAM = ("2025 China Minmetals S&T Award", "2025年度中国五矿科学技术奖", 2025)
BATCH = ("2026 Responsibility Statements for Key S&T Innovation Tasks", "2026年度科技创新重点任务责任书", 2026)
YOUNG_TALENT = ("Outstanding Young S&T Talent", "优秀青年科技人才")
CHAIRMAN, GENERAL_MANAGER = "chen.dexin", "zhu.kebing"
DECISION = "五矿科〔2026〕3号"
# Who may stand for a unit's researchers, most senior first.
RESEARCH_TITLES = ("Chief Scientist", "Chief Technical Expert", "Research Fellow", "Laboratory Head", "Chief Engineer",
                   "Senior Engineer", "Engineer")
HEAD_TITLES = ("President", "Director")

# (title, title in Chinese, level, unit code, the lead researcher's key or None, team members, citation)
AWARDS = (
    ("Key technologies for green and efficient mining of deep-sea polymetallic nodules",
     "深海多金属结核绿色高效开采关键技术", LevelKind.SPECIAL, "CRIMM", "chen.jing", 3,
     "For a complete technology chain from nodule collection to lifting, proven in a 4,000 m sea trial."),
    ("Intelligent control system for large open-pit mines",
     "大型露天矿山智能管控系统", LevelKind.FIRST, "MCRI", None, 2,
     "For unmanned haulage and dispatching that raised the output of two mines by a fifth."),
    ("Short-process smelting of complex tungsten concentrates",
     "复杂钨精矿短流程冶炼技术", LevelKind.FIRST, "CTHM", None, 2,
     "For halving the energy used per tonne of ammonium paratungstate."),
    ("Ultra-high-strength steel structures for long-span buildings",
     "大跨度建筑超高强钢结构关键技术", LevelKind.FIRST, "CRIBC", None, 2,
     "For the design methods and welding of 690 MPa steel in stadium roofs."),
    ("Efficient separation and purification of medium and heavy rare earths",
     "中重稀土高效分离提纯技术", LevelKind.SECOND, "MREC", None, 1,
     None),
    ("Ground-pressure monitoring and early warning in deep mines",
     "深井地压监测预警技术", LevelKind.SECOND, "CIMR", None, 1,
     None),
    ("Recovery of cobalt and nickel from laterite by pressure leaching",
     "红土镍矿加压浸出回收钴镍技术", LevelKind.SECOND, "MNM", None, 1,
     None),
    ("Low-carbon sintering of iron ore with hydrogen-rich fuel",
     "富氢燃料铁矿低碳烧结技术", LevelKind.SECOND, "MCC", "liu.yang", 2,
     None),
    ("Digital twin of copper concentrator operations",
     "铜选矿厂数字孪生系统", LevelKind.SECOND, "MMG", None, 1,
     None),
    ("High-performance cemented carbide cutting tools for aerospace alloys",
     "航空合金加工用高性能硬质合金刀具", LevelKind.THIRD, "CTHM", None, 0,
     None),
    ("Tailings-based cemented backfill materials",
     "尾矿基胶结充填材料", LevelKind.THIRD, "CIMR", None, 0,
     None),
    ("Price-risk analytics platform for nonferrous metals trading",
     "有色金属贸易价格风险分析平台", LevelKind.THIRD, "MDEV", None, 0,
     None),
    ("Recycling of rare-earth permanent magnets",
     "稀土永磁材料回收利用技术", LevelKind.THIRD, "MREC", None, 0,
     None),
    ("In-situ leaching of ion-adsorption rare earths with low ammonia",
     "离子吸附型稀土低氨原地浸出", LevelKind.CUSTOM, "NIC", None, 0,
     "For a young researcher's leaching agent that cuts ammonia nitrogen in mine water."),
)

# (unit code, key task, key task in Chinese, targets)
STATEMENTS = (
    ("MCC", "Breakthroughs in green, low-carbon metallurgical engineering", "绿色低碳冶金工程技术攻关",
     "Two demonstration lines; carbon emissions per tonne of sinter down 10%."),
    ("MNM", "Efficient development of strategic nonferrous metal resources", "战略性有色金属资源高效开发",
     "Recovery of associated cobalt above 85% at the pilot plant."),
    ("MMG", "Intelligent operation of overseas copper and zinc mines", "海外铜锌矿山智能化运营",
     "Remote operations centre covering three mines."),
    ("CTHM", "Self-reliant high-end cemented carbide materials", "高端硬质合金材料自主可控",
     "Three grades qualified by aerospace customers."),
    ("MREC", "Green separation of ion-adsorption rare earths", "离子型稀土绿色分离",
     "Zero-ammonia separation process at industrial scale."),
    ("CRIMM", "Deep-sea mineral exploration and mining pilot", "深海矿产资源勘查开采试验",
     "A 1,000-tonne collection trial and the environmental baseline report."),
    ("CIMR", "Safe mining of deep metal mines", "深部金属矿山安全开采",
     "Ground-pressure warning deployed at five mines deeper than 1,000 m."),
    ("MCRI", "Platform for new materials from critical minerals", "关键矿产新材料研发平台建设",
     "Platform accredited; four joint projects with enterprises."),
    ("NIC", "Shared pilot-scale testing platform for the industry", "行业共享中试平台建设",
     "Pilot lines open to members; twenty tests for outside users."),
)
MILESTONES = (
    (date(2026, 3, 31), "Work plan, team and budget approved"),
    (date(2026, 6, 30), "Mid-year technical review"),
    (date(2026, 9, 30), "Pilot or prototype completed"),
    (date(2026, 12, 15), "Annual acceptance review"),
)
OVERDUE_UNIT = "MREC"  # its pilot is late: the September milestone is still open
COMPLETED_UNIT = "CRIMM"  # finished the year's work early


def load_records(load: DemoLoad) -> None:
    """The seed meeting's award program and statement batch, each when it is not in the database yet."""
    meeting = db.session.scalar(
        sa.select(Meeting).where(Meeting.ical_uid == WORK_MEETING_UID)
        .options(selectinload(Meeting.sessions).selectinload(MeetingSession.agenda_items))
    )
    if meeting is None:
        return
    items = {item.type: item for session in meeting.sessions for item in session.agenda_items}
    starts = {}
    for session in meeting.sessions:
        starts.update(planned_starts(session.agenda_items, session.starts_at))
    people = _people_by_unit()
    _load_awards(load, items, starts, people)
    _load_statements(load, items.get(AgendaItemType.STATEMENT_SIGNING), starts, people)


def _people_by_unit() -> dict[str, list[Person]]:
    """Every person under each top unit (a unit code and the codes below it), most senior researcher first."""
    found: dict[str, list[Person]] = {}
    rank = {title: i for i, title in enumerate(RESEARCH_TITLES + HEAD_TITLES)}
    people = db.session.scalars(sa.select(Person).options(selectinload(Person.unit)).order_by(Person.email))
    for person in people:
        if person.unit is None:
            continue
        top = person.unit.code.split("-")[0]
        found.setdefault(top, []).append(person)
        if top != person.unit.code:
            found.setdefault(person.unit.code, []).append(person)
    for group in found.values():
        group.sort(key=lambda p: (rank.get(p.title, len(rank)), p.email or ""))
    return found


def _load_awards(load: DemoLoad, items, starts, people) -> None:
    name, name_zh, year = PROGRAM
    load.total["awards"] += len(AWARDS)
    if db.session.scalar(sa.select(AwardProgram.id).where(AwardProgram.name == name, AwardProgram.year == year)):
        return
    announcement = items.get(AgendaItemType.ANNOUNCEMENT)
    presentation = items.get(AgendaItemType.AWARD_PRESENTATION)
    levels = {kind: AwardLevel(kind=kind, rank=rank) for rank, kind in enumerate(STANDARD_LEVELS)}
    levels[LevelKind.CUSTOM] = AwardLevel(kind=LevelKind.CUSTOM, name=YOUNG_TALENT[0], name_zh=YOUNG_TALENT[1],
                                          rank=len(STANDARD_LEVELS))
    program = AwardProgram(name=name, name_zh=name_zh, year=year, announcement_item=announcement,
                           presentation_item=presentation, levels=list(levels.values()))
    db.session.add(program)
    by_key = load.people
    handed_at = starts.get(presentation.id) if presentation is not None else None
    for order, (title, title_zh, kind, unit_code, lead_key, team_size, citation) in enumerate(AWARDS):
        unit = load.units[unit_code]
        staff = [p for p in people.get(unit_code, []) if p.title in RESEARCH_TITLES]
        lead = by_key[lead_key] if lead_key else staff[order % max(len(staff), 1)] if staff else None
        team = [p for p in staff if p is not lead][:team_size]
        if kind is LevelKind.CUSTOM:  # a person's award
            recipients = [AwardRecipient(person=lead, unit=lead.unit)]
        else:
            recipients = [AwardRecipient(unit=unit)]
            if lead is not None:
                recipients.append(AwardRecipient(person=lead, unit=lead.unit))
            recipients += [AwardRecipient(person=p, unit=p.unit, role=RecipientRole.TEAM_MEMBER) for p in team]
        for position, recipient in enumerate(recipients):
            recipient.position = position
        senior = kind in (LevelKind.SPECIAL, LevelKind.FIRST)
        program.awards.append(Award(
            level=levels[kind], title=title, title_zh=title_zh, citation=citation, decision_ref=DECISION,
            team_name=f"{unit.name} team" if team else None, recipients=recipients, run_order=order,
            presenter=by_key[CHAIRMAN if senior else GENERAL_MANAGER], received_by=lead if kind is not LevelKind.CUSTOM
            else None, presented=handed_at is not None,
            presented_at=handed_at + timedelta(minutes=order + 1) if handed_at else None,
        ))
    load.created["awards"] += len(AWARDS)


def _load_statements(load: DemoLoad, signing: AgendaItem | None, starts, people) -> None:
    name, name_zh, year = BATCH
    load.total["statements"] += len(STATEMENTS)
    if db.session.scalar(sa.select(StatementBatch.id).where(StatementBatch.name == name, StatementBatch.year == year)):
        return
    batch = StatementBatch(name=name, name_zh=name_zh, year=year, signing_item=signing)
    db.session.add(batch)
    general_manager = load.people[GENERAL_MANAGER]
    signed_at = starts.get(signing.id) if signing is not None else None
    for position, (unit_code, task, task_zh, targets) in enumerate(STATEMENTS):
        head = next(p for p in people[unit_code] if p.title in HEAD_TITLES and p.unit.code == unit_code)
        milestones = []
        for due, title in MILESTONES:
            done = due < date(2026, 11, 1) and not (unit_code == OVERDUE_UNIT and due.month == 9)
            if unit_code == COMPLETED_UNIT:
                done = True
            milestones.append(Milestone(title=title, due_date=due,
                                        done_on=due - timedelta(days=3) if done else None))
        status = StatementStatus.DRAFTED
        if signed_at is not None:
            status = StatementStatus.COMPLETED if unit_code == COMPLETED_UNIT else StatementStatus.IN_PROGRESS
        batch.statements.append(Statement(
            position=position, key_task=task, key_task_zh=task_zh, unit=load.units[unit_code], targets=targets,
            first_signatory=general_manager, second_signatory=head, status=status,
            signed_at=signed_at + timedelta(minutes=position) if signed_at else None, signed_item=signing,
            first_signed_by=general_manager if signed_at else None, second_signed_by=head if signed_at else None,
            milestones=milestones,
        ))
    load.created["statements"] += len(STATEMENTS)
