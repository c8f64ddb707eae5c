"""Every records page renders for the people who may read it, with what it should show."""

import pytest

from tests.records.conftest import records_world  # noqa: F401


@pytest.fixture
def secretary(auth, users):
    auth.login_as(users["secretary"])


def test_pages_render(client, world, secretary):
    program, statement = world.program, world.statement
    urls = [
        "/records/awards/", f"/records/awards/{program.id}/", f"/records/awards/{program.id}/edit",
        f"/records/awards/{program.id}/awards/new", f"/records/awards/{program.id}/awards/{world.award.id}/edit",
        f"/records/awards/{program.id}/run-sheet", f"/records/awards/{program.id}/import", "/records/awards/registry",
        "/records/awards/new", "/records/statements/", "/records/statements/new",
        f"/records/statements/{world.batch.id}/",
        f"/records/statements/{world.batch.id}/edit", f"/records/statements/{world.batch.id}/statements/new",
        f"/records/statements/s/{statement.id}/", f"/records/statements/s/{statement.id}/edit",
        "/records/statements/follow-up/2026", f"/records/meetings/{world.meeting.id}",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(f"/records/awards/{program.id}/").get_data(as_text=True)
    assert "Deep-sea nodules" in page and "First prize" in page
