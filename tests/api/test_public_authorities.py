"""The public API's authority records: collections, people, places, subjects, repositories, and their documents."""

import pytest

from archive.models import Collection, Person, Place, Repository, Subject
from tests.archive.document_records import build_record
from tests.factories import PersonFactory, PlaceFactory, publish

pytestmark = pytest.mark.django_db

# prefix -> (model, the field that names it, the name that both records of `two_published` link to)
AUTHORITIES = {
    "collections": (Collection, "title", "Test Ban Talks"),
    "people": (Person, "name", "Anastas Mikoyan"),
    "places": (Place, "name", "Moscow"),
    "subjects": (Subject, "heading", "Nuclear weapons--Testing"),
    "repositories": (Repository, "name", "Russian State Archive"),
}


@pytest.fixture
def two_published(translator, second_editor):
    """Two records that share their collection, place, subject, repository and a person mentioned."""
    mikoyan = PersonFactory(name="Anastas Mikoyan")
    records = [
        build_record(author=translator, title="First"),
        build_record(author=translator, title="Second", date="1959"),
    ]
    for record in records:
        record.people.add(mikoyan)
        publish(record, approver=second_editor)
    return records


@pytest.mark.parametrize("prefix", AUTHORITIES)
def test_the_list_has_what_published_records_link_to_with_counts(api_client, two_published, prefix):
    model, field, name = AUTHORITIES[prefix]
    unlinked = model.objects.create(**{field: "Linked to nothing"})
    response = api_client.get(f"/api/v1/{prefix}/")
    assert response.status_code == 200
    results = response.json()["results"]
    listed = {item[field]: item for item in results}
    assert "Linked to nothing" not in listed and unlinked.pk not in [item["id"] for item in results]
    item = listed[name]
    assert item["document_count"] == 2
    assert item["api_url"] == f"http://testserver/api/v1/{prefix}/{item['id']}/"
    documents = api_client.get(item["documents_url"]).json()
    assert documents["count"] == 2


@pytest.mark.parametrize("prefix", AUTHORITIES)
def test_the_detail_lists_its_documents_by_date(api_client, two_published, prefix):
    model, field, name = AUTHORITIES[prefix]
    authority = model.objects.get(**{field: name})
    response = api_client.get(f"/api/v1/{prefix}/{authority.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == authority.pk and body["document_count"] == 2
    first, second = two_published
    assert [item["id"] for item in body["documents"]] == [second.pk, first.pk]
    assert body["documents"][0]["api_url"] == f"http://testserver/api/v1/documents/{second.pk}/"


@pytest.mark.parametrize("prefix", AUTHORITIES)
def test_an_authority_nothing_published_links_to_is_a_404(api_client, published, prefix):
    model, field, _ = AUTHORITIES[prefix]
    unlinked = model.objects.create(**{field: "Linked to nothing"})
    for path in (
        f"/api/v1/{prefix}/{unlinked.pk}/",
        f"/api/v1/{prefix}/{unlinked.pk + 100}/",
        f"/api/v1/{prefix}/x/",
    ):
        response = api_client.get(path)
        assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"


def test_the_fields_of_each_kind(api_client, published):
    person = api_client.get("/api/v1/people/", {"page_size": 100}).json()["results"]
    khrushchev = next(item for item in person if item["name"] == "Nikita Khrushchev")
    assert khrushchev["sort_name"] == "Khrushchev, Nikita" and khrushchev["kind"] == "person"
    assert khrushchev["name_variants"] == [] and khrushchev["documents_url"].endswith(
        f"?person={khrushchev['id']}"
    )
    [subject] = api_client.get("/api/v1/subjects/").json()["results"]
    assert subject["subdivisions"] == ["Nuclear weapons", "Testing"]
    [repository] = api_client.get("/api/v1/repositories/").json()["results"]
    assert repository["citation_name"] == "RGANI"


def test_a_place_has_its_broader_place_and_coordinates(api_client, published_record, editor, second_editor):
    record = published_record()
    soviet_union = PlaceFactory(name="Soviet Union", kind="country")
    kremlin = PlaceFactory(name="Kremlin", parent=soviet_union, latitude="55.751667", longitude="37.617778")
    record.places.add(kremlin)
    publish(record, approver=second_editor, author=editor, note="Added the Kremlin.")
    body = api_client.get(f"/api/v1/places/{kremlin.pk}/").json()
    assert body["full_name"] == "Kremlin, Soviet Union"
    assert body["latitude"] == pytest.approx(55.751667) and body["longitude"] == pytest.approx(37.617778)
    # The broader place is named, but no published record links to it: it is not an authority of its own here.
    assert api_client.get(f"/api/v1/places/{soviet_union.pk}/").status_code == 404


def test_the_people_list_pages_by_cursor_in_filing_order(api_client, published_record):
    for _ in range(3):
        published_record()
    expected = list(
        Person.objects.filter(published_versions__is_current=True).distinct().values_list("pk", flat=True)
    )
    seen, url = [], "/api/v1/people/?page_size=2"
    while url:
        body = api_client.get(url).json()
        assert body["count"] == len(expected)
        seen += [item["id"] for item in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(expected) and len(seen) == len(set(seen))
    names = [Person.objects.get(pk=pk).sort_name for pk in seen]
    assert names == sorted(names)


@pytest.mark.parametrize(
    ("query", "field"), [({"page_size": "many"}, "page_size"), ({"cursor": "%%%"}, "cursor")]
)
def test_a_bad_page_parameter_is_a_400(api_client, published, query, field):
    response = api_client.get("/api/v1/subjects/", query)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
