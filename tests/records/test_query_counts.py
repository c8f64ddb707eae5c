"""The records list pages load what they show in a fixed number of queries: ten times the data, the same count."""

from datetime import date

import pytest

from meetapp.extensions import db
from meetapp.records.models import AwardRecipient, RecipientRole, StatementStatus
from tests.factories import AwardFactory, MilestoneFactory, PersonFactory, StatementFactory, UnitFactory
from tests.records.conftest import NOW


def _grow(world, times: int) -> None:
    for _ in range(times):
        person = PersonFactory()
        AwardFactory(level=world.first, presented=True, presented_at=NOW, presenter=person, received_by=person,
                     recipients=[AwardRecipient(unit=UnitFactory()),
                                 AwardRecipient(person=person, unit=person.unit, role=RecipientRole.TEAM_MEMBER)])
        statement = StatementFactory(batch=world.batch, status=StatementStatus.SIGNED, signed_at=NOW,
                                     signed_item=world.signing)
        MilestoneFactory(statement=statement, due_date=date(2026, 3, 1))
        MilestoneFactory(statement=statement, due_date=date(2026, 9, 1), done_on=date(2026, 8, 1))


PAGES = [
    "/records/awards/", "/records/awards/{program}/", "/records/awards/{program}/run-sheet",
    "/records/awards/registry", "/records/awards/registry?unit={unit}&level=first&year=2025",
    "/records/statements/", "/records/statements/{batch}/", "/records/statements/follow-up/2026",
    "/records/meetings/{meeting}",
]


@pytest.mark.parametrize("page", PAGES)
def test_query_count_stays_flat(app, users, client, auth, world, count_queries, page):
    url = page.format(program=world.program.id, unit=world.unit.id, batch=world.batch.id, meeting=world.meeting.id)
    auth.login_as(users["secretary"])
    _grow(world, 1)
    client.get(url)  # warm up (first-request work)
    db.session.expire_all()
    with count_queries() as small:
        assert client.get(url).status_code == 200
    _grow(world, 9)
    db.session.expire_all()
    with count_queries() as large:
        assert client.get(url).status_code == 200
    assert large.count == small.count
