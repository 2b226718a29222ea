"""HTTP behaviour of the public API: ETag, Last-Modified and 304; read-only (405); CORS; throttling."""

import pytest
from django.utils.http import parse_http_date
from rest_framework.throttling import AnonRateThrottle

from archive.models import Document, Subject
from curation import actions
from tests.factories import publish

pytestmark = pytest.mark.django_db

DOCUMENT_PATHS = (
    "/api/v1/documents/",
    "/api/v1/documents/{pk}/",
    "/api/v1/documents/{pk}/versions/",
    "/api/v1/documents/{pk}/versions/1/",
)
AUTHORITY_PATHS = ("/api/v1/subjects/", "/api/v1/subjects/{subject}/")


def paths(template: tuple[str, ...], record) -> list[str]:
    subject = Subject.objects.get(heading="Nuclear weapons--Testing")
    return [path.format(pk=record.pk, subject=subject.pk) for path in template]


# --- Conditional requests -------------------------------------------------------------------------


def test_documents_answer_304_to_their_etag_and_to_last_modified(api_client, published):
    for path in paths(DOCUMENT_PATHS, published):
        response = api_client.get(path)
        assert response.status_code == 200
        assert response["ETag"].startswith('"') and response["Last-Modified"]
        assert "public" in response["Cache-Control"]
        by_etag = api_client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
        assert by_etag.status_code == 304 and by_etag.content == b""
        assert by_etag["ETag"] == response["ETag"]
        by_date = api_client.get(path, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        assert by_date.status_code == 304
        assert api_client.get(path, HTTP_IF_NONE_MATCH='"something else"').status_code == 200


def test_authorities_answer_304_to_their_etag(api_client, published):
    for path in paths(AUTHORITY_PATHS, published):
        response = api_client.get(path)
        assert response.status_code == 200 and response["ETag"]
        assert api_client.get(path, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_a_new_version_changes_the_validators(api_client, published, editor, second_editor):
    before = {path: api_client.get(path) for path in paths(DOCUMENT_PATHS, published)}
    published.title = "Retitled"
    publish(published, approver=second_editor, author=editor, note="Retitled.")
    for path, old in before.items():
        response = api_client.get(path, HTTP_IF_NONE_MATCH=old["ETag"])
        assert response.status_code == 200, path
        assert response["ETag"] != old["ETag"]


def test_a_withdrawal_changes_the_list(api_client, published, published_record, editor):
    published_record(title="Stays")
    old = api_client.get("/api/v1/documents/")
    actions.withdraw(published, actor=editor, reason="Published in error.")
    response = api_client.get("/api/v1/documents/", HTTP_IF_NONE_MATCH=old["ETag"])
    assert response.status_code == 200 and response.json()["count"] == 1
    # Last-Modified counts the withdrawal, not only publications.
    withdrawn_at = Document.objects.get(pk=published.pk).withdrawn_at
    assert parse_http_date(response["Last-Modified"]) == int(withdrawn_at.timestamp())


def test_the_etag_differs_between_json_and_the_browsable_api(api_client, published):
    as_json = api_client.get("/api/v1/documents/", HTTP_ACCEPT="application/json")
    as_html = api_client.get("/api/v1/documents/", HTTP_ACCEPT="text/html")
    assert as_html.status_code == 200 and as_html["Content-Type"].startswith("text/html")
    assert as_json["ETag"] != as_html["ETag"]
    assert "Accept" in as_json["Vary"]


# --- Read-only ------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_every_unsafe_method_is_a_405_problem(api_client, published, method):
    for path in paths(DOCUMENT_PATHS + AUTHORITY_PATHS, published):
        response = getattr(api_client, method)(path, {"title": "Overwritten"}, format="json")
        assert response.status_code == 405, path
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 405
        assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert api_client.get(f"/api/v1/documents/{published.pk}/").json()["title"] != "Overwritten"


def test_a_signed_in_user_cannot_write_either(api_client, published, editor):
    api_client.force_authenticate(editor)
    response = api_client.delete(f"/api/v1/documents/{published.pk}/")
    assert response.status_code == 405
    assert api_client.get(f"/api/v1/documents/{published.pk}/").status_code == 200


def test_head_answers_like_get_without_a_body(api_client, published):
    response = api_client.head(f"/api/v1/documents/{published.pk}/")
    assert response.status_code == 200 and response.content == b"" and response["ETag"]


# --- CORS -----------------------------------------------------------------------------------------


def test_any_origin_may_read(api_client, published):
    response = api_client.get(f"/api/v1/documents/{published.pk}/", HTTP_ORIGIN="https://scholar.example.edu")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_preflight_allows_reading_only(api_client, published):
    response = api_client.options(
        "/api/v1/documents/",
        HTTP_ORIGIN="https://scholar.example.edu",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_the_curation_api_is_not_open_to_other_origins(api_client):
    response = api_client.get("/api/v1/curation/documents/", HTTP_ORIGIN="https://scholar.example.edu")
    assert "Access-Control-Allow-Origin" not in response


# --- Throttling -----------------------------------------------------------------------------------


@pytest.fixture
def three_a_minute(monkeypatch):
    """DRF reads the rates once, at import; a test sets them on the throttle class instead."""
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "3/minute"})


def test_a_client_over_its_rate_gets_a_429_problem(api_client, published, three_a_minute):
    for _ in range(3):
        assert api_client.get("/api/v1/documents/").status_code == 200
    response = api_client.get(f"/api/v1/documents/{published.pk}/")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) > 0
    assert response.json()["title"] == "Too many requests"


def test_the_rate_is_per_client(api_client, published, three_a_minute):
    for _ in range(3):
        api_client.get("/api/v1/documents/", REMOTE_ADDR="192.0.2.1")
    assert api_client.get("/api/v1/documents/", REMOTE_ADDR="192.0.2.1").status_code == 429
    assert api_client.get("/api/v1/documents/", REMOTE_ADDR="192.0.2.2").status_code == 200
