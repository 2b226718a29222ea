"""The public API's documents: the list with its search, filters, facets, order and cursor; a record,
its versions and one version; withdrawn and unknown records."""

import datetime as dt

import pytest
from django.utils import timezone

from archive.citations import citations_for
from archive.models import Collection, PublishedVersion, Subject
from curation import actions
from tests.factories import DocumentFactory, PersonFactory, PlaceFactory, RepositoryFactory, publish

pytestmark = pytest.mark.django_db

CITATION_KEYS = {"house", "chicago", "mla", "apa", "bibtex", "ris", "csl_json"}


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["type"] == "about:blank" and body["detail"]
    return body


# --- The list -------------------------------------------------------------------------------------


def test_the_list_shows_each_published_record_once(api_client, published):
    response = api_client.get("/api/v1/documents/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["next"] is None and body["previous"] is None
    assert body["ordering"] == "date"
    assert "facets" not in body
    [item] = body["results"]
    assert item == {
        "id": published.pk,
        "version": 1,
        "title": "Memorandum of Conversation with Harriman",
        "date": "1962-05-21",
        "display_date": "May 21, 1962",
        "date_earliest": "1962-05-21",
        "date_latest": "1962-05-21",
        "summary": "A conversation about the test ban.",
        "document_type": "memcon",
        "document_type_label": "memorandum of conversation",
        "original_language": "ru",
        "original_language_name": "Russian",
        "published_at": item["published_at"],
        "api_url": f"http://testserver/api/v1/documents/{published.pk}/",
        "html_url": f"http://127.0.0.1:8000/documents/{published.pk}/",
    }


def test_q_searches_the_texts_and_footnotes_and_brings_facets(
    api_client, published_record, editor, second_editor
):
    wanted = published_record(title="Harriman in Moscow")
    published_record(title="Another conversation")
    wanted.texts.get(language="en").footnotes.update(body="A moratorium was proposed.")
    publish(wanted, approver=second_editor, author=editor, note="Reworded a note.")

    body = api_client.get("/api/v1/documents/", {"q": "moratorium"}).json()

    assert [item["id"] for item in body["results"]] == [wanted.pk]
    assert body["count"] == 1 and body["ordering"] == "relevance"
    facets = {group["name"]: group for group in body["facets"]}
    assert facets["language"]["values"] == [
        {"value": "ru", "label": "Russian", "count": 1, "selected": False}
    ]
    assert facets["decade"]["values"][0]["value"] == "1960"


@pytest.fixture
def varied(published_record, editor, second_editor):
    """Three records that differ in every facet the list filters by."""
    collection = Collection.objects.create(title="Cuban Missile Crisis")
    subject = Subject.objects.create(heading="Missiles")
    person, place = PersonFactory(name="Fidel Castro"), PlaceFactory(name="Havana")
    cuban = published_record(
        title="Castro to Khrushchev",
        date="1962-10-26",
        original_language="es",
        repository=RepositoryFactory(name="Archivo Nacional", abbreviation="ANC"),
    )
    cuban.collections.add(collection)
    cuban.subjects.add(subject)
    cuban.people.add(person)
    cuban.places.add(place)
    publish(cuban, approver=second_editor, author=editor, note="Linked the crisis.")
    return {
        "early": published_record(title="Early", date="1958"),
        "moscow": published_record(title="Moscow talks", date="1962-05-21"),
        "cuban": cuban,
        "collection": collection,
        "subject": subject,
        "person": person,
        "place": place,
    }


@pytest.mark.parametrize("facet", ["collection", "subject", "person", "place"])
def test_each_authority_filter_narrows_the_list(api_client, varied, facet):
    response = api_client.get("/api/v1/documents/", {facet: varied[facet].pk})
    assert ids(response) == [varied["cuban"].pk]
    [group] = [group for group in response.json()["facets"] if group["name"] == facet]
    [value] = [value for value in group["values"] if value["value"] == str(varied[facet].pk)]
    assert value["count"] == 1 and value["selected"] is True


def test_the_repository_language_translation_and_decade_filters(api_client, varied):
    cuban = varied["cuban"]
    assert ids(api_client.get("/api/v1/documents/", {"repository": cuban.repository_id})) == [cuban.pk]
    assert ids(api_client.get("/api/v1/documents/", {"language": "es"})) == [cuban.pk]
    assert len(ids(api_client.get("/api/v1/documents/", {"translation": "en"}))) == 3
    assert ids(api_client.get("/api/v1/documents/", {"translation": "de"})) == []
    assert ids(api_client.get("/api/v1/documents/", {"decade": 1950})) == [varied["early"].pk]


def test_filters_all_hold(api_client, varied):
    both = api_client.get("/api/v1/documents/", {"decade": 1960, "language": "ru"})
    assert ids(both) == [varied["moscow"].pk]
    none = api_client.get("/api/v1/documents/", {"subject": [varied["subject"].pk, 999]})
    assert ids(none) == [] and none.json()["count"] == 0


def test_the_date_range_takes_days_months_and_years(api_client, varied):
    assert ids(api_client.get("/api/v1/documents/", {"date_from": "1962-10"})) == [varied["cuban"].pk]
    assert ids(api_client.get("/api/v1/documents/", {"date_to": "1958"})) == [varied["early"].pk]
    assert ids(
        api_client.get("/api/v1/documents/", {"date_from": "1962-05-21", "date_to": "1962-05-21"})
    ) == [varied["moscow"].pk]


def test_the_orderings(api_client, varied):
    early, moscow, cuban = varied["early"].pk, varied["moscow"].pk, varied["cuban"].pk
    assert ids(api_client.get("/api/v1/documents/")) == [early, moscow, cuban]
    assert ids(api_client.get("/api/v1/documents/", {"ordering": "-date"})) == [cuban, moscow, early]
    # The fixture publishes the Cuban record first, then the early one, then the Moscow one.
    assert ids(api_client.get("/api/v1/documents/", {"ordering": "published"})) == [moscow, early, cuban]


def test_the_cursor_walks_every_record_once_forwards_and_back(api_client, published_record):
    records = [published_record(title=f"Record {n}", date=f"196{n}") for n in range(7)]
    expected = [record.pk for record in records]
    pages, url = [], "/api/v1/documents/?page_size=3"
    while url:
        body = api_client.get(url).json()
        pages.append([item["id"] for item in body["results"]])
        url = body["next"]
    assert pages == [expected[0:3], expected[3:6], expected[6:7]]

    last = api_client.get(f"/api/v1/documents/?page_size=3&cursor={_cursor_of(api_client, 2)}").json()
    back = api_client.get(last["previous"]).json()
    assert [item["id"] for item in back["results"]] == expected[3:6]
    first = api_client.get(back["previous"]).json()
    assert [item["id"] for item in first["results"]] == expected[0:3] and first["previous"] is None


def test_relevance_pages_by_offset_forwards_and_back(api_client, published_record):
    for number in range(5):
        published_record(title=f"Record {number}")
    first = api_client.get("/api/v1/documents/", {"q": "paragraph", "page_size": 2}).json()
    assert first["ordering"] == "relevance" and first["count"] == 5 and first["previous"] is None
    second = api_client.get(first["next"]).json()
    third = api_client.get(second["next"]).json()
    seen = ids_of(first) + ids_of(second) + ids_of(third)
    assert len(seen) == 5 == len(set(seen)) and third["next"] is None
    assert ids_of(api_client.get(third["previous"]).json()) == ids_of(second)


def _cursor_of(api_client, page: int) -> str:
    url = "/api/v1/documents/?page_size=3"
    for _ in range(page):
        url = api_client.get(url).json()["next"]
    return url.split("cursor=")[1].split("&")[0]


def test_an_undated_record_comes_last_and_pages_on(api_client, published_record):
    dated = published_record(title="Dated", date="1970")
    undated = [published_record(title=f"Undated {n}", date="") for n in range(3)]
    body = api_client.get("/api/v1/documents/", {"page_size": 2}).json()
    rest = api_client.get(body["next"]).json()
    assert ids_of(body) + ids_of(rest) == [dated.pk, *(record.pk for record in undated)]


def ids_of(body: dict) -> list[int]:
    return [item["id"] for item in body["results"]]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"decade": "1962"}, "decade"),
        ({"decade": "sixties"}, "decade"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "1000"}, "page_size"),
        ({"ordering": "title"}, "ordering"),
        ({"collection": "-1"}, "collection"),
        ({"language": "Russian!"}, "language"),
        ({"date_from": "21 May 1962"}, "date_from"),
        ({"date_to": "1962-02-30"}, "date_to"),
        ({"date_from": "1963", "date_to": "1962"}, "date_to"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"q": "x" * 501}, "q"),
        ({"page_size": ""}, "page_size"),
        ({"ordering": ""}, "ordering"),
        ({"cursor": ""}, "cursor"),
        ({"date_from": ""}, "date_from"),
    ],
)
def test_a_bad_parameter_is_a_400_that_names_it(api_client, published, query, field):
    body = assert_problem(api_client.get("/api/v1/documents/", query), 400)
    # A list parameter's message is keyed by the parameter or by its bad value's position in it.
    assert any(key == field or key.startswith(f"{field}[") for key in body["errors"]), body


def test_a_cursor_of_another_ordering_is_refused(api_client, published_record):
    for n in range(3):
        published_record(title=f"Record {n}")
    url = api_client.get("/api/v1/documents/", {"page_size": 1}).json()["next"]
    cursor = url.split("cursor=")[1]
    response = api_client.get(
        "/api/v1/documents/", {"page_size": 1, "ordering": "published", "cursor": cursor}
    )
    assert "cursor" in assert_problem(response, 400)["errors"]


# --- A record, its versions -----------------------------------------------------------------------


def test_the_detail_has_every_public_field(api_client, published):
    response = api_client.get(f"/api/v1/documents/{published.pk}/")
    assert response.status_code == 200
    body = response.json()
    version = PublishedVersion.objects.get(document=published)
    payload = version.payload
    assert body["id"] == published.pk and body["version"] == 1 and body["is_current"] is True
    assert body["published_at"] == version.published_at.isoformat().replace("+00:00", "Z")
    for name in ("title", "display_date", "summary_html", "source_sentence", "credit_sentence", "rights"):
        assert body[name] == payload[name]
    assert body["archival_reference"] == "F. 3, Op. 16, D. 947, Ll. 15-16"
    assert [text["language"] for text in body["texts"]] == ["ru", "en"]
    assert body["texts"][1]["footnotes"] == [
        {
            "number": 1,
            "kind": "translator",
            "kind_label": "translator's note",
            "body": "Note 1 of the en-translation text.",
            "body_html": "<p>Note 1 of the en-translation text.</p>\n",
        }
    ]
    assert (
        body["credits"][0]["person"]["name"] == "Gary Goldberg" and body["credits"][0]["role"] == "translated"
    )
    assert body["provenance"][0]["kind"] == "declassified"
    assert body["creators"][0]["name"] == "Nikita Khrushchev"
    assert body["repository"]["abbreviation"] == "RGANI"
    subject = body["subjects"][0]
    assert subject["api_url"] == f"http://testserver/api/v1/subjects/{subject['id']}/"
    assert [item["version"] for item in body["versions"]] == [1]


def test_the_citations_are_the_archives_own(api_client, published):
    body = api_client.get(f"/api/v1/documents/{published.pk}/").json()
    version = PublishedVersion.objects.get(document=published)
    assert set(body["citations"]) == CITATION_KEYS
    assert body["citations"] == citations_for(version).as_dict()
    assert body["citations"]["house"]["text"].endswith(f"/documents/{published.pk}/")


@pytest.fixture
def two_versions(published, editor, second_editor):
    published.title = "Memorandum of Conversation with W. Averell Harriman"
    publish(published, approver=second_editor, author=editor, note="Gave Harriman's full name.")
    return published


def test_the_current_version_replaces_the_first(api_client, two_versions):
    body = api_client.get(f"/api/v1/documents/{two_versions.pk}/").json()
    assert body["version"] == 2 and body["title"] == "Memorandum of Conversation with W. Averell Harriman"
    assert body["change_note"] == "Gave Harriman's full name."
    assert [(item["version"], item["is_current"]) for item in body["versions"]] == [(2, True), (1, False)]


def test_the_versions_list(api_client, two_versions):
    response = api_client.get(f"/api/v1/documents/{two_versions.pk}/versions/")
    assert response.status_code == 200
    versions = response.json()
    assert [item["version"] for item in versions] == [2, 1]
    assert versions[0]["change_note"] == "Gave Harriman's full name."
    assert versions[1]["api_url"] == f"http://testserver/api/v1/documents/{two_versions.pk}/versions/1/"
    assert versions[1]["html_url"] == f"http://127.0.0.1:8000/documents/{two_versions.pk}/v/1/"


def test_an_earlier_version_at_its_own_address(api_client, two_versions):
    body = api_client.get(f"/api/v1/documents/{two_versions.pk}/versions/1/").json()
    assert body["version"] == 1 and body["is_current"] is False
    assert body["title"] == "Memorandum of Conversation with Harriman"
    assert body["api_url"].endswith(f"/api/v1/documents/{two_versions.pk}/versions/1/")
    assert body["citations"]["house"]["text"].endswith(f"/documents/{two_versions.pk}/v/1/")


@pytest.mark.parametrize(
    "path",
    ["/api/v1/documents/{pk}/", "/api/v1/documents/{pk}/versions/", "/api/v1/documents/{pk}/versions/1/"],
)
def test_a_withdrawn_record_answers_410_with_its_tombstone(api_client, published, editor, path):
    actions.withdraw(published, actor=editor, reason="A duplicate of another record.")
    body = assert_problem(api_client.get(path.format(pk=published.pk)), 410)
    tombstone = body["tombstone"]
    assert tombstone["id"] == published.pk
    assert tombstone["title"] == "Memorandum of Conversation with Harriman"
    assert tombstone["reason"] == "A duplicate of another record."
    assert dt.datetime.fromisoformat(tombstone["withdrawn_at"]) <= timezone.now()
    assert tombstone["citation"].startswith('"Memorandum of Conversation with Harriman,"')
    assert "Memorandum" not in str(body.get("texts", ""))


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/documents/{draft}/",
        "/api/v1/documents/{draft}/versions/",
        "/api/v1/documents/{draft}/versions/1/",
        "/api/v1/documents/{unknown}/",
        "/api/v1/documents/{published}/versions/2/",
        "/api/v1/documents/{published}/versions/x/",
        "/api/v1/documents/abc/",
        "/api/v1/documents/0/",
        "/api/v1/documents/99999999999999999999999/",
    ],
)
def test_what_was_never_published_is_a_404(api_client, translator, published, path):
    draft = DocumentFactory(created_by=translator)
    url = path.format(draft=draft.pk, unknown=draft.pk + 1000, published=published.pk)
    assert_problem(api_client.get(url), 404)
