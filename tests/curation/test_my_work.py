""" "My work": a translator's drafts, records returned with the editor's comments, in review and published."""

import pytest
from django.urls import reverse

from archive.models import Document
from curation import actions
from tests.factories import record_in_state, record_revision

pytestmark = pytest.mark.django_db

Status = Document.Status
MY_WORK_URL = reverse("admin:archive_document_my_work")


def sections(response) -> dict[str, list[Document]]:
    return {
        status: [row["document"] for row in rows] for status, _label, rows in response.context["sections"]
    }


def test_my_work_groups_the_translators_records_by_state(client, translator, editor):
    draft = record_in_state(Status.DRAFT, translator=translator, editor=editor, title="My draft")
    returned = record_in_state(
        Status.CHANGES_REQUESTED, translator=translator, editor=editor, title="Returned"
    )
    in_review = record_in_state(Status.IN_REVIEW, translator=translator, editor=editor, title="Waiting")
    published = record_in_state(Status.PUBLISHED, translator=translator, editor=editor, title="Out there")
    client.force_login(translator)

    response = client.get(MY_WORK_URL)

    assert response.status_code == 200
    assert sections(response) == {
        Status.DRAFT: [draft],
        Status.CHANGES_REQUESTED: [returned],
        Status.IN_REVIEW: [in_review],
        Status.PUBLISHED: [published],
    }
    html = response.content.decode()
    assert "Returned to you with the editor’s comments (1)" in html
    assert "version 1 is public" in html


def test_returned_records_show_the_editors_latest_comment(client, translator, editor, second_editor):
    document = record_in_state(Status.CHANGES_REQUESTED, translator=translator, editor=editor)
    actions.submit_for_review(document, actor=translator)
    actions.request_changes(document, actor=second_editor, comment="Now footnote 1 needs a source.")
    client.force_login(translator)

    response = client.get(MY_WORK_URL)

    [row] = next(
        rows for status, _label, rows in response.context["sections"] if status == Status.CHANGES_REQUESTED
    )
    assert row["returned"].comment == "Now footnote 1 needs a source."
    assert row["returned"].actor == second_editor
    html = response.content.decode()
    assert "Now footnote 1 needs a source." in html and "Emil Reviewer" in html
    assert "Check the date against the original." not in html  # the earlier, answered comment


def test_a_reopened_published_record_is_a_draft_with_its_version_still_public(client, translator, editor):
    document = record_in_state(Status.PUBLISHED, translator=translator, editor=editor)
    record_revision(document, user=translator, comment="A second look.")
    client.force_login(translator)

    response = client.get(MY_WORK_URL)

    assert sections(response)[Status.DRAFT] == [document]
    assert "version 1 is public" in response.content.decode()


def test_only_own_and_assigned_records_are_listed(client, translator, other_translator, editor):
    record_in_state(Status.DRAFT, translator=other_translator, editor=editor, title="Someone else's")
    assigned = record_in_state(Status.DRAFT, translator=other_translator, editor=editor, title="Handed over")
    actions.assign(assigned, actor=editor, translator=translator)
    client.force_login(translator)

    response = client.get(MY_WORK_URL)

    assert sections(response)[Status.DRAFT] == [assigned]
    assert "Someone else&#x27;s" not in response.content.decode()


def test_an_empty_list_says_so(client, translator):
    client.force_login(translator)
    response = client.get(MY_WORK_URL)
    assert response.status_code == 200
    assert all(rows == [] for _status, _label, rows in response.context["sections"])
    assert "None." in response.content.decode()


def test_my_work_is_linked_from_the_admin_index_and_every_page(client, translator):
    client.force_login(translator)
    index = client.get(reverse("admin:index")).content.decode()
    changelist = client.get(reverse("admin:archive_document_changelist")).content.decode()
    assert index.count(f'href="{MY_WORK_URL}"') == 2  # the nav and the "Your work" box
    assert f'href="{MY_WORK_URL}"' in changelist
    assert reverse("admin:archive_document_review_queue") not in index  # editors only


def test_editors_find_the_review_queue_in_the_nav(client, editor):
    client.force_login(editor)
    index = client.get(reverse("admin:index")).content.decode()
    assert index.count(f'href="{reverse("admin:archive_document_review_queue")}"') == 2


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("translator", 200), ("editor", 200), ("administrator", 200), ("outsider", 302)],
)
def test_who_may_see_my_work(client, request, persona, expected):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(MY_WORK_URL).status_code == expected


def test_my_work_query_count_does_not_grow_with_the_records(
    client, translator, editor, django_assert_max_num_queries
):
    for state in (Status.DRAFT, Status.CHANGES_REQUESTED, Status.IN_REVIEW, Status.PUBLISHED) * 3:
        record_in_state(state, translator=translator, editor=editor)
    client.force_login(translator)
    with django_assert_max_num_queries(12):
        client.get(MY_WORK_URL)
