"""Markdown to HTML for bodies, summaries and notes, with footnote markers turned into links.

CommonMark through markdown-it-py with raw HTML off, so what a translator types can never become
markup of its own: safe by construction. A marker "[n]" (see archive.markers) becomes an accessible
note reference that points at the note and that the note links back to.
"""

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from archive.markers import MARKER_RE


def _marker_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    match = MARKER_RE.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        number = int(match["number"])
        prefix = state.env.get("note_prefix", "fn")
        token = state.push("html_inline", "", 0)
        token.content = (
            f'<sup class="note-ref"><a href="#{prefix}-{number}" id="{prefix}-ref-{number}" '
            f'role="doc-noteref" aria-label="Note {number}">[{number}]</a></sup>'
        )
    state.pos = match.end()
    return True


def _parser(*, markers: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = _safe_link
    if markers:
        md.inline.ruler.before("link", "note_marker", _marker_rule)
    return md


def _safe_link(url: str) -> bool:
    # Only web and mail links, and in-page or relative ones: no javascript:, data:, vbscript: …
    lowered = url.strip().lower()
    return (
        lowered.startswith(("http://", "https://", "mailto:", "#", "/")) or ":" not in lowered.split("/")[0]
    )


_WITH_MARKERS = _parser(markers=True)
_PLAIN = _parser(markers=False)


def render_markdown(source: str) -> SafeString:
    """Markdown without note markers: summaries, descriptions, the notes themselves."""
    return mark_safe(_PLAIN.render(source or ""))


def render_body(source: str, *, note_prefix: str = "fn") -> SafeString:
    """A text's body with each "[n]" linked to note n; `note_prefix` keeps ids unique per text."""
    return mark_safe(_WITH_MARKERS.render(source or "", {"note_prefix": note_prefix}))


def render_notes(notes: Iterable[tuple[int, str, str]], *, note_prefix: str = "fn") -> SafeString:
    """An ordered list of (number, kind label, Markdown body) notes, each linking back to its marker."""
    return notes_list(
        ((number, kind_label, render_markdown(body)) for number, kind_label, body in notes),
        note_prefix=note_prefix,
    )


def notes_list(notes: Iterable[tuple[int, str, SafeString]], *, note_prefix: str = "fn") -> SafeString:
    """render_notes for notes whose bodies are rendered already (number, kind label, body HTML)."""
    items = []
    for number, kind_label, body_html in notes:
        items.append(
            f'<li id="{note_prefix}-{number}" value="{number}" tabindex="-1">'
            f'<span class="note-kind">{escape(kind_label)}</span> {body_html}'
            f'<a href="#{note_prefix}-ref-{number}" class="note-back" role="doc-backlink" '
            f'aria-label="Back to the text at note {number}">↩</a></li>'
        )
    if not items:
        return mark_safe("")
    return mark_safe(f'<ol class="notes">{"".join(items)}</ol>')
