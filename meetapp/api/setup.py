"""Putting the API together: the flask-smorest ``Api`` (OpenAPI at /api/v1/openapi.json), its blueprints (CSRF off:
tokens, not cookies, authenticate them), problem+json for every error under /api/v1, the docs page."""

from __future__ import annotations

import http

from flask import render_template
from flask_smorest import Api

from meetapp.api import problems
from meetapp.api.schemas import ProblemSchema
from meetapp.extensions import csrf

API_DESCRIPTION = """Meetings, sessions, agenda, participants, check-ins and attendance of meetapp.

Authenticate with a personal access token: `Authorization: Bearer mtk_…`. Make one on your account page
(/account/tokens) or with `POST /api/v1/auth/tokens`. A token acts with its user's permissions, limited to its
scopes: `read` (every GET), `write` (changes), `checkin` (recording and undoing check-ins).

401: no token, or a wrong, expired or revoked one. 403: the token's user (or the token's scopes) may not do this.
404: nothing there, or nothing the user may see. Errors are `application/problem+json` (RFC 9457). Lists take
`?page=&per_page=` (at most 200). Reads send an `ETag`; send it back in `If-None-Match` to get 304.
"""


class ProblemApi(Api):
    """flask-smorest's Api with problem+json errors. Its own app-wide JSON error handler is left out: pages outside
    the API keep their HTML error pages (``problems.register`` decides by path)."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self):
        pass

    def _register_responses(self):
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if status >= 400:
                response["content"] = {problems.PROBLEM_JSON: {"schema": self.ERROR_SCHEMA}}
            self.spec.components.response(status.name, response, lazy=True)
        self.spec.components.response("DEFAULT_ERROR", {
            "description": "Any other error", "content": {problems.PROBLEM_JSON: {"schema": self.ERROR_SCHEMA}},
        }, lazy=True)


def register_api(app) -> None:
    app.config.setdefault("API_TITLE", "meetapp API")
    app.config.setdefault("API_VERSION", "v1")
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    app.config.setdefault("OPENAPI_URL_PREFIX", problems.API_PREFIX)
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    app.config.setdefault("API_SPEC_OPTIONS", {
        "info": {"description": API_DESCRIPTION},
        "components": {"securitySchemes": {"bearerToken": {"type": "http", "scheme": "bearer"}}},
        "security": [{"bearerToken": []}],
    })
    api = ProblemApi(app)
    from meetapp.api import (
        attendance_views,
        directory_views,
        meeting_views,
        minutes_views,
        participant_views,
        records_views,
        token_api_views,
    )

    for module in (token_api_views, directory_views, meeting_views, participant_views, attendance_views,
                   records_views, minutes_views):
        csrf.exempt(module.blp)
        api.register_blueprint(module.blp)
    csrf.exempt(f"{api._make_doc_blueprint_name()}")

    @app.get(f"{problems.API_PREFIX}/docs")
    def api_docs():
        return render_template("api/docs.html", spec=api.spec.to_dict())

    from meetapp import api as package

    app.register_blueprint(package.bp)

