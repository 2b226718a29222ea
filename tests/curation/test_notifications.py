"""Notifications are sent only after the transaction that made the step commits."""

import pytest
from django.db import transaction

from archive.models import Document
from curation import actions
from curation.history import latest_revision

pytestmark = pytest.mark.django_db
Status = Document.Status


class Abort(Exception):
    pass


def test_editors_hear_when_a_record_enters_review(
    record_in, translator, editor, second_editor, mailoutbox, django_capture_on_commit_callbacks
):
    document = record_in(Status.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        actions.submit_for_review(document, actor=translator, comment="Please look at note 1.")

    assert sorted(message.to[0] for message in mailoutbox) == ["edith@example.org", "emil@example.org"]
    message = mailoutbox[0]
    assert message.subject == f"For review: {document.title}"
    assert "Tanya Translator submitted" in message.body
    assert "Please look at note 1." in message.body
    assert f"/admin/archive/document/{document.pk}/change/" in message.body


def test_nothing_is_sent_before_the_commit(
    record_in, translator, mailoutbox, django_capture_on_commit_callbacks
):
    document = record_in(Status.DRAFT)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.submit_for_review(document, actor=translator)

    assert len(callbacks) == 1
    assert mailoutbox == []


def test_nothing_is_sent_when_the_transaction_rolls_back(
    record_in, translator, editor, mailoutbox, django_capture_on_commit_callbacks
):
    document = record_in(Status.DRAFT)

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Abort),
        transaction.atomic(),
    ):
        actions.submit_for_review(document, actor=translator)
        raise Abort

    assert callbacks == []
    assert mailoutbox == []
    document.refresh_from_db()
    assert document.status == Status.DRAFT


def test_the_translators_hear_when_changes_are_requested(
    record_in, other_translator, editor, mailoutbox, django_capture_on_commit_callbacks
):
    document = record_in(Status.IN_REVIEW)
    actions.assign(document, actor=editor, translator=other_translator)

    with django_capture_on_commit_callbacks(execute=True):
        actions.request_changes(document, actor=editor, comment="Footnote 1 needs its source.")

    assert sorted(message.to[0] for message in mailoutbox) == ["oleg@example.org", "tanya@example.org"]
    assert mailoutbox[0].subject == f"Changes requested: {document.title}"
    assert "Footnote 1 needs its source." in mailoutbox[0].body


def test_the_translator_hears_when_the_record_is_published(
    record_in, editor, mailoutbox, django_capture_on_commit_callbacks
):
    document = record_in(Status.IN_REVIEW)

    with django_capture_on_commit_callbacks(execute=True):
        actions.approve_revision(document, revision=latest_revision(document), actor=editor)

    assert [message.to for message in mailoutbox] == [["tanya@example.org"]]
    assert mailoutbox[0].subject == f"Published: {document.title} (version 1)"
    assert "approved by Edith Editor" in mailoutbox[0].body


def test_no_one_is_told_about_their_own_action_or_without_an_address(
    record_in, translator, editor, second_editor, mailoutbox, django_capture_on_commit_callbacks
):
    second_editor.email = ""
    second_editor.save()
    document = record_in(Status.DRAFT, created_by=editor)

    with django_capture_on_commit_callbacks(execute=True):
        actions.submit_for_review(document, actor=editor)

    assert mailoutbox == []
