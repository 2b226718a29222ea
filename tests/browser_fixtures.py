"""Browser tests' fixtures: Playwright's sync API driving Debian's Chromium against pytest-django's
live server. Imported once, by tests/conftest.py, so that every folder shares one session's Chromium
(two sync Playwright instances cannot run in one thread).

Playwright's sync API runs an asyncio event loop in the test's thread, which makes Django refuse
database calls from that thread unless DJANGO_ALLOW_ASYNC_UNSAFE is set; the test code and the live
server never share a connection, so this is safe here.
"""

import os
from pathlib import Path

import pytest
from django.test.utils import override_settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def plain_http(tmp_path_factory):
    """Settings for a server that speaks plain HTTP, in force before it starts: middleware reads them
    once, when the live server builds its handler (before any per-test settings fixture)."""
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        STATIC_ROOT=tmp_path_factory.mktemp("live-staticfiles"),
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        yield


@pytest.fixture(scope="session")
def live_server(plain_http, live_server):
    """pytest-django's live server, started under `plain_http`."""
    return live_server


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab (own cookies) pointed at the live server."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()
