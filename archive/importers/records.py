"""The archive's own record format (docs/record-format.md): its shape, its checks, and export.

Every reader turns its file into records of this shape, and one writer (archive.importers.writer)
puts them into the database; export_records writes the same shape back out. A record is plain JSON
data: scalars, lists and objects, with linked entities by name and identifiers, never by database id.
"""

import json
from dataclasses import dataclass
from decimal import Decimal

from archive.importers.problems import RecordRejected
from archive.models import Document, Person, Place

FORMAT_NAME = "archive-records"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Field:
    """A scalar: its Python type, its default when absent, and whether null is allowed."""

    kind: type
    default: object = ""
    nullable: bool = False


@dataclass(frozen=True)
class Object:
    fields: dict
    required: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListOf:
    item: object


@dataclass(frozen=True)
class Nullable:
    item: Object


TEXT = Field(str)
PERSON = Object(
    {
        "name": TEXT,
        "sort_name": TEXT,
        "kind": Field(str, Person.Kind.PERSON.value),
        "name_variants": TEXT,
        "birth_date": TEXT,
        "death_date": TEXT,
        "description": TEXT,
        "wikidata_id": TEXT,
        "viaf_id": TEXT,
        "lcnaf_id": TEXT,
    },
    required=("name",),
)
PLACE_FIELDS = {
    "name": TEXT,
    "kind": Field(str, Place.Kind.OTHER.value),
    "name_variants": TEXT,
    "latitude": Field(str, None, nullable=True),
    "longitude": Field(str, None, nullable=True),
    "geonames_id": TEXT,
    "wikidata_id": TEXT,
}
# A place names the place it lies within, and that one its own, up to the top of the hierarchy.
PLACE = Object({**PLACE_FIELDS, "within": None}, required=("name",))
PLACE.fields["within"] = Nullable(PLACE)
REPOSITORY = Object({"name": TEXT, "abbreviation": TEXT, "location": TEXT, "url": TEXT}, required=("name",))
SUBJECT = Object({"heading": TEXT, "scope_note": TEXT}, required=("heading",))
COLLECTION = Object({"title": TEXT, "slug": TEXT, "description": TEXT}, required=("title",))
DONOR = Object({"name": TEXT, "url": TEXT, "description": TEXT}, required=("name",))
CREDIT = Object(
    {"role": TEXT, "person": PERSON, "qualifier": TEXT, "order": Field(int, 0)}, required=("role", "person")
)
FOOTNOTE = Object(
    {"number": Field(int, None), "kind": Field(str, "translator"), "body": TEXT}, required=("number",)
)
TEXT_ENTRY = Object(
    {
        "kind": TEXT,
        "language": TEXT,
        "title": TEXT,
        "order": Field(int, 0),
        "body": TEXT,
        "footnotes": ListOf(FOOTNOTE),
    },
    required=("kind", "language"),
)
PROVENANCE = Object(
    {
        "order": Field(int, 0),
        "kind": TEXT,
        "date": TEXT,
        "agent": TEXT,
        "place": Nullable(PLACE),
        "reference": TEXT,
        "note": TEXT,
    },
    required=("kind",),
)
ATTACHMENT = Object(
    {
        "kind": Field(str, "scan"),
        "path": TEXT,
        "caption": TEXT,
        "order": Field(int, 0),
        "sha256": TEXT,
        "size": Field(int, None, nullable=True),
        "content_type": TEXT,
        "width": Field(int, None, nullable=True),
        "height": Field(int, None, nullable=True),
    },
    required=("path",),
)
RECORD = Object(
    {
        "external_id": TEXT,
        "title": TEXT,
        "date": TEXT,
        "display_date_override": TEXT,
        "summary": TEXT,
        "document_type": TEXT,
        "original_language": TEXT,
        "original_classification": TEXT,
        "rights": TEXT,
        "repository": Nullable(REPOSITORY),
        "archival_reference": TEXT,
        "source_override": TEXT,
        "creators": ListOf(PERSON),
        "people": ListOf(PERSON),
        "places": ListOf(PLACE),
        "subjects": ListOf(SUBJECT),
        "collections": ListOf(COLLECTION),
        "donors": ListOf(DONOR),
        "related_documents": ListOf(TEXT),
        "credits": ListOf(CREDIT),
        "texts": ListOf(TEXT_ENTRY),
        "provenance": ListOf(PROVENANCE),
        "attachments": ListOf(ATTACHMENT),
    },
    required=("external_id",),
)
DOCUMENT_SCALARS = (
    "title",
    "date",
    "display_date_override",
    "summary",
    "document_type",
    "original_language",
    "original_classification",
    "rights",
    "archival_reference",
    "source_override",
)


def normalise_record(data: object) -> dict:
    """A complete record with every field present, or RecordRejected naming the first wrong field."""
    return _normalise(data, RECORD, "")


def _normalise(value: object, spec: object, path: str):
    if isinstance(spec, Nullable):
        return None if value is None else _normalise(value, spec.item, path)
    if isinstance(spec, ListOf):
        if not isinstance(value, list):
            raise RecordRejected(path, f"expected a list, found {_json_type(value)}.")
        return [_normalise(item, spec.item, f"{path}[{index}]") for index, item in enumerate(value)]
    if isinstance(spec, Object):
        return _normalise_object(value, spec, path)
    return _normalise_scalar(value, spec, path)


def _normalise_object(value: object, spec: Object, path: str) -> dict:
    if not isinstance(value, dict):
        raise RecordRejected(path, f"expected an object, found {_json_type(value)}.")
    unknown = sorted(set(value) - set(spec.fields))
    if unknown:
        known = ", ".join(spec.fields)
        raise RecordRejected(_join(path, unknown[0]), f"is not a field of this format (fields: {known}).")
    for name in spec.required:
        if value.get(name) in (None, ""):
            raise RecordRejected(_join(path, name), "is required.")
    return {
        name: _normalise(value[name], field, _join(path, name)) if name in value else _default(field)
        for name, field in spec.fields.items()
    }


def _normalise_scalar(value: object, spec: Field, path: str):
    if value is None and spec.nullable:
        return None
    if spec.kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise RecordRejected(path, f"expected a whole number, found {_json_type(value)}.")
    if spec.kind is str and not isinstance(value, str):
        raise RecordRejected(path, f"expected a string, found {_json_type(value)}.")
    if isinstance(value, str):
        check_no_nul(value, path)
    return value


def check_no_nul(value: str, path: str) -> None:
    """PostgreSQL refuses a NUL character in text and SQLite keeps it, hidden: neither database gets one.

    No reader of this archive's formats has a use for U+0000, so it is a damaged file, said per record."""
    if "\x00" in value:
        raise RecordRejected(
            path,
            f"contains a NUL character (U+0000) at position {value.index(chr(0)) + 1}, which the archive "
            "cannot store; remove it.",
        )


def _default(spec: object):
    if isinstance(spec, ListOf):
        return []
    if isinstance(spec, Nullable):
        return None
    return spec.default


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null"}
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"the number {value}"
    return names.get(type(value), type(value).__name__)


# Export -------------------------------------------------------------------------------------------


def exported_id(document: Document) -> str:
    """The record's identifier in the format; a record entered by hand gets "archive:<id>"."""
    return document.external_id or f"archive:{document.pk}"


def export_queryset(queryset=None):
    queryset = Document.objects.all() if queryset is None else queryset
    return queryset.select_related("repository").prefetch_related(
        "creators",
        "people",
        "places__parent",
        "subjects",
        "collections",
        "donors",
        "related_documents",
        "contributions__person",
        "texts__footnotes",
        "provenance_events__place__parent",
        "attachments",
    )


def dump_records(documents) -> str:
    """The JSON file for these documents: records sorted by identifier, keys in a fixed order."""
    records = sorted((document_to_record(document) for document in documents), key=lambda r: r["external_id"])
    payload = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "records": records}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def document_to_record(document: Document) -> dict:
    """The record for a document, keys in the format's order (read through export_queryset())."""
    data = {name: getattr(document, name) for name in DOCUMENT_SCALARS}
    data |= {
        "external_id": exported_id(document),
        "repository": _repository(document.repository) if document.repository else None,
        "creators": [person_to_data(person) for person in _people(document.creators.all())],
        "people": [person_to_data(person) for person in _people(document.people.all())],
        "places": [place_to_data(place) for place in _sorted(document.places, "name", "pk")],
        "subjects": [_fields(subject, SUBJECT) for subject in _sorted(document.subjects, "heading")],
        "collections": [
            _fields(collection, COLLECTION) for collection in _sorted(document.collections, "title")
        ],
        "donors": [_fields(donor, DONOR) for donor in _sorted(document.donors, "name")],
        "related_documents": sorted(exported_id(other) for other in document.related_documents.all()),
        "credits": [_credit(credit) for credit in _sorted(document.contributions, "order", "pk")],
        "texts": [_text(text) for text in _sorted(document.texts, "order", "pk")],
        "provenance": [_provenance(event) for event in _sorted(document.provenance_events, "order", "pk")],
        "attachments": [
            _attachment(attachment) for attachment in _sorted(document.attachments, "order", "pk")
        ],
    }
    return {name: data[name] for name in RECORD.fields}


def _sorted(manager, *names: str) -> list:
    # Sorted in Python, not by order_by(), so that export_queryset()'s prefetched rows are used.
    return sorted(manager.all(), key=lambda row: tuple(getattr(row, name) for name in names))


def _people(people) -> list[Person]:
    return sorted(people, key=lambda person: (person.sort_name, person.name, person.pk))


def _fields(instance, spec: Object) -> dict:
    return {name: getattr(instance, name) for name in spec.fields}


def person_to_data(person: Person) -> dict:
    return _fields(person, PERSON)


def place_to_data(place: Place) -> dict:
    data = {name: getattr(place, name) for name in PLACE_FIELDS}
    for coordinate in ("latitude", "longitude"):
        value = data[coordinate]
        data[coordinate] = None if value is None else str(Decimal(value).quantize(Decimal("0.000001")))
    data["within"] = place_to_data(place.parent) if place.parent_id else None
    return data


def _repository(repository) -> dict:
    return _fields(repository, REPOSITORY)


def _credit(contribution) -> dict:
    return {
        "role": contribution.role,
        "person": person_to_data(contribution.person),
        "qualifier": contribution.qualifier,
        "order": contribution.order,
    }


def _text(text) -> dict:
    return {
        "kind": text.kind,
        "language": text.language,
        "title": text.title,
        "order": text.order,
        "body": text.body,
        "footnotes": [
            {"number": note.number, "kind": note.kind, "body": note.body}
            for note in sorted(text.footnotes.all(), key=lambda note: note.number)
        ],
    }


def _provenance(event) -> dict:
    return {
        "order": event.order,
        "kind": event.kind,
        "date": event.date,
        "agent": event.agent,
        "place": place_to_data(event.place) if event.place_id else None,
        "reference": event.reference,
        "note": event.note,
    }


def _attachment(attachment) -> dict:
    return {
        "kind": attachment.kind,
        "path": attachment.file.name,
        "caption": attachment.caption,
        "order": attachment.order,
        "sha256": attachment.checksum,
        "size": attachment.size,
        "content_type": attachment.content_type,
        "width": attachment.width,
        "height": attachment.height,
    }
