"""Oversized, malformed, wrongly encoded and NUL-laden input: a clear 4xx answer, never a 500.

The public pages and APIs are swept from the URLconf (tests.security.urlconf), so a new view is swept
too. PostgreSQL refuses NUL in text, which makes the sweep worth running there as well (.ci/run does).
"""

import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from rest_framework.test import APIClient

from archive.models import Document
from tests.archive.document_records import build_record
from tests.curation.test_admin_forms import open_add_form
from tests.factories import publish
from tests.security.urlconf import all_routes

pytestmark = pytest.mark.django_db

# Query parameters that some public view reads (search, facets, paging, OAI-PMH, the API's filters).
PARAMETERS = [
    "q",
    "page",
    "sort",
    "from",
    "to",
    "decade",
    "collection",
    "person",
    "place",
    "subject",
    "language",
    "repository",
    "translation",
    "text",
    "verb",
    "identifier",
    "metadataPrefix",
    "set",
    "from",
    "until",
    "resumptionToken",
    "cursor",
    "ordering",
    "page_size",
    "format",
]
# Raw, already percent-encoded: a NUL, bytes that are not UTF-8, an encoded surrogate, absurd numbers,
# a long value, broken escapes.
HOSTILE_VALUES = ["%ff%fe%fd", "%ED%A0%80", "99999999999999999999999", "-1", "x" * 5000, "%", "a%2", "[]"]
PRIVATE_PREFIXES = ("admin:", "curation-api:", "media", "[")


@pytest.fixture(autouse=True)
def _no_throttles(settings):
    settings.SEARCH_RATE_LIMIT = ""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}


@pytest.fixture
def record(translator, second_editor) -> Document:
    document = build_record(author=translator, title="Memorandum on the test ban")
    publish(document, approver=second_editor)
    return document


def public_urls(document: Document, **overrides) -> list[str]:
    """Every public route, with its parameters filled for `document` (or as `overrides` say)."""
    values = {
        "pk": document.pk,
        "id": document.pk,
        "number": 1,
        "slug": "test-ban-talks",
        "extension": "ris",
        "decade": 1960,
        "year": 1962,
        "section": "documents",
        "name": "latest.json",
        **overrides,
    }
    return [route.url(**values) for route in all_routes() if not route.name.startswith(PRIVATE_PREFIXES)]


def test_no_public_page_or_api_fails_on_hostile_query_strings(record):
    client = Client(raise_request_exception=False)
    failures = []
    for url in public_urls(record):
        for value in HOSTILE_VALUES:
            query = "&".join(f"{name}={value}" for name in PARAMETERS)
            status = client.get(f"{url}?{query}").status_code
            if status >= 500:
                failures.append(f"{url} with {value[:12]!r}: {status}")

    assert failures == []


@pytest.mark.parametrize("parameter", ["q", "collection", "person", "decade", "page", "sort"])
@pytest.mark.parametrize("url", ["/search/", "/api/v1/documents/", "/oai/", "/browse/"])
def test_a_nul_in_any_query_parameter_is_refused_with_400_naming_it(client, record, url, parameter):
    response = client.get(f"{url}?{parameter}=a%00b")

    assert response.status_code == 400
    if url.startswith("/api/"):
        assert response["Content-Type"] == "application/problem+json"
        body = response.json()["detail"]
    else:
        body = response.content.decode()
    assert f"The query parameter “{parameter}” contains a NUL character" in body


@pytest.mark.parametrize("value", ["%00", "..", "x" * 3000, "%ff", "99999999999999999999999"])
def test_hostile_path_segments_are_not_found_not_a_failure(record, value):
    client = Client(raise_request_exception=False)
    failures = []
    for url in public_urls(record, id=value, slug=value, extension=value, section=value, name=value):
        status = client.get(url).status_code
        if status >= 500:
            failures.append(f"{url[:80]}: {status}")

    assert failures == []


# --- The curation API: JSON bodies ------------------------------------------------------------------


@pytest.fixture
def editor_api(editor) -> APIClient:
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(editor)
    return client


def string_paths(value, path=()):
    """The path to every string in a JSON value: ("texts", 1, "footnotes", 0, "body") …"""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from string_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from string_paths(item, (*path, index))
    elif isinstance(value, str):
        yield path


def replaced(body: dict, path: tuple, value) -> dict:
    copy = json.loads(json.dumps(body))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return copy


def dotted(path: tuple) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")


@pytest.mark.parametrize(
    ("value", "message"),
    [("a\x00b", "contains a NUL character"), ("\ud800", "contains an unpaired surrogate")],
    ids=["nul", "surrogate"],
)
def test_every_string_of_a_record_refuses_nul_and_surrogates_naming_where(
    editor_api, draft_body, value, message
):
    body = draft_body()
    for path in string_paths(body):
        raw = json.dumps(replaced(body, path, value))
        response = editor_api.generic(
            "POST", "/api/v1/curation/documents/", raw, content_type="application/json"
        )

        assert response.status_code == 400, (path, response.status_code)
        detail = response.json()["detail"]
        assert dotted(path).lower() in detail.lower() and message in detail, detail
    assert not Document.objects.exists()


def test_a_text_over_the_limit_is_refused_naming_the_field(editor_api, draft_body, settings):
    settings.ARCHIVE_MAX_TEXT_CHARS = 1000
    body = draft_body()
    body["texts"][1]["body"] = "x" * 1001 + "[1]"

    response = editor_api.post("/api/v1/curation/documents/", body, format="json")

    assert response.status_code == 400
    assert "limit is 1000" in json.dumps(response.json()["errors"])
    assert "texts[1].body" in response.json()["errors"]


@pytest.mark.parametrize(
    ("raw", "status", "detail"),
    [
        (b"\xff\xfe{}", 400, "The request body is not valid UTF-8 (byte 0)."),
        (b'{"title": "x"', 400, "The request body is not valid JSON"),
        (b"[" * 5000 + b"]" * 5000, 400, "The JSON is nested too deeply."),
        (b'{"title": NaN}', 400, "The request body is not valid JSON"),
        (b"[]", 400, "The request has 1 invalid field"),
        (b'{"texts": "not a list"}', 400, "invalid field"),
    ],
    ids=["not-utf8", "truncated", "deep", "nan", "list", "wrong-shape"],
)
def test_malformed_json_bodies_get_problem_details(editor_api, raw, status, detail):
    response = editor_api.generic("POST", "/api/v1/curation/documents/", raw, content_type="application/json")

    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert detail in response.json()["detail"]


def test_a_body_over_the_size_limit_is_refused_with_413(editor_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    raw = json.dumps({"title": "x" * 2000}).encode()

    response = editor_api.generic("POST", "/api/v1/curation/documents/", raw, content_type="application/json")

    assert response.status_code == 413
    assert "The request is too large: at most 1000\xa0bytes" in response.json()["detail"]


def test_a_body_in_another_format_is_refused_with_415(editor_api):
    response = editor_api.generic("POST", "/api/v1/curation/documents/", "title=x", content_type="text/plain")

    assert response.status_code == 415


@pytest.mark.parametrize("action", ["submit", "request-changes", "approve", "withdraw", "revert", "assign"])
@pytest.mark.parametrize(
    "payload",
    [
        {"comment": "a\x00b"},
        {"revision": 10**30},
        {"revision": [1]},
        {"translator": {"id": 1}},
        {"reason": "\ud800"},
    ],
    ids=["nul", "huge", "list", "object", "surrogate"],
)
def test_workflow_actions_refuse_hostile_payloads_with_4xx(editor_api, curation_record, action, payload):
    document = curation_record("in_review")

    response = editor_api.generic(
        "POST",
        f"/api/v1/curation/documents/{document.pk}/{action}/",
        json.dumps(payload),
        content_type="application/json",
    )

    assert 400 <= response.status_code < 500, response.content


# --- The admin's forms ---------------------------------------------------------------------------


@pytest.fixture
def add_form(client, translator):
    client.force_login(translator)
    form = open_add_form(client)
    form.fill("", title="Record of Conversation", original_language="ru", date="1962-05-21")
    form.fill("texts-0", kind="original", language="ru", body="Беседа.")
    return form


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "Record\x00of Conversation", "Null characters are not allowed."),
        ("texts-0-body", "Беседа\x00.", "Null characters are not allowed."),
        ("title", "x" * 501, "Ensure this value has at most 500 characters (it has 501)."),
        ("date", "1962-13-45", "is not a date in EDTF form"),
    ],
)
def test_the_admin_form_reports_hostile_fields_and_saves_nothing(client, add_form, field, value, message):
    add_form[field] = value

    response = add_form.post(client)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()


def test_a_form_post_that_is_not_utf8_is_not_a_failure(client, add_form):
    body = "&".join(f"{name}={values[0]}" for name, values in add_form.data.items() if values)
    client.raise_request_exception = False

    response = client.generic(
        "POST",
        add_form.url,
        body.replace("title=Record", "title=%ff%feRecord").encode(),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code < 500


def test_a_post_with_too_many_fields_is_refused_with_413(client, add_form, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    client.raise_request_exception = False

    response = client.post(add_form.url, {f"field{n}": "x" for n in range(100)})

    assert response.status_code == 413
    assert "and 50 fields are accepted" in response.content.decode()


# --- The importer ----------------------------------------------------------------------------------


IMPORT_FILES = {
    "not-utf8.txt": (b"\xff\xfe\x00garbage\x80", "not UTF-8 text"),
    "truncated.json": (b'{"format": "archive-records", "version": 1, "records": [', "not valid JSON"),
    "deep.json": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "random.json": (bytes(range(256)) * 8, "not UTF-8 text"),
    "bomb.xml": (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><TEI xmlns="http://www.tei-c.org/ns/1.0"><text>&c;</text></TEI>',
        "rejected: bomb.xml",
    ),
    "xxe.xml": (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>&e;</title>'
        b"</titleStmt></fileDesc></teiHeader></TEI>",
        "rejected: xxe.xml",
    ),
}


@pytest.mark.parametrize("name", list(IMPORT_FILES))
def test_the_importer_rejects_broken_files_with_a_message_and_writes_nothing(tmp_path, capsys, name):
    content, message = IMPORT_FILES[name]
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(CommandError, match="1 record\\(s\\) rejected"):
        call_command("import_records", str(path))

    output = capsys.readouterr().out
    assert message in output
    assert "root:" not in output  # the XXE entity was not expanded
    assert not Document.objects.exists()


def test_the_importer_rejects_a_record_with_a_nul_naming_it(tmp_path, capsys):
    record = {
        "external_id": "hostile:1",
        "title": "A record\x00with a NUL",
        "original_language": "en",
        "texts": [{"kind": "original", "language": "en", "body": "Text."}],
    }
    path = tmp_path / "records.json"
    path.write_text(json.dumps({"format": "archive-records", "version": 1, "records": [record]}))

    with pytest.raises(CommandError):
        call_command("import_records", str(path))

    output = capsys.readouterr().out
    assert "rejected: records.json: record 1 (hostile:1): title: contains a NUL character" in output
    assert not Document.objects.exists()
