"""The in-memory facet matrix (archive.search.facets): counts of any match set, small or most of the index."""

import numpy as np
import pytest

from archive.search.facets import FacetMatrix

FACETS = ("collection", "decade", "language", "person")


def matrix_of(pairs: dict[int, list[int]], values: int) -> FacetMatrix:
    """A matrix holding these entries' values, as facets.load builds it."""
    entries = np.array(sorted(pairs), dtype=np.int64)
    lengths = [len(pairs[entry]) for entry in entries.tolist()]
    starts = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    entry_values = np.array([value for entry in entries.tolist() for value in pairs[entry]], dtype=np.int32)
    labels = tuple((FACETS[value % len(FACETS)], str(value), f"label {value}") for value in range(values))
    return FacetMatrix(None, entries, starts, entry_values, labels, np.arange(values, dtype=np.int32))


def brute_force(pairs: dict[int, list[int]], keys, values: int) -> np.ndarray:
    counts = np.zeros(values, dtype=np.int64)
    for key in set(keys):
        for value in pairs.get(key, []):
            counts[value] += 1
    return counts


@pytest.mark.parametrize("share", [0.0, 0.01, 0.3, 0.5, 0.51, 0.95, 1.0])
def test_counts_are_exact_for_any_share_of_the_index(share):
    rng = np.random.default_rng(7)
    values = 40
    keys = rng.choice(100_000, 2_000, replace=False) * 3 + 11
    pairs = {int(key): sorted(set(rng.integers(0, values, rng.integers(1, 9)).tolist())) for key in keys}
    matrix = matrix_of(pairs, values)
    chosen = rng.permutation(keys)[: int(len(keys) * share)]
    # Keys the matrix does not know (a record published after it was loaded) and repeated keys.
    asked = np.concatenate([chosen, chosen[:5], [1, 2, 10**9]]).astype(np.int64)

    assert matrix.counts(asked).tolist() == brute_force(pairs, chosen.tolist(), values).tolist()


def test_an_empty_index_counts_nothing():
    matrix = matrix_of({}, 3)

    assert matrix.counts(np.array([5], dtype=np.int64)).tolist() == [0, 0, 0]
