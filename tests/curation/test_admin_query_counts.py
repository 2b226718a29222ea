"""Query budgets of the workroom's busiest pages: the same for a record saved once and one saved 100 times,
and the same for a change list of 2 records and one of 12 (issue 8: a much-edited record stays fast)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive.models import Document
from curation.history import content_revisions
from tests.curation.records import make_record, save_revision
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

Status = Document.Status


def queries_of(client, url: str) -> int:
    client.get(url)  # the first request warms caches (content types, groups) that a real server holds
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def saved_times(document: Document, times: int, *, user) -> Document:
    for number in range(times):
        save_revision(document, user=user, comment=f"Edit {number}.", summary=f"Summary {number}.")
    return document


@pytest.fixture
def once_and_often(translator, editor):
    """Two records alike but for their history: one saved once, one saved 100 times."""
    once = make_record(Status.DRAFT, translator=translator, editor=editor)
    often = saved_times(make_record(Status.DRAFT, translator=translator, editor=editor), 99, user=translator)
    assert content_revisions(often).count() == 100
    return once, often


def first_and_latest(document: Document) -> str:
    """The review page's query string comparing the record's first content with its latest."""
    revisions = content_revisions(document)
    return f"?old={revisions.last().pk}&new={revisions.first().pk}"


@pytest.mark.parametrize(
    ("view", "query"),
    [
        ("admin:archive_document_change", lambda document: ""),
        ("admin:archive_document_history", lambda document: ""),
        ("admin:archive_document_review", first_and_latest),
    ],
)
def test_a_record_page_asks_as_many_queries_after_100_saves_as_after_one(
    client, editor, once_and_often, view, query
):
    client.force_login(editor)
    once, often = once_and_often

    def url(document: Document) -> str:
        return reverse(view, args=[document.pk]) + query(document)

    assert queries_of(client, url(often)) == queries_of(client, url(once))


def test_the_change_form_stays_within_its_budget(client, editor, once_and_often):
    client.force_login(editor)
    _once, often = once_and_often

    # Session, user, groups, the record, permissions (2), seven linked lists, the latest content
    # revision (once: the form's stale-save check), texts and their notes (the form's and the
    # preview's), the other inlines, whether it was ever published, the assign form's lists.
    assert queries_of(client, reverse("admin:archive_document_change", args=[often.pk])) <= 29


def test_the_change_list_asks_as_many_queries_for_12_records_as_for_2(client, editor, translator):
    client.force_login(editor)
    url = reverse("admin:archive_document_changelist")
    DocumentFactory.create_batch(2, created_by=translator)
    few = queries_of(client, url)

    DocumentFactory.create_batch(10, created_by=translator, assigned_translator=editor)

    assert queries_of(client, url) == few <= 14
