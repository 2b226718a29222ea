"""revert_to_revision: an earlier state comes back as a new revision; history is never rewritten."""

import pytest

from archive.models import Document, Footnote, Text
from curation import actions
from curation.exceptions import InvalidRevision
from curation.history import latest_revision, revisions_of
from curation.models import AuditEntry
from tests.curation.records import save_revision
from tests.factories import FootnoteFactory, TextFactory

pytestmark = pytest.mark.django_db
Status = Document.Status


def test_revert_restores_content_as_a_new_revision(record_in, translator, editor):
    document = record_in(Status.DRAFT)
    original = latest_revision(document)
    text = document.texts.get()
    text.body = "Rewritten.[1]"
    text.save()
    russian = TextFactory(document=document, kind=Text.Kind.ORIGINAL, language="ru", body="Текст.[1]")
    FootnoteFactory(text=russian, number=1)
    save_revision(document, user=translator, title="A new title", summary="A new summary.")
    history_before = list(revisions_of(document).values_list("pk", flat=True))

    entry = actions.revert_to_revision(
        document, revision=original, actor=editor, comment="Back to the draft."
    )

    document.refresh_from_db()
    assert (
        document.title
        == original.version_set.get(object_id=str(document.pk), content_type__model="document").field_dict[
            "title"
        ]
    )
    assert document.summary == "A conversation about the test ban."
    assert list(document.texts.values_list("language", "body")) == [("en", "The talks began at noon.[1]")]
    assert not Footnote.objects.filter(text=russian).exists()
    assert list(revisions_of(document).values_list("pk", flat=True))[1:] == history_before
    assert entry.action == AuditEntry.Action.REVERT
    assert entry.revision == latest_revision(document)
    assert entry.revision.user == editor
    assert entry.revision.comment == f"Reverted to revision {original.pk}: Back to the draft."


def test_revert_keeps_the_workflow_fields(record_in, translator, other_translator, editor):
    document = record_in(Status.PUBLISHED)
    first = revisions_of(document).last()
    version_1 = document.current_version
    actions.assign(document, actor=editor, translator=other_translator)

    actions.revert_to_revision(document, revision=first, actor=editor)

    document.refresh_from_db()
    assert document.status == Status.DRAFT
    assert document.current_version == version_1
    assert document.assigned_translator == other_translator
    assert document.created_by == translator
    assert (
        latest_revision(document).version_set.get(content_type__model="document").field_dict["status"]
        == "draft"
    )


def test_reverting_to_a_revision_of_another_record_is_refused(record_in, editor):
    document = record_in(Status.DRAFT)
    other = record_in(Status.DRAFT)

    with pytest.raises(InvalidRevision):
        actions.revert_to_revision(document, revision=latest_revision(other), actor=editor)
