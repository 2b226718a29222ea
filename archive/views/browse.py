"""The reading room's ways in besides search: the home page, collections, people, places, subjects,
and records by decade and year.

Every list is of current published versions only. An authority record (a person, a place, a subject,
a collection) is public only while at least one published record links to it: a person known only
from drafts answers 404. Each page costs a fixed handful of queries, whatever the number of records
on it: the authority (on detail pages), the count and the page.
"""

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Exists, Model, OuterRef, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from archive.models import Collection, Person, Place, PublishedVersion, Subject
from archive.rendering import render_markdown
from archive.search import facets, paginate_hits
from archive.search.engine import ORDERINGS, Sort, hit_list
from archive.search.models import SearchFacet

RECENT_ON_HOME = 8
AUTHORITIES_PER_PAGE = 100
# The years the browse pages accept: a four-digit year, as EDTF dates are.
FIRST_YEAR, LAST_YEAR = 1, 9999


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None for the "…" between page ranges
    url: str
    current: bool


@dataclass(frozen=True)
class Pagination:
    """The links of a paginated list, built from the request's own query string."""

    page: Page
    previous_url: str
    next_url: str
    links: tuple[PageLink, ...]


def pagination(request: HttpRequest, page: Page) -> Pagination:
    def url(number: int) -> str:
        return query_string(request.GET, page=None if number == 1 else str(number))

    links = tuple(
        PageLink(number, url(number), number == page.number)
        if isinstance(number, int)
        else PageLink(None, "", False)
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return Pagination(
        page=page,
        previous_url=url(page.previous_page_number()) if page.has_previous() else "",
        next_url=url(page.next_page_number()) if page.has_next() else "",
        links=links,
    )


def query_string(params: QueryDict, **changes: str | None) -> str:
    """`params` with each changed key set to a value, or dropped for None: "?q=…&page=2"."""
    changed = params.copy()
    for key, value in changes.items():
        changed.pop(key, None)
        if value is not None:
            changed[key] = value
    return f"?{changed.urlencode()}" if changed else "?"


def public(model: type[Model], relation: str) -> QuerySet:
    """Authority records linked to at least one current published version through `relation`."""
    linked = PublishedVersion.objects.current().filter(**{relation: OuterRef("pk")})
    return model.objects.filter(Exists(linked))


FACET_OF = {
    Collection: SearchFacet.Name.COLLECTION,
    Person: SearchFacet.Name.PERSON,
    Place: SearchFacet.Name.PLACE,
    Subject: SearchFacet.Name.SUBJECT,
}


def public_counts(model: type[Model]) -> dict[str, int]:
    """How many current published versions link to each authority record of `model`, by key.

    The counts come from the search index's facet pairs, which each process holds in memory
    (archive.search.facets): counting the links in SQL joins every link of every record, a second a
    page at 100,000 records. One small query (the index's generation), and a load after a change.
    """
    return facets.current().totals(FACET_OF[model])


def with_counts(model: type[Model], counts: dict[str, int]) -> QuerySet:
    """Authority records linked to at least one current published version; `counted` adds how many."""
    return model.objects.filter(pk__in=[int(pk) for pk, count in counts.items() if count])


def counted(records: Iterable[Model], counts: dict[str, int]) -> list[Model]:
    """These authority records, each with `public_count`: the current published versions linking to it."""
    records = list(records)
    for record in records:
        record.public_count = counts.get(str(record.pk), 0)
    return records


def records_page(request: HttpRequest, versions: QuerySet) -> Pagination:
    """A page of records, oldest first, with its links."""
    ordered = versions.order_by(*ORDERINGS[Sort.DATE])
    return pagination(request, paginate_hits(ordered, request.GET.get("page", 1)))


# --- Home -----------------------------------------------------------------------------------------


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """archive/home.html: the search box, the latest published records and the collections."""
    recent = hit_list(PublishedVersion.objects.current().order_by("-published_at", "-pk"), RECENT_ON_HOME)
    counts = public_counts(Collection)
    collections = counted(with_counts(Collection, counts).order_by("title"), counts)
    return render(request, "archive/home.html", {"recent": recent, "collections": collections})


# --- Collections ----------------------------------------------------------------------------------


@require_safe
def collection_list(request: HttpRequest) -> HttpResponse:
    """archive/collection_list.html: every collection with published records, and how many."""
    counts = public_counts(Collection)
    collections = counted(with_counts(Collection, counts).order_by("title"), counts)
    return render(request, "archive/collection_list.html", {"collections": collections})


@require_safe
def collection_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """archive/collection_detail.html: the collection's description and its records by date."""
    collection = get_object_or_404(public(Collection, "collections"), slug=slug)
    context = {
        "collection": collection,
        "description": render_markdown(collection.description),
        "pagination": records_page(request, PublishedVersion.objects.current().in_collection(collection)),
    }
    return render(request, "archive/collection_detail.html", context)


# --- People, places, subjects ---------------------------------------------------------------------


def authority_list(
    request: HttpRequest, model: type[Model], ordered: Callable[[QuerySet], QuerySet], template: str
) -> HttpResponse:
    """A page of the authority records of `model` that published records link to, with their counts."""
    counts = public_counts(model)
    page = Paginator(ordered(with_counts(model, counts)), AUTHORITIES_PER_PAGE).get_page(
        request.GET.get("page", 1)
    )
    page.object_list = counted(page.object_list, counts)
    return render(request, template, {"pagination": pagination(request, page)})


@require_safe
def person_list(request: HttpRequest) -> HttpResponse:
    """archive/person_list.html: people and organisations in published records, A to Z."""
    return authority_list(
        request, Person, lambda people: people.order_by("sort_name", "name", "pk"), "archive/person_list.html"
    )


@require_safe
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """archive/person_detail.html: who they were, and the published records by or about them."""
    person = get_object_or_404(public(Person, "people"), pk=pk)
    versions = PublishedVersion.objects.current().involving(person)
    context = {"person": person, "pagination": records_page(request, versions)}
    return render(request, "archive/person_detail.html", context)


@require_safe
def place_list(request: HttpRequest) -> HttpResponse:
    """archive/place_list.html: places in published records, A to Z, each with the place it is in."""
    return authority_list(
        request,
        Place,
        lambda places: places.select_related("parent").order_by("name", "pk"),
        "archive/place_list.html",
    )


@require_safe
def place_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """archive/place_detail.html: the place and the published records about it."""
    place = get_object_or_404(public(Place, "places").select_related("parent"), pk=pk)
    versions = PublishedVersion.objects.current().at_place(place)
    context = {"place": place, "pagination": records_page(request, versions)}
    return render(request, "archive/place_detail.html", context)


@require_safe
def subject_list(request: HttpRequest) -> HttpResponse:
    """archive/subject_list.html: subject headings of published records, A to Z."""
    return authority_list(
        request, Subject, lambda subjects: subjects.order_by("heading", "pk"), "archive/subject_list.html"
    )


@require_safe
def subject_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """archive/subject_detail.html: the heading, its scope note and the published records about it."""
    subject = get_object_or_404(public(Subject, "subjects"), pk=pk)
    versions = PublishedVersion.objects.current().about(subject)
    context = {
        "subject": subject,
        "scope_note": render_markdown(subject.scope_note),
        "pagination": records_page(request, versions),
    }
    return render(request, "archive/subject_detail.html", context)


# --- By date --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A decade or a year, and how many published records fall in it."""

    start: int
    count: int


@require_safe
def browse(request: HttpRequest) -> HttpResponse:
    """archive/browse.html: the decades that have published records, with how many each."""
    totals = facets.current().totals(SearchFacet.Name.DECADE)
    decades = sorted(
        (Period(int(value), count) for value, count in totals.items() if count), key=lambda p: p.start
    )
    return render(request, "archive/browse.html", {"decades": decades})


@require_safe
def browse_decade(request: HttpRequest, decade: int) -> HttpResponse:
    """archive/browse_decade.html: the decade's years with their counts, and its records by date."""
    if decade % 10:
        return redirect("archive:browse-decade", decade=decade - decade % 10)
    _ensure_year(decade)
    versions = _overlapping(dt.date(decade, 1, 1), dt.date(min(decade + 9, LAST_YEAR), 12, 31))
    context = {
        "decade": decade,
        "years": _years(versions, decade),
        "pagination": records_page(request, versions),
        "previous_decade": decade - 10 if decade > 10 else None,
        "next_decade": decade + 10 if decade + 10 <= LAST_YEAR else None,
    }
    return render(request, "archive/browse_decade.html", context)


@require_safe
def browse_year(request: HttpRequest, year: int) -> HttpResponse:
    """archive/browse_year.html: the records whose date falls in (or spans) the year, by date."""
    _ensure_year(year)
    context = {
        "year": year,
        "decade": year - year % 10,
        "pagination": records_page(request, _overlapping(dt.date(year, 1, 1), dt.date(year, 12, 31))),
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year < LAST_YEAR else None,
    }
    return render(request, "archive/browse_year.html", context)


def _ensure_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("No such year.")


def _overlapping(start: dt.date, end: dt.date) -> QuerySet:
    return PublishedVersion.objects.current().dated_between(start, end)


def _years(versions: QuerySet, decade: int) -> list[Period]:
    """How many of the decade's records fall in (or span) each of its years; one query of two dates."""
    counts: Counter[int] = Counter()
    for earliest, latest in versions.values_list("date_earliest", "date_latest"):
        counts.update(range(max(earliest.year, decade), min(latest.year, decade + 9) + 1))
    return [Period(year, counts[year]) for year in sorted(counts)]
