"""Writing one record (archive.importers.records) into the database.

Linked entities are found by their identifiers, else by name; what is not found is created, after
the model validators have checked it. An entity that exists is linked as it is, never changed: an
import must not rewrite the authority records editors curate. Texts, footnotes, credits, provenance
and attachments are updated in place where they match (by kind and language, number, person and
role, position, path), so that a revision diff shows what really changed.
"""

import hashlib
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models

from archive.importers.problems import RecordRejected
from archive.importers.records import DOCUMENT_SCALARS
from archive.models import (
    Attachment,
    Collection,
    Contribution,
    Document,
    Donor,
    Footnote,
    Person,
    Place,
    ProvenanceEvent,
    Repository,
    Subject,
    Text,
)
from archive.models.authorities import normalise_heading


def apply_record(record: dict, *, document: Document | None, user=None) -> tuple[Document, list[str]]:
    """Write a normalised record onto `document` (or a new draft).

    Returns the document and the external ids of related records that are not in the archive (yet).
    """
    if document is None:
        document = Document(created_by=user)
    document.external_id = record["external_id"]
    for name in DOCUMENT_SCALARS:
        setattr(document, name, record[name])
    document.repository = find_repository(record["repository"]) if record["repository"] else None
    validated(document, "")
    document.save()
    link_entities(document, record)
    missing_related = link_related(document, record["related_documents"])
    sync_texts(document, record["texts"])
    sync_credits(document, record["credits"])
    sync_provenance(document, record["provenance"])
    sync_attachments(document, record["attachments"])
    return document, missing_related


def validated(instance: models.Model, path: str) -> models.Model:
    try:
        instance.full_clean()
    except ValidationError as error:
        raise RecordRejected.from_validation_error(error, path=path) from None
    return instance


def link_entities(document: Document, record: dict) -> None:
    document.creators.set([find_person(p, f"creators[{i}]") for i, p in enumerate(record["creators"])])
    document.people.set([find_person(p, f"people[{i}]") for i, p in enumerate(record["people"])])
    document.places.set([find_place(p, f"places[{i}]") for i, p in enumerate(record["places"])])
    document.subjects.set([find_subject(s, f"subjects[{i}]") for i, s in enumerate(record["subjects"])])
    document.collections.set(
        [find_collection(c, f"collections[{i}]") for i, c in enumerate(record["collections"])]
    )
    document.donors.set([find_donor(d, f"donors[{i}]") for i, d in enumerate(record["donors"])])


def link_related(document: Document, external_ids: list[str]) -> list[str]:
    """Link the related records that exist; returns the external ids of those that do not."""
    found = {other.external_id: other for other in Document.objects.filter(external_id__in=external_ids)}
    for external_id in set(external_ids) - set(found):
        by_number = _document_by_archive_id(external_id)
        if by_number is not None:
            found[external_id] = by_number
    document.related_documents.set([other for other in found.values() if other.pk != document.pk])
    return [external_id for external_id in external_ids if external_id not in found]


def _document_by_archive_id(external_id: str) -> Document | None:
    # Records entered by hand have no external id and are exported as "archive:<id>".
    prefix, _colon, number = external_id.partition(":")
    if prefix != "archive" or not number.isdigit():
        return None
    return Document.objects.filter(pk=int(number), external_id__isnull=True).first()


def find_document(external_id: str) -> Document | None:
    return Document.objects.filter(external_id=external_id).first() or _document_by_archive_id(external_id)


# Authority records ----------------------------------------------------------------------------------


def find_person(data: dict, path: str) -> Person:
    for identifier in ("wikidata_id", "viaf_id", "lcnaf_id"):
        if data.get(identifier):
            found = Person.objects.filter(**{identifier: data[identifier]}).order_by("pk").first()
            if found:
                return found
    # "Kohl, Helmut" files the person the archive may already show as "Helmut Kohl".
    if data.get("sort_name"):
        filed = Person.objects.filter(sort_name__iexact=data["sort_name"]).order_by("pk").first()
        if filed:
            return filed
    named = Person.objects.filter(name__iexact=data["name"]).order_by("pk").first()
    return named or _created(Person, data, path)


def find_place(data: dict, path: str) -> Place:
    for identifier in ("geonames_id", "wikidata_id"):
        if data.get(identifier):
            found = Place.objects.filter(**{identifier: data[identifier]}).order_by("pk").first()
            if found:
                return found
    parent = find_place(data["within"], f"{path}.within") if data.get("within") else None
    named = Place.objects.filter(name__iexact=data["name"])
    if parent is not None:
        found = named.filter(parent=parent).first()
    else:
        # A place given without the place it lies within is the one of that name, top-level first.
        found = named.order_by(models.F("parent").asc(nulls_first=True), "pk").first()
    if found:
        return found
    fields = {name: value for name, value in data.items() if name != "within"}
    for coordinate in ("latitude", "longitude"):
        fields[coordinate] = _decimal(fields.get(coordinate), f"{path}.{coordinate}")
    return _created(Place, {**fields, "parent": parent}, path)


def _decimal(value: str | None, path: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        raise RecordRejected(path, f'"{value}" is not a number.') from None


def find_repository(data: dict) -> Repository:
    found = Repository.objects.filter(name__iexact=data["name"]).first()
    if found is None and data.get("abbreviation"):
        found = Repository.objects.filter(abbreviation__iexact=data["abbreviation"]).order_by("pk").first()
    return found or _created(Repository, data, "repository")


def find_subject(data: dict, path: str) -> Subject:
    heading = normalise_heading(data["heading"])
    found = Subject.objects.filter(heading__iexact=heading).first()
    return found or _created(Subject, {**data, "heading": heading}, path)


def find_collection(data: dict, path: str) -> Collection:
    found = Collection.objects.filter(title__iexact=data["title"]).first()
    if found is None and data.get("slug"):
        found = Collection.objects.filter(slug=data["slug"]).first()
    return found or _created(Collection, data, path)


def find_donor(data: dict, path: str) -> Donor:
    return Donor.objects.filter(name__iexact=data["name"]).first() or _created(Donor, data, path)


def _created(model: type[models.Model], fields: dict, path: str) -> models.Model:
    instance = model(**fields)
    validated(instance, path)
    instance.save()
    return instance


# What belongs to the document -------------------------------------------------------------------------


def sync_texts(document: Document, texts: list[dict]) -> None:
    existing = {(text.kind, text.language): text for text in document.texts.all()}
    wanted = _unique_keys(texts, lambda t: (t["kind"], t["language"]), "texts", "a second {0} text in {1}")
    _delete_missing(existing, wanted)
    for index, data in enumerate(texts):
        key = (data["kind"], data["language"])
        text = existing.get(key) or Text(document=document)
        for name in ("kind", "language", "title", "order", "body"):
            setattr(text, name, data[name])
        validated(text, f"texts[{index}]").save()
        sync_footnotes(text, data["footnotes"], f"texts[{index}]")


def sync_footnotes(text: Text, footnotes: list[dict], path: str) -> None:
    existing = {note.number: note for note in text.footnotes.all()}
    wanted = _unique_keys(footnotes, lambda n: n["number"], f"{path}.footnotes", "note [{0}] appears twice")
    _delete_missing(existing, wanted)
    for index, data in enumerate(footnotes):
        note = existing.get(data["number"]) or Footnote(text=text)
        note.number, note.kind, note.body = data["number"], data["kind"], data["body"]
        validated(note, f"{path}.footnotes[{index}]").save()


def sync_credits(document: Document, credits: list[dict]) -> None:
    people = [find_person(data["person"], f"credits[{i}].person") for i, data in enumerate(credits)]
    existing = {(c.person_id, c.role): c for c in document.contributions.all()}
    keyed = [(person.pk, data["role"]) for person, data in zip(people, credits, strict=True)]
    duplicate = next((i for i, key in enumerate(keyed) if key in keyed[:i]), None)
    if duplicate is not None:
        raise RecordRejected(f"credits[{duplicate}]", "the same person in the same role appears twice.")
    _delete_missing(existing, set(keyed))
    for index, (person, data) in enumerate(zip(people, credits, strict=True)):
        credit = existing.get((person.pk, data["role"])) or Contribution(document=document, person=person)
        credit.role, credit.qualifier, credit.order = data["role"], data["qualifier"], data["order"]
        validated(credit, f"credits[{index}]").save()


def sync_provenance(document: Document, events: list[dict]) -> None:
    existing = list(document.provenance_events.order_by("order", "pk"))
    for surplus in existing[len(events) :]:
        surplus.delete()
    for index, data in enumerate(events):
        path = f"provenance[{index}]"
        event = existing[index] if index < len(existing) else ProvenanceEvent(document=document)
        for name in ("order", "kind", "date", "agent", "reference", "note"):
            setattr(event, name, data[name])
        event.place = find_place(data["place"], f"{path}.place") if data["place"] else None
        validated(event, path).save()


def sync_attachments(document: Document, attachments: list[dict]) -> None:
    existing = {attachment.file.name: attachment for attachment in document.attachments.all()}
    wanted = _unique_keys(attachments, lambda a: a["path"], "attachments", 'the file "{0}" appears twice')
    _delete_missing(existing, wanted)
    for index, data in enumerate(attachments):
        path = f"attachments[{index}]"
        checksum, size = _stored_file_checksum(data, path)
        attachment = existing.get(data["path"]) or Attachment(document=document)
        attachment.file.name = data["path"]
        attachment.checksum, attachment.size = checksum, size
        for name in ("kind", "caption", "order", "content_type", "width", "height"):
            setattr(attachment, name, data[name])
        validated(attachment, path).save()


def _stored_file_checksum(data: dict, path: str) -> tuple[str, int]:
    """The file must already be in the media storage, with the checksum the record gives (if any)."""
    if not default_storage.exists(data["path"]):
        raise RecordRejected(f"{path}.path", f'"{data["path"]}" is not in the media storage.')
    digest, size = hashlib.sha256(), 0
    with default_storage.open(data["path"], "rb") as stored:
        for chunk in stored.chunks():
            digest.update(chunk)
            size += len(chunk)
    if data["sha256"] and data["sha256"] != digest.hexdigest():
        raise RecordRejected(
            f"{path}.sha256", f"the stored file's SHA-256 is {digest.hexdigest()}, not {data['sha256']}."
        )
    return digest.hexdigest(), size


def _unique_keys(items: list[dict], key, path: str, message: str) -> set:
    keys: set = set()
    for index, item in enumerate(items):
        item_key = key(item)
        if item_key in keys:
            parts = item_key if isinstance(item_key, tuple) else (item_key,)
            raise RecordRejected(f"{path}[{index}]", f"{message.format(*parts)}.")
        keys.add(item_key)
    return keys


def _delete_missing(existing: dict, wanted: set) -> None:
    # Deleted first, so that a renumbered footnote or a changed text never collides with itself.
    for key, instance in existing.items():
        if key not in wanted:
            instance.delete()
