"""OAI-PMH errors (§3.6): every code where it applies, each in a schema-valid response with HTTP 200."""

import time
from unittest import mock

import pytest
from django.core import signing
from django.urls import reverse

from archive.oai import tokens
from curation import actions
from tests.archive.document_records import build_record
from tests.archive.harvest_records import assert_valid_oai
from tests.factories import publish

pytestmark = pytest.mark.django_db

OAI = {"oai": "http://www.openarchives.org/OAI/2.0/"}


def errors(client, query: str = "", method: str = "get", **arguments) -> tuple[list[str], dict]:
    """The error codes of a response, and the attributes its <request> element repeats."""
    url = reverse("archive:oai") + (f"?{query}" if query else "")
    response = getattr(client, method)(url, arguments or None)
    assert response.status_code == 200
    document = assert_valid_oai(response.content)
    request = document.find("oai:request", OAI)
    return document.xpath("//oai:error/@code", namespaces=OAI), dict(request.attrib)


@pytest.fixture
def published(translator, second_editor):
    document = build_record(author=translator)
    publish(document, approver=second_editor)
    return document


@pytest.fixture
def token(client, translator, second_editor, settings):
    """A real resumption token of a ListRecords harvest (page size 1, two records)."""
    settings.OAI_PAGE_SIZE = 1
    for n in range(2):
        publish(build_record(author=translator, title=f"Record {n}"), approver=second_editor)
    response = client.get(reverse("archive:oai"), {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    return assert_valid_oai(response.content).xpath("//oai:resumptionToken", namespaces=OAI)[0].text


# --- badVerb and badArgument: the request element repeats nothing -----------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "",
        "verb=",
        "verb=ListEverything",
        "verb=identify",
        "verb=Identify&verb=Identify",
        "metadataPrefix=oai_dc",
    ],
)
def test_bad_verb(client, query):
    assert errors(client, query) == (["badVerb"], {})


@pytest.mark.parametrize(
    "query",
    [
        "verb=Identify&set=x",  # an argument the verb does not take
        "verb=ListRecords",  # metadataPrefix missing
        "verb=GetRecord&metadataPrefix=oai_dc",  # identifier missing
        "verb=GetRecord&identifier=oai:archive.localhost:1",  # metadataPrefix missing
        "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=archive_record",  # repeated
        "verb=ListIdentifiers&metadataPrefix=oai_dc&resumptionToken=abc",  # the token is exclusive
        "verb=ListRecords&metadataPrefix=oai_dc&from=2024-13-01",
        "verb=ListRecords&metadataPrefix=oai_dc&from=yesterday",
        "verb=ListRecords&metadataPrefix=oai_dc&until=2024-01-01T10:00:00",  # no Z
        "verb=ListRecords&metadataPrefix=oai_dc&until=2024-01-01T10:00:00.5Z",  # finer than seconds
        "verb=ListRecords&metadataPrefix=oai_dc&until=2024-01-01T10:00Z",
        "verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01&until=2024-01-02T00:00:00Z",  # mixed
        "verb=ListRecords&metadataPrefix=oai_dc&from=2024-02-01&until=2024-01-01",  # from > until
        "verb=ListRecords&metadataPrefix=oai%20dc",  # not a legal prefix
        "verb=ListRecords&metadataPrefix=oai_dc&set=two%20words",  # not a legal setSpec
        "verb=ListMetadataFormats&metadataPrefix=oai_dc",
    ],
)
def test_bad_argument(client, query):
    assert errors(client, query) == (["badArgument"], {})


def test_bad_argument_by_post(client):
    assert errors(client, method="post", verb="ListRecords") == (["badArgument"], {})


# --- The other codes: the request element repeats the arguments -------------------------------------


def test_cannot_disseminate_format(client, published):
    identifier = f"oai:archive.localhost:{published.pk}"
    codes, request = errors(client, verb="GetRecord", metadataPrefix="marc21", identifier=identifier)
    assert codes == ["cannotDisseminateFormat"]
    assert request == {"verb": "GetRecord", "metadataPrefix": "marc21", "identifier": identifier}
    assert errors(client, verb="ListRecords", metadataPrefix="mods")[0] == ["cannotDisseminateFormat"]
    assert errors(client, verb="ListIdentifiers", metadataPrefix="mods")[0] == ["cannotDisseminateFormat"]


@pytest.mark.parametrize(
    "identifier",
    [
        "oai:archive.localhost:999999",
        "oai:other.example.org:1",
        "oai:archive.localhost:abc",
        "1",
        "oai:archive.localhost:",
    ],
)
def test_id_does_not_exist(client, published, identifier):
    assert errors(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier)[0] == [
        "idDoesNotExist"
    ]
    assert errors(client, verb="ListMetadataFormats", identifier=identifier)[0] == ["idDoesNotExist"]


def test_no_metadata_formats_for_a_withdrawn_record(client, published, editor):
    actions.withdraw(published, actor=editor, reason="Published in error.")
    codes, _ = errors(client, verb="ListMetadataFormats", identifier=f"oai:archive.localhost:{published.pk}")
    assert codes == ["noMetadataFormats"]


def test_no_records_match(client, published):
    assert errors(client, verb="ListRecords", metadataPrefix="oai_dc", **{"from": "2999-01-01"})[0] == [
        "noRecordsMatch"
    ]
    assert errors(client, verb="ListIdentifiers", metadataPrefix="oai_dc", until="1999-01-01")[0] == [
        "noRecordsMatch"
    ]


def test_an_empty_repository_matches_no_records(client, db):
    assert errors(client, verb="ListRecords", metadataPrefix="oai_dc")[0] == ["noRecordsMatch"]


def test_no_set_hierarchy_while_no_collection_holds_a_record(client, translator, second_editor):
    document = build_record(author=translator)
    document.collections.clear()
    publish(document, approver=second_editor)
    assert errors(client, verb="ListSets")[0] == ["noSetHierarchy"]
    assert errors(client, verb="ListRecords", metadataPrefix="oai_dc", set="anything")[0] == [
        "noSetHierarchy"
    ]


# --- badResumptionToken ----------------------------------------------------------------------------


def test_a_resumption_token_continues_the_list(client, token):
    codes, request = errors(client, verb="ListRecords", resumptionToken=token)
    assert codes == []
    assert request == {"verb": "ListRecords", "resumptionToken": token}


def test_a_tampered_token_is_refused(client, token):
    value, _, signature = token.rpartition(":")
    tampered = f"{value[:-2]}xy:{signature}"
    assert errors(client, verb="ListRecords", resumptionToken=tampered)[0] == ["badResumptionToken"]


def test_a_forged_token_is_refused(client, token):
    state = tokens.ListState("ListRecords", "oai_dc", None, None, None, cursor=0)
    forged = signing.dumps(state.__dict__, key="not the secret key", salt=tokens.SALT)
    assert errors(client, verb="ListRecords", resumptionToken=forged)[0] == ["badResumptionToken"]
    assert errors(client, verb="ListRecords", resumptionToken="garbage")[0] == ["badResumptionToken"]


def test_an_expired_token_is_refused(client, token, settings):
    later = time.time() + settings.OAI_RESUMPTION_TOKEN_TTL + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        assert errors(client, verb="ListRecords", resumptionToken=token)[0] == ["badResumptionToken"]


def test_a_token_of_another_verb_is_refused(client, token):
    assert errors(client, verb="ListIdentifiers", resumptionToken=token)[0] == ["badResumptionToken"]


def test_list_sets_issues_no_tokens(client, published):
    assert errors(client, verb="ListSets", resumptionToken="anything")[0] == ["badResumptionToken"]


def test_other_http_methods_are_not_allowed(client):
    assert client.put(reverse("archive:oai")).status_code == 405
