"""Each published version at /documents/<id>/v/<n>/, the version line and the change log."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tests.archive.document_records import build_record
from tests.factories import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(translator, editor, second_editor):
    """Version 1 as the translator wrote it; version 2 with a corrected title."""
    record = build_record(author=translator, title="Letter from Khrushchev to Kennedy")
    publish(record, approver=second_editor)
    record.title = "Letter from Khrushchev to President Kennedy"
    publish(record, author=editor, approver=second_editor, note="The title names the addressee in full.")
    return record


def published_on(version) -> str:
    return date_format(timezone.localtime(version.published_at), "j F Y")


def test_the_version_line_names_the_version_and_links_earlier_versions(client, record):
    html = client.get(f"/documents/{record.pk}/").content.decode()
    assert "Version 2</span>" in html
    assert f">{published_on(record.current_version)}</time>" in html
    assert '<a href="#versions">earlier versions</a>' in html
    assert "Letter from Khrushchev to President Kennedy" in html


def test_a_first_version_has_no_earlier_versions_link(client, translator, second_editor):
    record = build_record(author=translator)
    publish(record, approver=second_editor)
    html = client.get(f"/documents/{record.pk}/").content.decode()
    assert "Version 1</span>" in html
    assert "earlier versions" not in html
    assert "First published version." in html


def test_the_change_log_lists_every_version_with_its_note(client, record):
    html = client.get(f"/documents/{record.pk}/").content.decode()
    assert '<section id="versions"' in html
    assert f'<a href="/documents/{record.pk}/v/1/">Version 1</a>' in html
    assert '<strong aria-current="page">Version 2</strong>' in html
    assert "The title names the addressee in full." in html


def test_an_earlier_version_has_its_own_page(client, record, settings):
    response = client.get(reverse("archive:version-detail", args=[record.pk, 1]))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="document-title">Letter from Khrushchev to Kennedy</h1>' in html
    assert "You are reading an earlier version of this document. The current version is version 2." in html
    assert f'<a href="/documents/{record.pk}/">Read the current version</a>' in html
    assert f'<link rel="canonical" href="{settings.SITE_URL}/documents/{record.pk}/v/1/">' in html


def test_the_current_version_at_its_version_url_has_no_notice(client, record):
    html = client.get(f"/documents/{record.pk}/v/2/").content.decode()
    assert "Letter from Khrushchev to President Kennedy" in html
    assert "earlier version of this document" not in html
    # Tabs stay on the version's URL, so a reader who cites what they read cites this version.
    assert f'href="/documents/{record.pk}/v/2/?text=ru-original"' in html


def test_a_version_that_does_not_exist_is_not_found(client, record):
    assert client.get(f"/documents/{record.pk}/v/3/").status_code == 404
    assert client.get(f"/documents/{record.pk}/v/0/").status_code == 404


def test_a_version_page_cites_the_version(client, record, settings):
    html = client.get(f"/documents/{record.pk}/v/1/").content.decode()
    assert f"{settings.SITE_URL}/documents/{record.pk}/v/1/" in html


def test_version_pages_cost_constant_queries(client, record, django_assert_max_num_queries):
    # Publishing stores the citations' renderings after its commit, which this test's transaction
    # never reaches: the first view stores them instead. A later view may find them in memory.
    client.get(f"/documents/{record.pk}/v/1/")
    with django_assert_max_num_queries(3):
        assert client.get(f"/documents/{record.pk}/v/1/").status_code == 200
