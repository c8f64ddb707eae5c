"""Route × role rows of the API (see tests/route_matrix.py). The matrix signs in with the session cookie, which the
API ignores: every token-protected path answers 401 to every role (what the rows pin down), getting a token with an
empty form is a 422, and the OpenAPI document and the docs page are open. What each role's TOKEN may do on every
path is tests/api/test_access_matrix.py. The token pages (/account/tokens) are for signed-in users, each for their
own tokens."""

from __future__ import annotations

from tests.route_matrix import everyone, signed_in

TOKEN_PATHS = [
    ("GET", "api_auth.list_tokens"), ("DELETE", "api_auth.revoke_token"), ("GET", "api_auth.me"),
    ("GET", "api_directory.people"), ("GET", "api_directory.units"),
    ("GET", "api_meetings.meetings"), ("POST", "api_meetings.create_meeting"), ("GET", "api_meetings.meeting"),
    ("PATCH", "api_meetings.update_meeting"), ("DELETE", "api_meetings.cancel_meeting"),
    ("GET", "api_meetings.sessions"), ("POST", "api_meetings.add_session"),
    ("GET", "api_meetings.agenda_items"), ("POST", "api_meetings.add_agenda_item"),
    ("GET", "api_participants.participants"), ("POST", "api_participants.add_participants"),
    ("GET", "api_participants.participant"), ("PATCH", "api_participants.update_participant"),
    ("DELETE", "api_participants.remove_participant"),
    ("POST", "api_attendance.check_in"), ("DELETE", "api_attendance.undo_check_in"),
    ("GET", "api_attendance.attendance"), ("POST", "api_attendance.video_report"),
    ("GET", "api_records.awards"), ("POST", "api_records.add_award"),
    ("GET", "api_records.statements"), ("POST", "api_records.add_statement"),
    ("GET", "api_minutes.minutes"), ("PUT", "api_minutes.save_minutes"), ("POST", "api_minutes.transition"),
]

ROUTES = {
    **{key: everyone(401) for key in TOKEN_PATHS},
    ("POST", "api_auth.create_token"): everyone(422),
    ("GET", "api-docs.openapi_json"): everyone(200),
    ("GET", "api_docs"): everyone(200),
    ("GET", "api_tokens.index"): signed_in(200),
    ("POST", "api_tokens.index"): signed_in(200),  # an empty form: the page again, with the errors
    # The sample token is the admin's: only its owner may revoke it.
    ("POST", "api_tokens.revoke"): {"anonymous": 302, "member": 404, "organizer": 404, "secretary": 404,
                                    "admin": 302},
}

def populate(world) -> None:
    from types import SimpleNamespace

    from meetapp.api import tokens
    from tests.factories import MeetingFactory

    meeting = MeetingFactory()
    token = tokens.create_token(world.users["admin"], "matrix", ["read"]).token
    world.api = SimpleNamespace(meeting=meeting, token=token)


def url_values(world) -> dict[str, dict]:
    meeting = {"meeting_id": world.api.meeting.id}
    return {
        "api_auth.revoke_token": {"token_id": world.api.token.id},
        "api_tokens.revoke": {"token_id": world.api.token.id},
        **{endpoint: meeting for _method, endpoint in TOKEN_PATHS
           if endpoint.startswith(("api_meetings.", "api_participants.", "api_attendance.", "api_records.",
                                   "api_minutes.")) and endpoint != "api_meetings.meetings"
           and endpoint != "api_meetings.create_meeting"},
        "api_participants.participant": {**meeting, "participant_id": 1},
        "api_participants.update_participant": {**meeting, "participant_id": 1},
        "api_participants.remove_participant": {**meeting, "participant_id": 1},
        "api_attendance.undo_check_in": {**meeting, "check_in_id": 1},
    }
