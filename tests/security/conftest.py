"""Fixtures of the security tests: cheap password hashing, a private MEDIA_ROOT, fresh rate-limit counters."""

import pytest
from django.core.cache import cache

# The curation API's fixtures (a valid nested record body, records in each state); the browser's come
# from tests/conftest.py.
from tests.api.conftest import curation_record, draft_body  # noqa: F401

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fast_hashing_and_fresh_counters(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()
