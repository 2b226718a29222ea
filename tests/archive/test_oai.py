"""OAI-PMH at /oai/: the six verbs, both metadata formats, sets, dates, deleted records, paging.

Every response is validated against the official OAI-PMH 2.0, oai_dc and oai-identifier schemas and
the archive's own archive_record schema (tests.archive.harvest_records.assert_valid_oai).
"""

import datetime as dt
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree

from archive.models import Collection
from archive.oai.formats import RECORD_NAMESPACE
from curation import actions
from tests.archive.document_records import attach, build_record, png_bytes
from tests.archive.harvest_records import RECORD_SCHEMA, assert_no_secrets, assert_valid_oai, corpus
from tests.factories import publish

pytestmark = pytest.mark.django_db

OAI = {"oai": "http://www.openarchives.org/OAI/2.0/"}
DC = {"dc": "http://purl.org/dc/elements/1.1/", "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/"}
AR = {"ar": RECORD_NAMESPACE}


def oai(client, method: str = "get", **arguments):
    """An OAI-PMH request; the response parsed after validation against the schemas."""
    response = getattr(client, method)(reverse("archive:oai"), arguments)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return assert_valid_oai(response.content)


def identifier(document) -> str:
    return f"oai:archive.localhost:{document.pk}"


def texts(document, path: str, namespaces=None) -> list[str]:
    return [
        element.text for element in document.xpath(path, namespaces={**OAI, **DC, **AR, **(namespaces or {})})
    ]


def harvest(client, verb: str = "ListRecords", **arguments) -> tuple[list, list]:
    """Follow resumption tokens to the end: (every record or header element, every response)."""
    responses = [oai(client, verb=verb, **arguments)]
    while token := texts(responses[-1], "//oai:resumptionToken"):
        if not token[0]:
            break
        responses.append(oai(client, verb=verb, resumptionToken=token[0]))
    item = "oai:record" if verb == "ListRecords" else "oai:header"
    return [
        element
        for response in responses
        for element in response.xpath(f"//oai:{verb}/{item}", namespaces=OAI)
    ], responses


@contextmanager
def at(moment: str):
    """Everything in the block happens at this UTC moment (publication and withdrawal datestamps)."""
    with mock.patch("django.utils.timezone.now", return_value=dt.datetime.fromisoformat(moment)):
        yield


@pytest.fixture
def records(translator, editor, second_editor):
    return corpus(translator=translator, editor=editor, second_editor=second_editor)


@pytest.fixture
def dated(translator, editor, second_editor):
    """Three records published on three days, the third withdrawn on a fourth."""
    documents = [build_record(author=translator, title=f"Dated {n}") for n in range(3)]
    for document, moment in zip(
        documents,
        ("2024-01-01T10:00:00.500+00:00", "2024-01-02T12:00:00+00:00", "2024-01-03T08:30:00+00:00"),
        strict=True,
    ):
        with at(moment):
            publish(document, approver=second_editor)
    with at("2024-01-05T09:15:30+00:00"):
        actions.withdraw(documents[2], actor=editor, reason="Published in error.")
    return documents


# --- Identify, ListMetadataFormats, ListSets -------------------------------------------------------


def test_identify_describes_the_repository(client, records, settings):
    response = oai(client, verb="Identify")
    assert texts(response, "//oai:repositoryName") == [settings.OAI_REPOSITORY_NAME]
    assert texts(response, "//oai:baseURL") == [f"{settings.SITE_URL}/oai/"]
    assert texts(response, "//oai:protocolVersion") == ["2.0"]
    assert texts(response, "//oai:deletedRecord") == ["persistent"]
    assert texts(response, "//oai:granularity") == ["YYYY-MM-DDThh:mm:ssZ"]
    assert texts(response, "//oai:adminEmail") == settings.OAI_ADMIN_EMAILS
    namespace = {"id": "http://www.openarchives.org/OAI/2.0/oai-identifier"}
    assert texts(response, "//id:repositoryIdentifier", namespace) == ["archive.localhost"]
    assert texts(response, "//id:sampleIdentifier", namespace) == ["oai:archive.localhost:1"]


def test_identify_names_the_earliest_datestamp(client, dated):
    assert texts(oai(client, verb="Identify"), "//oai:earliestDatestamp") == ["2024-01-01T10:00:00Z"]


def test_the_repository_identifier_follows_the_site_or_the_setting(client, records, settings):
    settings.SITE_URL = "https://archive.example.org"
    assert texts(oai(client, verb="Identify"), "//*[local-name()='repositoryIdentifier']") == [
        "archive.example.org"
    ]
    settings.OAI_REPOSITORY_IDENTIFIER = "digital.example.net"
    response = oai(
        client,
        verb="GetRecord",
        metadataPrefix="oai_dc",
        identifier=f"oai:digital.example.net:{records.published[1].pk}",
    )
    assert texts(response, "//oai:header/oai:identifier") == [
        f"oai:digital.example.net:{records.published[1].pk}"
    ]


def test_list_metadata_formats(client, records, settings):
    response = oai(client, verb="ListMetadataFormats")
    assert texts(response, "//oai:metadataPrefix") == ["oai_dc", "archive_record"]
    assert texts(response, "//oai:metadataNamespace") == [
        "http://www.openarchives.org/OAI/2.0/oai_dc/",
        RECORD_NAMESPACE,
    ]
    assert texts(response, "//oai:schema")[1] == f"{settings.SITE_URL}/oai/archive_record.xsd"
    one = oai(client, verb="ListMetadataFormats", identifier=identifier(records.published[0]))
    assert texts(one, "//oai:metadataPrefix") == ["oai_dc", "archive_record"]


def test_the_archive_record_schema_is_served(client):
    response = client.get(reverse("archive:oai-record-schema"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert response.content == RECORD_SCHEMA.read_bytes()


def test_list_sets_are_the_collections_of_harvestable_records(client, records):
    Collection.objects.create(title="Nothing Published Here", slug="empty")
    collection = Collection.objects.get(slug="test-ban-talks")
    collection.description = "Talks on a **test ban**, 1958–1963."
    collection.save()
    response = oai(client, verb="ListSets")
    assert texts(response, "//oai:setSpec") == ["test-ban-talks", "withdrawn-things"]
    assert texts(response, "//oai:setName") == ["Test Ban Talks", "Withdrawn Things"]
    assert texts(response, "//oai:setDescription//dc:description") == ["Talks on a test ban, 1958–1963."]


# --- GetRecord -------------------------------------------------------------------------------------


def test_get_record_in_oai_dc(client, records, settings):
    document = records.published[0]
    response = oai(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier(document))
    assert texts(response, "//oai:header/oai:identifier") == [identifier(document)]
    assert texts(response, "//oai:header/oai:setSpec") == ["test-ban-talks"]
    assert texts(response, "//dc:title") == ["Published record 0, corrected"]
    assert texts(response, "//dc:creator") == ["Khrushchev, Nikita"]
    assert texts(response, "//dc:contributor") == ["Goldberg, Gary (translated)"]
    assert texts(response, "//dc:date") == ["1962-05-21"]
    assert texts(response, "//dc:language") == ["ru", "en"]
    assert texts(response, "//dc:identifier") == [f"{settings.SITE_URL}/documents/{document.pk}/"]
    assert texts(response, "//dc:source") == [
        "RGANI, F. 3, Op. 16, D. 947, Ll. 15-16. Translated by Gary Goldberg."
    ]
    assert texts(response, "//dc:subject") == ["Nuclear weapons--Testing"]
    assert texts(response, "//dc:coverage") == ["Moscow"]


@pytest.mark.parametrize(
    ("edtf", "expected"), [("1962-05", "1962-05"), ("1958?", "1958-01-01/1958-12-31"), ("", None)]
)
def test_dc_date_is_w3cdtf(client, translator, second_editor, edtf, expected):
    document = build_record(author=translator, date=edtf)
    publish(document, approver=second_editor)
    response = oai(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier(document))
    assert texts(response, "//dc:date") == ([expected] if expected else [])


def test_get_record_in_archive_record_carries_texts_footnotes_and_credits(client, records, settings):
    document = records.published[0]
    response = oai(client, verb="GetRecord", metadataPrefix="archive_record", identifier=identifier(document))
    assert texts(response, "//ar:title") == ["Published record 0, corrected"]
    version = response.xpath("//ar:version", namespaces=AR)[0]
    assert version.get("number") == "2" and version.text == "Corrected the title."
    assert version.get("url") == f"{settings.SITE_URL}/documents/{document.pk}/v/2/"
    assert [text.get("language") for text in response.xpath("//ar:text", namespaces=AR)] == ["ru", "en"]
    assert texts(response, "//ar:text[@language='en']/ar:body") == [
        "Paragraph 1 of the en-translation text.[1]"
    ]
    footnote = response.xpath("//ar:text[@language='en']/ar:footnote", namespaces=AR)[0]
    assert (footnote.get("number"), footnote.get("kind"), footnote.text) == (
        "1",
        "translator",
        "Note 1 of the en-translation text.",
    )
    credit = response.xpath("//ar:credit", namespaces=AR)[0]
    assert (credit.get("role"), credit.text, credit.get("sortName")) == (
        "translated",
        "Gary Goldberg",
        "Goldberg, Gary",
    )
    assert texts(response, "//ar:creditSentence") == ["Translated by Gary Goldberg."]
    assert texts(response, "//ar:citation")[0].endswith(f"{settings.SITE_URL}/documents/{document.pk}/")
    assert response.xpath("//ar:provenance/@kind", namespaces=AR) == ["declassified"]


def test_attachments_are_listed_with_absolute_urls(client, translator, second_editor, settings):
    document = build_record(author=translator)
    attach(
        document,
        kind="scan",
        name="page1.png",
        content=png_bytes(),
        content_type="image/png",
        caption="Page 1",
    )
    publish(document, approver=second_editor)
    response = oai(client, verb="GetRecord", metadataPrefix="archive_record", identifier=identifier(document))
    attachment = response.xpath("//ar:attachment", namespaces=AR)[0]
    assert attachment.text == "Page 1"
    assert attachment.get("url").startswith(f"{settings.SITE_URL}/media/attachments/{document.pk}/page1")
    assert attachment.get("mediaType") == "image/png"


def test_text_that_xml_cannot_carry_is_dropped_not_a_broken_response(client, translator, second_editor):
    document = build_record(author=translator, summary="A bell\x07 and a form feed\x0c in the summary.")
    publish(document, approver=second_editor)
    response = oai(client, verb="GetRecord", metadataPrefix="archive_record", identifier=identifier(document))
    assert texts(response, "//ar:summary") == ["A bell and a form feed in the summary."]


def test_a_withdrawn_record_is_a_deleted_record_dated_at_its_withdrawal(client, dated):
    response = oai(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier(dated[2]))
    header = response.xpath("//oai:header", namespaces=OAI)[0]
    assert header.get("status") == "deleted"
    assert texts(response, "//oai:header/oai:datestamp") == ["2024-01-05T09:15:30Z"]
    assert not response.xpath("//oai:metadata", namespaces=OAI)


def test_the_datestamp_is_the_current_versions_publication(client, dated):
    response = oai(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier(dated[0]))
    assert texts(response, "//oai:header/oai:datestamp") == ["2024-01-01T10:00:00Z"]


# --- ListRecords and ListIdentifiers -------------------------------------------------------------


def test_list_records_returns_every_public_record_once_and_nothing_else(client, records, settings):
    settings.OAI_PAGE_SIZE = 2
    for prefix in ("oai_dc", "archive_record"):
        items, responses = harvest(client, metadataPrefix=prefix)
        assert len(responses) == 3
        identifiers = texts_of(items, "oai:header/oai:identifier")
        assert sorted(identifiers) == sorted(
            identifier(document) for document in [*records.public, records.withdrawn]
        )
        deleted = [item for item in items if item.find("oai:header", OAI).get("status") == "deleted"]
        assert texts_of(deleted, "oai:header/oai:identifier") == [identifier(records.withdrawn)]
        assert identifier(records.draft) not in identifiers
        for response in responses:
            assert_no_secrets(etree_text(response))


def test_the_unpublished_edit_is_not_harvested_the_published_version_is(client, records):
    response = oai(
        client, verb="GetRecord", metadataPrefix="archive_record", identifier=identifier(records.edited)
    )
    assert texts(response, "//ar:title") == ["Edited after publication"]
    assert_no_secrets(etree_text(response))


def test_a_draft_is_not_a_record_of_the_repository(client, records):
    for prefix in ("oai_dc", "archive_record"):
        response = oai(client, verb="GetRecord", metadataPrefix=prefix, identifier=identifier(records.draft))
        assert response.xpath("//oai:error/@code", namespaces=OAI) == ["idDoesNotExist"]


def test_list_identifiers_pages_headers_with_resumption_tokens(client, records, settings):
    settings.OAI_PAGE_SIZE = 2
    headers, responses = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert len(headers) == 5 and len(responses) == 3
    tokens = [response.xpath("//oai:resumptionToken", namespaces=OAI)[0] for response in responses]
    assert [token.get("cursor") for token in tokens] == ["0", "2", "4"]
    assert {token.get("completeListSize") for token in tokens} == {"5"}
    assert tokens[0].get("expirationDate").endswith("Z") and tokens[0].text
    assert tokens[-1].text is None and tokens[-1].get("expirationDate") is None
    assert not responses[0].xpath("//oai:metadata", namespaces=OAI)


def test_a_single_page_has_no_resumption_token(client, records):
    response = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    assert not response.xpath("//oai:resumptionToken", namespaces=OAI)


def test_paging_is_stable_when_a_record_is_published_between_pages(
    client, records, translator, second_editor, settings
):
    settings.OAI_PAGE_SIZE = 2
    first = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    newcomer = build_record(author=translator, title="Published during the harvest")
    publish(newcomer, approver=second_editor)
    seen = texts(first, "//oai:header/oai:identifier")
    token = texts(first, "//oai:resumptionToken")[0]
    while token:
        response = oai(client, verb="ListIdentifiers", resumptionToken=token)
        seen += texts(response, "//oai:header/oai:identifier")
        token = (texts(response, "//oai:resumptionToken") or [None])[0]
    assert len(seen) == len(set(seen)) == 6
    assert seen[-1] == identifier(newcomer)


def test_the_set_argument_selects_a_collection(client, records):
    items, _ = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="withdrawn-things")
    assert texts_of(items, "oai:identifier") == [identifier(records.withdrawn)]
    response = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="no-such-collection")
    assert response.xpath("//oai:error/@code", namespaces=OAI) == ["noRecordsMatch"]


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"from": "2024-01-02"}, [1, 2]),
        ({"until": "2024-01-02"}, [0, 1]),
        ({"from": "2024-01-02", "until": "2024-01-02"}, [1]),
        # Seconds granularity: `until` takes in the whole second, so 10:00:00.5 is inside 10:00:00.
        ({"until": "2024-01-01T10:00:00Z"}, [0]),
        ({"from": "2024-01-01T10:00:01Z"}, [1, 2]),
        ({"from": "2024-01-02T12:00:00Z", "until": "2024-01-02T12:00:00Z"}, [1]),
        # The withdrawn record's datestamp is its withdrawal: 5 January, not 3 January.
        ({"from": "2024-01-04"}, [2]),
        ({"from": "2024-01-03", "until": "2024-01-04"}, []),
        ({"until": "9999-12-31"}, [0, 1, 2]),
        ({"from": "0001-01-01T00:00:00Z", "until": "9999-12-31T23:59:59Z"}, [0, 1, 2]),
    ],
)
def test_from_and_until_select_by_datestamp(client, dated, arguments, expected):
    response = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **arguments)
    if not expected:
        assert response.xpath("//oai:error/@code", namespaces=OAI) == ["noRecordsMatch"]
    assert texts(response, "//oai:header/oai:identifier") == [identifier(dated[n]) for n in expected]


def test_post_is_answered_like_get(client, records):
    arguments = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    by_get = oai(client, **arguments)
    by_post = oai(client, "post", **arguments)
    assert texts(by_post, "//oai:header/oai:identifier") == texts(by_get, "//oai:header/oai:identifier")
    assert by_post.xpath("//oai:request/@verb", namespaces=OAI) == ["ListRecords"]


def test_a_page_costs_the_same_queries_whatever_its_size(client, translator, second_editor, settings):
    def queries_per_page(count: int) -> list[int]:
        for n in range(count):
            document = build_record(author=translator, title=f"Record {count}-{n}", footnotes=3, people=3)
            publish(document, approver=second_editor)
        settings.OAI_PAGE_SIZE = count
        with CaptureQueriesContext(connection) as first:
            response = oai(client, verb="ListRecords", metadataPrefix="archive_record")
        assert len(response.xpath("//oai:record", namespaces=OAI)) == count
        return len(first)

    small = queries_per_page(2)
    large = queries_per_page(6)
    assert small == large <= 4


# --- helpers ---------------------------------------------------------------------------------------


def texts_of(elements, path: str) -> list[str]:
    return [element.xpath(path, namespaces=OAI)[0].text for element in elements]


def etree_text(document) -> str:
    return etree.tostring(document, encoding="unicode")
