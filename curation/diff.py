"""Revision comparison: what changed between two states of a record, word by word and field by field.

Both sides of a comparison are a *record state*: one plain dict built either from a reversion
revision's stored Version rows (never from the live working copy, which may have moved on) or from a
PublishedVersion's payload. Comparing two states always goes through the same code, so "revision 12
against revision 9" and "revision 12 against what the public sees" read the same way.

A record state looks like this (every value a string unless noted):

    {
        "metadata": {"title": …, "date": …, "summary": …, …},          # see METADATA_FIELDS
        "links": {"creators": [names], "people": [names], …},           # see LINK_FIELDS, sorted
        "texts": {"translation:en": {"kind", "language", "title", "body",
                                     "footnotes": {1: {"kind", "body"}, …}}, …},
        "provenance": [{"kind", "date", "agent", "place", "reference", "note"}, …],   # in order
        "credits": [{"person", "role", "qualifier"}, …],                              # in order
    }

Texts are word-diffed with difflib.SequenceMatcher over tokens: words, single punctuation marks,
whitespace runs, footnote markers "[n]" as tokens of their own, and every Chinese or Japanese
character on its own (those scripts do not separate words with spaces).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Revision

from archive import models as archive_models
from archive.dates import parse_date
from archive.languages import language_name
from archive.markers import MARKER_RE

RecordState = dict[str, Any]

# Han ideographs (with extensions and compatibility forms), kana, CJK punctuation and full-width forms.
_CJK = (
    "\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
    "\U00020000-\U0003134f"
)
TOKEN_RE = re.compile(rf"{MARKER_RE.pattern}|[{_CJK}]|[^\W{_CJK}]+|\s+|.", re.DOTALL)
# A sentence ends at a full stop, question or exclamation mark (Latin or CJK) and the closing quotes,
# brackets and whitespace after it, or at a line break.
SENTENCE_RE = re.compile(r"[^\n.!?。！？]*(?:[.!?。！？]+[\"'»”’)\]]*[ \t]*\n*|\n+)|[^\n.!?。！？]+$")
# Above this many token pairs in one differing block, the block is shown as replaced whole (see
# _diff_tokens); ordinary texts, which break into sentences, never come near it.
MAX_TOKEN_PAIRS = 4_000_000
# Unchanged words kept around a change when a long text is shown condensed.
CONTEXT_WORDS = 25

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
PROVENANCE_COLUMNS = ("kind", "date", "agent", "place", "reference", "note")
CREDIT_COLUMNS = ("person", "role", "qualifier")
TEXT_KIND_ORDER = {kind: index for index, kind in enumerate(archive_models.Text.Kind.values)}


# --- Word-level diffs --------------------------------------------------------------------------------


def tokenize(text: str) -> list[str]:
    """Split text into diff tokens; joining the tokens gives the text back exactly."""
    return [match.group() for match in TOKEN_RE.finditer(text or "")]


def _is_word(token: str) -> bool:
    return any(char.isalnum() for char in token)


def _count_words(tokens: Iterable[str]) -> int:
    return sum(1 for token in tokens if _is_word(token))


@dataclass(frozen=True)
class Change:
    """A run of deleted tokens replaced by a run of inserted tokens (either may be empty)."""

    deleted: tuple[str, ...]
    inserted: tuple[str, ...]


@dataclass(frozen=True)
class Equal:
    tokens: tuple[str, ...]


@dataclass(frozen=True)
class WordDiff:
    """The word-level difference between two strings, as alternating equal and changed chunks."""

    chunks: tuple[Equal | Change, ...]

    @property
    def changed(self) -> bool:
        return any(isinstance(chunk, Change) for chunk in self.chunks)

    @property
    def inserted_words(self) -> int:
        return sum(_count_words(c.inserted) for c in self.chunks if isinstance(c, Change))

    @property
    def deleted_words(self) -> int:
        return sum(_count_words(c.deleted) for c in self.chunks if isinstance(c, Change))

    @property
    def old(self) -> str:
        return "".join("".join(c.tokens if isinstance(c, Equal) else c.deleted) for c in self.chunks)

    @property
    def new(self) -> str:
        return "".join("".join(c.tokens if isinstance(c, Equal) else c.inserted) for c in self.chunks)

    def html(self, *, condensed: bool = False) -> SafeString:
        """The text with <del> and <ins> marks, HTML-escaped; `condensed` shortens long unchanged runs."""
        last = len(self.chunks) - 1
        parts = []
        for index, chunk in enumerate(self.chunks):
            if isinstance(chunk, Change):
                parts.append(_change_html(chunk))
            elif condensed and self.changed:
                parts.append(_condensed_equal_html(chunk.tokens, first=index == 0, last=index == last))
            else:
                parts.append(escape("".join(chunk.tokens)))
        return mark_safe("".join(parts))


def _change_html(change: Change) -> str:
    deleted = f"<del>{escape(''.join(change.deleted))}</del>" if change.deleted else ""
    inserted = f"<ins>{escape(''.join(change.inserted))}</ins>" if change.inserted else ""
    return deleted + inserted


def _condensed_equal_html(tokens: tuple[str, ...], *, first: bool, last: bool) -> str:
    """Keep CONTEXT_WORDS words next to each neighbouring change; fold the middle away."""
    word_positions = [i for i, token in enumerate(tokens) if _is_word(token)]
    keep_head = 0 if first else CONTEXT_WORDS
    keep_tail = 0 if last else CONTEXT_WORDS
    if len(word_positions) <= keep_head + keep_tail + CONTEXT_WORDS:
        return escape("".join(tokens))
    head_end = word_positions[keep_head] if keep_head else 0
    tail_start = word_positions[-keep_tail] if keep_tail else len(tokens)
    skipped = _count_words(tokens[head_end:tail_start])
    skip = _("… %(count)d unchanged words …") % {"count": skipped}
    return (
        escape("".join(tokens[:head_end]))
        + f'<span class="diff-skip">{escape(skip)}</span>'
        + escape("".join(tokens[tail_start:]))
    )


def diff_words(old: str, new: str) -> WordDiff:
    """Word-level diff of two strings.

    Two passes keep long texts fast without the matcher's "popular element" heuristic (autojunk),
    which silently ruins diffs of long texts: sentences are aligned first, and only runs of
    sentences that differ are compared token by token.
    """
    if old == new:
        return WordDiff(chunks=(Equal(tuple(tokenize(old))),) if old else ())
    old_units, new_units = split_sentences(old), split_sentences(new)
    matcher = SequenceMatcher(None, old_units, new_units, autojunk=False)
    chunks: list[Equal | Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            chunks.append(Equal(tuple(tokenize("".join(old_units[i1:i2])))))
        else:
            chunks += _diff_tokens(tokenize("".join(old_units[i1:i2])), tokenize("".join(new_units[j1:j2])))
    return WordDiff(chunks=tuple(_merge_across_spaces(_join_equals(chunks))))


def split_sentences(text: str) -> list[str]:
    """Sentences and lines, each with the whitespace after it; joined, they give the text back."""
    return [match.group() for match in SENTENCE_RE.finditer(text or "") if match.group()]


def _diff_tokens(old_tokens: list[str], new_tokens: list[str]) -> Iterator[Equal | Change]:
    head = _common_prefix_length(old_tokens, new_tokens)
    tail = _common_prefix_length(old_tokens[head:][::-1], new_tokens[head:][::-1])
    old_middle, new_middle = (
        old_tokens[head : len(old_tokens) - tail],
        new_tokens[head : len(new_tokens) - tail],
    )
    yield Equal(tuple(old_tokens[:head]))
    if len(old_middle) * len(new_middle) > MAX_TOKEN_PAIRS:
        # A pathological block (thousands of tokens with no sentence break on both sides) is shown
        # replaced as a whole: a coarser diff beats a review page that takes minutes to load.
        yield Change(tuple(old_middle), tuple(new_middle))
    else:
        yield from _match_tokens(old_middle, new_middle)
    yield Equal(tuple(old_tokens[len(old_tokens) - tail :]))


def _common_prefix_length(first: list[str], second: list[str]) -> int:
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return length


def _match_tokens(old_tokens: list[str], new_tokens: list[str]) -> Iterator[Equal | Change]:
    # Whitespace is junk: it never anchors a match on its own (thousands of identical spaces would
    # make the matcher quadratic and the diff ragged), but matches extend over it and it is kept.
    matcher = SequenceMatcher(str.isspace, old_tokens, new_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            yield Equal(tuple(old_tokens[i1:i2]))
        else:
            yield Change(tuple(old_tokens[i1:i2]), tuple(new_tokens[j1:j2]))


def _join_equals(chunks: list[Equal | Change]) -> list[Equal | Change]:
    joined: list[Equal | Change] = []
    for chunk in chunks:
        if joined and isinstance(chunk, Equal) and isinstance(joined[-1], Equal):
            joined[-1] = Equal(joined[-1].tokens + chunk.tokens)
        elif not (isinstance(chunk, Equal) and not chunk.tokens):
            joined.append(chunk)
    return joined


def _merge_across_spaces(chunks: list[Equal | Change]) -> Iterator[Equal | Change]:
    """Join two replacements separated only by whitespace: "<del>a b</del><ins>c d</ins>"."""
    pending: list[Equal | Change] = []
    for chunk in chunks:
        pending.append(chunk)
        if len(pending) == 3 and _joinable(*pending):
            first, space, second = pending
            pending = [
                Change(
                    first.deleted + space.tokens + second.deleted,
                    first.inserted + space.tokens + second.inserted,
                )
            ]
        elif len(pending) == 3:
            yield pending.pop(0)
    yield from pending


def _joinable(first, space, second) -> bool:
    return (
        isinstance(first, Change)
        and isinstance(space, Equal)
        and isinstance(second, Change)
        and all(token.isspace() for token in space.tokens)
        and all((first.deleted, first.inserted, second.deleted, second.inserted))
    )


# --- Record states -------------------------------------------------------------------------------------


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
        "document_type": _choice_label(archive_models.Document.Type, fields.get("document_type")),
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


def _choice_label(choices, value: str | None) -> str:
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
        "kind": _choice_label(archive_models.ProvenanceEvent.Kind, row["kind"]),
        "date": _date_display(row.get("date") or ""),
        "agent": row.get("agent") or "",
        "place": names.name(archive_models.Place, row.get("place_id")),
        "reference": row.get("reference") or "",
        "note": row.get("note") or "",
    }


def _credit_row(row: dict, names: _NameResolver) -> dict[str, str]:
    return {
        "person": names.name(archive_models.Person, row["person_id"]),
        "role": _choice_label(archive_models.Contribution.Role, row["role"]),
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
        "document_type": _choice_label(archive_models.Document.Type, payload.get("document_type")),
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
        "kind": _choice_label(archive_models.ProvenanceEvent.Kind, row.get("kind")),
        "date": _date_display(row.get("date") or ""),
        "agent": row.get("agent") or "",
        "place": place["full_name"] if place else "",
        "reference": row.get("reference") or "",
        "note": row.get("note") or "",
    }


def _payload_credit(row: Mapping[str, Any]) -> dict[str, str]:
    return {
        "person": row["person"]["name"],
        "role": _choice_label(archive_models.Contribution.Role, row.get("role")),
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


# --- Comparing two states ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """One metadata field that differs: its label, both values and their word diff."""

    name: str
    label: str
    old: str
    new: str
    diff: WordDiff


@dataclass(frozen=True)
class LinkChange:
    """A set of linked entities (authors, places …) that differs, by name."""

    name: str
    label: str
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True)
class FootnoteChange:
    number: int
    status: str  # "added", "removed", "changed", "unchanged"
    old_kind: str
    new_kind: str
    diff: WordDiff

    @property
    def kind_changed(self) -> bool:
        return self.status == "changed" and self.old_kind != self.new_kind


@dataclass(frozen=True)
class TextChange:
    key: str
    kind: str
    language: str
    status: str  # "added", "removed", "changed", "unchanged"
    title: WordDiff
    body: WordDiff
    footnotes: tuple[FootnoteChange, ...]

    @property
    def label(self) -> str:
        kind = _choice_label(archive_models.Text.Kind, self.kind)
        return f"{kind.capitalize()} ({language_name(self.language)})"

    @property
    def changed_footnotes(self) -> tuple[FootnoteChange, ...]:
        return tuple(note for note in self.footnotes if note.status != "unchanged")


@dataclass(frozen=True)
class RowChange:
    """A provenance event or credit that was added, removed or changed."""

    status: str  # "added", "removed", "changed"
    old: dict[str, str] | None
    new: dict[str, str] | None
    changed_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChangeSize:
    """How big a change is, for the review queue: words in and out, fields and rows touched."""

    inserted_words: int
    deleted_words: int
    fields_changed: int

    @property
    def is_empty(self) -> bool:
        return not (self.inserted_words or self.deleted_words or self.fields_changed)

    def __str__(self) -> str:
        return _("+%(ins)d / −%(del)d words, %(fields)d other changes") % {
            "ins": self.inserted_words,
            "del": self.deleted_words,
            "fields": self.fields_changed,
        }


@dataclass(frozen=True)
class RecordDiff:
    metadata: tuple[FieldChange, ...]
    links: tuple[LinkChange, ...]
    texts: tuple[TextChange, ...]
    provenance: tuple[RowChange, ...]
    credits: tuple[RowChange, ...]
    size: ChangeSize = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "size", self._size())

    @property
    def changed(self) -> bool:
        return not self.size.is_empty

    @property
    def changed_texts(self) -> tuple[TextChange, ...]:
        return tuple(text for text in self.texts if text.status != "unchanged")

    def _size(self) -> ChangeSize:
        diffs = [change.diff for change in self.metadata]
        for text in self.texts:
            diffs += [text.title, text.body, *(note.diff for note in text.footnotes)]
        other = sum(len(link.added) + len(link.removed) for link in self.links)
        other += len(self.provenance) + len(self.credits)
        other += sum(1 for text in self.texts for note in text.footnotes if note.kind_changed)
        return ChangeSize(
            inserted_words=sum(diff.inserted_words for diff in diffs),
            deleted_words=sum(diff.deleted_words for diff in diffs),
            fields_changed=len(self.metadata) + other,
        )


def compare_states(old: RecordState, new: RecordState) -> RecordDiff:
    """Everything that differs between two record states, old on the left, new on the right."""
    return RecordDiff(
        metadata=tuple(_metadata_changes(old["metadata"], new["metadata"])),
        links=tuple(_link_changes(old["links"], new["links"])),
        texts=tuple(_text_changes(old["texts"], new["texts"])),
        provenance=tuple(_row_changes(old["provenance"], new["provenance"], PROVENANCE_COLUMNS)),
        credits=tuple(_keyed_row_changes(old["credits"], new["credits"], ("person", "role"))),
    )


def compare_revisions(old: Revision | None, new: Revision, *, document_id=None) -> RecordDiff:
    """Compare two revisions of one record; `old=None` compares with the empty record."""
    old_state = state_of_revision(old, document_id=document_id) if old is not None else empty_state()
    return compare_states(old_state, state_of_revision(new, document_id=document_id))


def _metadata_changes(old: dict, new: dict) -> Iterator[FieldChange]:
    for name, label in METADATA_FIELDS:
        if name not in old or name not in new:
            continue  # a published payload does not hold every working field
        before, after = old[name], new[name]
        if before != after:
            yield FieldChange(name, str(label), before, after, diff_words(before, after))


def _link_changes(old: dict, new: dict) -> Iterator[LinkChange]:
    for name, label in LINK_FIELDS:
        before, after = old.get(name, []), new.get(name, [])
        added = tuple(sorted(set(after) - set(before)))
        removed = tuple(sorted(set(before) - set(after)))
        if added or removed:
            yield LinkChange(name, str(label), added, removed)


def _text_changes(old: dict, new: dict) -> Iterator[TextChange]:
    keys = list(new) + [key for key in old if key not in new]
    for key in keys:
        before, after = old.get(key), new.get(key)
        source = after or before
        title = diff_words((before or {}).get("title", ""), (after or {}).get("title", ""))
        body = diff_words((before or {}).get("body", ""), (after or {}).get("body", ""))
        notes = tuple(
            _footnote_changes((before or {}).get("footnotes", {}), (after or {}).get("footnotes", {}))
        )
        yield TextChange(
            key=key,
            kind=source["kind"],
            language=source["language"],
            status=_status(
                before, after, title.changed or body.changed or any(n.status != "unchanged" for n in notes)
            ),
            title=title,
            body=body,
            footnotes=notes,
        )


def _footnote_changes(old: dict, new: dict) -> Iterator[FootnoteChange]:
    for number in sorted({int(n) for n in old} | {int(n) for n in new}):
        before, after = _note(old, number), _note(new, number)
        diff = diff_words((before or {}).get("body", ""), (after or {}).get("body", ""))
        old_kind, new_kind = (before or {}).get("kind", ""), (after or {}).get("kind", "")
        yield FootnoteChange(
            number=number,
            status=_status(before, after, diff.changed or old_kind != new_kind),
            old_kind=_choice_label(archive_models.Footnote.Kind, old_kind),
            new_kind=_choice_label(archive_models.Footnote.Kind, new_kind),
            diff=diff,
        )


def _note(notes: dict, number: int) -> dict | None:
    # States rebuilt from JSON payloads have string keys; states from revisions have integers.
    return notes.get(number, notes.get(str(number)))


def _status(before, after, changed: bool) -> str:
    if before is None:
        return "added"
    if after is None:
        return "removed"
    return "changed" if changed else "unchanged"


def _row_changes(old: list[dict], new: list[dict], columns: tuple[str, ...]) -> Iterator[RowChange]:
    """Align two ordered lists of rows; rows replaced one for one count as changed, not added/removed."""
    as_tuples = [tuple(row.get(c, "") for c in columns) for row in old]
    new_tuples = [tuple(row.get(c, "") for c in columns) for row in new]
    matcher = SequenceMatcher(None, as_tuples, new_tuples, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        for offset in range(paired):
            yield _changed_row(old[i1 + offset], new[j1 + offset], columns)
        for row in old[i1 + paired : i2]:
            yield RowChange("removed", row, None)
        for row in new[j1 + paired : j2]:
            yield RowChange("added", None, row)


def _keyed_row_changes(old: list[dict], new: list[dict], key: tuple[str, ...]) -> Iterator[RowChange]:
    """Rows with a natural key (a credit is one person in one role): match by key, then compare."""
    old_by_key = {tuple(row[k] for k in key): row for row in old}
    new_keys = set()
    for row in new:
        row_key = tuple(row[k] for k in key)
        new_keys.add(row_key)
        before = old_by_key.get(row_key)
        if before is None:
            yield RowChange("added", None, row)
        elif before != row:
            yield _changed_row(before, row, CREDIT_COLUMNS)
    for row_key, row in old_by_key.items():
        if row_key not in new_keys:
            yield RowChange("removed", row, None)


def _changed_row(old: dict, new: dict, columns: tuple[str, ...]) -> RowChange:
    changed = tuple(c for c in columns if old.get(c, "") != new.get(c, ""))
    return RowChange("changed", old, new, changed)
