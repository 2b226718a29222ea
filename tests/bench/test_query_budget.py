"""Every public page and API endpoint, walked from the URL configuration: its SQL queries are the same
for a small record and a large one (60 footnotes, three texts, 25 people), and within its budget.

The views' own tests count queries one by one; this one makes sure none is left out: a public URL
pattern without an entry in BUDGET fails the test, so a new endpoint comes with its query count.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from archive.models import Collection, Person, Place, Repository, Subject
from archive.oai.protocol import oai_identifier as oai_identifier_of
from archive.search import facets
from tests.archive.document_records import THREE_TEXTS, build_record
from tests.factories import publish

pytestmark = pytest.mark.django_db

POSTGRES_EXTRA = 1 if connection.vendor == "postgresql" else 0  # search reads the words per language

# URL name -> (arguments for the record, budget of queries). The target for a public page or
# API response is 5. The lists of authorities and decades count with the search index's facet pairs:
# a query for the index's generation, and here (the pairs forgotten before each request) their load. A
# record's page reads its version list, the version and its citations' stored renderings.
BUDGET = {
    "archive:document-detail": ("record", 3),
    "archive:version-detail": ("version", 3),
    "archive:document-slug": ("slug", 0),
    "archive:document-txt": ("record", 2),
    "archive:document-json": ("record", 3),
    "archive:version-txt": ("version", 2),
    "archive:version-json": ("version", 3),
    "archive:citation-export": ("citation", 1),
    "archive:version-citation-export": ("version-citation", 1),
    "archive:home": ("none", 5),
    "archive:search": ("none", 3),
    "archive:collection-list": ("none", 3),
    "archive:collection-detail": ("collection", 4),
    "archive:person-list": ("none", 4),
    "archive:person-detail": ("person", 4),
    "archive:place-list": ("none", 4),
    "archive:place-detail": ("place", 4),
    "archive:subject-list": ("none", 4),
    "archive:subject-detail": ("subject", 4),
    "archive:browse": ("none", 2),
    "archive:browse-decade": ("decade", 4),
    "archive:browse-year": ("year", 3),
    "archive:feed-latest": ("none", 1),
    "archive:feed-collection": ("collection", 2),
    "archive:sitemap-section": ("sitemap", 2),
    "archive:robots": ("none", 0),
    "archive:oai": ("oai", 2),
    "archive:oai-record-schema": ("none", 0),
    "archive:data": ("none", 0),
    "api:document-list": ("none", 4),
    "api:document-detail": ("api-record", 3),
    "api:version-list": ("api-record", 1),
    "api:version-detail": ("api-version", 3),
    "api:collection-list": ("none", 3),
    "api:collection-detail": ("api-collection", 5),
    "api:person-list": ("none", 3),
    "api:person-detail": ("api-person", 5),
    "api:place-list": ("none", 3),
    "api:place-detail": ("api-place", 5),
    "api:subject-list": ("none", 3),
    "api:subject-detail": ("api-subject", 5),
    "api:repository-list": ("none", 3),
    "api:repository-detail": ("api-repository", 5),
}
# Not pages of one size or another: the site-wide sitemap index counts every section (see the browse
# views' tests), the PDF is rendered by WeasyPrint (see the downloads' tests), the bulk data
# files are streamed from disk; a IIIF manifest needs images (see its own tests).
LEFT_OUT = {
    "archive:sitemap",
    "archive:document-pdf",
    "archive:version-pdf",
    "archive:data-file",
    "archive:document-manifest",
}
# Searches with words cost a query more on PostgreSQL; each is a public page with its own budget.
# Counted as after a change to the index, when the search loads the facet pairs again (the most).
SEARCHES = {
    "search words": ("/search/?q=Paragraph", 4 + POSTGRES_EXTRA),
    "search words and a filter": ("/search/?q=Paragraph&collection={collection}", 4 + POSTGRES_EXTRA),
    "API search": ("/api/v1/documents/?q=Paragraph", 5 + POSTGRES_EXTRA),
}


def public_url_names() -> set[str]:
    names = set()
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace in ("archive", "api"):
            names |= {
                f"{pattern.namespace}:{child.name}"
                for child in pattern.url_patterns
                if isinstance(child, URLPattern)
            }
    return names


def url_for(name: str, kind: str, document) -> str:
    collection = Collection.objects.get(title="Test Ban Talks")
    args = {
        "none": [],
        "record": [document.pk],
        "version": [document.pk, 1],
        "slug": [document.pk, "memo"],
        "citation": [document.pk, "ris"],
        "version-citation": [document.pk, 1, "ris"],
        "collection": [collection.slug],
        "person": [first_pk(Person, name="Nikita Khrushchev")],
        "place": [first_pk(Place, name="Moscow")],
        "subject": [first_pk(Subject, heading="Nuclear weapons--Testing")],
        "decade": [1960],
        "year": [1962],
        "sitemap": ["documents"],
        "oai": [],
        "api-record": [str(document.pk)],
        "api-version": [str(document.pk), "1"],
        "api-collection": [str(collection.pk)],
        "api-person": [str(first_pk(Person, name="Nikita Khrushchev"))],
        "api-place": [str(first_pk(Place, name="Moscow"))],
        "api-subject": [str(first_pk(Subject, heading="Nuclear weapons--Testing"))],
        "api-repository": [str(first_pk(Repository, abbreviation="RGANI"))],
    }[kind]
    url = reverse(name, args=args)
    if kind == "oai":
        url += f"?verb=GetRecord&metadataPrefix=oai_dc&identifier={oai_identifier(document)}"
    return url


def first_pk(model, **lookup) -> int:
    return model.objects.filter(**lookup).order_by("pk").values_list("pk", flat=True).first()


def oai_identifier(document) -> str:
    return oai_identifier_of(document.pk)


def queries(client, url: str) -> int:
    facets.forget()  # a search counts as after a change to the index, loading the facet pairs
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code in (200, 301), (url, response.status_code)
    return len(captured)


@pytest.fixture
def records(translator, second_editor, django_capture_on_commit_callbacks):
    """A small and a large record, published as in production (their citations rendered on commit)."""
    with django_capture_on_commit_callbacks(execute=True):
        return _records(translator, second_editor)


def _records(translator, second_editor):
    small = build_record(
        author=translator, title="Small record", date="1962-05-21", texts=(("ru", "original"),)
    )
    large = build_record(
        author=translator, title="Large record", date="1962-05-22", texts=THREE_TEXTS, footnotes=60, people=25
    )
    for record in (small, large):
        publish(record, approver=second_editor)
    return small, large


def test_every_public_url_has_a_budget():
    assert public_url_names() - LEFT_OUT == set(BUDGET)


@pytest.mark.parametrize("name", sorted(BUDGET))
def test_a_public_page_costs_the_same_for_a_small_and_a_large_record(client, records, name):
    kind, budget = BUDGET[name]
    small, large = records

    counted = [queries(client, url_for(name, kind, record)) for record in (small, large)]

    assert counted == [budget, budget], name


@pytest.mark.parametrize("label", sorted(SEARCHES))
def test_a_search_costs_its_budget(client, records, label):
    template, budget = SEARCHES[label]
    url = template.format(collection=Collection.objects.get(title="Test Ban Talks").pk)

    assert queries(client, url) == budget
