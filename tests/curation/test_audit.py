"""AuditEntry: the trail is append-only and outlives a deleted draft."""

import pytest

from archive.models import Document
from curation.models import AppendOnlyError, AuditEntry

pytestmark = pytest.mark.django_db
Status = Document.Status


def test_audit_entries_cannot_be_changed_or_deleted(record_in):
    document = record_in(Status.IN_REVIEW)
    entry = AuditEntry.objects.filter(document=document).latest("pk")

    entry.comment = "Rewritten."
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(document=document).update(comment="Rewritten.")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(document=document).delete()


def test_the_trail_of_a_deleted_draft_remains(record_in):
    document = record_in(Status.CHANGES_REQUESTED)
    document_id = document.pk
    actions_taken = list(AuditEntry.objects.filter(document_id=document_id).values_list("action", flat=True))

    document.delete()

    assert (
        list(AuditEntry.objects.filter(document_id=document_id).values_list("action", flat=True))
        == actions_taken
    )
    assert actions_taken == ["request_changes", "submit", "edit"]
