"""Facet counts from memory: which entries have which facet values, loaded once per index generation.

Counting the values of a result set in the database means aggregating every facet row of every
match: some 1.4 million rows for a word found in 94,000 of 100,000 records, seconds a search.
Instead each process keeps the index's (entry, value) pairs as two integer arrays, and the counts of
a match set are one bincount over the pairs of the matched entries, a few milliseconds.

The arrays belong to one generation of the index (archive.search.models.SearchGeneration), which
every change to the index moves on in its own transaction. A search reads the generation in the same
statement as its match set; when it differs from the loaded one, the arrays are loaded again (one
query) before counting, so a search never counts with pairs older than the matches it counts.
"""

import threading
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from django.db import connection

_LOAD_SQL = {
    "postgresql": (
        "SELECT (SELECT MAX(number) FROM archive_searchgeneration), facet, value, MAX(label), "
        "array_agg(entry_id) FROM archive_searchfacet GROUP BY facet, value"
    ),
    "sqlite": (
        "SELECT (SELECT MAX(number) FROM archive_searchgeneration), facet, value, MAX(label), "
        "group_concat(entry_id) FROM archive_searchfacet GROUP BY facet, value"
    ),
}
GENERATION_SQL = "(SELECT MAX(number) FROM archive_searchgeneration)"


@dataclass(frozen=True)
class FacetMatrix:
    """Every (entry, facet value) pair of one generation of the index."""

    generation: int | None
    entries: np.ndarray  # the entries' keys, sorted
    pair_entry: np.ndarray  # per pair: the entry's position in `entries`
    pair_value: np.ndarray  # per pair: the value's position in `values`
    values: tuple[tuple[str, str, str], ...]  # (facet, value, label)
    label_rank: np.ndarray  # per value: its label's place in alphabetical order

    def counts(self, entry_ids: np.ndarray) -> np.ndarray:
        """How many of these entries have each value (indexed like `values`)."""
        matched = np.zeros(len(self.entries) + 1, dtype=bool)
        slots = np.searchsorted(self.entries, entry_ids)
        slots[slots >= len(self.entries)] = len(self.entries)
        known = np.zeros(len(slots), dtype=bool)
        inside = slots < len(self.entries)
        known[inside] = self.entries[slots[inside]] == entry_ids[inside]
        matched[slots[known]] = True
        return np.bincount(self.pair_value[matched[self.pair_entry]], minlength=len(self.values))

    @property
    def size(self) -> int:
        """How many entries the index holds: every record has an original language, so all of them."""
        return len(self.entries)

    def totals(self, facet: str) -> dict[str, int]:
        """How many records of the whole index have each value of `facet`: {"12": 340, ...}."""
        return self._totals.get(facet, {})

    @cached_property
    def _totals(self) -> dict[str, dict[str, int]]:
        counts = np.bincount(self.pair_value, minlength=len(self.values))
        totals: dict[str, dict[str, int]] = {}
        for (facet, value, _), count in zip(self.values, counts.tolist(), strict=True):
            totals.setdefault(facet, {})[value] = count
        return totals

    def values_of(self, *facets: str) -> set[str]:
        return {value for facet, value, _ in self.values if facet in facets}

    def label(self, facet: str, value: str) -> str | None:
        return self._labels.get((facet, value))

    @cached_property
    def _labels(self) -> dict[tuple[str, str], str]:
        return {(facet, value): label for facet, value, label in self.values}


_lock = threading.Lock()
_loaded: FacetMatrix | None = None


def matrix(generation: int | None) -> FacetMatrix:
    """The pairs of this generation of the index (or a later one), loading them if need be."""
    global _loaded
    with _lock:
        if _loaded is None or _loaded.generation != generation or _loaded_elsewhere():
            _loaded = load()
        return _loaded


def forget() -> None:
    """Drop the pairs this process holds: the next search loads them, as after a change to the index."""
    global _loaded
    with _lock:
        _loaded = None


def loaded() -> FacetMatrix:
    """The pairs this process holds, of whichever generation; loaded first if it holds none."""
    global _loaded
    with _lock:
        if _loaded is None or _loaded_elsewhere():
            _loaded = load()
        return _loaded


def current() -> FacetMatrix:
    """The pairs of the index as it is now: one small query for its generation, and a load if the
    process holds an older one. What the browse pages count their records with."""
    return matrix(_current_generation())


def _loaded_elsewhere() -> bool:
    """Whether the loaded pairs came from another database (the test suite switches between them)."""
    return _loaded_from.get("name") != connection.settings_dict["NAME"]


_loaded_from: dict[str, str] = {}


def load() -> FacetMatrix:
    with connection.cursor() as cursor:
        cursor.execute(_LOAD_SQL[connection.vendor])
        rows = cursor.fetchall()
    _loaded_from["name"] = connection.settings_dict["NAME"]
    generation = rows[0][0] if rows else _current_generation()
    groups = [_entry_ids(entries) for *_, entries in rows]
    pair_entry_ids = np.concatenate(groups) if groups else np.zeros(0, dtype=np.int64)
    entries, pair_entry = np.unique(pair_entry_ids, return_inverse=True)
    pair_value = np.repeat(np.arange(len(rows), dtype=np.int32), [len(group) for group in groups])
    values = tuple((facet, value, label) for _, facet, value, label, _ in rows)
    order = sorted(range(len(values)), key=lambda index: values[index][2])
    label_rank = np.empty(len(values), dtype=np.int32)
    label_rank[order] = np.arange(len(values), dtype=np.int32)
    return FacetMatrix(generation, entries, pair_entry.astype(np.int32), pair_value, values, label_rank)


def _entry_ids(entries: list[int] | str) -> np.ndarray:
    if isinstance(entries, str):  # SQLite's group_concat
        return np.array(entries.split(","), dtype=np.int64)
    return np.array(entries, dtype=np.int64)


def _current_generation() -> int | None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {GENERATION_SQL}")
        return cursor.fetchone()[0]
