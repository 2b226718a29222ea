"""SQLite FTS5: one row per search entry in the virtual table `archive_search_fts` (migration 0003).

The columns are the parts of a record (COLUMNS) and bm25 weighs them title > summary > catalogue >
texts > footnotes. The Porter stemmer helps English ("treaties" finds "treaty"); other languages are
matched word for word, accents folded. The query is the same parsed web-search syntax, written as an
FTS5 expression with every word quoted, so nothing a reader types is read as FTS5 syntax.
"""

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString

from archive.search.backends import COLUMNS, Part
from archive.search.models import SearchEntry
from archive.search.syntax import ParsedQuery, Term
from archive.search.text import MATCH_END, MATCH_START, finish_snippet, match_count

TABLE = "archive_search_fts"
BM25 = f"bm25({TABLE}, 10.0, 5.0, 4.0, 2.0, 1.0)"
_MATCHING_ROWIDS = f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s"
# Snippets come from the summary, the texts and the footnotes; the one with most matches is shown.
_SNIPPET_COLUMNS = (COLUMNS.index("texts"), COLUMNS.index("summary"), COLUMNS.index("footnotes"))


class SqliteBackend:
    def add(self, entries: list[tuple[SearchEntry, list[Part]]]) -> None:
        SearchEntry.objects.bulk_create(entry for entry, _ in entries)
        placeholders = ", ".join(["%s"] * (len(COLUMNS) + 1))
        with connection.cursor() as cursor:
            for entry, parts in entries:
                values = [
                    "\n".join(part.text for part in parts if part.column == column) for column in COLUMNS
                ]
                cursor.execute(
                    f"INSERT INTO {TABLE} (rowid, {', '.join(COLUMNS)}) VALUES ({placeholders})",
                    [entry.pk, *values],
                )

    def forget(self, document_id: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE rowid IN "
                "(SELECT id FROM archive_publishedversion WHERE document_id = %s)",
                [document_id],
            )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")

    def matcher(self, parsed: ParsedQuery) -> "SqliteMatcher":
        return SqliteMatcher(parsed)


def fts_term(term: Term) -> str:
    """A term as an FTS5 string: a quoted string is a phrase of its words, whatever it contains."""
    return '"' + term.text.replace('"', '""') + '"'


def fts_required(parsed: ParsedQuery) -> str:
    return " AND ".join(
        "(" + " OR ".join(fts_term(term) for term in clause) + ")" for clause in parsed.clauses
    )


def fts_excluded(parsed: ParsedQuery) -> str:
    return " OR ".join(fts_term(term) for term in parsed.excluded)


class SqliteMatcher:
    def __init__(self, parsed: ParsedQuery) -> None:
        self.required = fts_required(parsed)
        self.excluded = fts_excluded(parsed)

    def filter(self, queryset: QuerySet) -> QuerySet:
        if self.required and self.excluded:
            expression = f"{self.required} NOT ({self.excluded})"
            return queryset.filter(pk__in=RawSQL(_MATCHING_ROWIDS, [expression]))
        if self.required:
            return queryset.filter(pk__in=RawSQL(_MATCHING_ROWIDS, [self.required]))
        return queryset.exclude(pk__in=RawSQL(_MATCHING_ROWIDS, [self.excluded]))

    def ranked(self, queryset: QuerySet) -> QuerySet:
        # bm25 needs its MATCH in the same query: joining the FTS5 table scores every match in one
        # pass, where a correlated subquery would run the full-text query once per row. extra() is
        # the ORM's only way to join a table that is not a model. Its join names the versions' id
        # unqualified: in a subquery (aliased U0) the table's name would mean the outer query's row,
        # running the ranking once per outer row, while a bare "id" is the nearest table's (the FTS5
        # table has no column of that name).
        return queryset.extra(
            select={"relevance": f"-{BM25}"},  # bm25 is lower for better matches
            tables=[TABLE],
            where=[f"{TABLE}.rowid = id", f"{TABLE} MATCH %s"],
            params=[self.required],
        )

    def snippets(self, version_ids: list[int]) -> dict[int, SafeString]:
        if not self.required or not version_ids:
            return {}
        snippet_calls = ", ".join(
            f"snippet({TABLE}, {column}, %s, %s, ' … ', 24)" for column in _SNIPPET_COLUMNS
        )
        ids = ", ".join(["%s"] * len(version_ids))
        params = [MATCH_START, MATCH_END] * len(_SNIPPET_COLUMNS) + [self.required, *version_ids]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, {snippet_calls} FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid IN ({ids})",
                params,
            )
            found = {rowid: _best(candidates) for rowid, *candidates in cursor.fetchall()}
        return {rowid: snippet for rowid, snippet in found.items() if snippet}


def _best(candidates: list[str]) -> SafeString:
    """The candidate with the most matched words; earlier columns win ties. Empty if none matched."""
    best = max(candidates, key=match_count)
    return finish_snippet(best) if match_count(best) else SafeString("")
