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
