"""Personas and shared fixtures. Every test that needs a user picks one of these roles."""

from pathlib import Path

import pytest

from tests.browser_fixtures import browser, live_server, page, plain_http  # noqa: F401
from tests.factories import EditorFactory, TranslatorFactory, UserFactory

SAMPLES_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "samples"
STANDARDS_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "standards"


@pytest.fixture(scope="session")
def _static_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("staticfiles")


@pytest.fixture(autouse=True)
def _plain_http_and_static(settings, _static_root):
    """Tests talk plain HTTP to the test client and need no collectstatic run or manifest."""
    settings.SECURE_SSL_REDIRECT = False
    settings.STATIC_ROOT = _static_root
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests make many personas; real password hashing would dominate the run."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def samples_dir() -> Path:
    if not SAMPLES_DIR.is_dir():
        pytest.skip(f"the shared sample records are not at {SAMPLES_DIR}")
    return SAMPLES_DIR


@pytest.fixture
def translator(db):
    return TranslatorFactory(username="tanya", first_name="Tanya", last_name="Translator")


@pytest.fixture
def other_translator(db):
    return TranslatorFactory(username="oleg", first_name="Oleg", last_name="Otherwise")


@pytest.fixture
def editor(db):
    return EditorFactory(username="edith", first_name="Edith", last_name="Editor")


@pytest.fixture
def second_editor(db):
    return EditorFactory(username="emil", first_name="Emil", last_name="Reviewer")


@pytest.fixture
def administrator(db):
    return UserFactory(username="ada", is_superuser=True)


@pytest.fixture
def outsider(db):
    """A logged-in account with no role: sees nothing a reader would not."""
    return UserFactory(username="olga", is_staff=False)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters (search, API, config.middleware) live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
