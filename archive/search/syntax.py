"""The search box's syntax, read once and the same way for both backends.

Web-search syntax, as PostgreSQL's websearch_to_tsquery reads it: words (all required), "quoted
phrases", OR between two alternatives, and a leading minus to exclude a word or a phrase. Anything
else is treated as text; nothing a reader types is an error.
"""

import re
from dataclasses import dataclass

from archive.search.text import contains_cjk, segment_cjk

_TOKEN_RE = re.compile(r'(?P<minus>-?)"(?P<phrase>[^"]*)(?:"|$)|(?P<word>[^\s"]+)')
_HAS_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class Term:
    """A word, or a phrase whose words must stand together in this order."""

    text: str
    phrase: bool = False

    def websearch(self) -> str:
        return f'"{self.text}"' if self.phrase else self.text


@dataclass(frozen=True)
class ParsedQuery:
    """Required clauses (each a set of alternatives, any one of which will do) and excluded terms."""

    clauses: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.clauses or self.excluded)

    def websearch(self) -> str:
        """The required part in websearch syntax: `nuclear "test ban" OR moratorium`."""
        return " ".join(" OR ".join(term.websearch() for term in clause) for clause in self.clauses)

    def excluded_websearch(self) -> str:
        """The excluded terms as alternatives: a record containing any of them is left out."""
        return " OR ".join(term.websearch() for term in self.excluded)


def parse(text: str) -> ParsedQuery:
    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for match in _TOKEN_RE.finditer(text or ""):
        word = match["word"]
        if word is not None and word.upper() == "OR":
            join_next = bool(clauses)
            continue
        negated = bool(match["minus"]) or (word is not None and word.startswith("-"))
        term = _term(match["phrase"] if word is None else word.lstrip("-"), phrase=word is None)
        if term is None:
            continue
        if negated:
            excluded.append(term)
        elif join_next:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        join_next = False
    return ParsedQuery(tuple(tuple(clause) for clause in clauses), tuple(excluded))


def _term(text: str, *, phrase: bool) -> Term | None:
    """A term from what was typed; None if it has no letter or digit to search for."""
    text = " ".join(text.split())
    if not _HAS_LETTER_OR_DIGIT.search(text):
        return None
    if contains_cjk(text):
        return Term(" ".join(segment_cjk(text).split()), phrase=True)
    return Term(text, phrase=phrase and " " in text)
