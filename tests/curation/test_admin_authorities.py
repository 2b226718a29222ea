"""The authority files in the admin: searchable for autocomplete, versioned, editable by editors."""

import pytest
from django.urls import reverse
from reversion.models import Version

from archive.models import Person
from tests.factories import PersonFactory, PlaceFactory, RepositoryFactory

pytestmark = pytest.mark.django_db

AUTOCOMPLETE_FIELDS = [
    ("document", "creators"),
    ("document", "people"),
    ("document", "places"),
    ("document", "subjects"),
    ("document", "collections"),
    ("document", "donors"),
    ("document", "related_documents"),
    ("document", "repository"),
    ("contribution", "person"),
    ("provenanceevent", "place"),
]


@pytest.mark.parametrize(("model_name", "field_name"), AUTOCOMPLETE_FIELDS)
def test_every_authority_field_autocompletes_for_a_translator(client, translator, model_name, field_name):
    client.force_login(translator)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "archive", "model_name": model_name, "field_name": field_name, "term": "a"},
    )
    assert response.status_code == 200
    assert "results" in response.json()


def test_people_are_found_by_variant_spelling(client, translator):
    PersonFactory(name="Nikita Khrushchev", name_variants="Хрущёв\nChruschtschow")
    client.force_login(translator)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "archive", "model_name": "contribution", "field_name": "person", "term": "Хрущёв"},
    )
    assert [result["text"] for result in response.json()["results"]] == ["Nikita Khrushchev"]


def test_the_record_form_uses_autocomplete_widgets(client, translator):
    client.force_login(translator)
    html = client.get(reverse("admin:archive_document_add")).content.decode()
    for name in (
        "creators",
        "people",
        "places",
        "subjects",
        "collections",
        "donors",
        "related_documents",
        "repository",
    ):
        assert f'name="{name}"' in html
    assert html.count("admin-autocomplete") >= 10


def test_a_translator_adds_a_person_in_one_revision(client, translator):
    client.force_login(translator)
    response = client.post(reverse("admin:archive_person_add"), {"name": "Gary Goldberg", "kind": "person"})
    assert response.status_code == 302
    person = Person.objects.get()
    assert person.sort_name == "Goldberg, Gary"
    [version] = Version.objects.get_for_object(person)
    assert version.revision.user == translator


def test_a_translator_cannot_change_a_repository_but_an_editor_can(client, translator, editor):
    repository = RepositoryFactory(name="Bundesarchiv", abbreviation="BArch")
    url = reverse("admin:archive_repository_change", args=[repository.pk])
    client.force_login(translator)
    assert client.post(url, {"name": "Renamed"}).status_code == 403
    client.force_login(editor)
    assert client.post(url, {"name": "Bundesarchiv", "abbreviation": "BA"}).status_code == 302


@pytest.mark.parametrize("model", ["person", "place", "subject", "collection", "repository", "donor"])
def test_authority_lists_open_for_editors(client, editor, model):
    PersonFactory()
    PlaceFactory()
    client.force_login(editor)
    assert client.get(reverse(f"admin:archive_{model}_changelist"), {"q": "a"}).status_code == 200
