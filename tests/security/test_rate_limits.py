"""Throttling of the search page per client address (config.middleware.rate_limited).

The API's own throttles (DRF) are tested in tests/api/test_public_http.py.
"""

import pytest
from django.test import Client, RequestFactory

from config.middleware import client_ip, parse_rate

pytestmark = pytest.mark.django_db


def search(client: Client, *, address: str = "203.0.113.7"):
    return client.get("/search/", {"q": "treaty"}, REMOTE_ADDR=address)


def test_search_answers_429_with_retry_after_once_an_address_is_over_its_limit(client, settings):
    settings.SEARCH_RATE_LIMIT = "3/minute"

    assert [search(client).status_code for _ in range(3)] == [200, 200, 200]
    refused = search(client)

    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "Too many requests from your address" in refused.content.decode()
    assert search(client, address="198.51.100.4").status_code == 200


def test_an_empty_rate_turns_the_search_limit_off(client, settings):
    settings.SEARCH_RATE_LIMIT = ""

    assert {search(client).status_code for _ in range(5)} == {200}


@pytest.mark.parametrize(
    ("rate", "expected"), [("30/minute", (30, 60)), ("5/second", (5, 1)), ("100/hours", (100, 3600))]
)
def test_rates_are_read_as_requests_per_window(rate, expected):
    assert parse_rate(rate) == expected


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "1.2.3.4", "10.0.0.2"),
        (1, "1.2.3.4", "1.2.3.4"),
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),
        (2, "6.6.6.6, 1.2.3.4, 10.0.0.1", "1.2.3.4"),
        (1, "not-an-address", "10.0.0.2"),
        (1, "", "10.0.0.2"),
    ],
)
def test_the_client_address_trusts_only_as_many_forwarded_hops_as_configured(
    rf, settings, hops, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = hops
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected


def test_a_request_without_an_address_has_no_client_ip():
    """force_login and other logins made in code carry no REMOTE_ADDR; axes must store NULL, not a word."""
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="")) is None


@pytest.mark.django_db
def test_a_login_made_in_code_is_recorded_on_postgresql_too(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
