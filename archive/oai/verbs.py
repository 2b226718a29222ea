"""The six verbs (§4). Each takes a checked OAIRequest and returns the element the envelope carries,
or raises OAIError with the code that applies."""

from dataclasses import replace

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from lxml import etree

from archive.models import PublishedVersion
from archive.oai import records, tokens
from archive.oai.formats import DC_NAMESPACE, FORMATS, OAI_DC_NAMESPACE, MetadataFormat
from archive.oai.protocol import (
    GRANULARITY,
    OAI_NAMESPACE,
    XSI_NAMESPACE,
    OAIError,
    OAIRequest,
    date_range,
    document_id_from,
    format_datestamp,
    oai_identifier,
    repository_identifier,
    xml_text,
)
from archive.rendering import render_markdown

OAI_IDENTIFIER_NAMESPACE = "http://www.openarchives.org/OAI/2.0/oai-identifier"


def _oai(parent: etree._Element | None, name: str, text: object = None, **attributes: str) -> etree._Element:
    tag = f"{{{OAI_NAMESPACE}}}{name}"
    element = etree.Element(tag, attributes) if parent is None else etree.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = xml_text(text)
    return element


def base_url() -> str:
    """The endpoint's canonical address: SITE_URL, whatever host the request came to."""
    return settings.SITE_URL + reverse("archive:oai")


# --- Identify, ListMetadataFormats, ListSets -------------------------------------------------------


def identify(request: OAIRequest) -> etree._Element:
    element = _oai(None, "Identify")
    _oai(element, "repositoryName", settings.OAI_REPOSITORY_NAME)
    _oai(element, "baseURL", base_url())
    _oai(element, "protocolVersion", "2.0")
    for email in settings.OAI_ADMIN_EMAILS:
        _oai(element, "adminEmail", email)
    _oai(element, "earliestDatestamp", format_datestamp(records.earliest_datestamp() or timezone.now()))
    _oai(element, "deletedRecord", "persistent")
    _oai(element, "granularity", GRANULARITY)
    description = _oai(element, "description")
    ns = f"{{{OAI_IDENTIFIER_NAMESPACE}}}"
    identifier = etree.SubElement(
        description,
        f"{ns}oai-identifier",
        {
            f"{{{XSI_NAMESPACE}}}schemaLocation": f"{OAI_IDENTIFIER_NAMESPACE} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"
        },
        nsmap={None: OAI_IDENTIFIER_NAMESPACE},
    )
    for name, value in (
        ("scheme", "oai"),
        ("repositoryIdentifier", repository_identifier()),
        ("delimiter", ":"),
        ("sampleIdentifier", oai_identifier(1)),
    ):
        etree.SubElement(identifier, f"{ns}{name}").text = value
    return element


def list_metadata_formats(request: OAIRequest) -> etree._Element:
    """Every format; for one identifier, noMetadataFormats once the record is withdrawn (deleted)."""
    identifier = request.get("identifier")
    if identifier is not None and records.is_deleted(_find(identifier)):
        raise OAIError(
            "noMetadataFormats", f"{identifier} was withdrawn; no metadata is disseminated for it."
        )
    element = _oai(None, "ListMetadataFormats")
    for metadata_format in FORMATS.values():
        entry = _oai(element, "metadataFormat")
        _oai(entry, "metadataPrefix", metadata_format.prefix)
        _oai(entry, "schema", metadata_format.schema)
        _oai(entry, "metadataNamespace", metadata_format.namespace)
    return element


def list_sets(request: OAIRequest) -> etree._Element:
    """The collections, all in one response (there are few; this verb never issues a token)."""
    if request.get("resumptionToken") is not None:
        raise OAIError("badResumptionToken", "ListSets answers in one response; there is nothing to resume.")
    collections = list(records.sets())
    if not collections:
        raise OAIError(
            "noSetHierarchy", "This repository has no sets yet: no collection holds a published record."
        )
    element = _oai(None, "ListSets")
    for collection in collections:
        entry = _oai(element, "set")
        _oai(entry, "setSpec", collection.slug)
        _oai(entry, "setName", collection.title)
        if collection.description:
            _set_description(_oai(entry, "setDescription"), collection.description)
    return element


def _set_description(parent: etree._Element, markdown: str) -> None:
    dc = etree.SubElement(
        parent,
        f"{{{OAI_DC_NAMESPACE}}}dc",
        {
            f"{{{XSI_NAMESPACE}}}schemaLocation": f"{OAI_DC_NAMESPACE} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
        },
        nsmap={"oai_dc": OAI_DC_NAMESPACE, "dc": DC_NAMESPACE},
    )
    text = " ".join(strip_tags(str(render_markdown(markdown))).split())
    etree.SubElement(dc, f"{{{DC_NAMESPACE}}}description").text = xml_text(text)


# --- GetRecord, ListIdentifiers, ListRecords -------------------------------------------------------


def get_record(request: OAIRequest) -> etree._Element:
    metadata_format = _format(request.get("metadataPrefix"))
    version = _find(request.get("identifier"))
    element = _oai(None, "GetRecord")
    element.append(_record(version, metadata_format))
    return element


def list_identifiers(request: OAIRequest) -> etree._Element:
    return _list(request, metadata=False)


def list_records(request: OAIRequest) -> etree._Element:
    return _list(request, metadata=True)


def _list(request: OAIRequest, *, metadata: bool) -> etree._Element:
    """One page of the list, and a resumption token if more follow (an empty one after the last page)."""
    state = _list_state(request)
    metadata_format = _format(state.metadata_prefix)
    if state.set_spec is not None and not records.sets().exists():
        raise OAIError(
            "noSetHierarchy", "This repository has no sets yet: no collection holds a published record."
        )
    selection = records.selected(set_spec=state.set_spec, dates=date_range(state.start, state.until))
    if not state.complete_list_size:
        state = replace(state, complete_list_size=selection.count())
    size = settings.OAI_PAGE_SIZE
    versions = selection.page(after=state.after, size=size + 1, metadata=metadata)
    if not versions:
        raise OAIError("noRecordsMatch", "No record matches these arguments.")
    shown = versions[:size]
    element = _oai(None, request.verb)
    for version in shown:
        element.append(_record(version, metadata_format) if metadata else _header(version))
    if len(versions) > size:
        _resumption_token(element, state, shown[-1], delivered=len(shown))
    elif request.get("resumptionToken") is not None:
        _oai(
            element,
            "resumptionToken",
            "",
            completeListSize=str(state.complete_list_size),
            cursor=str(state.cursor),
        )
    return element


def _list_state(request: OAIRequest) -> tokens.ListState:
    token = request.get("resumptionToken")
    if token is not None:
        return tokens.read(token, verb=request.verb)
    return tokens.ListState(
        verb=request.verb,
        metadata_prefix=request.get("metadataPrefix"),
        set_spec=request.get("set"),
        start=request.get("from"),
        until=request.get("until"),
    )


def _resumption_token(
    element: etree._Element, state: tokens.ListState, last: PublishedVersion, *, delivered: int
) -> None:
    following = replace(
        state,
        after_datestamp=last.datestamp.isoformat(),
        after_id=last.document_id,
        cursor=state.cursor + delivered,
    )
    token, expires = tokens.issue(following)
    _oai(
        element,
        "resumptionToken",
        token,
        expirationDate=format_datestamp(expires),
        completeListSize=str(max(state.complete_list_size, following.cursor + 1)),
        cursor=str(state.cursor),
    )


def _format(prefix: str) -> MetadataFormat:
    if prefix not in FORMATS:
        raise OAIError(
            "cannotDisseminateFormat", f'"{prefix}" is not a format of this repository: {", ".join(FORMATS)}.'
        )
    return FORMATS[prefix]


def _find(identifier: str) -> PublishedVersion:
    document_id = document_id_from(identifier)
    version = records.record(document_id) if document_id is not None else None
    if version is None:
        raise OAIError(
            "idDoesNotExist", f'"{identifier}" is not the identifier of a record in this repository.'
        )
    return version


def _header(version: PublishedVersion) -> etree._Element:
    attributes = {"status": "deleted"} if records.is_deleted(version) else {}
    header = _oai(None, "header", **attributes)
    _oai(header, "identifier", oai_identifier(version.document_id))
    _oai(header, "datestamp", format_datestamp(version.datestamp))
    for collection in version.collections.all():
        _oai(header, "setSpec", collection.slug)
    return header


def _record(version: PublishedVersion, metadata_format: MetadataFormat) -> etree._Element:
    """A record: its header, and its metadata unless it was withdrawn (§2.5.1: deleted records have none)."""
    record = _oai(None, "record")
    record.append(_header(version))
    if not records.is_deleted(version):
        _oai(record, "metadata").append(metadata_format.build(version))
    return record
