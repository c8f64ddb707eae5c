"""The public JSON API under /api/v1: personal access tokens, OpenAPI 3 generated from the code (flask-smorest and
marshmallow schemas), errors as problem+json. Views only load, check the token and call the areas' services, the
same ones the web pages call.

``register(app)`` sets it up; the token pages of the web UI (``/account/tokens``) are ``meetapp.api.bp``.
"""

from meetapp.blueprints import views_on_access

__getattr__ = views_on_access(__name__, "token_views")


def register(app) -> None:
    from meetapp.api.setup import register_api

    register_api(app)
