"""XSS: a payload in every user-entered field, read back through every page, the admin, the APIs,
feeds, OAI-PMH, downloads and the PDF. No payload may become markup anywhere.

HTML is parsed (lxml) and searched for what a payload would leave behind if it broke out: script
elements that are not the site's own files or valid JSON-LD, event-handler attributes, javascript:
links, <svg>, <iframe>, <img src=x>. XML must stay well formed with the payloads as text, and feed
descriptions (which readers render as HTML) must hold none of it as markup. JSON must parse, and its
*_html fields pass the HTML check. Chromium confirms on key pages that nothing runs
(tests/e2e/test_xss_browser.py, beside the other browser tests and their shared Chromium).
"""

import json
import shutil
import subprocess
from urllib.parse import quote

import lxml.etree
import lxml.html
import pytest

from tests.security.xss_corpus import SCRIPT_CALL, build_hostile_archive, payload

pytestmark = pytest.mark.django_db

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset"}


@pytest.fixture
def hostile(translator, editor, second_editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SEARCH_RATE_LIMIT = ""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    return build_hostile_archive(translator=translator, editor=editor, second_editor=second_editor)


def injected_markup(html: str) -> list[str]:
    """What a broken-out payload would have left in the page, one line per finding."""
    tree = lxml.html.fromstring(html)
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"<{tag} {name}={value[:60]!r}>")
            if name.lower() in URL_ATTRIBUTES and value.strip().lower().replace("\t", "").startswith(
                ("javascript:", "vbscript:", "data:text/html")
            ):
                found.append(f"<{tag} {name}={value[:60]!r}>")
        if tag == "script" and not _own_script(element):
            found.append(f"<script>{(element.text or '')[:60]!r}")
        # The admin draws its icons with inline <svg>; a payload's <svg onload> is caught by its handler.
        if tag in {"iframe", "embed", "frame", "frameset", "base"}:
            found.append(f"<{tag}>")
        if tag == "img" and element.get("src", "").strip() == "x":
            found.append("<img src=x>")
        if tag == "object" and not (
            element.get("type") == "application/pdf" and element.get("data", "").startswith("/media/")
        ):
            found.append(f"<object data={element.get('data')!r}>")
    return found


def _own_script(element) -> bool:
    """The site's scripts come from files, and its one inline block is JSON-LD that parses as JSON."""
    if element.get("src"):
        return element.get("src").startswith(("/static/", "/admin/jsi18n/", "/api/docs/?script"))
    if element.get("type") in ("application/ld+json", "application/json"):
        try:
            json.loads(element.text or "")
        except ValueError:
            return False
        return True
    return False


def assert_clean_html(response, where: str) -> None:
    assert response.status_code in (200, 410), f"{where}: {response.status_code}"
    assert response["Content-Type"].startswith("text/html"), where
    findings = injected_markup(response.content.decode())
    assert findings == [], f"{where}: {findings}"


def public_html_urls(hostile) -> list[str]:
    document, collection = hostile.document.pk, hostile.collection.slug
    return [
        "/",
        f"/documents/{document}/",
        f"/documents/{document}/?text=ru-original",
        f"/documents/{document}/v/1/",
        f"/documents/{document}/v/2/",
        f"/documents/{hostile.withdrawn.pk}/",
        "/search/?q=xss",
        f"/search/?q={quote(payload('query'))}",
        f"/search/?q=xss&collection={hostile.collection.pk}&person={hostile.person.pk}",
        "/collections/",
        f"/collections/{collection}/",
        "/people/",
        f"/people/{hostile.person.pk}/",
        "/places/",
        f"/places/{hostile.place.pk}/",
        "/subjects/",
        f"/subjects/{hostile.subject.pk}/",
        "/browse/",
        "/browse/1960s/",
        "/browse/1962/",
        "/api/v1/documents/?format=api",
        f"/api/v1/documents/{document}/?format=api",
    ]


def test_no_public_page_lets_a_payload_become_markup(client, hostile):
    for url in public_html_urls(hostile):
        assert_clean_html(client.get(url), url)


def test_the_payloads_are_shown_as_text_on_the_document_page(client, hostile):
    page = client.get(f"/documents/{hostile.document.pk}/").content.decode()
    text = lxml.html.fromstring(page).text_content()

    for field in ("second title", "display date", "archival reference", "person name", "caption"):
        assert f"xss('{field}')" in text or f'xss("{field}")' in text, field


def admin_html_urls(hostile) -> list[str]:
    document = hostile.document.pk
    urls = [
        "/admin/",
        "/admin/archive/document/",
        "/admin/archive/document/?q=xss",
        f"/admin/archive/document/{document}/change/",
        f"/admin/archive/document/{document}/history/",
        f"/admin/archive/document/{hostile.withdrawn.pk}/change/",
        "/admin/archive/document/my-work/",
        "/admin/archive/document/review-queue/",
        "/admin/auth/user/",
        f"/admin/auth/user/{hostile.translator.pk}/change/",
    ]
    for model, pk in (
        ("person", hostile.person.pk),
        ("place", hostile.place.pk),
        ("subject", hostile.subject.pk),
        ("collection", hostile.collection.pk),
    ):
        urls += [f"/admin/archive/{model}/", f"/admin/archive/{model}/{pk}/change/"]
    return urls


def test_no_admin_page_lets_a_payload_become_markup(client, hostile, administrator):
    client.force_login(administrator)
    for url in admin_html_urls(hostile):
        assert_clean_html(client.get(url), url)


def test_the_review_page_and_its_diff_keep_payloads_as_text(client, hostile, second_editor):
    from curation import actions
    from tests.factories import record_revision

    document = hostile.document
    document.summary = payload("edited summary")
    record_revision(document, user=hostile.editor, comment=payload("edit comment"))
    actions.submit_for_review(document, actor=hostile.editor, comment=payload("review comment"))
    client.force_login(second_editor)

    assert_clean_html(client.get(f"/admin/archive/document/{document.pk}/review/"), "review page")
    assert_clean_html(client.get(f"/admin/archive/document/{document.pk}/history/"), "history page")
    assert_clean_html(client.get("/admin/archive/document/review-queue/"), "review queue")


# --- XML: feeds, sitemaps, OAI-PMH ------------------------------------------------------------------


def xml_urls(hostile) -> list[str]:
    oai = "/oai/?verb="
    return [
        "/feeds/latest/",
        f"/feeds/collections/{hostile.collection.slug}/",
        "/sitemap.xml",
        "/sitemap-documents.xml",
        f"{oai}ListRecords&metadataPrefix=oai_dc",
        f"{oai}ListRecords&metadataPrefix=archive_record",
        f"{oai}ListSets",
        f"{oai}ListIdentifiers&metadataPrefix=oai_dc",
    ]


def test_feeds_sitemaps_and_oai_stay_well_formed_with_payloads_as_text(client, hostile):
    for url in xml_urls(hostile):
        response = client.get(url)
        assert response.status_code == 200, url
        root = lxml.etree.fromstring(response.content)  # raises if a payload broke the XML
        texts = [element.text or "" for element in root.iter() if isinstance(element.tag, str)]
        if url.startswith("/oai/?verb=ListRecords"):
            assert any("<script>xss(" in text for text in texts), f"{url}: the payloads are not there as text"


def test_feed_descriptions_hold_no_markup_for_feed_readers(client, hostile):
    """RSS descriptions and Atom summaries are HTML to a feed reader: a payload must arrive escaped."""
    for url in ("/feeds/latest/", f"/feeds/collections/{hostile.collection.slug}/"):
        root = lxml.etree.fromstring(client.get(url).content)
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            name = lxml.etree.QName(element).localname
            if name in ("description", "summary", "content") and element.text:
                assert injected_markup(f"<div>{element.text}</div>") == [], f"{url} <{name}>"


# --- JSON and plain-text downloads -----------------------------------------------------------------


def json_urls(hostile) -> list[str]:
    document = hostile.document.pk
    return [
        "/api/v1/documents/",
        "/api/v1/documents/?q=xss",
        f"/api/v1/documents/{document}/",
        f"/api/v1/documents/{document}/versions/",
        f"/api/v1/documents/{document}/versions/1/",
        f"/api/v1/documents/{hostile.withdrawn.pk}/",
        "/api/v1/collections/",
        f"/api/v1/collections/{hostile.collection.pk}/",
        "/api/v1/people/",
        "/api/v1/places/",
        "/api/v1/subjects/",
        "/api/v1/repositories/",
        f"/documents/{document}/download.json",
        f"/documents/{document}/citation.json",
        f"/documents/{document}/manifest.json",
    ]


def html_fields(value, path="") -> list[tuple[str, str]]:
    """Every string under a key ending in "_html": HTML that a client will insert as it is."""
    if isinstance(value, dict):
        found = []
        for key, item in value.items():
            if key.endswith("_html") and isinstance(item, str):
                found.append((f"{path}.{key}", item))
            else:
                found += html_fields(item, f"{path}.{key}")
        return found
    if isinstance(value, list):
        return [pair for index, item in enumerate(value) for pair in html_fields(item, f"{path}[{index}]")]
    return []


def test_json_answers_are_json_and_their_html_fields_are_clean(client, hostile):
    for url in json_urls(hostile):
        response = client.get(url)
        assert response.status_code in (200, 410), url
        assert "html" not in response["Content-Type"], url
        data = json.loads(response.content)
        assert SCRIPT_CALL in json.dumps(data), f"{url}: the payloads are not there as text"
        for where, html in html_fields(data):
            assert injected_markup(f"<div>{html}</div>") == [], f"{url} {where}"


@pytest.mark.parametrize("download", ["download.txt", "citation.ris", "citation.bib"])
def test_text_downloads_are_never_served_as_html(client, hostile, download):
    response = client.get(f"/documents/{hostile.document.pk}/{download}")

    assert response.status_code == 200
    assert not response["Content-Type"].startswith("text/html")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_prints_the_payloads_as_text(client, hostile, tmp_path):
    response = client.get(f"/documents/{hostile.document.pk}/download.pdf")
    assert response.status_code == 200
    path = tmp_path / "record.pdf"
    path.write_bytes(response.content)

    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())

    assert "<script>xss('second title')</script>" in flat
    assert "xss('footnote')" in flat


@pytest.mark.parametrize("field", ["title", "a field with 'quotes'"], ids=["plain", "quotes"])
def test_the_checker_finds_a_payload_left_unescaped(field):
    """The check itself: the payload pasted raw into a page, a JSON-LD block or an attribute is found."""
    raw = payload(field)
    pages = [
        f"<html><body><h1>{raw}</h1></body></html>",
        f'<html><head><script type="application/ld+json">{{"name": "{raw}"}}</script></head></html>',
        f'<html><body><img alt="{raw}"></body></html>',
    ]

    for page in pages:
        assert injected_markup(page) != [], page
