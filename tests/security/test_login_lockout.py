"""Login lockout (django-axes): five wrong passwords for one username from one address block that pair.

Attempts are rows in the database (axes' database handler), so every gunicorn worker sees the same
count: the test checks the rows, and that a fresh client (another worker, another connection) is
refused too.
"""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from tests.security.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(username: str, password: str, *, address: str = "203.0.113.7", client: Client | None = None):
    client = client or Client()
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        secure=True,
        REMOTE_ADDR=address,
    )


def fail(username: str, times: int, **kwargs) -> None:
    """Sign in with a wrong password `times` times (the last of five is answered with the lockout)."""
    for _ in range(times):
        assert sign_in(username, "wrong password", **kwargs).status_code in (200, 429)


def test_four_wrong_passwords_still_let_the_right_one_in(editor):
    fail(editor.username, 4)

    assert sign_in(editor.username, PASSWORD).status_code == 302


def test_the_fifth_wrong_password_blocks_the_account_from_that_address_with_a_clear_page(editor):
    fail(editor.username, 4)
    response = sign_in(editor.username, "wrong password")

    assert response.status_code == 429
    page = response.content.decode()
    assert "Signing in is blocked" in page
    assert "5 times in a row" in page
    assert f"“{editor.username}” cannot sign in from your address for the next 15 minutes" in page
    assert response["Retry-After"] == "900"
    assert AccessAttempt.objects.get(username=editor.username).failures_since_start == 5


def test_a_locked_out_pair_is_refused_even_with_the_right_password_by_any_worker(editor):
    fail(editor.username, 5)

    another_worker = Client()
    response = sign_in(editor.username, PASSWORD, client=another_worker)

    assert response.status_code == 429
    assert "_auth_user_id" not in another_worker.session


def test_the_lockout_is_per_username_and_address(editor, second_editor):
    fail(editor.username, 5)

    assert sign_in(second_editor.username, PASSWORD).status_code == 302
    assert sign_in(editor.username, PASSWORD, address="198.51.100.20").status_code == 302


def test_the_block_lifts_after_the_cool_off(editor):
    fail(editor.username, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))

    assert sign_in(editor.username, PASSWORD).status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"

    def via_proxy(client_address: str, password: str):
        return Client().post(
            "/admin/login/",
            {"username": editor.username, "password": password},
            secure=True,
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=f"1.2.3.4, {client_address}",
        )

    for _ in range(5):
        via_proxy("203.0.113.9", "wrong password")

    assert via_proxy("203.0.113.9", PASSWORD).status_code == 429
    assert via_proxy("198.51.100.1", PASSWORD).status_code == 302
