"""Errors of the API as ``application/problem+json`` (RFC 9457): every error under /api/v1, whatever raised it
(routing's 404 and 405, a refusal of a service, a rate limit, a crash), answers with ``type``, ``title``,
``status`` and a ``detail`` a person can act on; validation errors add ``errors`` (field → messages)."""

from __future__ import annotations

from http import HTTPStatus

from flask import Response, json, request
from werkzeug.exceptions import HTTPException

from meetapp.errors import DomainError

API_PREFIX = "/api/v1"
PROBLEM_JSON = "application/problem+json"


def is_api_request() -> bool:
    return request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/")


def problem(status: int, detail: str | None = None, *, errors: dict | None = None, headers=None,
            **extensions) -> Response:
    """A problem+json response; ``extensions`` become extra members (RFC 9457 §3.2), e.g. ``outcome``."""
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status}
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    body.update({key: value for key, value in extensions.items() if value is not None})
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)
    for name, value in dict(headers or {}).items():
        response.headers[name] = value
    return response


DETAILS = {
    401: "Send a personal access token: Authorization: Bearer <token>.",
    404: "Nothing here, or nothing this token's user may see.",
    405: "This path does not accept this method.",
}


def from_http_error(error: HTTPException) -> Response:
    """webargs/flask-smorest put validation messages in ``error.data["messages"]``: {location: {field: [..]}}."""
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    errors = data.get("errors") or data.get("messages")
    if isinstance(errors, dict) and len(errors) == 1 and next(iter(errors)) in ("json", "query", "form", "files"):
        errors = next(iter(errors.values()))  # one location: the field names say enough
    own = error.description if error.description != type(error).description else None
    detail = data.get("message") or own or DETAILS.get(status) or error.description
    if status == 422 and errors and not data.get("message"):
        detail = "The request has invalid fields; see errors."
    if status == 429:
        detail = f"Too many requests (at most {error.description}); try again later."
    if status >= 500:
        detail = "The server failed to answer; the error was logged."
    # The exception's own headers (Allow of a 405, Retry-After …) without its text/html content type.
    headers = {name: value for name, value in error.get_headers() if name.lower() != "content-type"}
    if status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="meetapp"'
    return problem(status, detail, errors=errors if isinstance(errors, dict) else None, headers=headers)


def register(app) -> None:
    """Under /api/v1, answer every HTTP error (those the app renders as pages too) as a problem."""
    html_handlers = {code: dict(handlers) for code, handlers in app.error_handler_spec[None].items()}

    def handle(error: HTTPException):
        if is_api_request():
            return from_http_error(error)
        for cls in type(error).__mro__:
            handler = html_handlers.get(error.code, {}).get(cls)
            if handler is not None:
                return handler(error)
        return error

    codes = {code for code in html_handlers if code is not None}
    for code in codes:
        app.register_error_handler(code, handle)
    app.register_error_handler(HTTPException, handle)


# Refusals that are conflicts with the current state (409); other refusals are 422 (understood, not acceptable).
def conflict_classes() -> tuple[type[DomainError], ...]:
    from meetapp.attendance.checkins import AlreadyUndone
    from meetapp.attendance.video_reports.services import AlreadyImported, ImportConflict
    from meetapp.meetings.services import LastSession, TransitionNotAllowed, VenueDoubleBooked
    from meetapp.minutes import services as minutes
    from meetapp.participants.services import ListClosed

    return (AlreadyUndone, AlreadyImported, ImportConflict, LastSession, TransitionNotAllowed, VenueDoubleBooked,
            ListClosed, minutes.MinutesPublished, minutes.StaleVersion, minutes.MinutesExist,
            minutes.IllegalTransition, minutes.NotPublished, minutes.NotInReview, minutes.ApprovalsMissing,
            minutes.AlreadyApproved, minutes.NoReviewers)


def from_domain_error(error: DomainError) -> Response:
    """A service's refusal: 409 for a conflict with the current state, else 422; a refusal that names the field
    (``column``, e.g. an award's unknown recipient) also says it in ``errors``."""
    status = getattr(error, "http_status", None) or (409 if isinstance(error, conflict_classes()) else 422)
    column = getattr(error, "column", None)
    return problem(status, str(error), errors={column: [str(error)]} if isinstance(column, str) else None)
