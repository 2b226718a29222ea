"""Production headers: HSTS, CSP without inline script, frame denial, Referrer-Policy, secure cookies.

`check --deploy` (run by .ci/run with production settings) covers the settings; these tests look at
what a browser actually receives.
"""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

PAGES = ["/", "/search/?q=treaty", "/admin/login/", "/api/v1/documents/", "/oai/?verb=Identify", "/healthz"]


def csp(response) -> dict[str, set[str]]:
    """The Content-Security-Policy header as {directive: {sources}}."""
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        policy[name] = set(sources)
    return policy


@pytest.mark.parametrize("url", PAGES)
def test_every_page_forbids_inline_script_framing_and_foreign_sources(client, url):
    response = client.get(url, secure=True)

    policy = csp(response)
    assert policy["default-src"] == {"'self'"}
    assert policy["script-src"] == {"'self'"}
    assert policy["style-src"] == {"'self'"}
    assert policy["frame-ancestors"] == {"'none'"}
    assert policy["base-uri"] == {"'self'"}
    assert policy["form-action"] == {"'self'"}
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_the_api_documentation_allows_inline_styles_but_still_no_inline_script(client, url):
    policy = csp(client.get(url, secure=True))

    assert policy["script-src"] == {"'self'"}
    assert "'unsafe-inline'" in policy["style-src"]


def test_swagger_ui_loads_its_start_up_script_from_a_url(client):
    page = client.get("/api/docs/", secure=True).content.decode()

    assert "<script>" not in page
    script = client.get("/api/docs/?script=", secure=True)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")


@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_is_redirected_to_https_except_the_health_check(client):
    assert client.get("/").status_code == 301
    assert client.get("/", headers={"x-forwarded-proto": "https"}).status_code == 200
    assert client.get("/healthz").status_code == 200


def test_session_and_csrf_cookies_are_secure_http_only_and_same_site(client, editor):
    from tests.security.conftest import PASSWORD

    login_page = client.get("/admin/login/", secure=True)
    csrf_cookie = login_page.cookies["csrftoken"]
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": editor.username, "password": PASSWORD, "csrfmiddlewaretoken": csrf_cookie.value},
        secure=True,
    )

    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert csrf_cookie["secure"] and csrf_cookie["samesite"] == "Lax"
