"""The demo step for minutes: the seed meeting gets published minutes (drafted from its record, with the secretary's
summaries as the seed article tells them, decisions and action items, reviewed and approved by the organizer), and
the upcoming committee plenary a draft from its record. Through the minutes services (which commit, as the
attendance step's check-ins do); a meeting that already has minutes is left as it is."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa

from meetapp.auth.services import normalize_email
from meetapp.demo.meeting_data import PLENARY_UID, WORK_MEETING_UID
from meetapp.extensions import db
from meetapp.meetings.models import Meeting
from meetapp.minutes import services
from meetapp.minutes.models import ActionStatus, Minutes

if TYPE_CHECKING:
    from meetapp.demo.loader import DemoLoad

SECRETARY, REVIEWER = "zhang.min", "li.na"
PLACEHOLDER = "Summary: (to be written by the secretary)"

# The secretary's summary of each agenda item, by its title (from the seed article).
SUMMARIES = {
    "Opening and presiding remarks": "Zhu Kebing opened the meeting and presided over it.",
    "Announcement of the decisions on the 2025 China Minmetals S&T Awards":
        "Wang Jiezhi announced the decisions on the 2025 China Minmetals S&T Awards.",
    "Presentation of the 2025 S&T Awards":
        "The leadership team presented the awards to the 2025 China Minmetals S&T Award recipients.",
    "S&T innovation report": "Wang Xingquan delivered the S&T innovation report.",
    "Signing of the 2026 Responsibility Statements for Key S&T Innovation Tasks":
        "The 2026 Responsibility Statements for Key S&T Innovation Tasks were signed.",
    "Speech by the Chairman": (
        "Chen Dexin stressed that innovation must become the primary driver of high-quality development: rooting "
        "in the real economy, strengthening research on key core technologies, and promoting the deep integration "
        "of S&T and industrial innovation. The Group will use the \"Four Pillars\" as the blueprint of a China "
        "Minmetals-featured S&T innovation system: platforms, mechanisms, coordination and transformation."
    ),
    "Closing remarks": "Zhu Kebing closed the work meeting.",
    "Briefing on the 2026 work plans of the Specialised S&T Committees":
        "The chairs of the Specialised S&T Committees briefed the committee on their 2026 work plans.",
}
DECISIONS = (
    "The 2025 China Minmetals S&T Awards are confirmed as announced.",
    "The 2026 Responsibility Statements for Key S&T Innovation Tasks take effect as signed.",
    "The 2026 work plans of the Specialised S&T Committees are adopted.",
)
# (title, owner's DemoPerson key, due date, done?)
ACTION_ITEMS = (
    ("Circulate the chairman's speech to all directly managed enterprises", SECRETARY, date(2026, 3, 6), True),
    ("Set up the milestone follow-up of the 2026 responsibility statements", "wang.xingquan", date(2026, 3, 31),
     False),
    ("Report the first-quarter progress of the Specialised S&T Committees", "wang.xingquan", date(2026, 4, 15),
     False),
    ("Prepare the 2026 S&T Award nominations guideline", "chen.jing", date(2026, 6, 30), False),
)


def _meeting(uid: str) -> Meeting | None:
    meeting = db.session.scalar(sa.select(Meeting).where(Meeting.ical_uid == uid))
    if meeting is None or db.session.scalar(sa.select(Minutes.id).where(Minutes.meeting_id == meeting.id)):
        return None
    return meeting


def _written(body: str) -> str:
    """The prefilled draft with each item's placeholder replaced by the secretary's summary."""
    lines, title = [], None
    for line in body.splitlines():
        if line.startswith("### "):
            title = line.split(". ", 1)[-1]
        if line == PLACEHOLDER and title in SUMMARIES:
            line = SUMMARIES[title]
        lines.append(line)
    return "\n".join(lines) + "\n"


def load_minutes(load: DemoLoad) -> None:
    secretary = load.users[normalize_email(load.people[SECRETARY].email)]
    reviewer = load.users[normalize_email(load.people[REVIEWER].email)]
    seed = _meeting(WORK_MEETING_UID)
    if seed is not None:
        minutes = services.start_minutes(secretary, seed)
        items = [
            services.ActionItemInput(title, owner_id=load.people[owner].id, due_on=due,
                                     status=ActionStatus.DONE if done else ActionStatus.OPEN)
            for title, owner, due, done in ACTION_ITEMS
        ]
        services.save_minutes(secretary, minutes, body=_written(services.current_version(minutes).body),
                              expected_version=minutes.current_number, decisions=DECISIONS, action_items=items)
        services.submit_for_review(secretary, minutes, [reviewer])
        services.add_comment(reviewer, minutes, "Checked against the attendance report and the award decisions.")
        services.approve(reviewer, minutes)
        services.transition(secretary, minutes, "published")
        load.total["minutes"] += 1
        load.created["minutes"] += 1
    plenary = _meeting(PLENARY_UID)
    if plenary is not None:
        services.start_minutes(secretary, plenary)
        load.total["minutes"] += 1
        load.created["minutes"] += 1
