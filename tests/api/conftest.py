"""Shared fixtures of the API tests: published records made through the workflow actions, an API client."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.archive.document_records import build_record
from tests.factories import publish


@pytest.fixture(autouse=True)
def _fresh_throttles_and_fast_hashing(settings):
    """Throttle counts live in the cache: each test starts with none. Personas hash passwords cheaply."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client() -> APIClient:
    """An anonymous client, as a script or another archive reads the public API."""
    return APIClient()


@pytest.fixture
def published_record(translator, second_editor):
    """published_record(**fields) -> a complete record by `translator`, published by `second_editor`."""

    def make(**fields):
        document = build_record(author=translator, **fields)
        publish(document, approver=second_editor)
        document.refresh_from_db()
        return document

    return make


@pytest.fixture
def published(published_record):
    """One published record: Russian original and English translation, a footnote each, linked records."""
    return published_record(title="Memorandum of Conversation with Harriman")


# --- The curation API (tests/api/test_curation_*.py) ------------------------------------------------


@pytest.fixture
def client_as():
    """client_as(user) -> an APIClient acting as `user` (as a token or a session would); None: anonymous."""

    def make(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def draft_body():
    """draft_body(**fields) -> a valid nested body: a Russian original, an English translation with a
    footnote, a provenance event and a credit by name."""

    def make(**fields) -> dict:
        return {
            "title": "Memorandum of Conversation between Khrushchev and Harriman",
            "date": "1962-05-21",
            "document_type": "memcon",
            "original_language": "ru",
            "summary": "Khrushchev and Harriman discuss a moratorium on nuclear tests.",
            "texts": [
                {"kind": "original", "language": "ru", "body": "Беседа началась в полдень."},
                {
                    "kind": "translation",
                    "language": "en",
                    "body": "The talks began at noon.[1]",
                    "footnotes": [{"number": 1, "kind": "translator", "body": "Literally, “at twelve”."}],
                },
            ],
            "provenance": [{"kind": "declassified", "date": "1992", "agent": "RGANI"}],
            "credits": [{"person_name": "Gary Goldberg", "role": "translated"}],
            **fields,
        }

    return make


@pytest.fixture
def curation_record(translator, editor):
    """curation_record("in_review") -> a record by `translator` in that state, made through the actions."""
    from tests.curation.records import make_record

    def make(state: str = "draft", **fields):
        return make_record(state, translator=translator, editor=editor, **fields)

    return make
