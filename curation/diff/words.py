"""Word-level diffs: tokens, sentence alignment, and <ins>/<del> marking.

Texts are compared with difflib.SequenceMatcher over tokens: words, single punctuation marks,
whitespace runs, footnote markers "[n]" as tokens of their own, and every Chinese or Japanese
character on its own (those scripts do not separate words with spaces).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from archive.markers import MARKER_RE

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

    @property
    def condensed_html(self) -> SafeString:
        """For templates: the marked text with long unchanged stretches folded away."""
        return self.html(condensed=True)

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
