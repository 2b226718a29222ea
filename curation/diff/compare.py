"""Comparing two record states: field, link, text, footnote and row changes, and the size of it all."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Revision

from archive import models as archive_models
from archive.languages import language_name
from curation.diff.states import (
    LINK_FIELDS,
    METADATA_FIELDS,
    RecordState,
    choice_label,
    empty_state,
    state_of_revision,
)
from curation.diff.words import WordDiff, diff_words

PROVENANCE_COLUMNS = ("kind", "date", "agent", "place", "reference", "note")
ROW_LABELS = {
    "kind": gettext_lazy("event"),
    "date": gettext_lazy("date"),
    "agent": gettext_lazy("agent"),
    "place": gettext_lazy("place"),
    "reference": gettext_lazy("reference"),
    "note": gettext_lazy("note"),
    "person": gettext_lazy("person"),
    "role": gettext_lazy("role"),
    "qualifier": gettext_lazy("qualifier"),
}
CREDIT_COLUMNS = ("person", "role", "qualifier")


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
        kind = choice_label(archive_models.Text.Kind, self.kind)
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

    @property
    def cells(self) -> list[dict[str, Any]]:
        """For templates: each non-empty column with its label, both values and whether it changed."""
        row = self.new or self.old or {}
        labels = ROW_LABELS
        cells = []
        for name in row:
            before, after = (self.old or {}).get(name, ""), (self.new or {}).get(name, "")
            if before or after:
                changed = name in self.changed_columns
                cells.append(
                    {"label": labels.get(name, name), "old": before, "new": after, "changed": changed}
                )
        return cells


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
            old_kind=choice_label(archive_models.Footnote.Kind, old_kind),
            new_kind=choice_label(archive_models.Footnote.Kind, new_kind),
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
