"""The API against its own OpenAPI document (schemathesis): for every operation a bounded number of generated
requests with an admin token; no answer is a 5xx, and every answer conforms to the document (status code, content
type, body schema). Sample data gives the small ids hypothesis tries first something to find."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import make_token, make_world

EXAMPLES_PER_OPERATION = 15




def _document() -> dict:
    """The OpenAPI document as the app serves it (an app of its own: the document needs no data)."""
    from meetapp import create_app

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return app.test_client().get("/api/v1/openapi.json").get_json()


# Generated cases only, a bounded number per operation (the coverage phase would add every edge case it can derive).
CONFIG = SchemathesisConfig.from_dict({
    "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
    "generation": {"max-examples": EXAMPLES_PER_OPERATION},
})
schema = schemathesis.openapi.from_dict(_document(), config=CONFIG)


@pytest.fixture
def admin_token(users):
    make_world(users)
    return make_token(users["admin"])


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
          phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case, app, admin_token):
    case.call_and_validate(
        app=app,
        headers={"Authorization": f"Bearer {admin_token}"},
        checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance],
    )
