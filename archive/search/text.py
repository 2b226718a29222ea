"""Text as the search index and snippets see it: plain words from rendered HTML, CJK split into characters.

Chinese and Japanese are written without spaces, so neither PostgreSQL's parser nor SQLite's unicode61
tokenizer finds their words. Both backends therefore index every Han or kana character as a word of
its own, and a query written in those scripts becomes a phrase of characters: "毛泽东" finds the name
inside a sentence, on either database.
"""

import html
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from archive.markers import MARKER_RE

# Hiragana, katakana, CJK ideographs (extension A, unified, compatibility).
CJK_CHARACTER = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_CJK_RE = re.compile(f"({CJK_CHARACTER})")
_CJK_RUN_RE = re.compile(f"{CJK_CHARACTER}+")
# CJK characters and CJK punctuation (、。「」 and full-width forms): no space belongs between two of them.
_CJK_JOINABLE = "[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"

# The backends wrap matched words in these (private-use characters never typed in a record), so that
# the snippet can be HTML-escaped first and marked up after.
MATCH_START = "\ue000"
MATCH_END = "\ue001"

_TAG_RE = re.compile(r"<[^>]*>")
_CJK_GAP_RE = re.compile(f"(?<={_CJK_JOINABLE})({MATCH_END}?)\\s+({MATCH_START}?)(?={_CJK_JOINABLE})")
_MARKDOWN_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_SYMBOLS_RE = re.compile(r"\*\*|__|`|(?m:^\s*(?:#{1,6}|>)\s)")


def html_text(rendered: str) -> str:
    """The words of HTML that archive.rendering made (a payload's body_html, notes, summary_html):
    tags and footnote markers dropped, entities decoded, whitespace collapsed.

    That HTML never holds raw markup from a record (markdown-it escapes every "<" of the source and
    every attribute value), so each "<" opens a tag and the next ">" closes it: a regular expression
    strips it exactly, and much faster than an HTML parser (this runs on every text at publication).
    """
    if not rendered:
        return ""
    words = html.unescape(_TAG_RE.sub("", rendered))
    return _collapse_spaces(MARKER_RE.sub(" ", words))


def _collapse_spaces(text: str) -> str:
    """Every run of whitespace as one space, none at the ends, as a regular expression of "\\s+" and
    strip() would do it (the same set of characters as str.split()'s), in a tenth of the time."""
    return " ".join(text.split())


def segment_cjk(text: str) -> str:
    """Put spaces around every Han and kana character so that each is a word to the tokenizers."""
    # A run of characters at a time: one substitution per character took 3 ms for a 6 KB text.
    if _CJK_RE.search(text) is None:
        return text  # most texts: one search is half the time of a substitution that finds nothing
    return _CJK_RUN_RE.sub(_spaced_run, text)


def _spaced_run(match: re.Match) -> str:
    return " " + "  ".join(match.group()) + " "


def contains_cjk(text: str) -> bool:
    return _CJK_RE.search(text) is not None


def finish_snippet(raw: str) -> SafeString:
    """A backend's snippet made safe to show: escaped, matches in <mark>, CJK put back together.

    Snippets from PostgreSQL come from the Markdown body itself, so stray Markdown and note markers
    are dropped here too.
    """
    text = _CJK_GAP_RE.sub(r"\1\2", raw)
    text = text.replace(MATCH_END + MATCH_START, "")
    text = MARKER_RE.sub("", text)
    text = _MARKDOWN_LINK_RE.sub(r"\1", text)
    text = _MARKDOWN_SYMBOLS_RE.sub("", text)
    text = _collapse_spaces(text)
    return mark_safe(escape(text).replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>"))


def match_count(raw: str) -> int:
    """How many matched words a raw snippet highlights; the best snippet of a record has the most."""
    return raw.count(MATCH_START)
