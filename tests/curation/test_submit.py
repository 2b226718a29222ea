"""submit_for_review: a draft or a returned record goes to the editors."""

import pytest

from archive.models import Document, Footnote
from curation import actions
from curation.exceptions import MarkersMismatch
from curation.history import latest_revision, revisions_of
from curation.models import AuditEntry

pytestmark = pytest.mark.django_db
Status = Document.Status


def test_submit_moves_the_record_into_review_with_a_revision_and_an_audit_entry(record_in, translator):
    document = record_in(Status.DRAFT)
    before = revisions_of(document).count()

    entry = actions.submit_for_review(document, actor=translator, comment="Ready; note 1 checked.")

    assert document.status == Status.IN_REVIEW
    assert revisions_of(document).count() == before + 1
    revision = latest_revision(document)
    assert revision.user == translator
    assert revision.comment == "Submitted for review: Ready; note 1 checked."
    assert (entry.action, entry.from_state, entry.to_state) == (
        AuditEntry.Action.SUBMIT,
        "draft",
        "in_review",
    )
    assert entry.revision == revision
    assert entry.comment == "Ready; note 1 checked."


def test_resubmitting_after_changes_were_requested(record_in, translator):
    document = record_in(Status.CHANGES_REQUESTED)

    entry = actions.submit_for_review(document, actor=translator)

    assert document.status == Status.IN_REVIEW
    assert entry.from_state == Status.CHANGES_REQUESTED
    assert latest_revision(document).comment == "Submitted for review"


def test_submit_is_refused_while_markers_and_footnotes_do_not_match(record_in, translator):
    document = record_in(Status.DRAFT)
    text = document.texts.get()
    Footnote.objects.create(text=text, number=2, body="A note without its marker.")
    text.body = "The talks began at noon.[1] Khrushchev spoke first.[3]"
    text.save()
    audit_before = AuditEntry.objects.filter(document=document).count()

    with pytest.raises(MarkersMismatch) as refused:
        actions.submit_for_review(document, actor=translator)

    messages = refused.value.messages
    assert messages[0] == "Footnote markers and footnotes must match one to one before review."
    assert any("marker [3] has no footnote" in message for message in messages)
    assert any("footnote [2] has no marker [2]" in message for message in messages)
    document.refresh_from_db()
    assert document.status == Status.DRAFT
    assert AuditEntry.objects.filter(document=document).count() == audit_before


def test_editorial_brackets_are_not_markers(record_in, translator):
    document = record_in(Status.DRAFT)
    text = document.texts.get()
    text.body = "F[idel] said [there] at the [733rd meeting] in [1961].[1]"
    text.save()

    actions.submit_for_review(document, actor=translator)

    assert document.status == Status.IN_REVIEW
