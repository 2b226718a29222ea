"""Record states: one normalised dict for a revision's stored rows or a published payload.

See the package docstring for the shape. Values are what a reviewer reads (labels, names), so that
both kinds of source compare the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Revision

from archive import models as archive_models
from archive.dates import parse_date
from archive.languages import language_name

RecordState = dict[str, Any]

METADATA_FIELDS: tuple[tuple[str, Any], ...] = (
    ("title", gettext_lazy("title")),
    ("date", gettext_lazy("date")),
    ("display_date_override", gettext_lazy("display date override")),
    ("document_type", gettext_lazy("document type")),
    ("original_language", gettext_lazy("original language")),
    ("original_classification", gettext_lazy("original classification")),
    ("summary", gettext_lazy("summary")),
    ("repository", gettext_lazy("repository")),
    ("archival_reference", gettext_lazy("archival reference")),
    ("source_override", gettext_lazy("source sentence override")),
    ("rights", gettext_lazy("rights")),
)
LINK_FIELDS: tuple[tuple[str, Any], ...] = (
    ("creators", gettext_lazy("authors")),
    ("people", gettext_lazy("people mentioned")),
    ("places", gettext_lazy("places")),
    ("subjects", gettext_lazy("subjects")),
    ("collections", gettext_lazy("collections")),
    ("donors", gettext_lazy("funders")),
    ("related_documents", gettext_lazy("related documents")),
)
LINK_MODELS = {
    "creators": archive_models.Person,
    "people": archive_models.Person,
    "places": archive_models.Place,
    "subjects": archive_models.Subject,
    "collections": archive_models.Collection,
    "donors": archive_models.Donor,
    "related_documents": archive_models.Document,
}
TEXT_KIND_ORDER = {kind: index for index, kind in enumerate(archive_models.Text.Kind.values)}


def state_of_revision(revision: Revision, *, document_id: int | str | None = None) -> RecordState:
    """Rebuild a record's state from the Version rows stored in one of its revisions."""
    versions = _versions_by_model(revision)
    document_version = _pick_document_version(versions[archive_models.Document], document_id, revision)
    fields = document_version.field_dict
    texts = [
        v.field_dict for v in versions[archive_models.Text] if v.field_dict["document_id"] == fields["id"]
    ]
    text_ids = {text["id"] for text in texts}
    notes = [v.field_dict for v in versions[archive_models.Footnote] if v.field_dict["text_id"] in text_ids]
    provenance = _of_document(versions[archive_models.ProvenanceEvent], fields["id"])
    credits = _of_document(versions[archive_models.Contribution], fields["id"])
    names = _NameResolver.for_state(fields, provenance, credits)
    return {
        "metadata": _metadata(fields, names),
        "links": {name: names.names(name, fields.get(name) or []) for name, _label in LINK_FIELDS},
        "texts": _texts(texts, notes),
        "provenance": [_provenance_row(row, names) for row in _in_order(provenance)],
        "credits": [_credit_row(row, names) for row in _in_order(credits)],
    }


def _versions_by_model(revision: Revision) -> dict[type, list]:
    grouped: dict[type, list] = defaultdict(list)
    for version in revision.version_set.select_related("content_type"):
        grouped[version.content_type.model_class()].append(version)
    return grouped


def _pick_document_version(candidates: list, document_id, revision: Revision):
    if document_id is not None:
        candidates = [v for v in candidates if v.object_id == str(document_id)]
    if len(candidates) != 1:
        raise ValueError(f"Revision {revision.pk} does not hold exactly one version of the document.")
    return candidates[0]


def _of_document(versions: list, document_id: int) -> list[dict]:
    return [v.field_dict for v in versions if v.field_dict["document_id"] == document_id]


def _in_order(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda row: (row["order"], row["id"]))


class _NameResolver:
    """Names of the people, places and other authorities a state links to, fetched in one query each.

    Authorities are looked up as they are now: a renamed person shows under the new name on both
    sides, so a rename alone never shows as a change to the record. A deleted one shows its id.
    """

    def __init__(self, wanted: Mapping[type, set]) -> None:
        self._names = {model: _names_by_pk(model, pks) for model, pks in wanted.items() if pks}

    @classmethod
    def for_state(cls, fields: dict, provenance: list[dict], credits: list[dict]) -> _NameResolver:
        wanted: dict[type, set] = defaultdict(set)
        for name, model in LINK_MODELS.items():
            wanted[model].update(fields.get(name) or [])
        wanted[archive_models.Repository].update(filter(None, [fields.get("repository_id")]))
        wanted[archive_models.Place].update(filter(None, (row["place_id"] for row in provenance)))
        wanted[archive_models.Person].update(row["person_id"] for row in credits)
        return cls(wanted)

    def name(self, model: type, pk) -> str:
        if pk is None:
            return ""
        found = self._names.get(model, {}).get(_as_pk(pk))
        return (
            found
            if found is not None
            else _("%(model)s #%(pk)s (deleted)")
            % {
                "model": model._meta.verbose_name,
                "pk": pk,
            }
        )

    def names(self, field_name: str, pks: Iterable) -> list[str]:
        return sorted(self.name(LINK_MODELS[field_name], pk) for pk in pks)


def _names_by_pk(model: type, pks: set) -> dict:
    queryset = model.objects.all()
    if model is archive_models.Place:
        queryset = queryset.select_related("parent")  # a place is named with the place it is in
    return {pk: str(obj) for pk, obj in queryset.in_bulk(list(pks)).items()}


def _as_pk(value) -> int | str:
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def _metadata(fields: dict, names: _NameResolver) -> dict[str, str]:
    return {
        "title": fields.get("title") or "",
        "date": _date_display(fields.get("date") or ""),
        "display_date_override": fields.get("display_date_override") or "",
        "document_type": choice_label(archive_models.Document.Type, fields.get("document_type")),
        "original_language": _language_display(fields.get("original_language") or ""),
        "original_classification": fields.get("original_classification") or "",
        "summary": fields.get("summary") or "",
        "repository": names.name(archive_models.Repository, fields.get("repository_id")),
        "archival_reference": fields.get("archival_reference") or "",
        "source_override": fields.get("source_override") or "",
        "rights": fields.get("rights") or "",
    }


def _date_display(edtf: str) -> str:
    """ "1962-05-21 (May 21, 1962)": the stored value and what readers see."""
    if not edtf:
        return ""
    try:
        return f"{edtf} ({parse_date(edtf).display})"
    except ValidationError:  # a legacy value that no longer parses is still shown, as entered
        return edtf


def choice_label(choices, value: str | None) -> str:
    if not value:
        return ""
    return str(dict(choices.choices).get(value, value))


def _language_display(code: str) -> str:
    return f"{language_name(code)} ({code})" if code else ""


def text_key(kind: str, language: str) -> str:
    return f"{kind}:{language}"


def _texts(texts: list[dict], notes: list[dict]) -> dict[str, dict]:
    notes_by_text: dict[int, dict[int, dict]] = defaultdict(dict)
    for note in notes:
        notes_by_text[note["text_id"]][int(note["number"])] = {"kind": note["kind"], "body": note["body"]}
    ordered = sorted(texts, key=lambda t: (t["order"], TEXT_KIND_ORDER.get(t["kind"], 99), t["id"]))
    return {
        text_key(text["kind"], text["language"]): {
            "kind": text["kind"],
            "language": text["language"],
            "title": text.get("title") or "",
            "body": text.get("body") or "",
            "footnotes": dict(sorted(notes_by_text[text["id"]].items())),
        }
        for text in ordered
    }


def _provenance_row(row: dict, names: _NameResolver) -> dict[str, str]:
    return {
        "kind": choice_label(archive_models.ProvenanceEvent.Kind, row["kind"]),
        "date": _date_display(row.get("date") or ""),
        "agent": row.get("agent") or "",
        "place": names.name(archive_models.Place, row.get("place_id")),
        "reference": row.get("reference") or "",
        "note": row.get("note") or "",
    }


def _credit_row(row: dict, names: _NameResolver) -> dict[str, str]:
    return {
        "person": names.name(archive_models.Person, row["person_id"]),
        "role": choice_label(archive_models.Contribution.Role, row["role"]),
        "qualifier": row.get("qualifier") or "",
    }


def state_of_published(payload: Mapping[str, Any]) -> RecordState:
    """The state a PublishedVersion's payload (curation.snapshot) shows the public.

    The payload holds what readers see, not every working field: the source-sentence override is
    folded into the generated sentence, so that field is left out and never compared.
    """
    repository = payload.get("repository")
    metadata = {
        "title": payload.get("title") or "",
        "date": _date_display(payload.get("date") or ""),
        "display_date_override": _display_override(payload),
        "document_type": choice_label(archive_models.Document.Type, payload.get("document_type")),
        "original_language": _language_display(payload.get("original_language") or ""),
        "original_classification": payload.get("original_classification") or "",
        "summary": payload.get("summary") or "",
        "repository": _repository_name(repository) if repository else "",
        "archival_reference": payload.get("archival_reference") or "",
        "rights": payload.get("rights") or "",
    }
    return {
        "metadata": metadata,
        "links": _payload_links(payload),
        "texts": _payload_texts(payload.get("texts") or []),
        "provenance": [_payload_provenance(row) for row in payload.get("provenance") or []],
        "credits": [_payload_credit(row) for row in payload.get("credits") or []],
    }


def _display_override(payload: Mapping[str, Any]) -> str:
    """The payload keeps only the date readers see; it was an override if the EDTF gives another."""
    shown, edtf = payload.get("display_date") or "", payload.get("date") or ""
    try:
        generated = parse_date(edtf).display if edtf else ""
    except ValidationError:
        generated = ""
    return "" if shown == generated else shown


def _repository_name(repository: Mapping[str, Any]) -> str:
    # As Repository.__str__ names it, so that an unchanged repository compares equal.
    name, abbreviation = repository.get("name") or "", repository.get("abbreviation") or ""
    return f"{name} ({abbreviation})" if abbreviation else name


def _payload_links(payload: Mapping[str, Any]) -> dict[str, list[str]]:
    name_of = {
        "creators": "name",
        "people": "name",
        "places": "full_name",
        "subjects": "heading",
        "collections": "title",
        "donors": "name",
        "related_documents": "title",
    }
    return {field: sorted(item[key] for item in payload.get(field) or []) for field, key in name_of.items()}


def _payload_texts(texts: list[Mapping[str, Any]]) -> dict[str, dict]:
    return {
        text_key(text["kind"], text["language"]): {
            "kind": text["kind"],
            "language": text["language"],
            "title": text.get("title") or "",
            "body": text.get("body") or "",
            "footnotes": {
                int(note["number"]): {"kind": note["kind"], "body": note["body"]}
                for note in text.get("footnotes") or []
            },
        }
        for text in texts
    }


def _payload_provenance(row: Mapping[str, Any]) -> dict[str, str]:
    place = row.get("place")
    return {
        "kind": choice_label(archive_models.ProvenanceEvent.Kind, row.get("kind")),
        "date": _date_display(row.get("date") or ""),
        "agent": row.get("agent") or "",
        "place": place["full_name"] if place else "",
        "reference": row.get("reference") or "",
        "note": row.get("note") or "",
    }


def _payload_credit(row: Mapping[str, Any]) -> dict[str, str]:
    return {
        "person": row["person"]["name"],
        "role": choice_label(archive_models.Contribution.Role, row.get("role")),
        "qualifier": row.get("qualifier") or "",
    }


def empty_state() -> RecordState:
    """The state before a record's first revision: comparing with it shows everything as added."""
    return {
        "metadata": {name: "" for name, _label in METADATA_FIELDS},
        "links": {name: [] for name, _label in LINK_FIELDS},
        "texts": {},
        "provenance": [],
        "credits": [],
    }
