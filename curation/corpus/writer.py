"""Writing synthetic records to the database, a batch at a time, through the real publishing code.

One batch is one transaction. Rows are inserted in bulk wherever the real path would write the same
rows one by one (documents, texts, footnotes, credits, provenance, links, revisions and their
versions, audit entries, published versions and their facet links). What decides what the public
sees is never re-implemented here:

- every revision's Version rows are serialized exactly as django-reversion serializes them (its
  registration options, follow rules, format and object_repr), then inserted together;
- every PublishedVersion's payload is built by curation.snapshot.build_payload from the Version rows
  of the revision it publishes, as an approval builds it from the same rows read back (the rows
  just inserted are handed over rather than read back; a test holds each payload equal to the one
  built from the database), and its indexed columns are filled by
  PublishedVersion.fill_columns_from_payload;
- the search index is filled by archive.search.index.index_versions, the batch form of what the
  current_version_changed signal that PublishedVersion.objects.move_current sends does for one record.

Skipped, as the brief allows: per-record permission checks, row locks and notifications (nobody else
writes these records while they are generated).
"""

import datetime as dt
import json
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Serializer as PythonSerializer
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.utils.text import slugify
from reversion.models import Revision, Version
from reversion.revisions import _follow_relations, _get_options

from archive.models import (
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
from archive.search.index import index_versions
from curation.corpus.authorities import AuthorityPools
from curation.corpus.rows import insert, insert_rows
from curation.corpus.synth import RecordSpec, record_spec
from curation.models import AuditEntry
from curation.snapshot import authorities_preloaded, build_payload, read_authorities

Status = Document.Status
Action = AuditEntry.Action
# How far apart the steps of one record's history are.
STEP = dt.timedelta(hours=31)
CHANGE_NOTES = (
    "Corrected the translation of several passages.",
    "Added editor's notes and corrected the date.",
    "Revised the transcription against the original.",
)


def external_id(seed: int, index: int) -> str:
    """Each generated record's identifier: finds it again on a later run with the same seed."""
    return f"corpus:{seed}:{index}"


@dataclass(frozen=True)
class Corpus:
    """What every batch of one corpus shares: the seed and the authority pools."""

    seed: int
    pools: AuthorityPools
    # Each authority model's records in the order a related manager reads them (see _link_authorities),
    # read once per process: no authority is added while a corpus is written.
    ranks: dict[type[models.Model], dict[int, int]] = field(default_factory=dict, compare=False, repr=False)
    # Key-only stand-ins for linked authority records, which serializing a document reads only the
    # keys of: made once per process and shared by every record that links to them.
    stand_ins: dict[tuple[type[models.Model], int], models.Model] = field(
        default_factory=dict, compare=False, repr=False
    )
    # Every authority record a payload may name (see _authorities), read by the first batch.
    authorities: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass
class Record:
    """One record being written: its spec, its saved rows, and how far its history has been replayed."""

    spec: RecordSpec
    document: Document
    texts: list[Text]
    contributions: list[Contribution]
    provenance: list[ProvenanceEvent]
    status: str = Status.DRAFT
    edits_done: int = 0
    content_revision: Revision | None = None
    content_rows: list[tuple] = field(default_factory=list)  # its Version rows (VERSION_COLUMNS)
    versions: list[PublishedVersion] = field(default_factory=list)
    followed: list[models.Model] = field(default_factory=list)  # see _state_versions
    serialized: dict = field(default_factory=dict)  # see _version_row


def write_batch(indices: list[int], *, corpus: Corpus) -> int:
    """Generate and write the records at these positions of the corpus, in one transaction."""
    sizes = corpus.pools.sizes
    specs = [record_spec(corpus.seed, index, sizes) for index in indices]
    if not corpus.authorities:
        corpus.authorities.update(read_authorities(*_authorities()))
    with transaction.atomic(), authorities_preloaded(corpus.authorities):
        records = _create_records(specs, corpus)
        _link_authorities(records, corpus)
        for step in range(max(len(spec.history) for spec in specs)):
            _replay_step(records, step)
        _make_current(records)
    return len(records)


def _authorities() -> list[models.QuerySet]:
    """Everything a payload names: read once a process rather than once a record (see curation.snapshot)."""
    return [
        Person.objects.all(),
        Place.objects.select_related("parent"),
        Subject.objects.all(),
        Collection.objects.all(),
        Repository.objects.all(),
        Donor.objects.all(),
    ]


# --- The working copy -----------------------------------------------------------------------------


def _create_records(specs: list[RecordSpec], corpus: Corpus) -> list[Record]:
    documents = insert([_document(spec, corpus) for spec in specs])
    records = [
        Record(spec=spec, document=document, texts=[], contributions=[], provenance=[])
        for spec, document in zip(specs, documents, strict=True)
    ]
    _create_texts(records)
    people = Person.objects.in_bulk(
        {corpus.pools.people[person] for spec in specs for person, _ in spec.credits}
    )
    contributions = insert(
        Contribution(
            document=record.document,
            person=people[corpus.pools.people[person]],
            role=role,
            order=order,
        )
        for record in records
        for order, (person, role) in enumerate(record.spec.credits)
    )
    provenance = insert(
        ProvenanceEvent(
            document=record.document,
            place_id=corpus.pools.places[event["place"]] if event["place"] is not None else None,
            **{name: value for name, value in event.items() if name != "place"},
        )
        for record in records
        for event in record.spec.provenance
    )
    by_document = {record.document.pk: record for record in records}
    for contribution in contributions:
        by_document[contribution.document_id].contributions.append(contribution)
    for event in provenance:
        by_document[event.document_id].provenance.append(event)
    return records


def _document(spec: RecordSpec, corpus: Corpus) -> Document:
    pools = corpus.pools
    document = Document(
        title=spec.title,
        external_id=external_id(corpus.seed, spec.index),
        date=spec.date,
        summary=spec.summary,
        document_type=spec.document_type,
        original_language=spec.original_language,
        original_classification=spec.classification,
        rights=spec.rights,
        repository_id=pools.repositories[spec.repository] if spec.repository is not None else None,
        archival_reference=spec.archival_reference,
        created_by_id=pools.translators[spec.translator],
        assigned_translator_id=pools.translators[spec.translator],
        reviewer_id=pools.editors[spec.editor],
    )
    # What Document.save() does, which bulk_create does not call.
    document.slug = slugify(document.title)[:200]
    document.refresh_date_range()
    return document


def _create_texts(records: list[Record]) -> None:
    texts = insert(
        Text(
            document=record.document,
            kind=text.kind,
            language=text.language,
            title=text.title,
            body=text.body,
            order=order,
        )
        for record in records
        for order, text in enumerate(record.spec.texts)
    )
    position = 0
    for record in records:
        record.texts = texts[position : position + len(record.spec.texts)]
        position += len(record.spec.texts)
    notes = insert(
        Footnote(text=text, number=note.number, kind=note.kind, body=note.body)
        for record in records
        for text, spec in zip(record.texts, record.spec.texts, strict=True)
        for note in spec.footnotes
    )
    by_text: dict[int, list[Footnote]] = {}
    for note in notes:
        by_text.setdefault(note.text_id, []).append(note)
    for record in records:
        for text in record.texts:
            _attach(text, "footnotes", by_text.get(text.pk, []))


# The document's many-to-many fields and the pool each draws from.
_LINKS = {
    "creators": "people",
    "people": "people",
    "places": "places",
    "subjects": "subjects",
    "collections": "collections",
    "donors": "donors",
}


def _link_authorities(records: list[Record], corpus: Corpus) -> None:
    for name, pool_name in _LINKS.items():
        pool = getattr(corpus.pools, pool_name)
        relation = getattr(Document, name)
        model = relation.field.related_model
        # Serializing a document lists its links in the order its related manager reads them.
        if model not in corpus.ranks:
            corpus.ranks[model] = {
                pk: position for position, pk in enumerate(model.objects.values_list("pk", flat=True))
            }
        rank = corpus.ranks[model]
        through, source, target = _through(relation)
        rows = []
        for record in records:
            pks = sorted((pool[position] for position in getattr(record.spec, name)), key=rank.__getitem__)
            rows += [(record.document.pk, pk) for pk in pks]
            # Serializing the document for its revisions reads these instead of querying.
            _attach(record.document, name, [_stand_in(corpus, model, pk) for pk in pks])
        insert_rows(through, [source, target], rows)
    for record in records:
        _attach(record.document, "related_documents", [])


def _stand_in(corpus: Corpus, model: type[models.Model], pk: int) -> models.Model:
    key = (model, pk)
    if key not in corpus.stand_ins:
        corpus.stand_ins[key] = model(pk=pk)
    return corpus.stand_ins[key]


# --- The history: edits and publications ----------------------------------------------------------


def _replay_step(records: list[Record], step: int) -> None:
    """Every record's step-th event: a saved edit (a content revision) or a publication."""
    editing = [record for record in records if _event(record, step) == "E"]
    publishing = [record for record in records if _event(record, step) == "P"]
    if editing:
        # A save records the record as it stands; editing a published record then reopens it as a draft.
        for record in editing:
            record.edits_done += 1
        _write_revisions([(record, _edit_revision(record, step), Action.EDIT) for record in editing])
        for record in editing:
            record.status = Status.DRAFT
    if publishing:
        versions = _publish(publishing, step)
        for record in publishing:
            record.status = Status.PUBLISHED
        _write_revisions(
            [
                (record, _publish_revision(record, version, step), Action.PUBLISH)
                for record, version in zip(publishing, versions, strict=True)
            ]
        )


def _event(record: Record, step: int) -> str:
    return record.spec.history[step] if step < len(record.spec.history) else ""


def _edit_revision(record: Record, step: int) -> Revision:
    first = record.edits_done == 1
    actor = record.document.created_by_id if not record.versions else record.document.reviewer_id
    return Revision(
        date_created=_when(record, step),
        user_id=actor,
        comment="First draft." if first else "Edited.",
    )


def _publish_revision(record: Record, version: PublishedVersion, step: int) -> Revision:
    summary = f"Published revision {version.revision_id} as version {version.number}"
    return Revision(
        date_created=_when(record, step),
        user_id=version.approved_by_id,
        comment=f"{summary}: {version.change_note}" if version.change_note else summary,
    )


def _when(record: Record, step: int) -> dt.datetime:
    return record.spec.started + step * STEP


def _write_revisions(entries: list[tuple[Record, Revision, str]]) -> None:
    """Insert the revisions, each with the Version rows of its record's state, and their audit entries."""
    states = [(revision, _state_versions(record)) for record, revision, _action in entries]
    insert([revision for revision, _ in states])
    insert_rows(
        Version,
        ["revision_id", *VERSION_COLUMNS],
        [(revision.pk, *row) for revision, rows in states for row in rows],
    )
    insert(_audit_entry(record, revision, action) for record, revision, action in entries)
    for (record, revision, action), (_, rows) in zip(entries, states, strict=True):
        if action == Action.EDIT:
            record.content_revision, record.content_rows = revision, rows


def _audit_entry(record: Record, revision: Revision, action: str) -> AuditEntry:
    published = action == Action.PUBLISH
    return AuditEntry(
        actor_id=revision.user_id,
        document=record.document,
        action=action,
        from_state=Status.IN_REVIEW if published else Status.DRAFT,
        to_state=Status.PUBLISHED if published else Status.DRAFT,
        revision=revision,
        comment=record.versions[-1].change_note if published else "",
        created_at=revision.date_created,
    )


# A Version row's columns besides its revision, in the order _version_row gives them.
VERSION_COLUMNS = ["content_type_id", "object_id", "db", "format", "serialized_data", "object_repr"]
# Where in those rows the columns curation.snapshot reads a revision by (its StoredRows) are.
_STORED = [
    VERSION_COLUMNS.index(name) for name in ("content_type_id", "format", "serialized_data", "object_repr")
]


def _state_versions(record: Record) -> list[tuple]:
    """The record as its latest edit left it, serialized as django-reversion serializes a revision.

    From one revision of a generated record to the next only the document (its status and live
    version) and the texts (their drafts) change: the rest is serialized once per record, and what
    a revision follows is walked once.
    """
    document = record.document
    document.status = record.status
    document.current_version_id = record.versions[-1].pk if record.versions else None
    draft = record.edits_done - 1
    for text, spec in zip(record.texts, record.spec.texts, strict=True):
        text.body = spec.drafts[draft] if 0 <= draft < len(spec.drafts) else spec.body
    if not record.followed:
        _attach(document, "texts", record.texts)
        _attach(document, "contributions", record.contributions)
        _attach(document, "provenance_events", record.provenance)
        _attach(document, "attachments", [])
        record.followed = _followed(document)
    return [_version_row(instance, record.serialized) for instance in record.followed]


def _followed(instance: models.Model) -> list[models.Model]:
    """The instance and everything its registration follows, in the order django-reversion adds them."""
    found = [instance]
    for related in _follow_relations(instance):
        found += _followed(related)
    return found


def _version_row(instance: models.Model, serialized: dict) -> tuple:
    """The VERSION_COLUMNS of a Version of `instance`, as reversion.revisions._add_to_revision
    builds it; serialized once for each state the instance is in during its record's history."""
    if isinstance(instance, Document):
        key = (Document, instance.status, instance.current_version_id)
    elif isinstance(instance, Text):
        key = (Text, instance.pk, instance.body)
    else:
        key = (type(instance), instance.pk)
    if key not in serialized:
        serialized[key] = _serialize(instance)
    return serialized[key]


def _serialize(instance: models.Model) -> tuple:
    options = _get_options(type(instance))
    content_type = ContentType.objects.get_for_model(
        type(instance), for_concrete_model=options.for_concrete_model
    )
    return (
        content_type.pk,
        str(getattr(instance, options.object_id_field)),
        DEFAULT_DB_ALIAS,
        options.format,
        _serialized_data(instance, options),
        str(instance),
    )


def _serialized_data(instance: models.Model, options) -> str:
    """serializers.serialize(options.format, [instance], ...), as reversion calls it.

    For JSON, the same text built faster: Django's JSON serializer writes each object with
    json.dump, which takes the pure-Python encoder; json.dumps with the same options takes the C
    one and gives the same text (a tenth of the generator's Python time went to the former).
    """
    arguments = {"fields": options.fields, "use_natural_foreign_keys": options.use_natural_foreign_keys}
    if options.format != "json":
        return serializers.serialize(options.format, (instance,), **arguments)
    (data,) = _Serializer().serialize((instance,), **arguments)
    return f"[{json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)}]"


class _Serializer(PythonSerializer):
    """Django's Python serializer, reading a prefetched many-to-many list (see _attach) without first
    building the queryset it would read otherwise: Django builds it even when the list is there (it
    is the default of a dict.get), seven times for each document."""

    def handle_m2m_field(self, obj: models.Model, field: models.ManyToManyField) -> None:
        prefetched = getattr(obj, "_prefetched_objects_cache", {})
        natural = self.use_natural_foreign_keys and hasattr(field.remote_field.model, "natural_key")
        if field.name in prefetched and field.remote_field.through._meta.auto_created and not natural:
            self._current[field.name] = [
                self._value_from_field(related, related._meta.pk) for related in prefetched[field.name]
            ]
        else:
            super().handle_m2m_field(obj, field)


# --- Publishing -----------------------------------------------------------------------------------


def _publish(records: list[Record], step: int) -> list[PublishedVersion]:
    """Freeze each record's latest content revision into its next PublishedVersion, as approval does."""
    versions = []
    for record in records:
        number = len(record.versions) + 1
        version = PublishedVersion(
            document=record.document,
            number=number,
            revision=record.content_revision,
            approved_by_id=record.document.reviewer_id,
            approved_at=_when(record, step),
            published_at=_when(record, step),
            change_note=CHANGE_NOTES[record.spec.index % len(CHANGE_NOTES)] if number > 1 else "",
            # Built from the Version rows just inserted, as approval builds it from the same rows
            # read back: the same values, without reading 100 KB a record back.
            payload=build_payload(
                record.content_revision,
                record.document,
                stored=[tuple(row[index] for index in _STORED) for row in record.content_rows],
            ),
            # A record's last publication is its current version; earlier ones were superseded.
            is_current=step == record.spec.history.rindex("P"),
        )
        version.fill_columns_from_payload()
        versions.append(version)
    insert(versions)
    _link_facets(versions)
    for record, version in zip(records, versions, strict=True):
        record.versions.append(version)
    return versions


# PublishedVersion.link_facets, row for row: the version's facet links from its payload.
_FACET_LINKS = {
    "collections": ("collections",),
    "subjects": ("subjects",),
    "places": ("places",),
    "people": ("creators", "people"),
}


def _link_facets(versions: list[PublishedVersion]) -> None:
    for name, parts in _FACET_LINKS.items():
        through, source, target = _through(getattr(PublishedVersion, name))
        insert(
            through(**{source: version.pk, target: pk})
            for version in versions
            for pk in dict.fromkeys(item["id"] for part in parts for item in version.payload[part])
        )


def _make_current(records: list[Record]) -> None:
    """Point each record at its current version and index it, as PublishedVersion.objects.move_current
    does (its signal's receiver indexes one record; the batch is indexed in one go)."""
    for record in records:
        document = record.document
        document.current_version = next(version for version in record.versions if version.is_current)
        document.status = record.status
    Document.objects.bulk_update([record.document for record in records], ["status", "current_version"])
    index_versions([record.document.current_version for record in records])


def _through(relation) -> tuple[type[models.Model], str, str]:
    """A many-to-many relation's through model and the attnames of its two foreign keys."""
    field = relation.field
    return relation.through, f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"


def _attach(instance: models.Model, relation: str, objects) -> None:
    """Make `instance.<relation>.all()` return these objects, as prefetch_related would."""
    queryset = getattr(instance, relation).model._base_manager.none()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    instance._prefetched_objects_cache = {
        **getattr(instance, "_prefetched_objects_cache", {}),
        relation: queryset,
    }
