"""The curation API's OpenAPI description: documented, with examples that look like real responses, and
what the API really does, for a translator and for an editor.

schemathesis generates requests from the curation part of the schema (bodies, ids that exist and ids
that do not, If-Match headers, invalid input) and checks every response: no 5xx, a status code and a
content type that the schema documents, a body that matches its schema. It runs once authenticated
with a translator's API token and once with an editor's, against records in every workflow state.
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
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle
from schemathesis.specs.openapi.checks import positive_data_acceptance

from archive.models import Document
from curation.api import examples
from curation.models import ApiToken
from tests.factories import RepositoryFactory

CURATION_PATHS = r"^/api/v1/curation/"
EXAMPLES_PER_ENDPOINT = 10
STATES = ("draft", "in_review", "changes_requested", "published", "withdrawn")


def openapi_document() -> dict:
    """The schema as /api/schema/ serves it, generated without a request, so that schemathesis can make
    one test per endpoint when the tests are collected (as tests/api/test_public_schema.py does)."""
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated, renderer_context={}))


def curation_schema(*, coverage: bool):
    schema = schemathesis.openapi.from_dict(openapi_document()).include(path_regex=CURATION_PATHS)
    schema.config.phases.coverage.enabled = coverage
    return schema


# The editor, who may do everything, gets schemathesis's coverage phase too (boundary values and every
# kind of invalid input for each parameter, some 500 requests per write endpoint); the translator gets
# the examples and the random cases, which is enough to see the refusals conform.
as_editor = curation_schema(coverage=True)
as_translator = curation_schema(coverage=False)


def test_every_curation_endpoint_is_described_with_examples_and_errors():
    paths = {
        path: item
        for path, item in openapi_document()["paths"].items()
        if path.startswith("/api/v1/curation/")
    }
    assert len(paths) == 10
    for path, item in paths.items():
        for method, operation in item.items():
            if method not in {"get", "post", "put", "patch"}:
                continue
            where = f"{method.upper()} {path}"
            assert operation["description"] and operation["summary"], where
            ok = operation["responses"].get("200") or operation["responses"]["201"]
            assert ok["content"]["application/json"]["examples"], where
            errors = {code for code in operation["responses"] if code.startswith("4")}
            assert {"401", "404", "429"} <= errors, where
            for code in errors:
                assert operation["responses"][code]["content"]["application/problem+json"]["examples"], where
            if method in {"post", "put", "patch"} and "requestBody" in operation:
                assert operation["requestBody"]["content"]["application/json"]["examples"], where


@pytest.fixture
def real(client_as, editor, curation_record):
    """Real responses, to compare the examples with."""
    document = curation_record("published")
    client = client_as(editor)
    return {
        "document": client.get(f"/api/v1/curation/documents/{document.pk}/").json(),
        "page": client.get("/api/v1/curation/documents/").json(),
        "revisions": client.get(f"/api/v1/curation/documents/{document.pk}/revisions/").json(),
    }


def test_the_examples_have_the_shape_of_real_responses(real):
    assert examples.DOCUMENT.keys() == real["document"].keys()
    assert examples.PUBLISHED["current_version"].keys() == real["document"]["current_version"].keys()
    assert examples.TEXT_EN.keys() == real["document"]["texts"][0].keys()
    assert examples.FOOTNOTE.keys() == real["document"]["texts"][0]["footnotes"][0].keys()
    assert examples.DOCUMENT_PAGE.keys() == real["page"].keys()
    assert examples.SUMMARY.keys() == real["page"]["results"][0].keys()
    assert examples.REVISIONS["results"][0].keys() == real["revisions"]["results"][0].keys()
    assert (
        examples.REVISIONS["results"][0]["steps"][0].keys()
        == real["revisions"]["results"][0]["steps"][0].keys()
    )


def test_the_example_request_creates_a_draft(client_as, translator, repository_of_the_example):
    response = client_as(translator).post("/api/v1/curation/documents/", examples.NEW_DRAFT, format="json")

    assert response.status_code == 201, response.json()


@pytest.fixture
def repository_of_the_example(db):
    return RepositoryFactory(pk=examples.NEW_DRAFT["repository"])


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
def app():
    """The WSGI app, made after the test settings are in place (middleware reads them when it starts)."""
    return get_wsgi_application()


@pytest.fixture
def workroom(db, wsgi_requests_share_the_test_transaction, monkeypatch, curation_record, translator):
    """Records in every state for the generated ids to find, and tokens for a translator and an editor."""
    monkeypatch.setattr(
        AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute", "user": "100000/minute"}
    )
    for state in STATES:
        curation_record(state)
    return Document.objects.count()


def _bearer(user) -> dict[str, str]:
    token = ApiToken(user=user, name="schemathesis")
    key = token.set_new_key()
    token.save()
    return {"Authorization": f"Bearer {key}"}


HYPOTHESIS = settings(
    max_examples=EXAMPLES_PER_ENDPOINT,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def call_and_validate(case, app, user) -> None:
    # The checks resend requests without the token (is authentication enforced?) through the schema's app.
    case.operation.schema.app = app
    case.call_and_validate(
        app=app,
        headers=_bearer(user),
        # A record's rules (EDTF dates, language codes, footnote numbering, the workflow's states, the
        # ETag of the moment) are more than JSON Schema says: a request of the right shape is still
        # refused, with a documented 400, 409 or 412, when it breaks them.
        excluded_checks=[positive_data_acceptance],
    )


@as_editor.parametrize()
@HYPOTHESIS
def test_the_curation_api_does_what_its_schema_says_for_an_editor(case, app, workroom, editor):
    call_and_validate(case, app, editor)


@as_translator.parametrize()
@HYPOTHESIS
def test_the_curation_api_does_what_its_schema_says_for_a_translator(case, app, workroom, translator):
    call_and_validate(case, app, translator)


def test_the_schema_is_served_with_the_curation_paths():
    paths = APIClient().get("/api/schema/", {"format": "json"}).json()["paths"]

    assert "/api/v1/curation/documents/{id}/approve/" in paths


def test_the_schema_is_valid_without_warnings(tmp_path):
    """As CI runs it: `manage.py spectacular --validate --fail-on-warn`, curation paths included."""
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    text = (tmp_path / "schema.yaml").read_text()
    assert "  /api/v1/curation/documents/{id}/revisions/{revision}/diff/:" in text
    assert "apiToken:" in text
