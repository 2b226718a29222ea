"""curation.snapshot: the public payload is built from the approved revision, never the working copy."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.models import Attachment, Contribution, Document, Footnote, ProvenanceEvent, Text
from curation import actions
from curation.exceptions import InvalidRevision
from curation.history import latest_revision
from curation.snapshot import build_payload, record_at
from tests.curation.records import save_revision
from tests.factories import (
    CollectionFactory,
    ContributionFactory,
    DonorFactory,
    FootnoteFactory,
    PersonFactory,
    PlaceFactory,
    ProvenanceEventFactory,
    RepositoryFactory,
    SubjectFactory,
    TextFactory,
)

pytestmark = pytest.mark.django_db
Status = Document.Status


@pytest.fixture
def full_record(settings, tmp_path, record_in, translator):
    """A draft with everything a record can hold, saved as one revision by the translator."""
    settings.MEDIA_ROOT = tmp_path
    related = record_in(Status.PUBLISHED, title="A related record")
    unpublished = record_in(Status.DRAFT, title="A draft nobody may see")
    document = record_in(
        Status.DRAFT,
        title="Memorandum of Conversation between Khrushchev and Kennedy",
        date="1962-05",
        repository=RepositoryFactory(
            name="Russian State Archive of Contemporary History", abbreviation="RGANI"
        ),
        archival_reference="F. 3, Op. 16, D. 947, Ll. 15-16",
        rights="Public domain.",
    )
    document.texts.all().delete()
    original = TextFactory(
        document=document, kind=Text.Kind.ORIGINAL, language="ru", order=0, body="Переговоры начались.[1]"
    )
    FootnoteFactory(text=original, number=1, kind=Footnote.Kind.ORIGINAL, body="Примечание автора.")
    english = TextFactory(
        document=document,
        kind=Text.Kind.TRANSLATION,
        language="en",
        order=1,
        body="Talks began.[1] *Then*.[2]",
    )
    FootnoteFactory(text=english, number=1, body="Literally, 'opened'.")
    FootnoteFactory(text=english, number=2, kind=Footnote.Kind.EDITOR, body="See the minutes.")
    goldberg = PersonFactory(name="Gary Goldberg")
    ContributionFactory(document=document, person=goldberg, role=Contribution.Role.TRANSLATED, order=1)
    ContributionFactory(
        document=document, person=PersonFactory(name="Svetlana Savranskaya"), role=Contribution.Role.OBTAINED
    )
    moscow = PlaceFactory(name="Moscow", parent=PlaceFactory(name="Soviet Union"))
    ProvenanceEventFactory(
        document=document, kind=ProvenanceEvent.Kind.DECLASSIFIED, date="1992-03", place=moscow
    )
    document.creators.add(PersonFactory(name="Nikita Khrushchev"))
    document.people.add(PersonFactory(name="John F. Kennedy"))
    document.places.add(moscow)
    document.subjects.add(SubjectFactory(heading="Nuclear weapons--Testing"))
    document.collections.add(CollectionFactory(title="Test Ban"))
    document.donors.add(DonorFactory(name="A Foundation"))
    document.related_documents.add(related, unpublished)
    Attachment.objects.create(
        document=document, file=SimpleUploadedFile("scan.pdf", b"%PDF-1.4 scan"), caption="First page"
    )
    save_revision(document, user=translator, comment="Complete record.")
    return document


def test_the_payload_holds_everything_the_public_needs(full_record, translator, editor):
    document = full_record
    actions.submit_for_review(document, actor=translator)

    payload = actions.approve_revision(document, revision=latest_revision(document), actor=editor).payload

    assert payload["title"] == "Memorandum of Conversation between Khrushchev and Kennedy"
    assert (payload["date"], payload["display_date"]) == ("1962-05", "May 1962")
    assert (payload["date_earliest"], payload["date_latest"]) == ("1962-05-01", "1962-05-31")
    assert (payload["original_language"], payload["original_language_name"]) == ("ru", "Russian")
    assert payload["repository"]["citation_name"] == "RGANI"
    assert payload["credit_sentence"] == "Obtained by Svetlana Savranskaya and translated by Gary Goldberg."
    assert payload["source_sentence"] == (
        "RGANI, F. 3, Op. 16, D. 947, Ll. 15-16. Obtained by Svetlana Savranskaya and translated by Gary Goldberg."
    )
    assert [(text["kind"], text["language"]) for text in payload["texts"]] == [
        ("original", "ru"),
        ("translation", "en"),
    ]
    english = payload["texts"][1]
    assert english["body"] == "Talks began.[1] *Then*.[2]"
    assert 'href="#note-en-translation-1"' in english["body_html"]
    assert "<em>Then</em>" in english["body_html"]
    assert 'id="note-en-translation-2"' in english["notes_html"]
    assert [(note["number"], note["kind"]) for note in english["footnotes"]] == [
        (1, "translator"),
        (2, "editor"),
    ]
    assert [(credit["person"]["name"], credit["role"]) for credit in payload["credits"]] == [
        ("Svetlana Savranskaya", "obtained"),
        ("Gary Goldberg", "translated"),
    ]
    assert payload["provenance"][0]["display_date"] == "March 1992"
    assert payload["provenance"][0]["place"]["full_name"] == "Moscow, Soviet Union"
    assert [person["name"] for person in payload["creators"]] == ["Nikita Khrushchev"]
    assert [person["name"] for person in payload["people"]] == ["John F. Kennedy"]
    assert [subject["heading"] for subject in payload["subjects"]] == ["Nuclear weapons--Testing"]
    assert [collection["title"] for collection in payload["collections"]] == ["Test Ban"]
    assert [donor["name"] for donor in payload["donors"]] == ["A Foundation"]
    assert [related["title"] for related in payload["related_documents"]] == ["A related record"]
    attachment = payload["attachments"][0]
    assert attachment["caption"] == "First page"
    assert attachment["url"].startswith("/media/attachments/")
    assert attachment["size"] == len(b"%PDF-1.4 scan")
    assert len(attachment["checksum"]) == 64


def test_the_published_payload_equals_the_approved_revision_after_later_edits(
    full_record, translator, editor, second_editor
):
    document = full_record
    actions.submit_for_review(document, actor=translator)
    approved = latest_revision(document)
    version = actions.approve_revision(document, revision=approved, actor=editor)
    published = version.payload

    # Another editor changes everything there is to change, in a new revision.
    english = document.texts.get(language="en")
    english.body = "Rewritten.[1]"
    english.save()
    english.footnotes.filter(number=2).delete()
    Footnote.objects.filter(text=english, number=1).update(body="A changed note.")
    document.contributions.filter(role=Contribution.Role.OBTAINED).delete()
    document.provenance_events.all().delete()
    document.subjects.clear()
    document.collections.add(CollectionFactory(title="Another collection"))
    Attachment.objects.filter(document=document).update(caption="Changed caption")
    save_revision(document, user=second_editor, title="A changed title", date="1963")

    version.refresh_from_db()
    assert version.payload == published
    assert build_payload(approved, document) == published
    assert published["title"] == "Memorandum of Conversation between Khrushchev and Kennedy"
    assert published["texts"][1]["body"] == "Talks began.[1] *Then*.[2]"
    assert len(published["credits"]) == 2
    later = build_payload(latest_revision(document), document)
    assert later["title"] == "A changed title"
    assert later["texts"][1]["footnotes"] == [
        {
            "number": 1,
            "kind": "translator",
            "kind_label": "translator's note",
            "body": "A changed note.",
            "body_html": "<p>A changed note.</p>\n",
        }
    ]
    assert later["credit_sentence"] == "Translated by Gary Goldberg."
    assert later["subjects"] == [] and later["provenance"] == []


def test_changes_saved_outside_any_revision_never_reach_the_payload(record_in, translator, editor):
    document = record_in(Status.DRAFT)
    actions.submit_for_review(document, actor=translator)
    Text.objects.filter(document=document).update(body="Typed in the shell, never reviewed.")
    Document.objects.filter(pk=document.pk).update(title="Nor this")

    version = actions.approve_revision(document, revision=latest_revision(document), actor=editor)

    assert version.payload["texts"][0]["body"] == "The talks began at noon.[1]"
    assert version.title != "Nor this"


def test_record_at_reads_related_rows_from_the_revision_only(record_in):
    document = record_in(Status.DRAFT)
    revision = latest_revision(document)
    Text.objects.filter(document=document).update(body="Changed since.")

    state = record_at(revision, document)

    assert [text.body for text in state.document.texts.all()] == ["The talks began at noon.[1]"]
    assert list(state.document.texts.filter(language="en")) == []  # chained reads find nothing live


def test_a_revision_without_the_document_is_refused(record_in):
    document = record_in(Status.DRAFT)
    other = record_in(Status.DRAFT)

    with pytest.raises(InvalidRevision, match="does not record document"):
        build_payload(latest_revision(other), document)
