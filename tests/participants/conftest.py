"""Fixtures: a hybrid meeting next month organized by the ``organizer`` user, a small unit tree with people, and
the local SMTP server."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from meetapp.directory.models import Person, Unit
from tests.factories import PersonFactory, UnitFactory
from tests.mail.smtp import smtp_server  # noqa: F401  (the fixture)
from tests.participants.samples import future_meeting


@pytest.fixture
def meeting(app, users):
    return future_meeting(organizers=[users["organizer"]], title="2026 Annual S&T Innovation Work Meeting")


@dataclass
class Org:
    hq: Unit
    dept: Unit  # under hq
    lab: Unit  # under dept
    other: Unit  # a second tree
    people: dict[str, Person]


@pytest.fixture
def org(app):
    """HQ → Technology Dept → Materials Lab, and an unrelated Regional Office, with two people in each."""
    hq = UnitFactory(name="Group HQ")
    dept = UnitFactory(name="Technology Department", parent=hq)
    lab = UnitFactory(name="Materials Lab", parent=dept)
    other = UnitFactory(name="Hunan Regional Office")
    people = {
        "chair": PersonFactory(name="Chen Jun", name_zh="陈军", unit=hq, title="Chairman"),
        "gm": PersonFactory(name="Zhang Shutang", name_zh="张树堂", unit=hq, title="General Manager"),
        "cto": PersonFactory(name="Wang Li", name_zh="王丽", unit=dept, title="Chief Scientist"),
        "eng": PersonFactory(name="Liu Yang", name_zh="刘洋", unit=dept, title="Engineer"),
        "lab1": PersonFactory(name="Zhao Min", name_zh="赵敏", unit=lab, title="Chief Scientist, Materials",
                              title_zh="首席科学家"),
        "lab2": PersonFactory(name="Sun Hao", name_zh="孙浩", unit=lab, title="Researcher", email=None),
        "hunan1": PersonFactory(name="Li Na", name_zh="李娜", unit=other, title="Director"),
        "hunan2": PersonFactory(name="Zhou Qiang", name_zh="周强", unit=other, title="Engineer",
                                title_zh="总工程师"),
    }
    return Org(hq, dept, lab, other, people)
