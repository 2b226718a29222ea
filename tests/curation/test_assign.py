"""assign: editors name a record's translator and reviewer."""

import pytest

from archive.models import Document
from curation import actions
from curation.exceptions import InvalidAssignment
from curation.permissions import can_edit
from tests.curation.records import save_revision

pytestmark = pytest.mark.django_db
Status = Document.Status


def test_assigning_a_translator_and_a_reviewer(record_in, editor, second_editor, other_translator):
    document = record_in(Status.DRAFT)

    entry = actions.assign(document, actor=editor, translator=other_translator, reviewer=second_editor)

    assert (document.assigned_translator, document.reviewer) == (other_translator, second_editor)
    assert entry.comment == "translator: oleg; reviewer: emil"
    assert entry.revision.comment == "Assigned: translator: oleg; reviewer: emil"
    assert can_edit(other_translator, document)


def test_an_assignment_left_out_is_kept_and_none_clears_it(
    record_in, editor, second_editor, other_translator
):
    document = record_in(Status.DRAFT)
    actions.assign(document, actor=editor, translator=other_translator, reviewer=second_editor)

    actions.assign(document, actor=editor, reviewer=None)

    assert (document.assigned_translator, document.reviewer) == (other_translator, None)


def test_the_assigned_translator_may_then_edit_and_submit(record_in, editor, other_translator):
    document = record_in(Status.DRAFT)
    actions.assign(document, actor=editor, translator=other_translator)

    save_revision(document, user=other_translator, summary="Checked by Oleg.")
    actions.submit_for_review(document, actor=other_translator)

    assert document.status == Status.IN_REVIEW


@pytest.mark.parametrize(
    ("translator_role", "reviewer_role", "message"),
    [
        ("outsider", None, "olga is not a translator or an editor."),
        (None, "translator", "tanya is not an editor."),
    ],
)
def test_only_people_with_the_role_can_be_assigned(
    request, record_in, editor, translator_role, reviewer_role, message
):
    document = record_in(Status.DRAFT)
    arguments = {}
    if translator_role:
        arguments["translator"] = request.getfixturevalue(translator_role)
    if reviewer_role:
        arguments["reviewer"] = request.getfixturevalue(reviewer_role)

    with pytest.raises(InvalidAssignment, match=message):
        actions.assign(document, actor=editor, **arguments)


def test_an_assignment_must_name_someone(record_in, editor):
    document = record_in(Status.DRAFT)

    with pytest.raises(InvalidAssignment, match="Name a translator or a reviewer"):
        actions.assign(document, actor=editor)
