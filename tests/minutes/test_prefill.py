"""The first draft is written from the record."""

from meetapp.minutes import services
from meetapp.minutes.models import ActionStatus, MinutesStatus
from tests.factories import MeetingSeriesFactory
from tests.minutes.samples import published_minutes, recorded_meeting, signed_statement


def test_draft_from_the_record(app, users):
    sample = recorded_meeting()
    signed_statement(sample, key_task="Deep-earth exploration equipment")
    minutes = services.start_minutes(users["secretary"], sample.meeting)
    body = services.current_version(minutes).body

    assert minutes.status == MinutesStatus.DRAFT and minutes.current_number == 1
    assert "# 2026 S&T Innovation Work Meeting" in body
    assert "Thursday, February 26, 2026, 9:00" in body  # Beijing time
    assert "**Format:** Hybrid (in person and video)" in body
    assert "**Venue:** Main Hall" in body and "**Branch venues:** Changsha Branch Room" in body
    assert "Tencent Meeting" in body
    assert "**Presided over by:** Zhu Kebing" in body
    # Attendance: the board's counts by mode and by role.
    assert "2 of 3 invited were present" in body
    assert "| In person (main venue) | 1 | 1 |" in body
    assert "| Branch venue: Changsha Branch Room | 1 | 1 |" in body
    assert "| Video | 1 | 0 |" in body
    assert "| Role | Invited | In person | At branch venues | By video |" in body
    assert "| Speaker | 1 | 1 | 0 | 0 |" in body
    assert "| Attendee | 2 | 0 | 1 | 0 |" in body  # the branch invitee came, the video one did not
    assert "Members of the leadership team in attendance: 1." in body
    # The programme, with presenters, awards presented and statements signed under their item.
    assert "### 1. Speech by the chairman" in body
    assert "**Presenters:** Chen Dexin (Speaker)" in body
    assert "### 2. Presentation of the 2025 S&T Awards" in body
    assert "Deep-sea polymetallic nodule mining" in body
    assert "Deep-earth exploration equipment" in body


def test_second_draft_is_refused(app, users):
    sample = recorded_meeting()
    services.start_minutes(users["secretary"], sample.meeting)
    try:
        services.start_minutes(users["organizer"], sample.meeting)
    except services.MinutesExist:
        return
    raise AssertionError("a second minutes document was created")


def test_open_action_items_carry_over_in_the_series_until_closed(app, users):
    series = MeetingSeriesFactory()
    first = recorded_meeting(series=series)
    secretary, reviewer = users["secretary"], users["member"]
    minutes = published_minutes(secretary, first.meeting, reviewer, action_items=[
        services.ActionItemInput("Draft the 2026 key task list", owner_id=first.speaker.id),
        services.ActionItemInput("Book the hall", status=ActionStatus.DONE),
    ])
    later = recorded_meeting(series=series, starts_at=first.meeting.starts_at.replace(month=9))
    unrelated = recorded_meeting(starts_at=first.meeting.starts_at.replace(month=9))

    carried = services.carried_over_items(later.meeting)
    assert [item.title for item in carried] == ["Draft the 2026 key task list"]
    assert services.carried_over_items(unrelated.meeting) == []
    draft = services.current_version(services.start_minutes(secretary, later.meeting)).body
    assert "Open action items from earlier meetings" in draft and "Draft the 2026 key task list" in draft

    services.set_action_status(secretary, minutes.action_items[0], ActionStatus.DONE)
    assert services.carried_over_items(later.meeting) == []
