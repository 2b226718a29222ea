"""schema.org JSON-LD and Open Graph on the document page: what search engines and link previews read."""

import json
import re

import pytest

from archive.views.linked_data import iso_date, json_ld_script
from tests.archive.document_records import build_record
from tests.factories import DonorFactory, publish, record_revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(translator, second_editor):
    record = build_record(author=translator, title="Letter from Mao Zedong to Khrushchev")
    record.donors.set([DonorFactory(name="Carnegie")])
    publish(record, approver=second_editor)
    return record


def graph(client, path: str) -> list[dict]:
    html = client.get(path).content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["@context"] == "https://schema.org"
    return data["@graph"]


def test_the_record_is_an_archive_component(client, record, settings):
    node = graph(client, f"/documents/{record.pk}/")[0]
    url = f"{settings.SITE_URL}/documents/{record.pk}/"
    assert node["@type"] == "ArchiveComponent"
    assert node["url"] == url
    assert node["name"] == "Letter from Mao Zedong to Khrushchev"
    assert node["description"] == "A conversation about the test ban."
    assert node["dateCreated"] == "1962-05-21"
    assert node["inLanguage"] == "ru"
    assert node["version"] == "1"
    assert node["holdingArchive"] == {
        "@type": "ArchiveOrganization",
        "name": "Russian State Archive",
        "alternateName": "RGANI",
    }
    assert node["identifier"] == "F. 3, Op. 16, D. 947, Ll. 15-16"
    assert [person["name"] for person in node["creator"]] == ["Nikita Khrushchev"]
    assert [person["name"] for person in node["translator"]] == ["Gary Goldberg"]
    assert node["funder"] == [{"@type": "Organization", "name": "Carnegie"}]
    assert {"@type": "Place", "name": "Moscow"} in node["spatialCoverage"]


def test_each_translation_is_a_creative_work_based_on_the_record(client, record, settings):
    record_node, translation = graph(client, f"/documents/{record.pk}/")
    assert translation["@type"] == "CreativeWork"
    assert translation["inLanguage"] == "en"
    assert translation["isBasedOn"] == {"@id": record_node["@id"]}
    assert translation["translationOfWork"] == {"@id": record_node["@id"]}
    assert [person["name"] for person in translation["translator"]] == ["Gary Goldberg"]
    assert record_node["workTranslation"] == [{"@id": translation["@id"]}]


def test_a_version_page_names_its_version(client, record, editor, second_editor, settings):
    record.title = "Letter from Mao Zedong to N. S. Khrushchev"
    publish(record, author=editor, approver=second_editor, note="Initials added.")
    node = graph(client, f"/documents/{record.pk}/v/1/")[0]
    assert node["version"] == "1"
    assert node["url"] == f"{settings.SITE_URL}/documents/{record.pk}/v/1/"
    assert node["name"] == "Letter from Mao Zedong to Khrushchev"
    assert graph(client, f"/documents/{record.pk}/")[0]["version"] == "2"


def test_strings_cannot_close_the_script_element():
    script = json_ld_script({"name": "</script><script>alert(1)</script> & more"})
    assert script.count("</script>") == 1
    assert "\\u003C/script\\u003E" in script
    body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(body) == {"name": "</script><script>alert(1)</script> & more"}


def test_a_title_with_markup_stays_data(client, translator, second_editor):
    record = build_record(author=translator, title="On </script><script>alert(1)</script> tags")
    publish(record, approver=second_editor)
    assert (
        graph(client, f"/documents/{record.pk}/")[0]["name"] == "On </script><script>alert(1)</script> tags"
    )


def test_unpublished_edits_never_reach_the_json_ld(client, record, editor):
    record.title = "An unapproved title"
    record.summary = "An unapproved summary."
    record_revision(record, user=editor)
    node = graph(client, f"/documents/{record.pk}/")[0]
    assert node["name"] == "Letter from Mao Zedong to Khrushchev"
    assert "unapproved" not in json.dumps(node)


@pytest.mark.parametrize(
    ("earliest", "latest", "expected"),
    [
        ("1962-05-21", "1962-05-21", "1962-05-21"),
        ("1967-11-01", "1967-11-30", "1967-11"),
        ("1960-02-01", "1960-02-29", "1960-02"),
        ("1958-01-01", "1958-12-31", "1958"),
        ("1961-04-01", "1961-06-30", "1961-04-01/1961-06-30"),
        ("1960-01-01", "1969-12-31", "1960-01-01/1969-12-31"),
        (None, None, None),
    ],
)
def test_dates_are_iso_8601(earliest, latest, expected):
    assert iso_date({"date_earliest": earliest, "date_latest": latest}) == expected


def test_open_graph_and_canonical(client, record, settings):
    html = client.get(f"/documents/{record.pk}/").content.decode()
    url = f"{settings.SITE_URL}/documents/{record.pk}/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:title" content="Letter from Mao Zedong to Khrushchev">' in html
    assert '<meta property="og:description" content="A conversation about the test ban.">' in html
    assert '<meta property="og:type" content="article">' in html
