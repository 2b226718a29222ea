"""The in-memory facet matrix (archive.search.facets): counts of any match set, small or most of the index."""

import numpy as np
import pytest

from archive.search.facets import UNDATED, FacetMatrix

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


@pytest.mark.parametrize("big_keys", [False, True])
def test_a_broad_search_orders_title_matches_first_then_by_date_then_by_key(big_keys):
    offset = (1 << 33) if big_keys else 0
    keys = np.array([5, 3, 9, 7, 1, 11, 13], dtype=np.int64) + offset
    dated = {1: 700, 3: 500, 5: 500, 7: None, 9: 100, 11: 900, 13: 100}
    entries = np.array(sorted(keys.tolist()), dtype=np.int64)
    days = [dated[key - offset] for key in entries.tolist()]
    matrix = FacetMatrix(
        None,
        entries,
        np.zeros(len(entries) + 1, dtype=np.int64),
        np.zeros(0, dtype=np.int32),
        (),
        np.zeros(0, dtype=np.int32),
        np.array([UNDATED if day is None else day for day in days], dtype=np.int64),
    )
    titled = np.array([11, 7, 99], dtype=np.int64) + offset  # 99: a title match the query excludes

    ordered = [key - offset for key in matrix.first_by_title_then_date(keys, titled, 10)]

    assert ordered == [11, 7, 9, 13, 3, 5, 1]
    assert [key - offset for key in matrix.first_by_title_then_date(keys, titled, 3)] == [11, 7, 9]
    assert matrix.first_by_title_then_date(keys, titled, 0) == []
    # A key the loaded pairs do not know yet (published since) is ordered as undated.
    assert matrix.first_by_title_then_date(np.array([2, 9]) + offset, titled, 5) == [9 + offset, 2 + offset]


@pytest.mark.parametrize("count", [1, 2, 95_244])
def test_a_facet_link_counts_as_the_template_s_plural_message_did(count):
    from django.template import Context, Template

    from archive.views.search import FacetLink

    template = Template(
        "{% load i18n %}{% blocktranslate count counter=count %}{{ counter }}"
        '<span class="visually-hidden"> record</span>{% plural %}{{ counter }}'
        '<span class="visually-hidden"> records</span>{% endblocktranslate %}'
    )
    link = FacetLink(label="Moscow", count=count, selected=False, url="?place=1")
    assert link.count_html == template.render(Context({"count": count}))
