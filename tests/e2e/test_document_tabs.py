"""The document page in Chromium: text tabs (static/archive/js/tabs.js) and footnotes, by mouse and keyboard."""

import os

import pytest

from tests.archive.document_records import build_record
from tests.factories import publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("DOCUMENT_PAGE_SCREENSHOTS", "")


@pytest.fixture
def record(translator, second_editor):
    record = build_record(author=translator, title="Khrushchev's conversation with Harriman", footnotes=3)
    publish(record, approver=second_editor)
    return record


def test_tabs_switch_in_place_and_the_address_follows(page, record):
    page.goto(f"/documents/{record.pk}/")
    russian = page.get_by_role("tab", name="Russian original")
    english = page.get_by_role("tab", name="English translation")
    assert english.get_attribute("aria-selected") == "true"
    russian.click()
    assert russian.get_attribute("aria-selected") == "true"
    assert page.url.endswith(f"/documents/{record.pk}/?text=ru-original")
    assert page.locator("#text-ru-original").is_visible()
    assert not page.locator("#text-en-translation").is_visible()
    russian.press("ArrowRight")
    assert english.get_attribute("aria-selected") == "true"
    assert page.evaluate("document.activeElement.id") == "tab-en-translation"
    assert page.url.endswith(f"/documents/{record.pk}/")
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/document-desktop.png", full_page=True)
        page.set_viewport_size({"width": 360, "height": 780})
        page.screenshot(path=f"{SCREENSHOTS}/document-360.png", full_page=True)


def test_a_footnote_and_back_by_keyboard(page, record):
    page.goto(f"/documents/{record.pk}/")
    marker = page.locator("#note-en-translation-ref-2")
    marker.focus()
    page.keyboard.press("Enter")
    assert page.url.endswith("#note-en-translation-2")
    note = page.locator("#note-en-translation-2")
    assert "Note 2 of the en-translation text." in note.inner_text()
    note.get_by_role("link", name="Back to the text at note 2").click()
    assert page.url.endswith("#note-en-translation-ref-2")


def test_a_link_to_a_note_in_a_hidden_text_opens_that_text(page, record):
    page.goto(f"/documents/{record.pk}/#note-ru-original-3")
    assert page.locator("#text-ru-original").is_visible()
    assert page.get_by_role("tab", name="Russian original").get_attribute("aria-selected") == "true"


def test_without_javascript_the_tabs_are_links(browser, live_server, record):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"/documents/{record.pk}/")
        page.get_by_role("link", name="Russian original").click()
        page.wait_for_url(f"**/documents/{record.pk}/?text=ru-original")
        assert page.locator("#text-ru-original").is_visible()
        assert not page.locator("#text-en-translation").is_visible()
    finally:
        context.close()
