"""Redoc's page may load what Redoc asks for (Google's fonts, Redoc's logo); no other page may."""

import pytest
from django.urls import reverse

from tests.security.test_headers import csp

pytestmark = pytest.mark.django_db

REDOC_SOURCES = {
    "style-src": "https://fonts.googleapis.com",
    "font-src": "https://fonts.gstatic.com",
    "img-src": "https://cdn.redoc.ly",
}


def test_redoc_may_load_its_fonts_and_logo(client):
    policy = csp(client.get(reverse("api-redoc"), secure=True))

    for directive, source in REDOC_SOURCES.items():
        assert source in policy[directive], directive
    assert policy["script-src"] == {"'self'"}


@pytest.mark.parametrize("name", ["api-docs", "api-schema", "archive:home"])
def test_no_other_page_may(client, name):
    policy = csp(client.get(reverse(name), secure=True))

    for directive, source in REDOC_SOURCES.items():
        assert source not in policy.get(directive, set()), (name, directive)
