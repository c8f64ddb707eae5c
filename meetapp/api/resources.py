"""What every API blueprint shares: token authentication before the view, ETags on reads after it, refusals of
the services as problems, pagination and the documented error answers."""

from __future__ import annotations

from http import HTTPStatus

from flask import request
from flask_smorest import Blueprint

from meetapp.api import access
from meetapp.api.problems import from_domain_error
from meetapp.errors import DomainError
from meetapp.extensions import db

# Error answers every operation may give (documented per operation so the spec says what to expect).
READ_ERRORS = (401, 403, 404)
WRITE_ERRORS = (401, 403, 404, 409, 422)


def api_blueprint(name: str, description: str, url_prefix: str = "/api/v1") -> Blueprint:
    blp = Blueprint(name, __name__, url_prefix=url_prefix, description=description)
    blp.before_request(access.authenticate)
    blp.after_request(conditional_get)
    blp.register_error_handler(DomainError, refused)
    return blp


def refused(error: DomainError):
    """A service said no: nothing of the request stays (services commit only when they succeed)."""
    db.session.rollback()
    return from_domain_error(error)


def conditional_get(response):
    """Reads carry an ETag of their body; a client sending it back in If-None-Match gets 304 without the body.
    Answers depend on the token's user, so caches must key on Authorization."""
    if request.method == "GET" and response.status_code == 200 and response.is_json and not response.is_streamed:
        response.add_etag()
        response.headers["Cache-Control"] = "private, no-cache"
        response.vary.add("Authorization")
        response.make_conditional(request)
    return response


def errors(blp: Blueprint, *codes: int):
    """Document ``codes`` as problem answers of the decorated operation."""
    def decorator(view):
        for code in codes:
            view = blp.alt_response(code, response=HTTPStatus(code).name)(view)
        return view

    return decorator


def paginate(query, args: dict, row=None) -> dict:
    """One page of ``query`` (a select with its loading options) in the list envelope; ``row`` turns each item
    into what the item schema dumps."""
    page = db.paginate(query, page=args["page"], per_page=args["per_page"], error_out=False, count=True)
    items = page.items if row is None else [row(item) for item in page.items]
    return {"items": items, "page": page.page, "per_page": page.per_page, "total": page.total, "pages": page.pages}
