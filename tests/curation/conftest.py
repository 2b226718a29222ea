"""Fixtures for the workflow tests: records in each state, made through the actions themselves."""

import pytest

from tests.curation.records import make_record


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Each workflow test makes several personas; real password hashing would dominate the run."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def record_in(translator, editor):
    """record_in("published") -> a record by `translator`, approved by `editor`."""

    def make(state: str, **fields):
        return make_record(state, translator=translator, editor=editor, **fields)

    return make
