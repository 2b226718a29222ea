"""In Chromium: no payload runs on the key pages, and no page of the site trips its own CSP.

Twice over. First with the Content-Security-Policy bypassed, so that escaping alone is on trial: the
page defines xss() (every payload calls it) and records any call or dialog. Then with the policy in
force, recording every violation report: a page whose own markup needs inline script or style would
show up here (the admin's, Swagger UI's and Redoc's included).
"""

import pytest
from django.test import Client

from curation import actions
from tests.factories import record_revision
from tests.security.xss_corpus import build_hostile_archive, payload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_CALLS = """
window.__xss = [];
window.xss = (field) => window.__xss.push(String(field));
window.alert = window.confirm = window.prompt = (message) => window.__xss.push("dialog " + message);
"""
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) =>
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI || "inline"} ${event.sourceFile || ""}`));
"""
# None: Redoc's page allows the fonts and logo it asks for (config/urls.py).
EXPECTED_VIOLATIONS: tuple[str, ...] = ()


@pytest.fixture
def hostile(translator, editor, second_editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    archive = build_hostile_archive(translator=translator, editor=editor, second_editor=second_editor)
    document = archive.document
    document.summary = payload("edited summary")
    record_revision(document, user=editor, comment=payload("edit comment"))
    actions.submit_for_review(document, actor=editor, comment=payload("review comment"))
    return archive


def signed_in(browser, live_server, user, *, bypass_csp: bool):
    """A browser context with `user`'s session (None: anonymous)."""
    context = browser.new_context(base_url=live_server.url, bypass_csp=bypass_csp)
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
        )
    return context


def public_pages(hostile) -> list[str]:
    document = hostile.document.pk
    return [
        f"/documents/{document}/",
        f"/documents/{document}/v/1/",
        f"/documents/{hostile.withdrawn.pk}/",
        "/search/?q=xss",
        f"/collections/{hostile.collection.slug}/",
        f"/people/{hostile.person.pk}/",
    ]


def workroom_pages(hostile) -> list[str]:
    document = hostile.document.pk
    return [
        "/admin/archive/document/",
        f"/admin/archive/document/{document}/change/",
        f"/admin/archive/document/{document}/review/",
        f"/admin/archive/document/{document}/history/",
        "/admin/archive/document/review-queue/",
    ]


def visit(context, urls: list[str], *, record: str, collected: str) -> dict[str, list[str]]:
    """Open each page, click nothing, wait for it to settle; what the recorder caught on each."""
    context.add_init_script(record)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.dismiss())
    caught = {}
    for url in urls:
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.status in (200, 410), (
            f"{url}: {response and response.status}"
        )
        page.wait_for_timeout(200)
        caught[url] = page.evaluate(collected)
    return caught


def test_no_payload_runs_even_without_the_csp(browser, live_server, hostile, second_editor):
    anonymous = signed_in(browser, live_server, None, bypass_csp=True)
    reviewer = signed_in(browser, live_server, second_editor, bypass_csp=True)
    try:
        calls = visit(anonymous, public_pages(hostile), record=RECORD_CALLS, collected="window.__xss")
        calls |= visit(reviewer, workroom_pages(hostile), record=RECORD_CALLS, collected="window.__xss")
    finally:
        anonymous.close()
        reviewer.close()

    assert {url: ran for url, ran in calls.items() if ran} == {}


def test_no_page_of_the_site_breaks_its_own_content_security_policy(
    browser, live_server, hostile, second_editor
):
    anonymous = signed_in(browser, live_server, None, bypass_csp=False)
    reviewer = signed_in(browser, live_server, second_editor, bypass_csp=False)
    try:
        pages = [*public_pages(hostile), "/", "/admin/login/", "/api/docs/", "/api/redoc/"]
        violations = visit(anonymous, pages, record=RECORD_VIOLATIONS, collected="window.__violations")
        violations |= visit(
            reviewer,
            [*workroom_pages(hostile), "/admin/"],
            record=RECORD_VIOLATIONS,
            collected="window.__violations",
        )
    finally:
        anonymous.close()
        reviewer.close()

    unexpected = {
        url: [line for line in lines if not any(allowed in line for allowed in EXPECTED_VIOLATIONS)]
        for url, lines in violations.items()
    }
    assert {url: lines for url, lines in unexpected.items() if lines} == {}


def test_swagger_ui_and_redoc_still_draw_the_api(browser, live_server, db):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    try:
        page.goto("/api/docs/")
        page.locator(".swagger-ui .opblock").first.wait_for()
        page.goto("/api/redoc/")
        page.locator("redoc [role=menuitem], .menu-content").first.wait_for()
    finally:
        context.close()
