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

The package: `words` (word-level diffs of strings), `states` (building record states), `compare`
(comparing two states). Everything a caller needs is importable from `curation.diff`.
"""

from curation.diff.compare import (
    ChangeSize,
    FieldChange,
    FootnoteChange,
    LinkChange,
    RecordDiff,
    RowChange,
    TextChange,
    compare_revisions,
    compare_states,
)
from curation.diff.states import (
    RecordState,
    empty_state,
    state_of_published,
    state_of_revision,
    text_key,
)
from curation.diff.words import Change, Equal, WordDiff, diff_words, split_sentences, tokenize

__all__ = [
    "Change",
    "ChangeSize",
    "Equal",
    "FieldChange",
    "FootnoteChange",
    "LinkChange",
    "RecordDiff",
    "RecordState",
    "RowChange",
    "TextChange",
    "WordDiff",
    "compare_revisions",
    "compare_states",
    "diff_words",
    "empty_state",
    "split_sentences",
    "state_of_published",
    "state_of_revision",
    "text_key",
    "tokenize",
]
