"""The two search backends, chosen by the database in use: PostgreSQL full-text search or SQLite FTS5.

Both store the same parts of a record (archive.search.index.Part), read the same parsed query
(archive.search.syntax) and answer through the same three calls, so archive.search.engine never asks
which database it runs on.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from django.db import connection
from django.db.models import QuerySet
from django.utils.safestring import SafeString

from archive.search.syntax import ParsedQuery

if TYPE_CHECKING:
    from archive.search.models import SearchEntry

# The parts of a record, best first: the FTS5 table's columns on SQLite, tsvector weights on PostgreSQL.
COLUMNS = ("title", "summary", "catalogue", "texts", "footnotes")


@dataclass(frozen=True)
class Part:
    """Words of one part of a record (see COLUMNS), in one language, ready for the tokenizer."""

    column: str
    language: str
    text: str


class Matcher(Protocol):
    """One parsed query, ready to run against the published versions."""

    def filter(self, queryset: QuerySet) -> QuerySet:
        """The versions that match: every required clause, none of the excluded terms."""

    def ranked(self, queryset: QuerySet) -> QuerySet:
        """`queryset` with a "relevance" to order by, higher for better matches.

        Only for a query with required words; an exclusion-only query has nothing to rank by.
        """

    def snippets(self, version_ids: list[int]) -> dict[int, SafeString]:
        """Highlighted passages for these versions only: the shown page, never the whole result set."""


class Backend(Protocol):
    def add(self, entries: "list[tuple[SearchEntry, list[Part]]]") -> None:
        """Save these new search entries, each indexed with the words of its record's parts."""

    def forget(self, document_id: int) -> None:
        """Drop whatever the backend keeps outside the search entry for any version of the record."""

    def clear(self) -> None:
        """Drop everything the backend keeps outside the search entries."""

    def matcher(self, parsed: ParsedQuery) -> Matcher: ...


def get_backend() -> Backend:
    if connection.vendor == "postgresql":
        from archive.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    from archive.search.backends.sqlite import SqliteBackend

    return SqliteBackend()
