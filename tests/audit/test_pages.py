"""The administrators' audit log (filters, pages, query count) and a meeting's History tab."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from meetapp.audit import record
from meetapp.audit.models import AuditEntry
from meetapp.extensions import db
from tests.factories import MeetingFactory, UserFactory


def add_entry(actor, action, obj=None, *, when=None, **kwargs):
    entry = record(actor, action, obj, **kwargs)
    if when is not None:
        entry.created_at = when
    db.session.commit()
    return entry


@pytest.fixture
def log(app, users):
    li = UserFactory(name="Li Wei", email="li.wei@example.com")
    wang = UserFactory(name="Wang Fang", email="wang.fang@example.com")
    budget = MeetingFactory(title="Budget review")
    safety = MeetingFactory(title="Safety council")
    add_entry(
        li,
        "meeting.edit",
        budget,
        changes={"title": ["Budget", "Budget review"]},
        when=datetime(2026, 3, 1, 9, tzinfo=UTC),
    )
    add_entry(wang, "meeting.cancel", safety, when=datetime(2026, 3, 5, 9, tzinfo=UTC))
    add_entry(wang, "account.edit", li, changes={"name": ["Li", "Li Wei"]}, when=datetime(2026, 3, 9, 9, tzinfo=UTC))
    add_entry(None, "auth.sign_in_failed", summary="ghost@example.com", when=datetime(2026, 3, 9, 10, tzinfo=UTC))
    return {"li": li, "wang": wang, "budget": budget, "safety": safety}


def shown(client, query=""):
    page = client.get(f"/admin/audit{query}")
    assert page.status_code == 200
    return page.get_data(as_text=True)


def test_the_log_lists_newest_first_with_before_and_after(client, auth, users, log):
    auth.login_as(users["admin"])
    html = shown(client)
    assert html.index("ghost@example.com") < html.index("Safety council") < html.index("Budget review")
    assert "<del" in html and "Budget</del>" in html and "Budget review</ins>" in html


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ("?person=wang", ["Safety council", "Li Wei</a>"], ["Budget review", "ghost@example.com"]),
        ("?object_type=meetings", ["Safety council", "Budget review"], ["ghost@example.com"]),
        ("?action=meeting", ["Safety council", "Budget review"], ["ghost@example.com"]),
        ("?action=meeting.cancel", ["Safety council"], ["Budget review"]),
        ("?date_from=2026-03-02&date_to=2026-03-05", ["Safety council"], ["Budget review", "ghost@example.com"]),
        ("?date_from=2026-03-09", ["ghost@example.com"], ["Safety council", "Budget review"]),
    ],
)
def test_filters(client, auth, users, log, query, present, absent):
    auth.login_as(users["admin"])
    html = shown(client, query)
    for text in present:
        assert text in html
    for text in absent:
        assert text not in html


def test_one_objects_rows(client, auth, users, log):
    auth.login_as(users["admin"])
    html = shown(client, f"?object_type=meetings&object_id={log['budget'].id}")
    assert "Budget review" in html and "Safety council" not in html


def test_pages_of_the_log(app, client, auth, users, log):
    app.config["AUDIT_PAGE_SIZE"] = 2
    auth.login_as(users["admin"])
    assert "Budget review" not in shown(client)
    assert "Budget review" in shown(client, "?page=2")


def test_only_administrators_read_the_log(client, auth, users, log):
    for role in ("member", "organizer", "secretary"):
        auth.login_as(users[role])
        assert client.get("/admin/audit").status_code == 403
    assert "/admin/audit" not in client.get("/").get_data(as_text=True)
    auth.login_as(users["admin"])
    assert "/admin/audit" in client.get("/").get_data(as_text=True)


def test_the_log_page_runs_the_same_queries_however_many_rows(client, auth, users, count_queries):
    auth.login_as(users["admin"])

    def fill(n):
        for i in range(n):
            actor = UserFactory()
            add_entry(actor, "meeting.edit", MeetingFactory(), changes={"title": [str(i), str(i + 1)]})

    fill(3)
    with count_queries() as few:
        shown(client)
    fill(30)
    with count_queries() as many:
        shown(client)
    assert many.count == few.count


def test_history_tab_lists_the_meetings_rows_only(client, auth, users, log):
    budget = log["budget"]
    budget.organizers.append(users["organizer"])
    db.session.commit()
    for role in ("organizer", "secretary", "admin"):
        auth.login_as(users[role])
        html = client.get(f"/meetings/{budget.id}/history").get_data(as_text=True)
        assert "Meeting edited" in html and "Li Wei" in html
        assert "Meeting cancelled" not in html
    auth.login_as(users["member"])
    assert client.get(f"/meetings/{budget.id}/history").status_code == 403
    assert f"/meetings/{budget.id}/history" not in client.get(f"/meetings/{budget.id}").get_data(as_text=True)


def test_history_tab_in_chinese(client, auth, users, log):
    users["admin"].locale = "zh"
    db.session.commit()
    auth.login_as(users["admin"])
    html = client.get(f"/meetings/{log['budget'].id}/history").get_data(as_text=True)
    assert "历史" in html and "会议已编辑" in html


def test_rows_outlive_their_meeting(client, auth, users, log):
    budget_id = log["budget"].id
    db.session.delete(log["budget"])
    db.session.commit()
    assert db.session.query(AuditEntry).filter_by(meeting_id=budget_id).count() == 1
    auth.login_as(users["admin"])
    html = shown(client, f"?meeting_id={budget_id}")
    assert "Budget review" in html and "Safety council" not in html


def test_the_history_tab_runs_the_same_queries_however_many_rows(client, auth, users, count_queries):
    meeting = MeetingFactory()
    auth.login_as(users["admin"])

    def fill(n):
        for i in range(n):
            add_entry(UserFactory(), "meeting.edit", meeting, changes={"title": [str(i), str(i + 1)]})

    fill(3)
    with count_queries() as few:
        assert client.get(f"/meetings/{meeting.id}/history").status_code == 200
    fill(30)
    with count_queries() as many:
        assert client.get(f"/meetings/{meeting.id}/history").status_code == 200
    assert many.count == few.count
