"""search(query) -> results: the one way the reading room searches, whichever database runs it.

Every read starts from the current published versions (never a draft, a superseded version or a
withdrawn record), is narrowed by the text query, the facet values and the date range, and is then
counted, sorted, cut into a page and counted by facet. Snippets are computed for the shown page only.
"""

import datetime as dt
import operator
from dataclasses import dataclass, field
from functools import reduce

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Window
from django.db.models.fields.json import KT
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from archive.models import PublishedVersion
from archive.search.backends import Matcher, get_backend
from archive.search.models import SearchFacet
from archive.search.syntax import ParsedQuery, parse

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
    results = _narrowed(_matching(matcher), query)
    sort = query.effective_sort()
    ordered = matcher.ranked(results) if sort == Sort.RELEVANCE else results
    page = paginate(ordered.order_by(*ORDERINGS[sort]), query.page, per_page=query.per_page)
    snippets = matcher.snippets([row["pk"] for row in page.object_list]) if matcher else {}
    page.object_list = [hit(row, snippets.get(row["pk"], NO_SNIPPET)) for row in page.object_list]
    without_filters = None
    if page.paginator.count == 0 and query.narrowed:
        without_filters = _matching(matcher).count()
    return SearchResults(
        query=query,
        sort=sort,
        page=page,
        facets=facet_counts(results, selected=set(query.filters)),
        filter_labels=filter_labels(query.filters),
        total_without_filters=without_filters,
    )


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

HIT_COLUMNS = {
    "display_date": KT("payload__display_date"),
    "summary": KT("payload__summary"),
    "type_label": KT("payload__document_type_label"),
    "language_name": KT("payload__original_language_name"),
}


def hit_rows(versions: QuerySet) -> QuerySet:
    """The versions as rows with what a result list shows: the payload's short fields, not its texts."""
    return versions.annotate(**HIT_COLUMNS).values(
        "pk", "document_id", "number", "title", "published_at", *HIT_COLUMNS
    )


def hit_list(versions: QuerySet, limit: int) -> list[Hit]:
    """The first `limit` of an ordered queryset of versions, as Hits; two queries (ids, then rows)."""
    ids = list(versions.values_list("pk", flat=True)[:limit])
    return [hit(row) for row in _rows_in_order(ids)]


def _rows_in_order(ids: list[int]) -> list[dict]:
    """The result-list rows of these versions, in this order; reads only these versions' payloads."""
    if not ids:
        return []
    rows = {row["pk"]: row for row in hit_rows(PublishedVersion.objects.filter(pk__in=ids))}
    return [rows[pk] for pk in ids]


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
    """How many of `results` have each facet value: the most frequent values of every facet, one query."""
    counted = (
        SearchFacet.objects.filter(entry_id__in=results.values("pk"))
        .values("facet", "value")
        .annotate(count=Count("pk"), label=Max("label"))
        .annotate(
            position=Window(
                RowNumber(), partition_by=[F("facet")], order_by=[F("count").desc(), F("label").asc()]
            )
        )
        .filter(position__lte=DECADES_SHOWN)
    )
    grouped: dict[str, list[FacetValue]] = {name: [] for name in FACETS}
    for row in counted:
        if row["facet"] in grouped and (
            row["position"] <= FACET_VALUES_SHOWN or row["facet"] == Facet.DECADE
        ):
            selected_value = (row["facet"], row["value"]) in selected
            grouped[row["facet"]].append(FacetValue(row["value"], row["label"], row["count"], selected_value))
    grouped[Facet.DECADE].sort(key=lambda value: int(value.value))
    return tuple(
        FacetGroup(name, str(Facet(name).label), tuple(values)) for name, values in grouped.items() if values
    )


def filter_labels(filters: tuple[tuple[str, str], ...]) -> dict[tuple[str, str], str]:
    """The published label of each (facet, value) filter; one query, none without filters."""
    if not filters:
        return {}
    wanted = reduce(operator.or_, (Q(facet=facet, value=value) for facet, value in filters))
    rows = SearchFacet.objects.filter(wanted).values_list("facet", "value").annotate(label=Max("label"))
    found = {(facet, value): label for facet, value, label in rows}
    return {pair: found.get(pair, pair[1]) for pair in filters}
