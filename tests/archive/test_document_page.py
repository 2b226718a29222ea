"""The document page: /documents/<id>/, its text tabs, footnotes, details, links, files and query count."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from archive.models import Text
from archive.views.documents import funding_line, funding_line_html, natural_join
from tests.archive.document_records import THREE_TEXTS, add_text, attach, build_record, png_bytes
from tests.factories import DocumentFactory, DonorFactory, publish, record_revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(translator):
    return build_record(
        author=translator,
        title="Memorandum of Conversation between Khrushchev and Harriman",
        summary="Khrushchev and Harriman discuss **the test ban**.",
    )


@pytest.fixture
def published(record, second_editor):
    publish(record, approver=second_editor)
    return record


def page(client, document, **query):
    return client.get(reverse("archive:document-detail", args=[document.pk]), query)


def panel(html: str, key: str) -> str:
    """The opening tag of a text's panel."""
    return re.search(rf'<section id="text-{key}"[^>]*>', html).group(0)


def test_the_page_shows_the_published_record(client, published):
    response = page(client, published)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="document-title">Memorandum of Conversation between Khrushchev and Harriman</h1>' in html
    assert "May 21, 1962" in html
    assert "<strong>the test ban</strong>" in html
    assert "RGANI, F. 3, Op. 16, D. 947, Ll. 15-16. Translated by Gary Goldberg." in html
    assert "Top Secret" in html
    assert "Public domain in the United States." in html
    assert "Russian State Archive" in html
    assert "Declassified" in html and "1992" in html
    for name in ("Nikita Khrushchev", "Moscow", "Nuclear weapons--Testing", "Test Ban Talks"):
        assert name in html


def test_the_texts_are_tabs_that_are_links(client, published):
    html = page(client, published).content.decode()
    url = reverse("archive:document-detail", args=[published.pk])
    assert f'href="{url}?text=ru-original"' in html
    # The translation into the site's language is the default text, at the bare URL.
    assert re.search(rf'href="{url}"[^>]*aria-current="page">English translation</a>', html)
    assert "hidden" not in panel(html, "en-translation")
    assert "hidden" in panel(html, "ru-original")
    assert 'lang="ru"' in html


def test_a_tab_is_addressable_by_url(client, published, settings):
    html = page(client, published, text="ru-original").content.decode()
    assert re.search(r'aria-current="page">Russian original</a>', html)
    assert "hidden" not in panel(html, "ru-original")
    assert "hidden" in panel(html, "en-translation")
    assert (
        f'<link rel="canonical" href="{settings.SITE_URL}/documents/{published.pk}/?text=ru-original">'
        in html
    )


def test_an_unknown_tab_falls_back_to_the_default_text(client, published):
    html = page(client, published, text="xx-nonsense").content.decode()
    assert "hidden" not in panel(html, "en-translation")


def test_each_language_has_an_hreflang_alternate(client, published, settings):
    html = page(client, published).content.decode()
    base = f"{settings.SITE_URL}/documents/{published.pk}/"
    assert f'<link rel="alternate" hreflang="ru" href="{base}?text=ru-original">' in html
    assert f'<link rel="alternate" hreflang="en" href="{base}">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{base}">' in html


def test_footnote_markers_link_to_notes_that_link_back(client, published):
    html = page(client, published).content.decode()
    assert 'href="#note-en-translation-1" id="note-en-translation-ref-1" role="doc-noteref"' in html
    assert '<li id="note-en-translation-1" value="1" tabindex="-1">' in html
    assert 'href="#note-en-translation-ref-1" class="note-back" role="doc-backlink"' in html
    assert "Note 1 of the ru-original text." in html


def test_no_inline_script(client, published):
    html = page(client, published).content.decode()
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/ld+json"' in tag


def test_the_slug_form_redirects_permanently(client, published):
    response = client.get(f"/documents/{published.pk}/{published.slug}/?text=ru-original")
    assert response.status_code == 301
    assert response["Location"] == f"/documents/{published.pk}/?text=ru-original"


@pytest.mark.parametrize("path", ["/documents/{pk}/", "/documents/{pk}/v/1/"])
def test_a_record_never_published_is_not_found(client, translator, path):
    draft = build_record(author=translator)
    record_revision(draft, user=translator)
    assert client.get(path.format(pk=draft.pk)).status_code == 404
    assert client.get(path.format(pk=draft.pk + 1000)).status_code == 404


def test_an_edit_after_publishing_stays_private(client, published, editor):
    text = published.texts.get(language="en")
    text.body = "A SECRET DRAFT SENTENCE.[1]"
    text.save()
    published.title = "A draft title"
    record_revision(published, user=editor)
    html = page(client, published).content.decode()
    assert "A SECRET DRAFT SENTENCE" not in html
    assert "A draft title" not in html
    assert "Paragraph 1 of the en-translation text." in html


def test_a_text_removed_in_a_later_version_is_gone_from_the_current_page(
    client, published, editor, second_editor
):
    published.texts.get(language="ru").delete()
    publish(
        published, author=editor, approver=second_editor, note="The Russian text is withdrawn pending review."
    )
    html = page(client, published).content.decode()
    assert "ru-original" not in html
    assert "Paragraph 1 of the ru-original" not in html
    # The earlier version, cited as it was, keeps it.
    assert "Paragraph 1 of the ru-original" in client.get(f"/documents/{published.pk}/v/1/").content.decode()


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Carnegie"], "Carnegie"),
        (["Carnegie", "MacArthur"], "Carnegie and MacArthur"),
        (["Carnegie", "MacArthur", "Luce"], "Carnegie, MacArthur, and Luce"),
    ],
)
def test_names_are_joined_as_a_sentence_names_them(names, expected):
    assert natural_join(names) == expected


def test_the_funding_line_links_funders_with_a_web_site():
    donors = [
        {"id": 1, "name": "Carnegie & Co", "url": "https://carnegie.example/"},
        {"id": 2, "name": "MacArthur", "url": ""},
    ]
    assert (
        funding_line(donors)
        == "This document was made possible with support from Carnegie & Co and MacArthur."
    )
    assert funding_line_html(donors) == (
        'This document was made possible with support from <a href="https://carnegie.example/">Carnegie &amp; Co</a>'
        " and MacArthur."
    )
    assert funding_line([]) == ""


def test_the_page_shows_the_funding_line(client, translator, second_editor):
    record = build_record(author=translator)
    record.donors.set(
        [DonorFactory(name="Carnegie"), DonorFactory(name="Luce"), DonorFactory(name="MacArthur")]
    )
    publish(record, approver=second_editor)
    html = page(client, record).content.decode()
    assert "This document was made possible with support from Carnegie, Luce, and MacArthur." in html


def test_related_documents_are_links(client, translator, second_editor, published):
    other = build_record(author=translator, title="Khrushchev to Kennedy")
    other.related_documents.set([published])
    publish(other, approver=second_editor)
    html = page(client, other).content.decode()
    assert (
        f'<a href="/documents/{published.pk}/">Memorandum of Conversation between Khrushchev and Harriman</a>'
        in html
    )


def test_scans_and_pdfs_have_a_viewer(client, translator, second_editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    record = build_record(author=translator)
    attach(
        record, kind="scan", name="page1.png", content=png_bytes(), content_type="image/png", caption="Page 1"
    )
    attach(
        record,
        kind="pdf",
        name="orig.pdf",
        content=b"%PDF-1.4\n%%EOF\n",
        content_type="application/pdf",
        caption="The original",
    )
    publish(record, approver=second_editor)
    html = page(client, record).content.decode()
    assert re.search(r'<img src="/media/attachments/\d+/page1[^"]*\.png" alt="Page 1"', html)
    assert "View full size" in html
    assert re.search(r'<object data="/media/attachments/\d+/orig[^"]*\.pdf" type="application/pdf"', html)
    assert "Open the PDF" in html and "Download" in html


def test_a_record_without_texts_says_so(client, translator, second_editor):
    record = DocumentFactory(created_by=translator)
    publish(record, approver=second_editor)
    assert "No text of this document has been published yet." in page(client, record).content.decode()


def _page_queries(client, django_assert_num_queries, document, count):
    with django_assert_num_queries(count):
        assert page(client, document).status_code == 200


@pytest.mark.parametrize(
    ("small", "large"),
    [
        ({"footnotes": 1}, {"footnotes": 60}),
        ({"texts": (("ru", "original"),)}, {"texts": THREE_TEXTS}),
        ({"people": 1}, {"people": 25}),
    ],
)
def test_the_query_count_is_constant(
    client,
    translator,
    second_editor,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
    small,
    large,
):
    """The version list, the version, and its citations' stored renderings (made when published)."""
    small_record = build_record(author=translator, **small)
    large_record = build_record(author=translator, **large)
    with django_capture_on_commit_callbacks(execute=True):
        publish(small_record, approver=second_editor)
        publish(large_record, approver=second_editor)
    _page_queries(client, django_assert_num_queries, small_record, 3)
    _page_queries(client, django_assert_num_queries, large_record, 3)


def test_text_kinds_have_their_own_tabs(client, translator, second_editor):
    record = build_record(author=translator, texts=(("ru", "original"),))
    add_text(record, language="ru", kind=Text.Kind.TRANSCRIPT, order=1)
    publish(record, approver=second_editor)
    html = page(client, record).content.decode()
    assert ">Russian original</a>" in html
    assert ">Russian transcript</a>" in html


def test_a_second_view_reuses_the_parts_that_follow_from_the_version(
    client, translator, second_editor, django_assert_num_queries, django_capture_on_commit_callbacks
):
    record = build_record(author=translator, footnotes=3)
    with django_capture_on_commit_callbacks(execute=True):
        publish(record, approver=second_editor)
    first = page(client, record).content

    with django_assert_num_queries(2):  # the version list and the version: the citations are in memory
        assert page(client, record).content == first
    chosen = page(client, record, text="ru-original").content.decode()
    address = f"{settings.SITE_URL}/documents/{record.pk}/?text=ru-original"
    assert f'<link rel="canonical" href="{address}">' in chosen
    assert f'<meta property="og:url" content="{address}">' in chosen
