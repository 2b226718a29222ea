"""The reader's journey of issue 4 in Chromium, in one go: find a record by a word that is only in one of
its footnotes, narrow by person, open it, read the original, follow a footnote and back, copy the
citation and download a PDF whose text matches the page."""

import shutil
import subprocess

import pytest

from archive.models import Footnote, Person
from tests.archive.document_records import build_record
from tests.factories import publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Khrushchev's conversation with Harriman"
FOOTNOTE_WORD = "Semipalatinsk"


@pytest.fixture
def records(translator, second_editor):
    """The record sought, and a second one with the same footnote word by someone else."""
    sought = build_record(author=translator, title=TITLE, footnotes=2)
    other = build_record(author=translator, title="Gromyko's note to Rusk", footnotes=2)
    other.creators.set([Person.objects.create(name="Andrei Gromyko")])
    for record in (sought, other):
        Footnote.objects.filter(text__document=record, text__language="en", number=2).update(
            body=f"Note 2 of the en-translation text, on the test site at {FOOTNOTE_WORD}."
        )
        publish(record, approver=second_editor)
    return sought, other


@pytest.fixture
def journey_page(browser, live_server):
    """A tab that may read and write the clipboard and accepts downloads."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def test_search_narrow_read_follow_a_note_cite_and_download(journey_page, records, tmp_path):
    page = journey_page
    sought, _other = records

    page.goto("/")
    page.get_by_role("search").get_by_role("searchbox").fill(FOOTNOTE_WORD)
    page.get_by_role("search").get_by_role("searchbox").press("Enter")
    page.wait_for_url(f"**/search/?q={FOOTNOTE_WORD}*")
    assert page.locator("#results-heading").inner_text().startswith("2 records")

    page.locator(".facets").get_by_role("link", name="Nikita Khrushchev").click()
    page.wait_for_url("**person=*")
    assert page.locator("#results-heading").inner_text().startswith("1 record")
    assert page.get_by_role("link", name="Gromyko's note to Rusk").count() == 0

    page.locator(".search-results").get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**/documents/{sought.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == TITLE

    page.get_by_role("tab", name="Russian original").click()
    assert page.locator("#text-ru-original").is_visible()
    assert not page.locator("#text-en-translation").is_visible()
    assert page.url.endswith("?text=ru-original")

    page.locator("#note-ru-original-ref-2").click()
    page.wait_for_function("location.hash === '#note-ru-original-2'")
    note = page.locator("#note-ru-original-2")
    assert "Note 2 of the ru-original text." in note.inner_text()
    note.get_by_role("link", name="Back to the text at note 2").click()
    page.wait_for_function("location.hash === '#note-ru-original-ref-2'")
    assert page.evaluate("document.activeElement.id") == "note-ru-original-ref-2"

    copy = page.get_by_role("button", name="Copy the archive citation")
    expected = copy.get_attribute("data-copy")
    assert expected.startswith(f'"{TITLE},"')
    assert expected.endswith(f"/documents/{sought.pk}/")
    copy.click()
    page.locator("[data-cite-status]").filter(has_text="Copied").wait_for(state="attached")
    assert page.evaluate("navigator.clipboard.readText()") == expected

    with page.expect_download() as download_info:
        page.locator(".document-downloads").get_by_role("link", name="PDF").click()
    pdf = tmp_path / "record.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "conversation with Harriman" in text
    assert f"on the test site at {FOOTNOTE_WORD}" in text


def pdf_text(path) -> str:
    """The PDF's text as poppler's pdftotext reads it, lines joined (installed by `make browser`)."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed (poppler-utils; make browser)")
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(result.stdout.split())
