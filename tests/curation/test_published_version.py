"""PublishedVersion: immutable, one current per document, and the reading room's querysets."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models.deletion import ProtectedError

from archive.models import Document, ImmutableVersionError, PublishedVersion
from curation import actions
from curation.history import latest_revision
from tests.curation.records import save_revision
from tests.factories import CollectionFactory, PersonFactory, PlaceFactory, SubjectFactory

pytestmark = pytest.mark.django_db
Status = Document.Status


@pytest.fixture
def version(record_in):
    return record_in(Status.PUBLISHED).current_version


def test_an_existing_version_cannot_be_saved_again(version):
    version.change_note = "Rewriting history."
    with pytest.raises(ImmutableVersionError):
        version.save()


def test_a_version_cannot_be_deleted(version):
    with pytest.raises(ImmutableVersionError):
        version.delete()
    with pytest.raises(ImmutableVersionError):
        PublishedVersion.objects.filter(pk=version.pk).delete()


def test_bulk_writes_are_refused(version):
    with pytest.raises(ImmutableVersionError):
        PublishedVersion.objects.filter(pk=version.pk).update(title="Changed")
    version.title = "Changed"
    with pytest.raises(ImmutableVersionError), transaction.atomic():
        PublishedVersion.objects.bulk_update([version], ["title"])
    assert PublishedVersion.objects.get(pk=version.pk).title != "Changed"


def test_facet_links_are_frozen_too(version):
    collection = CollectionFactory()
    with pytest.raises(ImmutableVersionError), transaction.atomic():
        version.collections.add(collection)
    with pytest.raises(ImmutableVersionError), transaction.atomic():
        collection.published_versions.add(version)
    with pytest.raises(ImmutableVersionError), transaction.atomic():
        version.people.clear()


def test_the_document_of_a_published_version_cannot_be_deleted(version):
    with pytest.raises(ProtectedError):
        version.document.delete()


def _copy(version, **changes) -> PublishedVersion:
    fields = {
        "document": version.document,
        "number": version.number + 1,
        "revision": version.revision,
        "approved_by": version.approved_by,
        "approved_at": version.approved_at,
        "published_at": version.published_at,
        "payload": version.payload,
        **changes,
    }
    return PublishedVersion(**fields)


def test_a_second_current_version_of_a_document_is_refused_by_the_database(version):
    with pytest.raises(IntegrityError), transaction.atomic():
        _copy(version, is_current=True).save()


def test_a_version_number_is_used_once_per_document(version):
    with pytest.raises(IntegrityError), transaction.atomic():
        _copy(version, number=version.number).save()


def test_move_current_flips_the_flag_and_moves_the_documents_pointer(version):
    document = version.document
    newer = _copy(version)
    newer.save()

    PublishedVersion.objects.move_current(document, to=newer)

    document.refresh_from_db()
    assert document.current_version == newer
    assert list(PublishedVersion.objects.current().filter(document=document)) == [newer]
    PublishedVersion.objects.move_current(document, to=None)
    document.refresh_from_db()
    assert document.current_version is None
    assert not PublishedVersion.objects.current().filter(document=document).exists()


def test_move_current_refuses_another_documents_version(record_in, version):
    other = record_in(Status.DRAFT)
    with pytest.raises(ValueError):
        PublishedVersion.objects.move_current(other, to=version)


def test_indexed_columns_repeat_the_payload(version):
    assert version.title == version.payload["title"]
    assert version.date_earliest == dt.date(1962, 5, 21)
    assert version.original_language == "ru"
    assert version.document_type == "memcon"


def test_reading_room_querysets_see_only_current_versions(record_in, translator, editor):
    collection, subject = CollectionFactory(), SubjectFactory()
    place, person = PlaceFactory(), PersonFactory()
    document = record_in(Status.DRAFT, date="1961-04/1961-06")
    for related in (document.collections, document.subjects, document.places, document.people):
        related.add(
            {"collection": collection, "subject": subject, "place": place, "person": person}[
                related.model._meta.model_name
            ]
        )
    save_revision(document, user=translator)
    actions.submit_for_review(document, actor=translator)
    actions.approve_revision(document, revision=latest_revision(document), actor=editor)
    unrelated = record_in(Status.PUBLISHED)
    record_in(Status.IN_REVIEW)

    current = PublishedVersion.objects.current()
    assert set(current.values_list("document", flat=True)) == {document.pk, unrelated.pk}
    for queryset in (
        current.in_collection(collection),
        current.about(subject),
        current.at_place(place),
        current.involving(person),
        current.dated_between(dt.date(1961, 5, 1), dt.date(1961, 5, 31)),
    ):
        assert list(queryset.values_list("document", flat=True)) == [document.pk]
    assert current.dated_between(end=dt.date(1961, 3, 31)).count() == 0
    assert current.in_original_language("ru").count() == 2
    assert current.of_type("memcon").count() == 2


def test_links_added_to_the_working_copy_later_do_not_reach_the_facets(record_in, editor):
    document = record_in(Status.PUBLISHED)
    collection = CollectionFactory()
    document.collections.add(collection)
    save_revision(document, user=editor)

    assert not PublishedVersion.objects.current().in_collection(collection).exists()


def test_a_snapshot_goes_to_the_database_with_its_characters_unescaped(version):
    """Non-ASCII text is sent as itself, half the bytes of \\uXXXX escapes (the corpus tests read
    Russian snapshots back)."""
    field = PublishedVersion._meta.get_field("payload")
    prepared = field.get_db_prep_save({"title": "Договор 条约"}, connection)
    sent = prepared if isinstance(prepared, str) else prepared.dumps(prepared.obj)
    assert sent == '{"title": "Договор 条约"}'
