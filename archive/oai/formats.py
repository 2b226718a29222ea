"""The metadata formats a record is disseminated in: oai_dc, and the archive's own archive_record.

oai_dc is what every harvester reads: unqualified Dublin Core, necessarily lossy. archive_record
(templates/archive/oai/archive_record.xsd, served at /oai/archive_record.xsd) carries the whole
published version: every text with its footnotes, the credits, provenance and linked records, so
that another archive can mirror a record without scraping its page.

Both are built from the version's payload alone, like the page, the API and the citations.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags
from lxml import etree

from archive.citations import canonical_url, house_style
from archive.models import PublishedVersion
from archive.oai.protocol import XSI_NAMESPACE, format_datestamp, oai_identifier, xml_text

OAI_DC_NAMESPACE = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
RECORD_NAMESPACE = "urn:archive-platform:oai:record:1"
MARKDOWN = "text/markdown"
# An EDTF date that is also plain ISO 8601 (a day, a month, a year), as dc:date wants it (W3CDTF).
_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True)
class MetadataFormat:
    prefix: str
    namespace: str
    build: Callable[[PublishedVersion], etree._Element]

    @property
    def schema(self) -> str:
        if self.prefix == "oai_dc":
            return "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
        return settings.SITE_URL + reverse("archive:oai-record-schema")


def _element(parent: etree._Element, tag: str, text: object = "", **attributes: object) -> etree._Element:
    """A child element; attributes that are empty or None are left out, text is made XML-safe."""
    child = etree.SubElement(
        parent, tag, {key: xml_text(value) for key, value in attributes.items() if value not in (None, "")}
    )
    if text not in (None, ""):
        child.text = xml_text(text)
    return child


# --- oai_dc ---------------------------------------------------------------------------------------


def oai_dc(version: PublishedVersion) -> etree._Element:
    """Unqualified Dublin Core: the fifteen elements, each as many times as the record needs."""
    payload = version.payload
    root = etree.Element(
        f"{{{OAI_DC_NAMESPACE}}}dc",
        {
            f"{{{XSI_NAMESPACE}}}schemaLocation": f"{OAI_DC_NAMESPACE} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
        },
        nsmap={"oai_dc": OAI_DC_NAMESPACE, "dc": DC_NAMESPACE},
    )
    for name, value, language in _dublin_core(version, payload):
        element = _element(root, f"{{{DC_NAMESPACE}}}{name}", value)
        if language:
            element.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    return root


def _dublin_core(version: PublishedVersion, payload: dict) -> list[tuple[str, str, str]]:
    """(element, value, xml:lang) triples, empty values left out."""
    texts = payload["texts"]
    elements = [("title", payload["title"], "")]
    elements += [("title", text["title"], text["language"]) for text in texts if text["title"]]
    elements += [("creator", person["sort_name"] or person["name"], "") for person in payload["creators"]]
    elements += [("subject", subject["heading"], "") for subject in payload["subjects"]]
    elements += [("description", " ".join(strip_tags(payload["summary_html"]).split()), "")]
    elements += [("publisher", settings.ARCHIVE_NAME, "")]
    elements += [("contributor", _credited(credit), "") for credit in payload["credits"]]
    elements += [("date", _dc_date(payload), "")]
    elements += [
        ("type", "Text", ""),
        ("type", payload["document_type_label"], ""),
        ("format", "text/html", ""),
    ]
    elements += [("identifier", canonical_url(version), ""), ("source", payload["source_sentence"], "")]
    languages = dict.fromkeys([payload["original_language"], *(text["language"] for text in texts)])
    elements += [("language", language, "") for language in languages]
    elements += [("relation", _document_url(item["id"]), "") for item in payload["related_documents"]]
    elements += [("relation", collection["title"], "") for collection in payload["collections"]]
    elements += [("coverage", place["full_name"], "") for place in payload["places"]]
    elements += [("rights", payload["rights"], "")]
    return [(name, value, language) for name, value, language in elements if value]


def _dc_date(payload: dict) -> str:
    """The date in W3CDTF; an uncertain or approximate EDTF date as its range ("1958-01-01/1958-12-31")."""
    if _ISO_DATE.fullmatch(payload["date"]):
        return payload["date"]
    if payload["date_earliest"] and payload["date_latest"]:
        return f"{payload['date_earliest']}/{payload['date_latest']}"
    return ""


def _credited(credit: dict) -> str:
    person = credit["person"]
    return f"{person['sort_name'] or person['name']} ({credit['role_label']})"


def _document_url(document_id: int) -> str:
    return settings.SITE_URL + reverse("archive:document-detail", args=[document_id])


def absolute_url(url: str) -> str:
    """A file's URL as harvesters need it: absolute, on SITE_URL unless MEDIA_URL names another host."""
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


# --- archive_record -------------------------------------------------------------------------------


def archive_record(version: PublishedVersion) -> etree._Element:
    """The whole published version, in the order of archive_record.xsd."""
    payload = version.payload
    ns = f"{{{RECORD_NAMESPACE}}}"
    schema = FORMATS["archive_record"].schema
    root = etree.Element(
        f"{ns}record",
        {f"{{{XSI_NAMESPACE}}}schemaLocation": f"{RECORD_NAMESPACE} {schema}"},
        nsmap={"ar": RECORD_NAMESPACE},
    )
    _element(root, f"{ns}identifier", canonical_url(version))
    _element(
        root,
        f"{ns}version",
        version.change_note,
        number=version.number,
        published=format_datestamp(version.published_at),
        url=canonical_url(version, version_specific=True),
    )
    _describe(root, ns, payload)
    _element(root, f"{ns}citation", house_style(version)["text"])
    _linked(root, ns, payload)
    for credit in payload["credits"]:
        person = credit["person"]
        _element(
            root,
            f"{ns}credit",
            person["name"],
            kind=person["kind"],
            sortName=person["sort_name"],
            role=credit["role"],
            qualifier=credit["qualifier"],
            order=credit["order"],
        )
    for text in payload["texts"]:
        _text(root, ns, text)
    _provenance(root, ns, payload)
    _attachments(root, ns, payload)
    return root


def _describe(root: etree._Element, ns: str, payload: dict) -> None:
    _element(root, f"{ns}title", payload["title"])
    if payload["date"] or payload["display_date"]:
        _element(
            root,
            f"{ns}date",
            payload["display_date"],
            edtf=payload["date"],
            earliest=payload["date_earliest"],
            latest=payload["date_latest"],
        )
    if payload["summary"]:
        _element(root, f"{ns}summary", payload["summary"], format=MARKDOWN)
    if payload["document_type"]:
        _element(root, f"{ns}documentType", payload["document_type_label"], code=payload["document_type"])
    language = payload["original_language"]
    _element(root, f"{ns}originalLanguage", payload["original_language_name"], code=language)
    _optional(root, f"{ns}classification", payload["original_classification"])
    _optional(root, f"{ns}rights", payload["rights"])
    repository = payload["repository"]
    if repository:
        _element(
            root,
            f"{ns}repository",
            repository["name"],
            abbreviation=repository["abbreviation"],
            location=repository["location"],
            url=repository["url"],
        )
    _optional(root, f"{ns}archivalReference", payload["archival_reference"])
    _optional(root, f"{ns}sourceSentence", payload["source_sentence"])
    _optional(root, f"{ns}creditSentence", payload["credit_sentence"])


def _optional(root: etree._Element, tag: str, value: str) -> None:
    """An optional element with nothing to say is left out rather than sent empty."""
    if value:
        _element(root, tag, value)


def _linked(root: etree._Element, ns: str, payload: dict) -> None:
    for role in ("creator", "person"):
        for person in payload["creators" if role == "creator" else "people"]:
            _element(root, f"{ns}{role}", person["name"], kind=person["kind"], sortName=person["sort_name"])
    for place in payload["places"]:
        _element(root, f"{ns}place", place["full_name"], name=place["name"], kind=place["kind"])
    for subject in payload["subjects"]:
        _element(root, f"{ns}subject", subject["heading"])
    for collection in payload["collections"]:
        _element(root, f"{ns}collection", collection["title"], slug=collection["slug"])
    for donor in payload["donors"]:
        _element(root, f"{ns}funder", donor["name"], url=donor["url"])
    for item in payload["related_documents"]:
        _element(
            root,
            f"{ns}related",
            item["title"],
            identifier=oai_identifier(item["id"]),
            url=_document_url(item["id"]),
        )


def _text(root: etree._Element, ns: str, text: dict) -> None:
    element = _element(
        root,
        f"{ns}text",
        kind=text["kind"],
        language=text["language"],
        title=text["title"],
        order=text["order"],
    )
    body = _element(element, f"{ns}body", text["body"], format=MARKDOWN)
    body.text = body.text or ""
    for note in text["footnotes"]:
        _element(
            element, f"{ns}footnote", note["body"], number=note["number"], kind=note["kind"], format=MARKDOWN
        )


def _provenance(root: etree._Element, ns: str, payload: dict) -> None:
    for event in payload["provenance"]:
        _element(
            root,
            f"{ns}provenance",
            event["note"],
            kind=event["kind"],
            date=event["date"],
            displayDate=event["display_date"],
            agent=event["agent"],
            place=event["place"]["full_name"] if event["place"] else "",
            reference=event["reference"],
        )


def _attachments(root: etree._Element, ns: str, payload: dict) -> None:
    for attachment in payload["attachments"]:
        if not attachment["url"]:
            continue
        _element(
            root,
            f"{ns}attachment",
            attachment["caption"],
            kind=attachment["kind"],
            url=absolute_url(attachment["url"]),
            mediaType=attachment["content_type"],
            size=attachment["size"],
            sha256=attachment["checksum"],
            width=attachment["width"],
            height=attachment["height"],
        )


FORMATS: dict[str, MetadataFormat] = {
    "oai_dc": MetadataFormat("oai_dc", OAI_DC_NAMESPACE, oai_dc),
    "archive_record": MetadataFormat("archive_record", RECORD_NAMESPACE, archive_record),
}
