"""The database going away in the middle of a request: a friendly 503, then recovery without a restart.

PostgreSQL only: the test ends the request's own server process with pg_terminate_backend (from a
second connection, as a failover or an operator would) as the request starts, so the failure lands
inside the view or a middleware. The next request finds the broken connection, drops it and
reconnects by itself (CONN_HEALTH_CHECKS and close_old_connections, as under gunicorn).
"""

import time
from contextlib import contextmanager

import psycopg
import pytest
from django.core.signals import request_started
from django.db import close_old_connections, connection
from django.test import Client

from tests.archive.document_records import build_record
from tests.curation.test_admin_forms import open_change_form
from tests.factories import publish

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_terminate_backend is PostgreSQL's"),
    pytest.mark.django_db(transaction=True),
]


def terminate(pid: int) -> None:
    """End the server process `pid` from another connection, and wait until it is gone."""
    settings = connection.settings_dict
    with psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=True,
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        for _ in range(100):
            if admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone() is None:
                return
            time.sleep(0.02)
    raise AssertionError(f"backend {pid} is still running")


def kill_connection_at_request_start(**kwargs) -> None:
    """After Django's own health check at the start of the request: the database goes away."""
    connection.ensure_connection()
    terminate(connection.connection.info.backend_pid)


@contextmanager
def database_goes_away_during_requests():
    """Every request inside meets a database that has just dropped its connection.

    On leaving, the boundary between two requests as gunicorn runs it: Django's request_started hook
    (close_old_connections) finds the broken connection and closes it, and the next query reconnects.
    Django's test client skips that hook (it keeps one connection for the test's transaction), so it
    is run here; .ci/smoke checks the same recovery against a real gunicorn.
    """
    request_started.connect(kill_connection_at_request_start, dispatch_uid="faults-kill-connection")
    try:
        yield
    finally:
        request_started.disconnect(dispatch_uid="faults-kill-connection")
        close_old_connections()


@pytest.fixture
def record(translator, second_editor, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SEARCH_RATE_LIMIT = ""
    document = build_record(author=translator, title="Memorandum on the test ban")
    publish(document, approver=second_editor)
    return document


@pytest.fixture
def browser_client() -> Client:
    """A client that gets the response the server would send, not the exception behind it."""
    return Client(raise_request_exception=False)


def test_a_reader_gets_a_friendly_503_and_the_next_request_works(browser_client, record):
    assert browser_client.get(f"/documents/{record.pk}/").status_code == 200

    with database_goes_away_during_requests():
        response = browser_client.get(f"/documents/{record.pk}/")

    assert response.status_code == 503
    page = response.content.decode()
    assert "The archive is temporarily unavailable" in page
    assert "Please try again in a minute." in page
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert browser_client.get(f"/documents/{record.pk}/").status_code == 200


def test_an_api_client_gets_problem_details(browser_client, record):
    with database_goes_away_during_requests():
        response = browser_client.get("/api/v1/documents/")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Service unavailable",
        "status": 503,
        "detail": "The archive's database is not answering. Please try again in a minute.",
    }
    assert browser_client.get("/api/v1/documents/").status_code == 200


def test_the_health_check_says_unavailable_then_ok(browser_client, record):
    with database_goes_away_during_requests():
        down = browser_client.get("/healthz")

    assert (down.status_code, down.json()) == (503, {"status": "unavailable"})
    up = browser_client.get("/healthz")
    assert (up.status_code, up.json()) == (200, {"status": "ok"})


def test_a_failure_inside_a_middleware_is_a_503_too(browser_client, record, editor):
    """Signed in, the first query of a request is the session's, inside the middleware stack."""
    browser_client.force_login(editor)
    assert browser_client.get("/admin/").status_code == 200

    with database_goes_away_during_requests():
        response = browser_client.get("/admin/")

    assert response.status_code == 503
    assert "The archive is temporarily unavailable" in response.content.decode()
    assert browser_client.get("/admin/").status_code == 200


def test_a_form_post_that_meets_the_outage_loses_nothing_already_saved(browser_client, record, editor):
    """The save fails as a whole (503), the record is as it was, and the same post then succeeds."""
    browser_client.force_login(editor)
    form = open_change_form(browser_client, record)
    form.fill("", summary="Written during the outage.")

    with database_goes_away_during_requests():
        failed = form.post(browser_client)

    assert failed.status_code == 503
    record.refresh_from_db()
    assert record.summary != "Written during the outage."
    assert form.post(browser_client).status_code == 302
    record.refresh_from_db()
    assert record.summary == "Written during the outage."
