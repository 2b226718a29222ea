"""record_edit: what a working-copy save does to the workflow state."""

import pytest

from archive.models import Document
from curation import actions
from curation.exceptions import InvalidRevision
from curation.history import latest_revision
from curation.models import AuditEntry
from tests.curation.records import save_revision

pytestmark = pytest.mark.django_db
Status = Document.Status


def test_editing_a_published_record_reopens_it_as_a_draft_and_keeps_the_version_live(record_in, editor):
    document = record_in(Status.PUBLISHED)
    live = document.current_version

    revision = save_revision(document, user=editor, title="A correction", comment="Fixed the title.")

    document.refresh_from_db()
    assert document.status == Status.DRAFT
    assert document.current_version == live and live.is_current
    entry = AuditEntry.objects.filter(document=document).latest("pk")
    assert (entry.action, entry.from_state, entry.to_state) == ("edit", "published", "draft")
    assert (entry.revision, entry.comment) == (revision, "Fixed the title.")


def test_a_record_returned_with_changes_stays_returned_while_edited(record_in, translator):
    document = record_in(Status.CHANGES_REQUESTED)

    save_revision(document, user=translator, summary="As asked.")

    document.refresh_from_db()
    assert document.status == Status.CHANGES_REQUESTED


def test_an_editors_edit_in_review_stays_in_review(record_in, editor):
    document = record_in(Status.IN_REVIEW)

    save_revision(document, user=editor, summary="Tightened.")

    document.refresh_from_db()
    assert document.status == Status.IN_REVIEW


def test_the_revision_must_be_of_this_record(record_in, translator):
    document = record_in(Status.DRAFT)
    other = record_in(Status.DRAFT)

    with pytest.raises(InvalidRevision):
        actions.record_edit(document, actor=translator, revision=latest_revision(other))
