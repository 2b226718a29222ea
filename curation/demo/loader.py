"""Builds the demo archive: the authority records, then each document and the workflow it goes through.

Every record is saved the way the admin saves one, inside `reversion.create_revision()` with a user and
a comment, so the demo has the same history a real archive would. Workflow states are reached only
through curation/actions.py. A document whose external identifier ("demo:…") is already in the
database is left alone, so loading twice changes nothing; each document is built in its own
transaction, so a failure leaves no half-built record behind.
"""

from collections import Counter
from dataclasses import dataclass, field

import reversion
from django.db import models, transaction
from django.utils.translation import gettext as _

from archive.models import (
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
from curation.demo import authorities, berlin, east_asia, test_ban
from curation.demo.workflow import run_step, save_as_revision

DOCUMENTS: list[dict] = [*test_ban.DOCUMENTS, *berlin.DOCUMENTS, *east_asia.DOCUMENTS]
DOCUMENT_FIELDS = (
    "external_id",
    "title",
    "date",
    "display_date_override",
    "document_type",
    "original_language",
    "original_classification",
    "summary",
    "rights",
    "archival_reference",
)


@dataclass
class Authorities:
    """The demo's authority records by the name the content uses for them."""

    people: dict[str, Person] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    subjects: dict[str, Subject] = field(default_factory=dict)
    collections: dict[str, Collection] = field(default_factory=dict)
    repositories: dict[str, Repository] = field(default_factory=dict)
    donors: dict[str, Donor] = field(default_factory=dict)
    created: Counter = field(default_factory=Counter)
    existing: int = 0


@dataclass(frozen=True)
class DocumentOutcome:
    external_id: str
    document: Document
    created: bool

    @property
    def versions(self) -> int:
        return self.document.published_versions.count()


def load_authorities(*, actor) -> Authorities:
    """Find or create every authority record the demo documents link to."""
    found = Authorities()
    for values in authorities.PEOPLE:
        found.people[values["name"]] = _find_or_create(found, Person, {"name": values["name"]}, values, actor)
    for values in authorities.PLACES:
        parent = found.places.get(values.get("parent", ""))
        lookup = {"name": values["name"], "parent": parent}
        fields = {key: value for key, value in values.items() if key != "parent"}
        found.places[values["name"]] = _find_or_create(found, Place, lookup, fields, actor)
    for values in authorities.SUBJECTS:
        lookup = {"heading": normalise_heading(values["heading"])}
        found.subjects[values["heading"]] = _find_or_create(found, Subject, lookup, values, actor)
    for values in authorities.COLLECTIONS:
        lookup = models.Q(title=values["title"]) | models.Q(slug=values["slug"])
        found.collections[values["title"]] = _find_or_create(found, Collection, lookup, values, actor)
    for values in authorities.REPOSITORIES:
        lookup = {"name": values["name"]}
        found.repositories[values["abbreviation"]] = _find_or_create(found, Repository, lookup, values, actor)
    for values in authorities.DONORS:
        found.donors[values["name"]] = _find_or_create(found, Donor, {"name": values["name"]}, values, actor)
    return found


def _find_or_create(found: Authorities, model, lookup, values: dict, actor):
    query = lookup if isinstance(lookup, models.Q) else models.Q(**lookup)
    instance = model.objects.filter(query).first()
    if instance is not None:
        found.existing += 1
        return instance
    instance = model(**(values if isinstance(lookup, models.Q) else {**values, **lookup}))
    instance.full_clean()
    with reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(_("Demo data: added “%(name)s”.") % {"name": instance})
        instance.save()
    found.created[model._meta.verbose_name_plural] += 1
    return instance


def load_documents(*, found: Authorities, actors: dict) -> list[DocumentOutcome]:
    return [load_document(spec, found=found, actors=actors) for spec in DOCUMENTS]


def load_document(spec: dict, *, found: Authorities, actors: dict) -> DocumentOutcome:
    existing = Document.objects.filter(external_id=spec["external_id"]).first()
    if existing is not None:
        return DocumentOutcome(spec["external_id"], existing, created=False)
    with transaction.atomic():
        document = enter_document(spec, found=found, author=actors[spec["created_by"]])
        for step in spec["workflow"]:
            run_step(document, step, actor=actors[step.by])
            document.refresh_from_db()
    return DocumentOutcome(spec["external_id"], document, created=True)


def enter_document(spec: dict, *, found: Authorities, author) -> Document:
    """The first revision of a record, saved as a translator saves a new record in the admin."""

    def save() -> Document:
        document = Document(**{name: spec.get(name, "") for name in DOCUMENT_FIELDS})
        document.repository = found.repositories[spec["repository"]] if spec["repository"] else None
        document.created_by = author
        _save(document)
        _add_texts(document, spec["texts"])
        _add_provenance(document, spec["provenance"], found)
        _add_credits(document, spec["credits"], found)
        _link(document, spec, found)
        return document

    return save_as_revision(save, actor=author, comment=_("Demo data: record entered."))


def _add_texts(document: Document, texts: list[dict]) -> None:
    for order, values in enumerate(texts):
        text = Text(
            document=document,
            kind=values["kind"],
            language=values["language"],
            title=values["title"],
            body=values["body"],
            order=order,
        )
        _save(text)
        for number, kind, body in values["footnotes"]:
            _save(Footnote(text=text, number=number, kind=kind, body=body))


def _add_provenance(document: Document, events: list[dict], found: Authorities) -> None:
    for order, values in enumerate(events):
        place = found.places[values["place"]] if values.get("place") else None
        fields = {key: value for key, value in values.items() if key != "place"}
        _save(ProvenanceEvent(document=document, order=order, place=place, **fields))


def _add_credits(document: Document, credits: list[tuple[str, str, str]], found: Authorities) -> None:
    for order, (name, role, qualifier) in enumerate(credits):
        person = found.people[name]
        _save(Contribution(document=document, person=person, role=role, qualifier=qualifier, order=order))


def _link(document: Document, spec: dict, found: Authorities) -> None:
    document.creators.set([found.people[name] for name in spec["creators"]])
    document.people.set([found.people[name] for name in spec["people"]])
    document.places.set([found.places[name] for name in spec["places"]])
    document.subjects.set([found.subjects[heading] for heading in spec["subjects"]])
    document.collections.set([found.collections[title] for title in spec["collections"]])
    document.donors.set([found.donors[name] for name in spec["donors"]])
    document.related_documents.set(Document.objects.filter(external_id__in=spec.get("related", [])))


def _save(instance: models.Model) -> None:
    instance.full_clean()
    instance.save()
