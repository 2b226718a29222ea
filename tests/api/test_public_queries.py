"""Query counts of the public API: constant in the page size and in the size of each record.

A list is the validators (one small query: the index's generation and the latest changes, each read
from an index), the page's ids in order and the page's rows; with `q` or filters, first the match set,
which gives the count and the facet counts, and on PostgreSQL the languages the query is read in. A
record is its version list, the version and its citations' stored renderings. Each is measured with
a small and a large page, and with records of one footnote and of forty.
"""

import pytest
from django.db import connection

from archive.models import Subject
from tests.archive.document_records import THREE_TEXTS, build_record
from tests.factories import publish

pytestmark = pytest.mark.django_db


def search_queries() -> int:
    """A search: the match set, the validators, the page's ids, its rows (+ PostgreSQL's languages)."""
    return 5 if connection.vendor == "postgresql" else 4


def warmed(api_client, path: str, params: dict | None = None):
    """One request first: after the index changed, a process loads its facet pairs once (one query,
    archive.search.facets); what is counted is every request after that."""
    return api_client.get(path, params or {})


@pytest.fixture
def corpus(translator, second_editor, django_capture_on_commit_callbacks):
    """Six records: small ones (two texts, a footnote each, one person) and large ones (three texts,
    forty footnotes each, twenty people), published as in production (their citations rendered)."""
    with django_capture_on_commit_callbacks(execute=True):
        return _records(translator, second_editor)


def _records(translator, second_editor) -> list:
    records = []
    for number in range(6):
        large = number % 2
        record = build_record(
            author=translator,
            title=f"Record {number}",
            footnotes=40 if large else 1,
            texts=THREE_TEXTS if large else (("ru", "original"), ("en", "translation")),
            people=20 if large else 1,
        )
        publish(record, approver=second_editor)
        records.append(record)
    return records


@pytest.mark.parametrize(
    ("query", "queries"),
    [
        ({}, lambda: 3),  # the validators (the count is the index's size), the page's ids, its rows
        ({"decade": 1960}, lambda: 4),  # and the match set, which the count and the facets come from
        ({"q": "paragraph", "translation": "en"}, search_queries),
    ],
)
def test_a_list_costs_the_same_whatever_the_page_size(
    api_client, corpus, django_assert_num_queries, query, queries
):
    warmed(api_client, "/api/v1/documents/", query)
    for page_size in (1, 6):
        with django_assert_num_queries(queries()):
            response = api_client.get("/api/v1/documents/", {**query, "page_size": page_size})
        assert len(response.json()["results"]) == page_size


def test_the_next_page_costs_the_same(api_client, corpus, django_assert_num_queries):
    warmed(api_client, "/api/v1/documents/")
    next_url = api_client.get("/api/v1/documents/", {"page_size": 4}).json()["next"]
    with django_assert_num_queries(3):
        assert len(api_client.get(next_url).json()["results"]) == 2


@pytest.mark.parametrize("path", ["/api/v1/documents/{pk}/", "/api/v1/documents/{pk}/versions/1/"])
def test_a_record_costs_three_queries_however_large(api_client, corpus, django_assert_num_queries, path):
    small, large = corpus[0], corpus[1]
    for record in (small, large):
        with django_assert_num_queries(3):
            body = api_client.get(path.format(pk=record.pk)).json()
        assert len(body["texts"][-1]["footnotes"]) == (40 if record is large else 1)


def test_the_versions_list_and_a_revalidation_cost_one_query(api_client, corpus, django_assert_num_queries):
    record = corpus[1]
    with django_assert_num_queries(1):
        assert api_client.get(f"/api/v1/documents/{record.pk}/versions/").status_code == 200
    etag = api_client.get(f"/api/v1/documents/{record.pk}/")["ETag"]
    with django_assert_num_queries(1):
        assert api_client.get(f"/api/v1/documents/{record.pk}/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    etag = api_client.get("/api/v1/documents/", {"q": "paragraph"})["ETag"]
    # The match set and the validators; PostgreSQL reads the query in the archive's languages first.
    with django_assert_num_queries(3 if connection.vendor == "postgresql" else 2):
        assert (
            api_client.get("/api/v1/documents/", {"q": "paragraph"}, HTTP_IF_NONE_MATCH=etag).status_code
            == 304
        )


def test_an_authority_list_costs_two_queries(api_client, corpus, django_assert_num_queries):
    """The index's generation (the counts come from its facet pairs) and the page."""
    warmed(api_client, "/api/v1/people/")
    for prefix in ("collections", "people", "places", "subjects", "repositories"):
        for page_size in (1, 30):
            with django_assert_num_queries(2):
                assert api_client.get(f"/api/v1/{prefix}/", {"page_size": page_size}).status_code == 200


def test_an_authority_costs_four_queries_with_its_documents(api_client, corpus, django_assert_num_queries):
    """The index's generation, the record, and its first documents' ids and rows."""
    subject = Subject.objects.get(heading="Nuclear weapons--Testing")
    warmed(api_client, "/api/v1/people/")
    with django_assert_num_queries(4):
        body = api_client.get(f"/api/v1/subjects/{subject.pk}/").json()
    assert len(body["documents"]) == 6
