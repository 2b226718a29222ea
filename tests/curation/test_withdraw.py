"""withdraw: a published record leaves the public site, leaving a tombstone with the reason."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from archive.models import Document, PublishedVersion
from curation import actions
from curation.exceptions import CommentRequired, TransitionNotAllowed
from curation.history import latest_revision
from curation.models import AuditEntry
from tests.curation.records import save_revision

pytestmark = pytest.mark.django_db
Status = Document.Status


def test_withdrawal_keeps_every_version_but_none_is_current(record_in, translator, editor, second_editor):
    document = record_in(Status.PUBLISHED)
    save_revision(document, user=second_editor, title="Second title")
    actions.submit_for_review(document, actor=translator)
    actions.approve_revision(document, revision=latest_revision(document), actor=editor, note="Retitled.")

    entry = actions.withdraw(document, actor=editor, reason="The original's attribution was disproved.")

    assert document.status == Status.WITHDRAWN
    assert document.current_version is None
    assert document.withdrawal_reason == "The original's attribution was disproved."
    assert document.withdrawn_at is not None
    assert [version.number for version in PublishedVersion.objects.of(document)] == [2, 1]
    assert not PublishedVersion.objects.current().filter(document=document).exists()
    assert (entry.action, entry.from_state, entry.comment) == (
        AuditEntry.Action.WITHDRAW,
        Status.PUBLISHED,
        "The original's attribution was disproved.",
    )
    assert entry.revision.comment == "Withdrew: The original's attribution was disproved."


def test_a_reason_is_required(record_in, editor):
    document = record_in(Status.PUBLISHED)

    with pytest.raises(CommentRequired, match="Give the reason for withdrawing"):
        actions.withdraw(document, actor=editor, reason=" ")

    document.refresh_from_db()
    assert document.status == Status.PUBLISHED
    assert document.current_version.is_current


def test_a_published_record_reopened_as_a_draft_can_be_withdrawn(record_in, second_editor, editor):
    document = record_in(Status.PUBLISHED)
    save_revision(document, user=second_editor, title="Being corrected")
    assert document.status == Status.DRAFT

    actions.withdraw(document, actor=editor, reason="Withdrawn during correction.")

    assert document.status == Status.WITHDRAWN
    assert document.current_version is None


def test_a_record_never_published_cannot_be_withdrawn(record_in, editor):
    document = record_in(Status.DRAFT)

    with pytest.raises(PermissionDenied):
        actions.withdraw(document, actor=editor, reason="Nothing to withdraw.")


def test_a_withdrawn_record_is_closed(record_in, editor):
    document = record_in(Status.WITHDRAWN)

    with pytest.raises(TransitionNotAllowed, match="This record is withdrawn"):
        save_revision(document, user=editor, title="Edited after withdrawal")
    with pytest.raises(TransitionNotAllowed):
        actions.withdraw(document, actor=editor, reason="Again.")


def test_withdrawal_cancels_a_scheduled_publication(record_in, translator, editor, second_editor):
    document = record_in(Status.PUBLISHED)
    save_revision(document, user=second_editor, title="Next title")
    actions.submit_for_review(document, actor=translator)
    schedule = actions.approve_revision(
        document,
        revision=latest_revision(document),
        actor=editor,
        note="Retitled.",
        publish_at=timezone.now() + dt.timedelta(hours=1),
    )

    actions.withdraw(document, actor=editor, reason="Rights withdrawn by the holder.")

    schedule.refresh_from_db()
    assert (schedule.state, schedule.cancel_reason) == ("cancelled", "The record was withdrawn.")
    assert actions.publish_due(timezone.now() + dt.timedelta(days=1)) == []
    assert document.published_versions.count() == 1
