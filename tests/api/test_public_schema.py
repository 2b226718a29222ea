"""The public API's OpenAPI schema: valid, warning-free, and what the API really does.

schemathesis generates requests from the public part of the schema (valid and invalid parameters, ids
that exist and ids that do not, methods the schema does not list) and checks every response: no 5xx,
a status code and a content type that the schema documents, a body that matches its schema, 405 with
Allow for unlisted methods. The number of examples per endpoint is bounded so that the run takes
seconds, not minutes.
"""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle

from tests.factories import record_in_state

PUBLIC_PATHS = r"^/api/v1/(?!curation/)"
EXAMPLES_PER_ENDPOINT = 20


def test_the_schema_is_valid_without_warnings(tmp_path):
    """As CI runs it: `manage.py spectacular --validate --fail-on-warn`."""
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    text = (tmp_path / "schema.yaml").read_text()
    for path in (
        "/api/v1/documents/",
        "/api/v1/documents/{id}/versions/{number}/",
        "/api/v1/repositories/{id}/",
    ):
        assert f"  {path}:" in text
    assert "ProblemDetails:" in text


@pytest.fixture
def wsgi_requests_share_the_test_transaction():
    """The WSGI app runs in the test's thread, inside its transaction; like Django's test client, keep the
    end of each request from closing the connection (which would roll the test's data back)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def public_records(db, wsgi_requests_share_the_test_transaction, monkeypatch, published, translator, editor):
    """Records for the generated ids to find (ids 1 and 2: a published record with its authorities, and a
    withdrawn one); no throttling, whatever the number of requests."""
    monkeypatch.setattr(
        AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute", "user": "100000/minute"}
    )
    record_in_state("withdrawn", translator=translator, editor=editor, title="Withdrawn")


def openapi_document() -> dict:
    """The schema as /api/schema/ serves it, generated without a request (no database, no settings
    fixtures needed) so that schemathesis can make one test per endpoint when the tests are collected."""
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated, renderer_context={}))


# A valid-looking request may still be refused, rightly: a cursor is opaque and the calendar and the order
# of date_from and date_to are beyond JSON Schema (400), a withdrawn record is gone (410).
CONFIG = schemathesis.Config.from_dict(
    {
        "generation": {"max-examples": EXAMPLES_PER_ENDPOINT},
        "checks": {
            "positive_data_acceptance": {"expected-statuses": ["2xx", "304", "400", "404", "410", "429"]}
        },
    }
)
public = schemathesis.openapi.from_dict(openapi_document(), config=CONFIG).include(path_regex=PUBLIC_PATHS)


@pytest.fixture
def app():
    """The WSGI app, made after the test settings are in place (middleware reads them when it starts)."""
    return get_wsgi_application()


def test_the_schema_is_served(api_client):
    response = api_client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    assert response.json()["paths"].keys() == openapi_document()["paths"].keys()


@public.parametrize()
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_public_api_does_what_its_schema_says(case, app, public_records):
    case.call_and_validate(app=app)
