"""Records in every public state for the harvesting tests (OAI-PMH, bulk data, IIIF), and the offline
schemas those tests validate against.

`corpus()` publishes records through the workflow actions (tests.factories.publish: a translator
submits, another person approves), and leaves beside them a draft, a withdrawn record and a published
record with an unpublished edit, each carrying a marker word that must never reach the public.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

from archive.models import Collection, Document, PublishedVersion, Text
from curation import actions
from tests.archive.document_records import build_record
from tests.conftest import STANDARDS_DIR
from tests.factories import publish, record_revision

STANDARDS_COPY = Path(__file__).resolve().parent.parent / "standards"
RECORD_SCHEMA = settings.BASE_DIR / "templates" / "archive" / "oai" / "archive_record.xsd"
# Words that only unpublished or withdrawn content holds: no public output may contain them.
SECRETS = ("DRAFTONLY", "UNPUBLISHEDEDIT", "WITHDRAWNTEXT")


@dataclass
class Corpus:
    published: list[Document]  # current versions live; the first has two versions
    draft: Document
    edited: Document  # published, then edited: version 1 live, the working copy a draft
    withdrawn: Document

    @property
    def public(self) -> list[Document]:
        return [*self.published, self.edited]


def corpus(*, translator, editor, second_editor, published: int = 3) -> Corpus:
    documents = [
        build_record(author=translator, title=f"Published record {n}", summary=f"Summary {n}.")
        for n in range(published)
    ]
    for document in documents:
        publish(document, approver=second_editor)
    first = documents[0]
    first.title = "Published record 0, corrected"
    publish(first, approver=second_editor, author=editor, note="Corrected the title.")

    draft = build_record(author=translator, title="A draft DRAFTONLY")
    record_revision(draft, user=translator)

    edited = build_record(author=translator, title="Edited after publication")
    publish(edited, approver=second_editor)
    text = Text.objects.filter(document=edited).first()
    text.body = text.body + " UNPUBLISHEDEDIT"
    text.save()
    edited.title = "Edited after publication UNPUBLISHEDEDIT"
    record_revision(edited, user=translator)

    withdrawn = build_record(author=translator, title="Withdrawn record WITHDRAWNTEXT")
    Collection.objects.get_or_create(title="Withdrawn Things")[0].documents.add(withdrawn)
    publish(withdrawn, approver=second_editor)
    actions.withdraw(withdrawn, actor=editor, reason="A duplicate of another record.")
    for document in (*documents, draft, edited, withdrawn):
        document.refresh_from_db()
    return Corpus(published=documents, draft=draft, edited=edited, withdrawn=withdrawn)


def current_versions() -> dict[int, PublishedVersion]:
    return {version.document_id: version for version in PublishedVersion.objects.current()}


def assert_no_secrets(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text


# --- Schemas --------------------------------------------------------------------------------------


class _NoNetwork(etree.Resolver):
    def resolve(self, url, pubid, context):
        if "://" in url and not url.startswith("file:"):
            raise RuntimeError(f"a schema tried to load {url} from the network")
        return None


def _parser() -> etree.XMLParser:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_NoNetwork())
    return parser


def standards_dir() -> Path:
    """The committed copy (tests/standards), else ../shared/standards; skip if neither is here."""
    for folder in (STANDARDS_COPY, STANDARDS_DIR):
        if (folder / "OAI-PMH.xsd").is_file():
            return folder
    pytest.skip(f"the OAI-PMH schemas are in neither {STANDARDS_COPY} nor {STANDARDS_DIR}")


@cache
def _oai_schema(folder: Path) -> etree.XMLSchema:
    """The envelope with every payload schema: OAI-PMH.xsd checks <metadata> strictly (processContents)."""
    driver = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:import namespace="http://www.openarchives.org/OAI/2.0/" schemaLocation="OAI-PMH.xsd"/>
      <xs:import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/" schemaLocation="oai_dc.xsd"/>
      <xs:import namespace="http://www.openarchives.org/OAI/2.0/oai-identifier"
                 schemaLocation="oai-identifier.xsd"/>
      <xs:import namespace="urn:archive-platform:oai:record:1" schemaLocation="{RECORD_SCHEMA.as_uri()}"/>
    </xs:schema>""".encode()
    document = etree.fromstring(driver, _parser(), base_url=(folder / "driver.xsd").as_uri())
    return etree.XMLSchema(document)


def assert_valid_oai(content: bytes) -> etree._Element:
    """Parse a response and validate it against the OAI-PMH, oai_dc and archive_record schemas."""
    schema = _oai_schema(standards_dir())
    document = etree.fromstring(content, _parser())
    assert schema.validate(document), "\n".join(str(error) for error in schema.error_log)
    return document


def iiif_schema() -> dict:
    import json

    for folder in (STANDARDS_COPY, STANDARDS_DIR):
        path = folder / "iiif_3_0.json"
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    pytest.skip(f"the IIIF Presentation 3 JSON Schema is not at {STANDARDS_DIR / 'iiif_3_0.json'}")
