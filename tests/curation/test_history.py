"""curation.history: reading a record's revisions."""

import pytest

from archive.models import Document
from curation import actions
from curation.history import (
    content_revisions,
    describe_revision,
    latest_content_revision,
    latest_revision,
    revision_author,
    revisions_of,
)
from tests.curation.records import save_revision

pytestmark = pytest.mark.django_db
Status = Document.Status


def test_revisions_newest_first_with_their_users(record_in, translator, editor):
    document = record_in(Status.PUBLISHED)

    revisions = list(revisions_of(document))

    assert [revision.comment for revision in revisions] == [
        f"Published revision {revisions[1].pk} as version 1",
        "Submitted for review",
        "First draft.",
    ]
    assert [revision_author(revision) for revision in revisions] == [editor, translator, translator]
    assert latest_revision(document) == revisions[0]


def test_content_revisions_leave_out_workflow_steps(record_in, second_editor, editor):
    document = record_in(Status.PUBLISHED)
    edit = save_revision(document, user=second_editor, summary="Changed.")
    actions.assign(document, actor=editor, reviewer=editor)

    assert [revision.comment for revision in content_revisions(document)] == ["Edited.", "First draft."]
    assert latest_content_revision(document) == edit
    assert latest_revision(document) != edit


def test_describe_revision_names_number_user_and_time(record_in):
    document = record_in(Status.DRAFT)
    revision = latest_revision(document)

    assert describe_revision(revision).startswith(f"revision {revision.pk} by tanya, ")


def test_a_record_without_revisions_has_none(db):
    from tests.factories import DocumentFactory

    document = DocumentFactory()
    assert latest_revision(document) is None
    assert list(revisions_of(document)) == []


def test_revisions_are_found_through_reversions_unique_index(record_in):
    """(db, content_type, object_id) lead reversion's unique index; leaving out db made PostgreSQL read
    the whole index, a third of a second per query at 100,000 records (issue 8)."""
    document = record_in(Status.DRAFT)

    where = str(revisions_of(document).query).split(" WHERE ")[1]

    for column in ('"reversion_version"."db"', '"reversion_version"."content_type_id"', "object_id"):
        assert column in where
