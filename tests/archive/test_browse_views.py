"""The reading room's pages besides the document page: home, search, collections, people, places,
subjects, dates, feeds and sitemaps. What they cost in queries, and that only public records show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from curation import actions
from tests.archive.search_records import TextSpec, draft, linked_records, published
from tests.factories import CollectionFactory, PersonFactory, PlaceFactory, SubjectFactory

TEXT_SEARCH_EXTRA = 1 if connection.vendor == "postgresql" else 0  # the languages the records use


@pytest.fixture
def authorities(db):
    return {
        "collections": [CollectionFactory(title="Test Ban Talks", description="Talks in *Geneva*.")],
        "people": [PersonFactory(name="Nikita Khrushchev")],
        "places": [PlaceFactory(name="Geneva")],
        "subjects": [SubjectFactory(heading="Nuclear weapons--Testing")],
    }


def page_urls(authorities) -> dict[str, str]:
    collection, person = authorities["collections"][0], authorities["people"][0]
    place, subject = authorities["places"][0], authorities["subjects"][0]
    search = reverse("archive:search")
    return {
        "home": reverse("archive:home"),
        "search": search,
        "search words": f"{search}?q=nuclear",
        "search words and filters": f"{search}?q=nuclear&person={person.pk}&decade=1950&from=1950",
        "collections": reverse("archive:collection-list"),
        "collection": reverse("archive:collection-detail", args=[collection.slug]),
        "people": reverse("archive:person-list"),
        "person": reverse("archive:person-detail", args=[person.pk]),
        "places": reverse("archive:place-list"),
        "place": reverse("archive:place-detail", args=[place.pk]),
        "subjects": reverse("archive:subject-list"),
        "subject": reverse("archive:subject-detail", args=[subject.pk]),
        "dates": reverse("archive:browse"),
        "decade": reverse("archive:browse-decade", args=[1950]),
        "year": reverse("archive:browse-year", args=[1950]),
        "feed": reverse("archive:feed-latest"),
        "collection feed": reverse("archive:feed-collection", args=[collection.slug]),
        "sitemap": reverse("archive:sitemap"),
        "sitemap of records": reverse("archive:sitemap-section", args=["documents"]),
        "sitemap of people": reverse("archive:sitemap-section", args=["people"]),
        "robots": reverse("archive:robots"),
    }


def queries_per_page(client, urls: dict[str, str]) -> dict[str, int]:
    counted = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        counted[name] = len(context)
    return counted


# Counted in this order: the first page that counts with the search index's facet pairs (home) loads
# them (archive.search.facets); the pages after it read only the index's generation.
EXPECTED_QUERIES = {
    "home": 5,  # the latest records' ids and rows, the generation, the facet pairs, the collections
    "search": 2,  # the match set with the generation, the page's rows
    "search words": 3 + TEXT_SEARCH_EXTRA,  # nothing matches: no snippets
    "search words and filters": 3 + TEXT_SEARCH_EXTRA,  # labels come with the facet pairs
    "collections": 2,  # the generation, the collections
    "collection": 4,  # the collection, count, the page's ids and rows
    "people": 3,  # the generation, count, page
    "person": 4,
    "places": 3,
    "place": 4,
    "subjects": 3,
    "subject": 4,
    "dates": 1,
    "decade": 4,  # the years' counts, count, the page's ids and rows
    "year": 3,
    "feed": 1,
    "collection feed": 2,
    "sitemap": 10,  # each section's page count and latest change
    "sitemap of records": 2,
    "sitemap of people": 2,
    "robots": 0,
}


def test_every_page_costs_the_same_few_queries_for_two_records_or_six(
    client, translator, editor, authorities
):
    urls = page_urls(authorities)
    linked_records(translator=translator, editor=editor, count=2, links=authorities)
    with_two = queries_per_page(client, urls)
    linked_records(translator=translator, editor=editor, count=4, links=authorities, start=2)
    with_six = queries_per_page(client, urls)

    assert with_two == with_six == EXPECTED_QUERIES


# --- Home -----------------------------------------------------------------------------------------


def test_home_shows_the_latest_records_the_collections_and_a_search_box(
    client, translator, editor, authorities
):
    linked_records(translator=translator, editor=editor, count=2, links=authorities)

    page = client.get(reverse("archive:home")).content.decode()

    assert 'role="search"' in page
    assert page.index("Record 1") < page.index("Record 0")  # newest first
    assert "Test Ban Talks" in page
    assert reverse("archive:feed-latest") in page


def test_the_navigation_marks_the_current_page_and_section(client, translator, editor, authorities):
    linked_records(translator=translator, editor=editor, count=1, links=authorities)
    person = authorities["people"][0]

    people = client.get(reverse("archive:person-list")).content.decode()
    one_person = client.get(reverse("archive:person-detail", args=[person.pk])).content.decode()

    assert f'href="{reverse("archive:person-list")}" aria-current="page"' in people
    assert f'href="{reverse("archive:person-list")}" aria-current="true"' in one_person
    assert 'aria-current="page">Search' not in people


# --- Search page ----------------------------------------------------------------------------------


def test_the_search_page_shows_snippets_facets_and_filters_that_can_be_removed(
    client, translator, editor, authorities
):
    linked_records(translator=translator, editor=editor, count=2, links=authorities)
    person = authorities["people"][0]

    response = client.get(reverse("archive:search"), {"q": "nuclear", "person": person.pk})
    page = response.content.decode()

    assert "<mark>nuclear</mark>" in page
    assert "2 records" in page
    assert "Person: Nikita Khrushchev" in page
    assert "?q=nuclear" in page  # the link that removes the person filter
    assert "Geneva" in page and "1950s" in page  # facet values


def test_a_backwards_date_range_is_explained_not_searched(client):
    response = client.get(reverse("archive:search"), {"from": "1970", "to": "1960"})

    assert response.status_code == 200
    assert "The date range runs backwards: 1970 is after 1960." in response.content.decode()
    assert response.context["results"] is None


@pytest.mark.parametrize(
    "params",
    [
        {"from": "nineteen"},
        {"to": "99999"},
        {"q": "x" * 301},
        {"page": "-3"},
        {"sort": "sideways"},
        {"person": "x" * 60, "decade": "abc"},
        {"q": '"NEAR( "*^'},
    ],
)
def test_junk_in_the_query_string_gets_a_page_not_an_error(client, db, params):
    assert client.get(reverse("archive:search"), params).status_code == 200


def test_when_nothing_matches_the_page_helps(client, translator, editor, authorities):
    linked_records(translator=translator, editor=editor, count=2, links=authorities)

    page = client.get(reverse("archive:search"), {"q": "nuclear", "from": "1990"}).content.decode()

    assert "Nothing matches this search." in page
    assert "2 records match without the filters and dates." in page
    assert "every word must appear" in page


# --- Authorities ----------------------------------------------------------------------------------


def test_only_authorities_with_published_records_are_public(client, translator, editor):
    public_person, draft_person, withdrawn_person = (
        PersonFactory(name="Public Person"),
        PersonFactory(name="Drafted Person"),
        PersonFactory(name="Withdrawn Person"),
    )
    published(translator=translator, editor=editor, title="Public", links={"people": [public_person]})
    draft(translator=translator, title="Draft", links={"people": [draft_person]})
    gone = published(translator=translator, editor=editor, title="Gone", links={"people": [withdrawn_person]})
    actions.withdraw(gone, actor=editor, reason="A duplicate.")

    listing = client.get(reverse("archive:person-list")).content.decode()

    assert "Person, Public" in listing
    assert "Drafted" not in listing and "Withdrawn" not in listing
    assert client.get(reverse("archive:person-detail", args=[public_person.pk])).status_code == 200
    assert client.get(reverse("archive:person-detail", args=[draft_person.pk])).status_code == 404
    assert client.get(reverse("archive:person-detail", args=[withdrawn_person.pk])).status_code == 404


@pytest.mark.parametrize(
    ("url_name", "link", "factory"),
    [
        ("archive:collection-detail", "collections", CollectionFactory),
        ("archive:place-detail", "places", PlaceFactory),
        ("archive:subject-detail", "subjects", SubjectFactory),
    ],
)
def test_an_authority_known_only_from_drafts_is_not_found(client, translator, url_name, link, factory):
    authority = factory()
    draft(translator=translator, links={link: [authority]})
    key = authority.slug if link == "collections" else authority.pk

    assert client.get(reverse(url_name, args=[key])).status_code == 404


def test_an_authority_page_lists_its_records_by_date_in_pages(
    client, translator, editor, authorities, settings
):
    linked_records(translator=translator, editor=editor, count=3, links=authorities)
    collection = authorities["collections"][0]

    page = client.get(reverse("archive:collection-detail", args=[collection.slug])).content.decode()

    assert "<em>Geneva</em>" in page  # the description, as Markdown
    assert page.index("Record 0") < page.index("Record 1") < page.index("Record 2")
    assert "3 records" in page


# --- Dates ----------------------------------------------------------------------------------------


def test_dates_by_decade_and_year(client, translator, editor):
    published(translator=translator, editor=editor, title="Span", date="1958/1961")
    published(translator=translator, editor=editor, title="Undated", date="")

    decades = client.get(reverse("archive:browse"))
    sixties = client.get(reverse("archive:browse-decade", args=[1960]))
    year = client.get(reverse("archive:browse-year", args=[1959]))

    assert [(period.start, period.count) for period in decades.context["decades"]] == [(1950, 1), (1960, 1)]
    assert [(period.start, period.count) for period in sixties.context["years"]] == [(1960, 1), (1961, 1)]
    assert "Span" in year.content.decode() and "Undated" not in year.content.decode()


def test_a_decade_not_ending_in_zero_redirects_and_a_year_out_of_range_is_not_found(client, db):
    assert client.get("/browse/1963s/").url == reverse("archive:browse-decade", args=[1960])
    assert client.get("/browse/0/").status_code == 404
    assert client.get("/browse/12345/").status_code == 404


# --- Feeds, sitemaps, robots.txt ------------------------------------------------------------------


def test_the_latest_feed_has_an_entry_per_published_version_with_its_change_note(client, translator, editor):
    from tests.archive.search_records import edit, republish

    document = published(translator=translator, editor=editor, title="Cable", summary="First summary.")
    edit(document, user=translator)
    republish(document, editor=editor, note="Corrected the date of the meeting.")
    draft(translator=translator, title="Secret draft")
    gone = published(translator=translator, editor=editor, title="Withdrawn cable")
    actions.withdraw(gone, actor=editor, reason="A duplicate.")

    response = client.get(reverse("archive:feed-latest"))
    feed = response.content.decode()

    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Cable (version 2)" in feed and "Corrected the date of the meeting." in feed
    assert "First summary." in feed
    assert reverse("archive:version-detail", args=[document.pk, 2]) in feed
    assert "Secret draft" not in feed and "Withdrawn cable" not in feed


def test_a_collection_feed_has_the_collection_records_only(client, translator, editor):
    talks, other = CollectionFactory(title="Talks"), CollectionFactory(title="Other")
    published(translator=translator, editor=editor, title="In the talks", links={"collections": [talks]})
    published(translator=translator, editor=editor, title="Elsewhere", links={"collections": [other]})
    hidden = CollectionFactory(title="Hidden")
    draft(translator=translator, links={"collections": [hidden]})

    feed = client.get(reverse("archive:feed-collection", args=[talks.slug])).content.decode()

    assert "In the talks" in feed and "Elsewhere" not in feed
    assert client.get(reverse("archive:feed-collection", args=[hidden.slug])).status_code == 404


def test_the_sitemap_lists_public_records_and_authorities_only(client, translator, editor):
    person, draft_person = PersonFactory(name="Public Person"), PersonFactory(name="Draft Person")
    live = published(translator=translator, editor=editor, title="Live", links={"people": [person]})
    hidden = draft(translator=translator, title="Draft", links={"people": [draft_person]})
    gone = published(translator=translator, editor=editor, title="Gone")
    actions.withdraw(gone, actor=editor, reason="A duplicate.")

    index = client.get(reverse("archive:sitemap")).content.decode()
    records = client.get(reverse("archive:sitemap-section", args=["documents"])).content.decode()
    people = client.get(reverse("archive:sitemap-section", args=["people"])).content.decode()

    assert reverse("archive:sitemap-section", args=["documents"]) in index
    assert reverse("archive:document-detail", args=[live.pk]) in records
    assert reverse("archive:document-detail", args=[hidden.pk]) not in records
    assert reverse("archive:document-detail", args=[gone.pk]) not in records
    assert reverse("archive:person-detail", args=[person.pk]) in people
    assert reverse("archive:person-detail", args=[draft_person.pk]) not in people


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_the_admin(client, settings):
    settings.SITE_URL = "https://archive.example.org"

    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Sitemap: https://archive.example.org/sitemap.xml",
    ]


def test_the_search_page_is_not_indexed_but_followed(client, db):
    assert '<meta name="robots" content="noindex, follow">' in client.get("/search/").content.decode()


def test_snippets_never_show_unpublished_words(client, translator, editor):
    from tests.archive.search_records import add_text, edit

    document = published(
        translator=translator, editor=editor, title="Cable", texts=(TextSpec("Public words."),)
    )
    add_text(document, TextSpec("Secret magenta words.", language="de"), order=1)
    edit(document, user=translator)

    assert "magenta" not in client.get(reverse("archive:search"), {"q": "words"}).content.decode()
    assert client.get(reverse("archive:search"), {"q": "magenta"}).context["results"].total == 0
