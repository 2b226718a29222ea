"""Footnote markers in body text.

A marker is a bracketed number, "[1]", "[12]", written in the body where the note applies. Editorial
brackets are text, not markers: "F[idel]", "[there]", "[733rd meeting]", a bracketed year "[1961]",
and a Markdown link "[1](https://…)" are all left alone. The rule: one to three digits, nothing else,
inside the brackets, and no "(" or ":" straight after (a link or a link reference definition).
"""

import re
from collections import Counter
from dataclasses import dataclass

# "[" comes first and the check that no backslash escapes it after, the same match: a pattern that
# starts with a literal is searched for with a fast scan for that character, one that starts with a
# lookbehind tries every position (stripping markers from an 11 KB text took 70 µs, now 4).
MARKER_RE = re.compile(r"\[(?<!\\\[)(?P<number>[1-9]\d{0,2})\](?![(:\[])")


@dataclass(frozen=True)
class MarkerReport:
    """How the markers in a body match the numbered notes of its text."""

    missing_notes: tuple[int, ...]  # markers with no footnote
    unmarked_notes: tuple[int, ...]  # footnotes with no marker
    repeated_markers: tuple[int, ...]  # a marker used more than once

    @property
    def ok(self) -> bool:
        return not (self.missing_notes or self.unmarked_notes or self.repeated_markers)


def find_markers(body: str) -> list[int]:
    """Marker numbers in the order they appear in the body."""
    return [int(match["number"]) for match in MARKER_RE.finditer(body or "")]


def compare_markers(body: str, note_numbers: list[int]) -> MarkerReport:
    markers = Counter(find_markers(body))
    notes = set(note_numbers)
    return MarkerReport(
        missing_notes=tuple(sorted(set(markers) - notes)),
        unmarked_notes=tuple(sorted(notes - set(markers))),
        repeated_markers=tuple(sorted(number for number, count in markers.items() if count > 1)),
    )
