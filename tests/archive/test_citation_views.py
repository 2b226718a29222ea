"""The citation downloads (archive.views.citations) and the "Cite this document" include.

Records are published the way people publish them, through curation.actions (tests.factories.publish).
"""

import json
import re

import pytest
from django.template.loader import render_to_string
from django.utils.http import http_date

from archive import citations
from archive.citations import citations_for
from archive.models import CitationRendering
from curation import actions
from tests.factories import (
    ContributionFactory,
    DocumentFactory,
    PersonFactory,
    TextFactory,
    publish,
    record_revision,
)

SITE = "https://archive.example.org"
MEDIA_TYPES = {
    "ris": "application/x-research-info-systems; charset=utf-8",
    "bib": "application/x-bibtex; charset=utf-8",
    "json": "application/vnd.citationstyles.csl+json; charset=utf-8",
}


@pytest.fixture(autouse=True)
def _site(settings, tmp_path):
    settings.SITE_URL = SITE
    settings.STATIC_ROOT = tmp_path  # WhiteNoise warns about a STATIC_ROOT that collectstatic never filled
    settings.ARCHIVE_NAME = "Digital Archive of Declassified Documents"


@pytest.fixture
def record(translator):
    """A record with an author, translators and texts, as yet unpublished."""
    document = DocumentFactory(
        created_by=translator, title="Memorandum of Conversation between Khrushchev and Kennedy"
    )
    document.creators.set([PersonFactory(name="Nikita Khrushchev", sort_name="Khrushchev, Nikita")])
    for order, name in enumerate(["Gary Goldberg", "Svetlana Savranskaya", "Anna Melyakova"]):
        ContributionFactory(document=document, person=PersonFactory(name=name), order=order)
    for language in ("en", "de", "fr"):
        TextFactory(document=document, language=language, body="The talks began at noon.")
    return document


@pytest.fixture
def published(record, editor):
    publish(record, approver=editor)
    return record


def url(document, extension: str, number: int | None = None) -> str:
    if number is None:
        return f"/documents/{document.pk}/citation.{extension}"
    return f"/documents/{document.pk}/v/{number}/citation.{extension}"


@pytest.mark.parametrize("extension", ["ris", "bib", "json"])
def test_current_version_downloads_in_one_query(client, published, extension, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(url(published, extension))

    assert response.status_code == 200
    assert response["Content-Type"] == MEDIA_TYPES[extension]
    disposition = f'attachment; filename="memorandum-of-conversation-between-khrushchev-and-kennedy-{published.pk}.{extension}"'
    assert response["Content-Disposition"] == disposition
    body = response.content.decode()
    assert "Memorandum of Conversation between Khrushchev and Kennedy" in body
    assert "Khrushchev" in body and "Goldberg" in body
    assert f"{SITE}/documents/{published.pk}/" in body


@pytest.mark.parametrize("extension", ["ris", "bib", "json"])
def test_a_version_downloads_in_one_query_and_cites_its_own_address(
    client, published, editor, translator, extension, django_assert_num_queries
):
    published.title = "Memorandum of Conversation, corrected"
    publish(published, approver=editor, note="Corrected the title.")

    with django_assert_num_queries(1):
        response = client.get(url(published, extension, number=1))

    assert response.status_code == 200
    assert response["Content-Type"] == MEDIA_TYPES[extension]
    assert response["Content-Disposition"].endswith(f'-{published.pk}-v1.{extension}"')
    body = response.content.decode()
    assert "Memorandum of Conversation between Khrushchev and Kennedy" in body
    assert f"{SITE}/documents/{published.pk}/v/1/" in body
    assert "corrected" not in body
    assert "corrected" in client.get(url(published, extension)).content.decode()


def test_downloads_match_what_citations_for_gives(client, published):
    version = published.current_version

    body = client.get(url(published, "bib")).content.decode()

    assert body == citations_for(version)["bibtex"]["text"]


def test_csl_json_download_is_a_list_of_one_item(client, published):
    data = json.loads(client.get(url(published, "json")).content)

    assert [item["id"] for item in data] == [f"doc{published.pk}"]
    assert data[0]["author"] == [{"family": "Khrushchev", "given": "Nikita"}]
    assert data[0]["issued"] == {"date-parts": [[1962, 5, 21]]}


def test_ris_download_uses_crlf_lines(client, published):
    body = client.get(url(published, "ris")).content.decode()

    assert body.startswith("TY  - MANSCPT\r\n")
    assert body.endswith("ER  - \r\n")
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in body.split("\r\n")[:-1])


def test_an_edit_after_publication_stays_out_of_the_download(client, published, translator):
    published.title = "An unreviewed draft title"
    record_revision(published, user=translator, comment="Draft.")

    body = client.get(url(published, "ris")).content.decode()

    assert "Memorandum of Conversation between Khrushchev and Kennedy" in body
    assert "unreviewed" not in body


def test_revalidation_answers_304(client, published):
    response = client.get(url(published, "ris"))
    etag, last_modified = response["ETag"], response["Last-Modified"]

    assert last_modified == http_date(published.current_version.published_at.timestamp())
    assert client.get(url(published, "ris"), headers={"if-none-match": etag}).status_code == 304
    assert client.get(url(published, "ris"), headers={"if-modified-since": last_modified}).status_code == 304
    assert client.get(url(published, "bib"), headers={"if-none-match": etag}).status_code == 200


def test_each_format_and_version_has_its_own_etag(client, published):
    etags = {
        client.get(path)["ETag"]
        for path in (url(published, "ris"), url(published, "bib"), url(published, "ris", 1))
    }

    assert len(etags) == 3


def test_a_draft_is_not_found(client, record, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(url(record, "ris"))

    assert response.status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/documents/999999/citation.ris", "/documents/{pk}/citation.xml", "/documents/{pk}/v/2/citation.bib"],
)
def test_unknown_records_formats_and_versions_are_not_found(client, published, path):
    assert client.get(path.format(pk=published.pk)).status_code == 404


def test_a_withdrawn_record_is_gone_with_its_reason(client, published, editor, django_assert_num_queries):
    actions.withdraw(published, actor=editor, reason="A duplicate of another record.")

    with django_assert_num_queries(1):
        response = client.get(url(published, "bib"))

    assert response.status_code == 410
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "withdrawn from Digital Archive of Declassified Documents" in text
    assert "A duplicate of another record." in text
    assert "Khrushchev" not in text
    assert client.get(url(published, "ris", number=1)).status_code == 410


def test_only_safe_methods(client, published):
    assert client.head(url(published, "ris")).status_code == 200
    assert client.post(url(published, "ris")).status_code == 405


# --- Rendered when published ---------------------------------------------------------------------


def test_publishing_stores_the_renderings_and_the_page_renders_none(
    client, record, editor, django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(record, approver=editor)
    # Chicago, MLA and APA, of the record's address and of the version's.
    assert CitationRendering.objects.count() == 6

    def refuse(*args, **kwargs):
        raise AssertionError("citeproc-py called on a page view")

    monkeypatch.setattr(citations, "_cite", refuse)
    for path in (
        f"/documents/{record.pk}/",
        f"/documents/{record.pk}/v/1/",
        f"/api/v1/documents/{record.pk}/",
    ):
        assert client.get(path).status_code == 200
    assert CitationRendering.objects.count() == 6


def test_a_failed_rendering_leaves_the_publication_and_the_first_reader_renders(
    client, record, editor, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("citeproc-py broke")

    with monkeypatch.context() as patched, django_capture_on_commit_callbacks(execute=True):
        patched.setattr(citations, "_cite", broken)
        version = publish(record, approver=editor)

    assert version.is_current and CitationRendering.objects.count() == 0
    assert "Khrushchev, Nikita" in client.get(f"/documents/{record.pk}/").content.decode()
    assert CitationRendering.objects.count() == 6


# --- The "Cite this document" include ------------------------------------------------------------


@pytest.fixture
def cite_block(published, editor):
    published.title = "Memorandum of Conversation, second version"
    version = publish(published, approver=editor, note="Second version.")
    return render_to_string(
        "archive/includes/cite.html",
        {
            "citations": citations_for(version),
            "version_citations": citations_for(version, version_specific=True),
        },
    )


def test_cite_block_shows_every_style_and_the_version_variant(cite_block, published):
    assert "Cite this document" in cite_block
    for label in ("Archive citation", "This version", "Chicago", "MLA", "APA"):
        assert label in cite_block
    assert f"{SITE}/documents/{published.pk}/v/2/" in cite_block
    assert "Khrushchev, Nikita" in cite_block  # MLA


def test_cite_block_links_the_downloads_of_the_record_and_the_version(cite_block, published):
    for extension in ("ris", "bib", "json"):
        assert f'href="/documents/{published.pk}/citation.{extension}"' in cite_block
        assert f'href="/documents/{published.pk}/v/2/citation.{extension}"' in cite_block


def test_cite_block_copy_buttons_are_labelled_and_hidden_until_the_script_runs(cite_block):
    buttons = re.findall(r"<button[^>]*>", cite_block)

    assert len(buttons) == 5
    for button in buttons:
        assert 'type="button"' in button
        assert re.search(r'aria-label="Copy [^"]+"', button)
        assert re.search(r'data-copy="[^"]+"', button)
        assert button.endswith(" hidden>")
    assert 'role="status"' in cite_block


def test_cite_block_copies_plain_text_and_has_no_inline_script(cite_block):
    copied = re.findall(r'data-copy="([^"]*)"', cite_block)

    assert all("<" not in text and "&lt;" not in text for text in copied)
    scripts = re.findall(r"<script[^>]*>", cite_block)
    assert scripts == ['<script src="/static/archive/js/cite.js" defer>']
    assert not re.search(r"<[^>]*\son\w+=", cite_block)  # no inline event handlers either


def test_cite_block_without_a_version_variant(published):
    html = render_to_string(
        "archive/includes/cite.html", {"citations": citations_for(published.current_version)}
    )

    assert "This version" not in html
    assert len(re.findall(r"<button", html)) == 4
