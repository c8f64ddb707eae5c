"""Route × role rows of the minutes area. The sample meeting (internal, organized by the organizer account) has
draft minutes with a reviewer who is none of the role accounts: drafts are for secretaries, the meeting's
managers and the named reviewers, so the member gets 403 (the meeting itself is visible to them). Empty POSTs are
refused by the forms and redirect back to the minutes."""

from __future__ import annotations

from types import SimpleNamespace

from tests.route_matrix import only, signed_in

WRITERS = ("organizer", "secretary", "admin")

ROUTES = {
    ("GET", "minutes.show"): only(WRITERS, 200),
    ("POST", "minutes.start"): only(WRITERS, 302),
    ("GET", "minutes.edit"): only(WRITERS, 200),
    ("POST", "minutes.edit"): only(WRITERS, 200),  # an empty form re-rendered with its errors
    ("GET", "minutes.amend"): only(WRITERS, 302),  # draft minutes are edited, not amended
    ("POST", "minutes.amend"): only(WRITERS, 302),
    ("GET", "minutes.history"): only(WRITERS, 200),
    ("GET", "minutes.version"): only(WRITERS, 200),
    ("GET", "minutes.pdf"): only(WRITERS, 200),
    ("POST", "minutes.send_for_review"): only(WRITERS, 302),
    ("POST", "minutes.transition"): only(WRITERS, 302),
    ("POST", "minutes.comment"): only(WRITERS, 302),
    ("POST", "minutes.approve"): only((), 302),  # only the named reviewer, who is none of these
    # The member cannot read the draft, so its action item is not revealed to them.
    ("POST", "minutes.action_status"): {**only(WRITERS, 302), "member": 404},
    ("GET", "minutes.my_actions"): signed_in(200),
}


def populate(world) -> None:
    from meetapp.minutes import services
    from tests.factories import MeetingFactory, PersonFactory, UserFactory

    meeting = MeetingFactory(organizers=[world.users["organizer"]])
    minutes = services.start_minutes(world.users["secretary"], meeting)
    services.save_minutes(world.users["secretary"], minutes, body="# Minutes", expected_version=1,
                          action_items=[services.ActionItemInput("Follow up", owner_id=PersonFactory().id)])
    services.set_reviewers(world.users["secretary"], minutes, [UserFactory()])
    world.minutes = SimpleNamespace(meeting=meeting, minutes=minutes, item=minutes.action_items[0])


def url_values(world) -> dict[str, dict]:
    meeting = {"meeting_id": world.minutes.meeting.id}
    return {
        **dict.fromkeys(
            ("minutes.show", "minutes.start", "minutes.edit", "minutes.amend", "minutes.history", "minutes.pdf",
             "minutes.send_for_review", "minutes.transition", "minutes.comment", "minutes.approve"),
            meeting,
        ),
        "minutes.version": {**meeting, "number": 1},
        "minutes.action_status": {"item_id": world.minutes.item.id},
    }
