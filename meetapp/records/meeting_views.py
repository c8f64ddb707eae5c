"""A meeting's Records tab: its awards and signed statements (the summary the minutes use), with links to the
run-sheet and the signing."""

from __future__ import annotations

from flask import render_template

from meetapp.meetings.loading import load_meeting
from meetapp.records import queries
from meetapp.records.blueprint import bp
from meetapp.records.summary import record_summary


@bp.route("/meetings/<int:meeting_id>")
def meeting_record(meeting_id: int):
    meeting = load_meeting(meeting_id, "records.view")
    programs, batches = queries.meeting_links(meeting.id)
    return render_template("records/meeting.html", meeting=meeting, summary=record_summary(meeting),
                           programs=programs, batches=batches)
