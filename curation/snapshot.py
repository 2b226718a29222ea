"""The payload of a PublishedVersion, built from one reviewed reversion Revision.

The record is reconstructed from the revision's Version rows, never from the working copy, so an edit
made after the approval cannot leak into what the public sees. Linked authority records (people,
places, subjects, collections, repositories, donors) are named as they stand at publication.

The payload is plain JSON and holds everything the public page, the API, citations and search need,
rendered HTML included, so that a public page is one indexed read. Its shape is `SCHEMA_VERSION`;
change the number when the shape changes.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from reversion.errors import RevertError
from reversion.models import Revision
from reversion.revisions import _get_options

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
    PublishedVersion,
    Repository,
    Subject,
    Text,
)
from archive.rendering import notes_list, render_body, render_markdown
from curation.exceptions import InvalidRevision

SCHEMA_VERSION = 1

_preloaded: ContextVar[dict[type[models.Model], dict[int, models.Model]] | None] = ContextVar(
    "snapshot_preloaded_authorities", default=None
)


@dataclass(frozen=True)
class RecordState:
    """A document as one revision recorded it: unsaved model instances, none read from live rows.

    `document.texts.all()`, `.contributions.all()`, `.provenance_events.all()`, `.attachments.all()`
    and each text's `.footnotes.all()` return the revision's objects, so the model's own properties
    (display date, credit and source sentences) describe the revision too.
    """

    revision: Revision
    document: Document
    links: dict[str, list[int]]
    texts: list[Text]
    contributions: list[Contribution]
    provenance: list[ProvenanceEvent]
    attachments: list[Attachment]


# A revision's Version rows as (content_type_id, format, serialized_data, object_repr). Read from the
# database, except by the corpus generator (curation.corpus.writer), which has just inserted them and
# hands over the same values rather than reading 100 KB a record back; a test holds the two equal.
StoredRows = Iterable[tuple[int, str, str, str]]


def record_at(revision: Revision, document: Document, *, stored: StoredRows | None = None) -> RecordState:
    """Reconstruct `document` as `revision` recorded it; InvalidRevision if the revision does not.

    `stored`: the revision's Version rows, when the caller has just written them (see StoredRows)."""
    rows = _rows_by_model(revision, stored)
    documents = [fields for fields in rows[Document] if fields["id"] == document.pk]
    if not documents:
        raise InvalidRevision(
            _("Revision %(revision)s does not record document %(document)s."),
            params={"revision": revision.pk, "document": document.pk},
        )
    record, links = _instance(Document, documents[0])
    record.refresh_date_range()
    texts = _children(Text, rows, {record.pk}, order=lambda text: (text.order, text.pk))
    footnotes = _children(Footnote, rows, {text.pk for text in texts}, order=lambda note: note.number)
    for text in texts:
        _attach(text, "footnotes", [note for note in footnotes if note.text_id == text.pk])
    contributions = _children(Contribution, rows, {record.pk}, order=lambda item: (item.order, item.pk))
    provenance = _children(ProvenanceEvent, rows, {record.pk}, order=lambda item: (item.order, item.pk))
    attachments = _children(Attachment, rows, {record.pk}, order=lambda item: (item.order, item.pk))
    contributions = _with_people(contributions)
    _attach(record, "texts", texts)
    _attach(record, "contributions", contributions)
    _attach(record, "provenance_events", provenance)
    _attach(record, "attachments", attachments)
    if record.repository_id:
        record.repository = _in_bulk(Repository.objects.all(), [record.repository_id]).get(
            record.repository_id
        )
    return RecordState(revision, record, links, texts, contributions, provenance, attachments)


def build_payload(revision: Revision, document: Document, *, stored: StoredRows | None = None) -> dict:
    """The complete public snapshot of `document` as `revision` recorded it."""
    state = record_at(revision, document, stored=stored)
    # Labels and generated sentences in the site's language, whoever happens to press "approve".
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "schema": SCHEMA_VERSION,
            "document_id": document.pk,
            "revision_id": revision.pk,
            **_document_fields(state.document),
            "texts": [_text(text) for text in state.texts],
            "credits": [_credit(contribution) for contribution in state.contributions],
            "provenance": _provenance(state.provenance),
            "attachments": [_attachment(attachment) for attachment in state.attachments],
            **_linked_records(state.links),
        }


# --- Reconstruction -------------------------------------------------------------------------------


def _rows_by_model(
    revision: Revision, stored: StoredRows | None = None
) -> dict[type[models.Model], list[dict]]:
    """Each Version's field_dict, by model; read as four columns rather than as Version instances
    (a record's revision holds fifty of them, one per footnote)."""
    rows: dict[type[models.Model], list[dict]] = defaultdict(list)
    if stored is None:
        stored = revision.version_set.values_list(
            "content_type_id", "format", "serialized_data", "object_repr"
        )
    for content_type_id, data_format, data, object_repr in stored:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        rows[model].append(_field_dict(model, data_format, data, object_repr))
    return rows


def _field_dict(model: type[models.Model], data_format: str, data: str, object_repr: str) -> dict:
    """What django-reversion's Version.field_dict gives for this stored version of a `model`
    (deserialized the same way; none of the archive's models inherits another's table)."""
    options = _get_options(model)
    try:
        version = next(
            serializers.deserialize(
                data_format,
                data,
                ignorenonexistent=True,
                use_natural_foreign_keys=options.use_natural_foreign_keys,
            )
        )
    except (
        serializers.base.DeserializationError,
        serializers.SerializerDoesNotExist,
        StopIteration,
    ) as error:
        raise RevertError(
            _("Could not load %(object_repr)s version - incompatible version data.")
            % {"object_repr": object_repr}
        ) from error
    fields = {}
    for name in options.fields:
        field = model._meta.get_field(name)
        if isinstance(field, models.ManyToManyField):
            if version.m2m_data and field.attname in version.m2m_data:
                fields[field.attname] = version.m2m_data[field.attname]
        else:
            fields[field.attname] = getattr(version.object, field.attname)
    return fields


def _instance(model: type[models.Model], fields: dict) -> tuple[models.Model, dict[str, list[int]]]:
    """An unsaved instance from a Version's field dict, and its many-to-many ids apart."""
    m2m_names = {field.attname for field in model._meta.many_to_many}
    local = {name: value for name, value in fields.items() if name not in m2m_names}
    links = {name: sorted(fields.get(name) or []) for name in m2m_names}
    return model(**local), links


def _children(model: type[models.Model], rows: dict, parents: set[int], *, order) -> list:
    """The revision's rows of `model` whose parent (document or text) is one of `parents`."""
    parent_field = "text_id" if model is Footnote else "document_id"
    children = [_instance(model, fields)[0] for fields in rows[model] if fields[parent_field] in parents]
    return sorted(children, key=order)


def _with_people(contributions: list[Contribution]) -> list[Contribution]:
    """Each credit with its person; a credit whose person has since been deleted is dropped."""
    people = _in_bulk(Person.objects.all(), {contribution.person_id for contribution in contributions})
    kept = [contribution for contribution in contributions if contribution.person_id in people]
    for contribution in kept:
        contribution.person = people[contribution.person_id]
    return kept


def _in_bulk(queryset: models.QuerySet, ids: Iterable[int]) -> dict[int, models.Model]:
    """The authority records with these ids, from `authorities_preloaded` if it holds their model."""
    preloaded = (_preloaded.get() or {}).get(queryset.model)
    if preloaded is None:
        return queryset.in_bulk(ids)
    return {pk: preloaded[pk] for pk in ids if pk in preloaded}


def read_authorities(*querysets: models.QuerySet) -> dict[type[models.Model], dict[int, models.Model]]:
    """These querysets' rows by model and key, for `authorities_preloaded`."""
    return {queryset.model: queryset.in_bulk() for queryset in querysets}


@contextmanager
def authorities_preloaded(authorities: dict[type[models.Model], dict[int, models.Model]]) -> Iterator[None]:
    """Name linked records from these rows (read by `read_authorities`) instead of querying per record.

    For publishing many records in one transaction (manage.py generate_corpus), where the seven
    lookups of each payload were most of the queries; a single approval has no use for it.
    """
    token = _preloaded.set(authorities)
    try:
        yield
    finally:
        _preloaded.reset(token)


def _attach(instance: models.Model, relation: str, objects: Iterable[models.Model]) -> None:
    """Make `instance.<relation>.all()` return these objects instead of reading the live rows.

    This is the cache Django's prefetch_related fills. The queryset underneath is empty, so anything
    chained onto it finds nothing rather than the working copy.
    """
    queryset = getattr(instance, relation).model._base_manager.none()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    cache = getattr(instance, "_prefetched_objects_cache", {})
    instance._prefetched_objects_cache = {**cache, relation: queryset}


# --- The payload's parts --------------------------------------------------------------------------


def _document_fields(document: Document) -> dict:
    repository = document.repository
    return {
        "title": document.title,
        "slug": document.slug,
        "external_id": document.external_id,
        "date": document.date,
        "display_date": document.display_date,
        "date_earliest": _iso(document.date_earliest),
        "date_latest": _iso(document.date_latest),
        "summary": document.summary,
        "summary_html": str(render_markdown(document.summary)),
        "document_type": document.document_type,
        "document_type_label": _label(document, "document_type"),
        "original_language": document.original_language,
        "original_language_name": document.original_language_name,
        "original_classification": document.original_classification,
        "rights": document.rights,
        "repository": _repository(repository) if repository else None,
        "archival_reference": document.archival_reference,
        "credit_sentence": document.credit_sentence,
        "source_sentence": document.source_sentence,
    }


def _label(instance: models.Model, field_name: str) -> str:
    """What instance.get_<field>_display() gives, looked up once per value and language: a record's
    sixty footnotes would otherwise rebuild the choices sixty times."""
    return _choice_label(
        type(instance), field_name, getattr(instance, field_name), translation.get_language()
    )


@lru_cache(maxsize=512)
def _choice_label(model: type[models.Model], field_name: str, value: str, language: str | None) -> str:
    return str(dict(model._meta.get_field(field_name).flatchoices).get(value, value))


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _repository(repository: Repository) -> dict:
    return {
        "id": repository.pk,
        "name": repository.name,
        "abbreviation": repository.abbreviation,
        "citation_name": repository.citation_name,
        "location": repository.location,
        "url": repository.url,
    }


def _text(text: Text) -> dict:
    # Note ids are unique per text on a page that shows the original and the translation together.
    prefix = f"note-{text.language}-{text.kind}"
    footnotes = [_footnote(note) for note in text.footnotes.all()]
    return {
        "id": text.pk,
        "kind": text.kind,
        "kind_label": _label(text, "kind"),
        "language": text.language,
        "language_name": text.language_name,
        "title": text.title,
        "order": text.order,
        "body": text.body,
        "body_html": str(render_body(text.body, note_prefix=prefix)),
        "note_prefix": prefix,
        # Each note's Markdown is rendered once, for its own entry and for the list.
        "notes_html": str(
            notes_list(
                ((note["number"], note["kind_label"], note["body_html"]) for note in footnotes),
                note_prefix=prefix,
            )
        ),
        "footnotes": footnotes,
    }


def _footnote(note: Footnote) -> dict:
    return {
        "number": note.number,
        "kind": note.kind,
        "kind_label": _label(note, "kind"),
        "body": note.body,
        "body_html": str(render_markdown(note.body)),
    }


def _person(person: Person) -> dict:
    return {"id": person.pk, "name": person.name, "sort_name": person.sort_name, "kind": person.kind}


def _credit(contribution: Contribution) -> dict:
    return {
        "person": _person(contribution.person),
        "role": contribution.role,
        "role_label": _label(contribution, "role"),
        "qualifier": contribution.qualifier,
        "order": contribution.order,
    }


def _provenance(events: list[ProvenanceEvent]) -> list[dict]:
    places = _in_bulk(
        Place.objects.select_related("parent"), {event.place_id for event in events if event.place_id}
    )
    return [
        {
            "kind": event.kind,
            "kind_label": _label(event, "kind"),
            "date": event.date,
            "display_date": event.display_date,
            "agent": event.agent,
            "place": _place(places[event.place_id]) if event.place_id in places else None,
            "reference": event.reference,
            "note": event.note,
            "order": event.order,
        }
        for event in events
    ]


def _place(place: Place) -> dict:
    return {"id": place.pk, "name": place.name, "full_name": str(place), "kind": place.kind}


def _attachment(attachment: Attachment) -> dict:
    return {
        "id": attachment.pk,
        "kind": attachment.kind,
        "kind_label": _label(attachment, "kind"),
        "caption": attachment.caption,
        "order": attachment.order,
        "file": attachment.file.name,
        "url": attachment.file.url if attachment.file else "",
        "checksum": attachment.checksum,
        "size": attachment.size,
        "content_type": attachment.content_type,
        "width": attachment.width,
        "height": attachment.height,
    }


def _linked_records(links: dict[str, list[int]]) -> dict:
    """Authors, people, places, subjects, collections, funders and related records, with names."""
    people = _in_bulk(Person.objects.all(), {*links["creators"], *links["people"]})
    places = _in_bulk(Place.objects.select_related("parent"), links["places"])
    subjects = _in_bulk(Subject.objects.all(), links["subjects"])
    collections = _in_bulk(Collection.objects.all(), links["collections"])
    donors = _in_bulk(Donor.objects.all(), links["donors"])
    return {
        "creators": [_person(people[pk]) for pk in links["creators"] if pk in people],
        "people": [_person(people[pk]) for pk in links["people"] if pk in people],
        "places": [_place(places[pk]) for pk in links["places"] if pk in places],
        "subjects": [
            {"id": pk, "heading": subjects[pk].heading, "subdivisions": subjects[pk].subdivisions}
            for pk in links["subjects"]
            if pk in subjects
        ],
        "collections": [
            {"id": pk, "title": collections[pk].title, "slug": collections[pk].slug}
            for pk in links["collections"]
            if pk in collections
        ],
        "donors": [
            {"id": pk, "name": donors[pk].name, "url": donors[pk].url}
            for pk in links["donors"]
            if pk in donors
        ],
        "related_documents": _related_documents(links["related_documents"]),
    }


def _related_documents(document_ids: list[int]) -> list[dict]:
    """Only related records that are public themselves, named by their published title."""
    if not document_ids:
        return []  # most records: no query to build
    published = PublishedVersion.objects.current().filter(document_id__in=document_ids)
    return [
        {"id": pk, "title": title}
        for pk, title in published.values_list("document_id", "title").order_by("title")
    ]
