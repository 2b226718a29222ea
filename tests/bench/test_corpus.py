"""manage.py generate_corpus: a synthetic archive written through the real snapshot and index code."""

import io
import re
from collections import defaultdict

import pytest
import reversion
from django.core.management import call_command
from django.db import connection
from reversion.models import Revision, Version

from archive.models import Document, PublishedVersion
from archive.search import SearchQuery, search
from archive.search.backends.sqlite import TABLE as SQLITE_TABLE
from archive.search.index import rebuild_index
from archive.search.models import SearchEntry, SearchFacet
from archive.validation import marker_problems
from curation.corpus.synth import MAX_FOOTNOTES, MAX_TEXT_CHARS, MIN_TEXT_CHARS, Pools, record_spec
from curation.history import content_revisions, revisions_of
from curation.models import AuditEntry
from curation.snapshot import _rows_by_model, build_payload

pytestmark = pytest.mark.django_db(transaction=False)

POOLS = Pools(
    people=200,
    places=60,
    subjects=50,
    collections=30,
    repositories=20,
    donors=10,
    translators=3,
    editors=2,
    codewords=60,
)
CYRILLIC = re.compile("[а-яА-ЯёЁіїєІЇЄ]")


def generate(documents: int, **options) -> str:
    """One process: worker processes would not see the test's uncommitted transaction."""
    out = io.StringIO()
    call_command("generate_corpus", documents=documents, jobs=1, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def corpus():
    generate(12, seed=3, batch=5)
    return Document.objects.filter(external_id__startswith="corpus:3:").order_by("pk")


def test_every_record_is_published_with_its_current_version_indexed(corpus):
    assert corpus.count() == 12
    for document in corpus:
        current = document.current_version
        assert current is not None and current.is_current
        assert current.number == document.published_versions.count()
        assert SearchEntry.objects.get(document=document).version == current
    assert PublishedVersion.objects.current().count() == 12


def test_each_payload_is_what_the_snapshot_builds_from_the_revision_it_publishes(corpus):
    for version in PublishedVersion.objects.filter(document__in=corpus):
        assert version.payload == build_payload(version.revision, version.document)
        assert version.title == version.payload["title"]


def test_facet_links_are_the_ones_link_facets_writes(corpus):
    for version in PublishedVersion.objects.filter(document__in=corpus):
        payload = version.payload
        assert sorted(version.collections.values_list("pk", flat=True)) == sorted(
            item["id"] for item in payload["collections"]
        )
        assert sorted(version.subjects.values_list("pk", flat=True)) == sorted(
            item["id"] for item in payload["subjects"]
        )
        assert sorted(version.places.values_list("pk", flat=True)) == sorted(
            item["id"] for item in payload["places"]
        )
        assert set(version.people.values_list("pk", flat=True)) == {
            item["id"] for item in (*payload["creators"], *payload["people"])
        }


def test_each_record_has_a_history_of_two_to_five_revisions_with_audit_entries(corpus):
    for document in corpus:
        revisions = list(revisions_of(document))
        assert 2 <= len(revisions) <= 5
        assert AuditEntry.objects.filter(document=document).count() == len(revisions)
        # What was published is the content revision before the approval, as the workflow has it.
        current = document.current_version
        assert content_revisions(document).filter(pk=current.revision_id).exists()


def test_revisions_restore_like_any_revision(corpus):
    """The Version rows are django-reversion's own: an earlier revision reverts the working copy."""
    document = corpus.first()
    first = revisions_of(document).last()
    first.revert(delete=True)
    assert Document.objects.get(pk=document.pk).title == document.title
    assert Version.objects.filter(revision=first).count() >= 2


def test_the_working_copy_matches_its_markers_and_footnotes(corpus):
    for document in corpus:
        assert marker_problems(document) == []


def test_a_rare_code_name_is_found_by_search(corpus):
    summary = next(document.summary for document in corpus if "Code name" in document.summary)
    codeword = summary.rsplit("Code name ", 1)[1].rstrip(".")

    results = search(SearchQuery(text=codeword))

    assert results.total >= 1


def test_running_again_tops_the_corpus_up_without_duplicates(corpus):
    revisions = Revision.objects.count()

    output = generate(14, seed=3, batch=5)

    assert "12 of 14 records present; writing 2 with 1 process" in output
    assert Document.objects.filter(external_id__startswith="corpus:3:").count() == 14
    assert Revision.objects.count() > revisions


def test_records_are_the_same_for_the_same_seed_whatever_the_batch():
    assert record_spec(5, 40, POOLS) == record_spec(5, 40, POOLS)
    assert record_spec(5, 40, POOLS).title != record_spec(6, 40, POOLS).title


def test_the_shapes_stay_within_the_brief():
    specs = [record_spec(1, index, POOLS) for index in range(300)]
    sizes = [len(text.body) for spec in specs for text in spec.texts]
    notes = [sum(len(text.footnotes) for text in spec.texts) for spec in specs]

    assert min(sizes) >= MIN_TEXT_CHARS and max(sizes) <= MAX_TEXT_CHARS + 3000
    assert min(notes) == 0 and max(notes) == MAX_FOOTNOTES
    assert {len(spec.texts) for spec in specs} == {1, 2, 3}
    assert all(1 <= len(spec.people) + 1 <= 8 for spec in specs)
    assert all(1 <= len(spec.collections) <= 3 for spec in specs)
    assert all(2 <= len(spec.history) <= 5 for spec in specs)
    assert any(CYRILLIC.search(text.body) for spec in specs for text in spec.texts)
    assert {text.language for spec in specs for text in spec.texts} >= {
        "en",
        "ru",
        "uk",
        "de",
        "fr",
        "es",
        "zh",
    }


def test_bad_arguments_are_refused_with_a_message():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="--documents must be 0 or more"):
        generate(-1)


def test_the_version_rows_are_what_django_reversion_writes_for_the_same_state(corpus):
    """A record whose history ends in a publication stands as its last revision recorded it: saving
    it in a new revision through django-reversion itself gives the same rows."""
    document = next(
        document for document in corpus if revisions_of(document).first().comment.startswith("Published")
    )
    generated = revisions_of(document).first()
    assert document.people.exists() and document.subjects.exists()  # its many-to-many lists too

    with reversion.create_revision():
        reversion.add_to_revision(document)
    saved = Revision.objects.order_by("pk").last()

    assert _rows(saved) == _rows(generated)


def _rows(revision: Revision) -> list[tuple]:
    return sorted(
        revision.version_set.values_list(
            "content_type", "object_id", "db", "format", "serialized_data", "object_repr"
        )
    )


def _index_state() -> tuple:
    """Everything the search index holds: entries, facet rows, and the backend's own words."""
    entries = sorted(SearchEntry.objects.values_list("version_id", "document_id", "date_earliest"))
    facets = sorted(SearchFacet.objects.values_list("entry_id", "facet", "value", "label"))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT version_id, vector::text, title_vector::text FROM archive_searchentry")
        else:
            cursor.execute(f"SELECT rowid, * FROM {SQLITE_TABLE}")
        words = sorted(cursor.fetchall())
    return entries, facets, words


def test_the_batch_index_is_the_one_publishing_each_record_writes(corpus):
    batch = _index_state()

    rebuild_index()  # index_version, record by record: what publishing one record does

    assert _index_state() == batch
    assert len(batch[0]) == 12 and len(batch[2]) == 12


def test_the_snapshot_reads_each_version_as_django_reversion_does(corpus):
    for document in corpus[:4]:
        for revision in revisions_of(document):
            expected = defaultdict(list)
            for version in revision.version_set.select_related("content_type"):
                expected[version.content_type.model_class()].append(version.field_dict)
            assert _rows_by_model(revision) == expected
