"""manage.py render_citations: the renderings of versions written without publishing, made once."""

from io import StringIO

import pytest
from django.core.management import call_command

from archive import citations
from archive.models import CitationRendering
from tests.factories import DocumentFactory, publish

pytestmark = pytest.mark.django_db


def render_citations(*args: str) -> str:
    out = StringIO()
    call_command("render_citations", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def records(translator, second_editor):
    """Three published records whose renderings were never stored (as the corpus generator leaves them)."""
    documents = [DocumentFactory(created_by=translator, title=f"Record {number}") for number in range(3)]
    for document in documents:
        publish(document, approver=second_editor)
    CitationRendering.objects.all().delete()
    return documents


def test_renders_every_current_version_in_batches_and_says_so(records):
    out = render_citations("--batch", "2")

    # Chicago, MLA and APA, of each record's address and of its version's.
    assert CitationRendering.objects.count() == 18
    assert "2 of 3 versions" in out and "3 of 3 versions" in out
    assert "18 renderings made" in out


def test_a_second_run_makes_nothing(records, monkeypatch):
    render_citations()

    def refuse(*args, **kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(citations, "_cite", refuse)

    assert "0 renderings made" in render_citations()
    assert CitationRendering.objects.count() == 18


def test_only_the_records_named(records):
    render_citations("--documents", str(records[0].pk))

    assert CitationRendering.objects.count() == 6


def test_earlier_versions_on_request(records, editor, second_editor):
    record = records[0]
    record.title = "Record 0, corrected"
    record.save()
    publish(record, approver=second_editor, author=editor, note="Corrected.")
    CitationRendering.objects.all().delete()

    render_citations("--documents", str(record.pk))
    assert CitationRendering.objects.count() == 6
    render_citations("--documents", str(record.pk), "--all-versions")
    assert CitationRendering.objects.count() == 12


def test_a_changed_site_address_is_rendered_afresh(records, settings):
    render_citations()
    settings.SITE_URL = "https://new.example.org"

    assert "18 renderings made" in render_citations()
    assert CitationRendering.objects.count() == 36
