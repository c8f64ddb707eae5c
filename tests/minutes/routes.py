"""Route × role rows of the minutes area. The sample meeting is for its participants only (the member is not one)
and organized by the organizer account; it has draft minutes with a reviewer who is none of the role accounts.
So the member, who may not see the meeting, gets 404 for everything of its minutes (their existence is not
revealed); secretaries, the meeting's managers (organizer, admin) work on them. Drafts of a meeting the member
does see answer 403 (tests/minutes/test_pages.py). Empty POSTs are refused by the forms and redirect back."""

from __future__ import annotations

from types import SimpleNamespace

from tests.route_matrix import only, signed_in

WRITERS = ("organizer", "secretary", "admin")


def writers(status) -> dict:
    """The writers get ``status``; the member, who may not see the meeting, 404; anonymous users sign in."""
    return only(WRITERS, status, denied=404)


ROUTES = {
    ("GET", "minutes.show"): writers(200),
    ("POST", "minutes.start"): writers(302),
    ("GET", "minutes.edit"): writers(200),
    ("POST", "minutes.edit"): writers(200),  # an empty form re-rendered with its errors
    ("GET", "minutes.amend"): writers(302),  # draft minutes are edited, not amended
    ("POST", "minutes.amend"): writers(302),
    ("GET", "minutes.history"): writers(200),
    ("GET", "minutes.version"): writers(200),
    ("GET", "minutes.pdf"): writers(200),
    ("POST", "minutes.send_for_review"): writers(302),
    ("POST", "minutes.transition"): writers(302),
    ("POST", "minutes.comment"): writers(302),
    ("POST", "minutes.approve"): {**only((), 302), "member": 404},  # only the named reviewer, who is none of these
    ("POST", "minutes.action_status"): writers(302),
    ("GET", "minutes.my_actions"): signed_in(200),
}


def populate(world) -> None:
    from meetapp.meetings.models import Visibility
    from meetapp.minutes import services
    from tests.factories import MeetingFactory, PersonFactory, UserFactory

    meeting = MeetingFactory(organizers=[world.users["organizer"]], visibility=Visibility.PARTICIPANTS)
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
