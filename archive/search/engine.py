"""search(query) -> results: the one way the reading room searches, whichever database runs it.

Every read starts from the search index, which holds the current published versions only (never a
draft, a superseded version or a withdrawn record), is narrowed by the text query, the facet values
and the date range, and is then counted, sorted, cut into a page and counted by facet. The shown rows
are read from the current versions again, a second lock. Snippets are computed for the shown page only.

A search costs the same few queries whatever the number of results: the match set's keys with the
index generation (one statement), the shown page's rows, its snippets, and on PostgreSQL the readings
of the words; and, after the index changed, the facet pairs (archive.search.facets), which count the
facets in memory.

What "relevance" means:
- When the words match at most RANK_EXACT_LIMIT records (or on SQLite), the database's own score
  over the whole record: ts_rank with title > summary and catalogue > texts > footnotes on PostgreSQL,
  bm25 with the same column weights on SQLite; ties by date.
- When they match more (on PostgreSQL: a word found in most of the archive, where scoring every match
  would read every match's whole text), the records whose title has the words come first, then the
  others, each group by date, oldest first. A word in nearly every record says little about any one
  of them; its place in the title still does, and the order costs one sort of the match set's keys.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection, models
from django.db.models import Exists, F, Func, JSONField, OuterRef, QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from archive.models import PublishedVersion
from archive.search.backends import Matcher, get_backend
from archive.search.facets import GENERATION_SQL, FacetMatrix, matrix
from archive.search.models import SearchEntry, SearchFacet
from archive.search.syntax import ParsedQuery, parse

if TYPE_CHECKING:
    from archive.search.backends.postgres import BroadMatches

Facet = SearchFacet.Name

# The order the facets are shown in, and how many values of each (the most frequent first).
FACETS = (
    Facet.COLLECTION,
    Facet.DECADE,
    Facet.PERSON,
    Facet.SUBJECT,
    Facet.PLACE,
    Facet.REPOSITORY,
    Facet.LANGUAGE,
    Facet.TRANSLATION,
)
FACET_VALUES_SHOWN = 12
DECADES_SHOWN = 40
PER_PAGE = 20
# Up to this many matches, relevance is the database's score of each whole record (see above).
RANK_EXACT_LIMIT = 500
# Up to this many matches, the page's rows are read by their keys (search) rather than by matching
# the words and filters again; beyond it, the list of keys would cost more than the match.
KNOWN_KEYS_LIMIT = 2_000
NO_SNIPPET = SafeString("")


class Sort(models.TextChoices):
    RELEVANCE = "relevance", _("Relevance")
    DATE = "date", _("Date, oldest first")
    DATE_DESC = "-date", _("Date, newest first")
    PUBLISHED = "published", _("Recently published")


ORDERINGS = {
    Sort.RELEVANCE: ("-relevance", F("date_earliest").asc(nulls_last=True), "pk"),
    Sort.DATE: (F("date_earliest").asc(nulls_last=True), "date_latest", "title", "pk"),
    Sort.DATE_DESC: (F("date_latest").desc(nulls_last=True), F("date_earliest").desc(), "title", "pk"),
    Sort.PUBLISHED: ("-published_at", "-pk"),
}


@dataclass(frozen=True)
class SearchQuery:
    """What a reader asked for. `filters` are (facet, value) pairs, every one of which must hold."""

    text: str = ""
    filters: tuple[tuple[str, str], ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    sort: str = ""
    page: int | str = 1
    per_page: int = PER_PAGE

    @property
    def parsed(self) -> ParsedQuery:
        return parse(self.text)

    @property
    def narrowed(self) -> bool:
        """Whether anything besides the text narrows the results."""
        return bool(self.filters or self.year_from or self.year_to)

    def effective_sort(self) -> Sort:
        """The requested order; relevance needs words to be relevant to, so without them, by date."""
        has_words = bool(self.parsed.clauses)
        if self.sort in Sort.values and (self.sort != Sort.RELEVANCE or has_words):
            return Sort(self.sort)
        return Sort.RELEVANCE if has_words else Sort.DATE


@dataclass(frozen=True)
class Hit:
    """One published record in a result list."""

    document_id: int
    number: int
    title: str
    display_date: str
    summary: str
    document_type: str
    original_language: str
    published_at: dt.datetime
    snippet: SafeString = NO_SNIPPET

    def get_absolute_url(self) -> str:
        return reverse("archive:document-detail", args=[self.document_id])


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetGroup:
    name: str
    label: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True)
class SearchResults:
    query: SearchQuery
    sort: Sort
    page: Page  # its object_list is a list of Hit
    facets: tuple[FacetGroup, ...]
    # (facet, value) -> label of every filter in the query, for "remove this filter" links.
    filter_labels: dict[tuple[str, str], str] = field(default_factory=dict)
    # When nothing matches with the filters: how many match the words alone (None if not asked).
    total_without_filters: int | None = None

    @property
    def total(self) -> int:
        return self.page.paginator.count

    @property
    def hits(self) -> list[Hit]:
        return self.page.object_list


def search(query: SearchQuery) -> SearchResults:
    parsed = query.parsed
    matcher = get_backend().matcher(parsed) if parsed else None
    sort = query.effective_sort()
    broad = getattr(matcher, "broad_matches", None) if sort == Sort.RELEVANCE else None
    matches = broad() if broad else None
    if matches is not None:
        generation, keys, titled = broad_match_set(matches, query)
    else:
        generation, keys = match_set(_entries(matcher, query))
    pairs = matrix(generation)
    page = Paginator(range(len(keys)), query.per_page).get_page(query.page)
    if matches is not None and len(keys) > RANK_EXACT_LIMIT:
        start = (page.number - 1) * query.per_page
        leading = pairs.first_by_title_then_date(keys, titled, start + query.per_page)
        rows = _rows_in_order(leading[start : start + query.per_page])
    elif len(keys) <= KNOWN_KEYS_LIMIT:
        # The result set is known already: the page is read from its keys, not matched again (a
        # phrase's match alone is 4.5 ms at 100,000 records).
        rows = _page_rows(
            PublishedVersion.objects.current().filter(pk__in=keys.tolist()), matcher, sort, page
        )
    else:
        rows = _page_rows(_narrowed(_matching(matcher), query), matcher, sort, page)
    snippets = matcher.snippets([row["pk"] for row in rows]) if matcher else {}
    page.object_list = [hit(row, snippets.get(row["pk"], NO_SNIPPET)) for row in rows]
    without_filters = None
    if not len(keys) and query.narrowed:
        without_filters = _matching(matcher).count()
    return SearchResults(
        query=query,
        sort=sort,
        page=page,
        facets=facet_groups(pairs, keys, selected=set(query.filters)),
        filter_labels={pair: pairs.label(*pair) or pair[1] for pair in query.filters},
        total_without_filters=without_filters,
    )


def _entries(matcher: Matcher | None, query: SearchQuery) -> QuerySet:
    """The search entries that match the words and every filter: the result set, read from the index."""
    entries = matcher.filter(SearchEntry.objects.all()) if matcher else SearchEntry.objects.all()
    for facet, value in query.filters:
        entries = entries.filter(
            Exists(SearchFacet.objects.filter(entry_id=OuterRef("pk"), facet=facet, value=value))
        )
    if query.year_from or query.year_to:
        start = dt.date(query.year_from, 1, 1) if query.year_from else None
        end = dt.date(query.year_to, 12, 31) if query.year_to else None
        entries = entries.filter(
            pk__in=PublishedVersion.objects.current().dated_between(start, end).values("pk")
        )
    return entries


def broad_match_set(matches: "BroadMatches", query: SearchQuery) -> tuple[int | None, np.ndarray, np.ndarray]:
    """The index generation, the keys of the matching entries that pass every filter, and the keys
    of the entries whose title has the words, in one statement: `matches` is the backend's SQL for
    both (PostgresMatcher.broad_matches). What orders a broad search is put together in memory
    (FacetMatrix.first_by_title_then_date): the statement only reads keys."""
    conditions, condition_params = [], []
    for facet, value in query.filters:
        facet_entries = SearchFacet.objects.filter(facet=facet, value=value).values("entry_id")
        inner, inner_params = facet_entries.query.sql_with_params()
        conditions.append(f"key IN ({inner})")
        condition_params += inner_params
    if query.year_from or query.year_to:
        start = dt.date(query.year_from, 1, 1) if query.year_from else None
        end = dt.date(query.year_to, 12, 31) if query.year_to else None
        dated = PublishedVersion.objects.current().dated_between(start, end).order_by().values("pk")
        inner, inner_params = dated.query.sql_with_params()
        conditions.append(f"key IN ({inner})")
        condition_params += inner_params
    keys, params = matches.keys(" AND ".join(conditions), condition_params)
    titled, title_params = matches.titled()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {GENERATION_SQL}, {keys}, {titled}", [*params, *title_params])
        generation, packed_keys, packed_titled = cursor.fetchone()
    return generation, matches.unpack(packed_keys), matches.unpack(packed_titled)


_KEYS_SQL = {
    "postgresql": "SELECT {generation}, array_agg(s.key) FROM ({inner}) s",
    "sqlite": "SELECT {generation}, group_concat(s.key) FROM ({inner}) s",
}


def match_set(results: QuerySet) -> tuple[int | None, np.ndarray]:
    """The index generation and the keys of `results` (search entries or versions), in one statement."""
    keyed = results.order_by().annotate(key=F("pk"))
    try:
        inner, params = keyed.values_list("key").query.sql_with_params()
    except EmptyResultSet:
        inner, params = None, ()
    if inner is None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {GENERATION_SQL}")
            return cursor.fetchone()[0], np.zeros(0, dtype=np.int64)
    sql = _KEYS_SQL[connection.vendor].format(generation=GENERATION_SQL, inner=inner)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        generation, keys = cursor.fetchone()
    if isinstance(keys, str):
        return generation, np.array(keys.split(","), dtype=np.int64)
    return generation, np.array(keys or [], dtype=np.int64)


def _page_rows(results: QuerySet, matcher: Matcher | None, sort: Sort, page: Page) -> list[dict]:
    """The shown page's rows, in one query: the page's keys in a subquery, sorted again outside it.

    The rows' payload fields are read for the shown versions only; sorting every match with them
    would read every match's payload.
    """
    if not len(page.object_list):
        return []
    ordering = ORDERINGS[sort]

    def ordered(versions: QuerySet) -> QuerySet:
        ranked = matcher.ranked(versions) if matcher and sort == Sort.RELEVANCE else versions
        return ranked.order_by(*ordering)

    start = page.start_index() - 1
    keys = ordered(results).values("pk")[start : start + page.paginator.per_page]
    return list(hit_rows(ordered(PublishedVersion.objects.current().filter(pk__in=keys))))


def _matching(matcher: Matcher | None) -> QuerySet:
    public = PublishedVersion.objects.current()
    return matcher.filter(public) if matcher else public


def _narrowed(results: QuerySet, query: SearchQuery) -> QuerySet:
    for facet, value in query.filters:
        results = results.filter(
            Exists(SearchFacet.objects.filter(entry_id=OuterRef("pk"), facet=facet, value=value))
        )
    start = dt.date(query.year_from, 1, 1) if query.year_from else None
    end = dt.date(query.year_to, 12, 31) if query.year_to else None
    return results.dated_between(start, end)


# --- Lists of records: search results and the browse pages ------------------------------------------

# The payload's short fields a result list shows. The payload is read once per row, without its
# texts, and the fields taken from that in Python: each `payload->>'field'` in SQL would decompress the
# whole stored payload again (a millisecond for a long record).
HIT_FIELDS = {
    "display_date": "display_date",
    "summary": "summary",
    "type_label": "document_type_label",
    "language_name": "original_language_name",
}


class WithoutTexts(Func):
    """A version's payload without its texts, the one big part of it."""

    template = "(%(expressions)s - 'texts')"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="json_remove(%(expressions)s, '$.texts')")


def hit_rows(versions: QuerySet) -> Iterator[dict]:
    """The versions as rows with what a result list shows: the payload's short fields, not its texts."""
    for row in versions.annotate(card=WithoutTexts("payload")).values(
        "pk", "document_id", "number", "title", "published_at", "card"
    ):
        card = row.pop("card")
        yield row | {key: card.get(field) for key, field in HIT_FIELDS.items()}


def hit_list(versions: QuerySet, limit: int) -> list[Hit]:
    """The first `limit` of an ordered queryset of versions, as Hits; two queries (ids, then rows)."""
    ids = list(versions.values_list("pk", flat=True)[:limit])
    return [hit(row) for row in _rows_in_order(ids)]


def _rows_in_order(ids: list[int]) -> list[dict]:
    """The result-list rows of these versions, in this order; reads only these versions' payloads."""
    if not ids:
        return []
    rows = {row["pk"]: row for row in hit_rows(PublishedVersion.objects.current().filter(pk__in=ids))}
    return [rows[pk] for pk in ids if pk in rows]


def paginate(versions: QuerySet, number: int | str, *, per_page: int = PER_PAGE) -> Page:
    """A page of an ordered queryset of versions, as rows; three queries (count, page, rows).

    The page's ids come first and its rows after, so that only the shown versions' payloads are read:
    sorting every match with its payload fields would read every match's payload.
    """
    page = Paginator(versions.values_list("pk", flat=True), per_page).get_page(number)
    page.object_list = _rows_in_order(list(page.object_list))
    return page


def hit(row: dict, snippet: SafeString = NO_SNIPPET) -> Hit:
    return Hit(
        document_id=row["document_id"],
        number=row["number"],
        title=row["title"],
        display_date=row["display_date"] or "",
        summary=row["summary"] or "",
        document_type=row["type_label"] or "",
        original_language=row["language_name"] or "",
        published_at=row["published_at"],
        snippet=snippet,
    )


def paginate_hits(versions: QuerySet, number: int | str, *, per_page: int = PER_PAGE) -> Page:
    """`paginate`, with the rows made into Hits (no snippets): the browse pages' lists."""
    page = paginate(versions, number, per_page=per_page)
    page.object_list = [hit(row) for row in page.object_list]
    return page


# --- Facets ---------------------------------------------------------------------------------------


def facet_counts(results: QuerySet, *, selected: set[tuple[str, str]]) -> tuple[FacetGroup, ...]:
    """How many of `results` (versions or search entries) have each facet value; one query."""
    generation, keys = match_set(results)
    return facet_groups(matrix(generation), keys, selected=selected)


def facet_groups(
    pairs: FacetMatrix, keys: np.ndarray, *, selected: set[tuple[str, str]]
) -> tuple[FacetGroup, ...]:
    """The most frequent values of every facet among these entries, counted in memory."""
    counts = pairs.counts(keys)
    found = np.flatnonzero(counts)
    # Grouped by facet, each group most frequent first, then alphabetically: only the shown values
    # of each group are made into objects, however many thousand people the matches name.
    found = found[np.lexsort((pairs.label_rank[found], -counts[found], pairs.value_facet[found]))]
    found_facets = pairs.value_facet[found]
    groups = []
    for name in FACETS:
        if name not in pairs.facet_names:
            continue
        code = pairs.facet_names.index(name)
        first, end = np.searchsorted(found_facets, [code, code + 1])
        limit = DECADES_SHOWN if name == Facet.DECADE else FACET_VALUES_SHOWN
        values = []
        for index in found[first : min(end, first + limit)].tolist():
            _, value, label = pairs.values[index]
            values.append(FacetValue(value, label, int(counts[index]), (name, value) in selected))
        if name == Facet.DECADE:
            values.sort(key=lambda item: int(item.value))
        if values:
            groups.append(FacetGroup(name, str(Facet(name).label), tuple(values)))
    return tuple(groups)
