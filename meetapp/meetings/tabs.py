"""The tabs of a meeting's pages; each area appends its tab to MEETING_TABS."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l

from meetapp import policy


@dataclass(frozen=True)
class MeetingTab:
    key: str
    endpoint: str  # takes meeting_id
    label: object
    action: str  # policy action on the meeting that shows the tab


MEETING_TABS = [
    MeetingTab("overview", "meetings.detail", _l("Overview"), "meeting.view"),
    MeetingTab("agenda", "agenda.index", _l("Agenda"), "meeting.view"),
    MeetingTab("participants", "participants.index", _l("Participants"), "meeting.manage"),
    MeetingTab("check_in", "attendance.desk_page", _l("Check-in"), "attendance.check_in"),
    MeetingTab("my_ticket", "attendance.my_ticket", _l("My ticket"), "attendance.own_ticket"),
    MeetingTab("attendance", "attendance.board", _l("Attendance"), "attendance.view"),
    MeetingTab("video", "attendance.video_reports", _l("Video reports"), "attendance.view"),
    MeetingTab("records", "records.meeting_record", _l("Awards & statements"), "records.view"),
    MeetingTab("minutes", "minutes.show", _l("Meeting minutes"), "minutes.tab"),  # "Minutes" alone is a duration
    MeetingTab("history", "audit.meeting_history", _l("History"), "meeting.view_history"),
    MeetingTab("news", "news.meeting_releases", _l("News release"), "news.manage"),
]


def meeting_tabs(meeting) -> list[MeetingTab]:
    return [
        tab
        for tab in MEETING_TABS
        if tab.endpoint in current_app.view_functions and policy.can(tab.action, meeting)
    ]
