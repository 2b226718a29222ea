"""The search page: /search/?q=…&person=12&decade=1960&from=1958&to=1963&sort=date&page=2.

Facet filters are repeatable parameters named after the facets (collection, subject, person, place,
repository, language, translation, decade); every one given must hold. The page costs the same few
queries whatever the number of results: the count, the page, its snippets, the facet counts (and, on
PostgreSQL, the languages the records are written in).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_safe

from archive.search import FacetGroup, SearchQuery, SearchResults, Sort, search
from archive.search.engine import FACETS
from archive.search.models import SearchFacet
from archive.views.browse import pagination, query_string
from config.middleware import rate_limited

MAX_FILTERS = 20
MAX_FILTER_LENGTH = 50


class SearchForm(forms.Form):
    """The words, the date range and the order; the facet filters are read apart (`facet_filters`)."""

    q = forms.CharField(label=gettext_lazy("Search the archive"), max_length=300, required=False)
    sort = forms.ChoiceField(label=gettext_lazy("Sort by"), choices=Sort.choices, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # "from" and "to" are Python keywords, hence fields added here rather than declared.
        for name, label in (("from", gettext_lazy("From year")), ("to", gettext_lazy("To year"))):
            self.fields[name] = forms.IntegerField(
                label=label,
                min_value=1,
                max_value=9999,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "1945"}),
            )

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            raise forms.ValidationError(
                _("The date range runs backwards: %(start)s is after %(end)s."),
                code="backwards",
                params={"start": start, "end": end},
            )
        return cleaned


def facet_filters(params: QueryDict) -> tuple[tuple[str, str], ...]:
    """(facet, value) pairs from the query string, in facet order; duplicates and junk dropped."""
    pairs: list[tuple[str, str]] = []
    for facet in FACETS:
        for value in params.getlist(facet):
            value = value.strip()
            if value and len(value) <= MAX_FILTER_LENGTH and (facet, value) not in pairs:
                pairs.append((facet, value))
    return tuple(pairs[:MAX_FILTERS])


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    selected: bool
    url: str  # adds the value to the query, or takes it away when selected

    @property
    def count_html(self) -> SafeString:
        """The count with its unit for screen readers: what a {% blocktranslate count %} of the same
        message gives, made here because a search page shows some eighty of them (25 µs each in
        the template, 2 ms of the page)."""
        message = ngettext(
            '%(counter)s<span class="visually-hidden"> record</span>',
            '%(counter)s<span class="visually-hidden"> records</span>',
            self.count,
        )
        return mark_safe(message % {"counter": self.count})


@dataclass(frozen=True)
class FacetLinks:
    name: str
    label: str
    links: tuple[FacetLink, ...]


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    remove_url: str


@require_safe
@rate_limited("search", rate_setting="SEARCH_RATE_LIMIT")
def search_page(request: HttpRequest) -> HttpResponse:
    """archive/search.html: the form, the active filters, the results with snippets, and the facets."""
    form = SearchForm(request.GET)
    results = search(search_query(form, request.GET)) if form.is_valid() else None
    context = {"form": form, "results": results, "hidden_filters": facet_filters(request.GET)}
    if results is not None:
        context |= {
            "pagination": pagination(request, results.page),
            "facets": facet_links(request.GET, results.facets),
            "active_filters": active_filters(request.GET, results),
            "without_filters_url": query_string(_only_words(request.GET)),
        }
    return render(request, "archive/search.html", context)


def search_query(form: SearchForm, params: QueryDict) -> SearchQuery:
    data = form.cleaned_data
    return SearchQuery(
        text=data["q"],
        filters=facet_filters(params),
        year_from=data["from"],
        year_to=data["to"],
        sort=data["sort"],
        page=params.get("page", 1),
    )


def facet_links(params: QueryDict, facets: tuple[FacetGroup, ...]) -> list[FacetLinks]:
    return [
        FacetLinks(
            group.name,
            group.label,
            tuple(
                FacetLink(
                    value.label,
                    value.count,
                    value.selected,
                    _toggled(params, group.name, value.value, add=not value.selected),
                )
                for value in group.values
            ),
        )
        for group in facets
    ]


def active_filters(params: QueryDict, results: SearchResults) -> list[ActiveFilter]:
    """Each thing narrowing the results, with a link that takes it away."""
    active = [
        ActiveFilter(f"{_facet_label(facet)}: {label}", _toggled(params, facet, value, add=False))
        for (facet, value), label in results.filter_labels.items()
    ]
    query = results.query
    if query.year_from or query.year_to:
        span = f"{query.year_from or '…'}–{query.year_to or '…'}"
        active.append(
            ActiveFilter(
                _("Dates: %(span)s") % {"span": span},
                query_string(params, page=None, **{"from": None, "to": None}),
            )
        )
    return active


def _facet_label(name: str) -> str:
    return str(SearchFacet.Name(name).label)


def _toggled(params: QueryDict, facet: str, value: str, *, add: bool) -> str:
    """The query string with `value` of `facet` added or taken away, back on the first page.

    Built from the pairs rather than from a copy of the QueryDict (which deep-copies every value):
    a result page has a link like this for every facet value it shows."""
    pairs, present = [], False
    for key, values in params.lists():
        if key == "page":
            continue
        if key == facet:
            present = True
            values = [item for item in values if item != value] + ([value] if add else [])
        pairs += [(key, item) for item in values]
    if add and not present:
        pairs.append((facet, value))
    return f"?{urlencode(pairs)}"


def _only_words(params: QueryDict) -> QueryDict:
    words = QueryDict(mutable=True)
    if params.get("q"):
        words["q"] = params["q"]
    return words
