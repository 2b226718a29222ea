"""A real OAI-PMH client (oaipmh-scythe) harvests the running server, page after page, as a library
catalogue would: every published record arrives exactly once, withdrawn records as deleted, no draft."""

import pytest
from django.test.utils import override_settings
from oaipmh_scythe import Scythe
from oaipmh_scythe.iterator import OAIResponseIterator

from tests.archive.harvest_records import SECRETS, corpus

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def plain_http(_static_root):
    """The live server speaks plain HTTP: its middleware reads these settings once, when it starts."""
    with override_settings(SECURE_SSL_REDIRECT=False, STATIC_ROOT=_static_root):
        yield


@pytest.fixture(scope="session")
def live_server(plain_http, live_server):
    return live_server


@pytest.fixture
def records(translator, editor, second_editor, settings):
    settings.OAI_PAGE_SIZE = 2  # seven records: four pages
    return corpus(translator=translator, editor=editor, second_editor=second_editor, published=5)


def identifier(document) -> str:
    return f"oai:archive.localhost:{document.pk}"


def test_a_full_harvest_returns_every_published_record_once(live_server, records):
    with Scythe(f"{live_server.url}/oai/") as scythe:
        harvested = list(scythe.list_records(metadata_prefix="oai_dc"))
    identifiers = [record.header.identifier for record in harvested]
    assert len(identifiers) == len(set(identifiers)) == 7
    live = {record.header.identifier: record for record in harvested if not record.deleted}
    assert set(live) == {identifier(document) for document in records.public}
    assert [record.header.identifier for record in harvested if record.deleted] == [
        identifier(records.withdrawn)
    ]
    assert identifier(records.draft) not in identifiers
    assert live[identifier(records.published[0])].metadata["title"] == ["Published record 0, corrected"]
    assert live[identifier(records.edited)].metadata["title"] == ["Edited after publication"]
    for record in harvested:
        for secret in SECRETS:
            assert secret not in record.raw


def test_the_harvest_follows_resumption_tokens(live_server, records):
    with Scythe(f"{live_server.url}/oai/") as scythe:
        live = list(scythe.list_identifiers(metadata_prefix="archive_record", ignore_deleted=True))
    with Scythe(f"{live_server.url}/oai/", iterator=OAIResponseIterator) as scythe:
        pages = list(scythe.list_identifiers(metadata_prefix="archive_record"))
    assert len(live) == 6
    tokens = [page.xml.find(".//{http://www.openarchives.org/OAI/2.0/}resumptionToken") for page in pages]
    assert [token.get("cursor") for token in tokens] == ["0", "2", "4", "6"]
    assert [bool(token.text) for token in tokens] == [True, True, True, False]


def test_identify_sets_and_formats_through_the_client(live_server, records):
    with Scythe(f"{live_server.url}/oai/") as scythe:
        identify = scythe.identify()
        sets = [item.setSpec for item in scythe.list_sets()]
        formats = [item.metadataPrefix for item in scythe.list_metadata_formats()]
        record = scythe.get_record(
            identifier=identifier(records.published[1]), metadata_prefix="archive_record"
        )
    assert identify.protocolVersion == "2.0"
    assert identify.deletedRecord == "persistent"
    assert sets == ["test-ban-talks", "withdrawn-things"]
    assert formats == ["oai_dc", "archive_record"]
    assert "Paragraph 1 of the en-translation text.[1]" in record.raw
