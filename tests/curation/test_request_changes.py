"""request_changes: an editor returns a record in review to its translator, with a comment."""

import datetime as dt

import pytest
from django.utils import timezone

from archive.models import Document
from curation import actions
from curation.exceptions import CommentRequired
from curation.history import latest_revision
from curation.models import AuditEntry, ScheduledPublication

pytestmark = pytest.mark.django_db
Status = Document.Status


def test_request_changes_returns_the_record_with_the_comment(record_in, editor):
    document = record_in(Status.IN_REVIEW)

    entry = actions.request_changes(document, actor=editor, comment="Footnote 1 needs a source.")

    assert document.status == Status.CHANGES_REQUESTED
    assert entry.action == AuditEntry.Action.REQUEST_CHANGES
    assert entry.comment == "Footnote 1 needs a source."
    revision = latest_revision(document)
    assert entry.revision == revision
    assert revision.user == editor
    assert revision.comment == "Requested changes: Footnote 1 needs a source."


@pytest.mark.parametrize("comment", ["", "   \n "])
def test_a_comment_is_required(record_in, editor, comment):
    document = record_in(Status.IN_REVIEW)

    with pytest.raises(CommentRequired, match="Say what needs to change"):
        actions.request_changes(document, actor=editor, comment=comment)

    document.refresh_from_db()
    assert document.status == Status.IN_REVIEW


def test_requesting_changes_cancels_a_scheduled_publication(record_in, editor, second_editor):
    document = record_in(Status.IN_REVIEW)
    schedule = actions.approve_revision(
        document,
        revision=latest_revision(document),
        actor=editor,
        publish_at=timezone.now() + dt.timedelta(hours=2),
    )

    actions.request_changes(document, actor=second_editor, comment="Wait: the date is wrong.")

    schedule.refresh_from_db()
    assert schedule.state == ScheduledPublication.State.CANCELLED
    assert schedule.cancel_reason == "Changes were requested."
    assert actions.publish_due(timezone.now() + dt.timedelta(days=1)) == []
    assert not document.published_versions.exists()
