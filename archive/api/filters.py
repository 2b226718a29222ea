"""The documents list's query: full-text `q`, the search's facet filters, a date range, the order, the page.

A serializer reads the query string, so that a bad value answers 400 naming the parameter and the
OpenAPI schema documents every parameter. The reading room's own search (archive.search) answers it:
the same matching, narrowing, ordering and facet counts as the search page, so the API and the site
never disagree about what matches.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers
from rest_framework.fields import empty

from archive.api.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Order
from archive.models import PublishedVersion
from archive.search import SearchQuery, Sort
from archive.search.backends import Matcher, get_backend
from archive.search.engine import ORDERINGS, FacetGroup, _matching, _narrowed, facet_groups
from archive.search.facets import matrix
from archive.search.models import SearchFacet

Facet = SearchFacet.Name
# Ids are 64-bit integers; a larger number names nothing and must not reach the database.
MAX_ID = 2**63 - 1
LANGUAGE_CODE_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
PARTIAL_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Given:
    """A query parameter given empty (`?page_size=`) is an error that names it.

    DRF reads a query string as it reads an HTML form, where an empty field means "not filled in" and
    falls back to the default; a script that sends an empty value has made a mistake worth reporting.
    """

    def get_value(self, dictionary):
        return dictionary.get(self.field_name, empty)


class GivenCharField(Given, serializers.CharField):
    pass


class GivenRegexField(Given, serializers.RegexField):
    pass


class GivenChoiceField(Given, serializers.ChoiceField):
    pass


class GivenIntegerField(Given, serializers.IntegerField):
    pass


def _ids(help_text: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False, help_text=help_text
    )


def _languages(help_text: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.RegexField(LANGUAGE_CODE_RE, max_length=20), required=False, help_text=help_text
    )


def _partial_date(help_text: str) -> serializers.RegexField:
    return GivenRegexField(PARTIAL_DATE_RE, required=False, help_text=help_text)


class DocumentListQuery(serializers.Serializer):
    """The documents list's query parameters. A repeated filter (`subject=3&subject=8`) requires both."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text=gettext_lazy(
            "Full-text search in titles, summaries, names, texts and footnotes. Words are all required; "
            '"quoted phrases", OR between alternatives and a leading minus to exclude a word work as '
            "in web search engines."
        ),
    )
    collection = _ids(gettext_lazy("Only documents in this collection (its id)."))
    subject = _ids(gettext_lazy("Only documents about this subject (its id)."))
    person = _ids(
        gettext_lazy("Only documents written by or mentioning this person or organisation (its id).")
    )
    place = _ids(gettext_lazy("Only documents about this place (its id)."))
    repository = _ids(gettext_lazy("Only documents whose original is held by this repository (its id)."))
    language = _languages(gettext_lazy('Only documents originally written in this language (ISO 639: "ru").'))
    translation = _languages(gettext_lazy('Only documents with a translation into this language ("en").'))
    decade = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=9990),
        required=False,
        help_text=gettext_lazy("Only documents dated (at least partly) in this decade: 1960 for the 1960s."),
    )
    date_from = _partial_date(
        gettext_lazy("Only documents dated on or after this day, month or year: 1962-10-16, 1962-10 or 1962.")
    )
    date_to = _partial_date(
        gettext_lazy(
            "Only documents dated on or before this day, month or year: 1962-10-28, 1962-10 or 1962."
        )
    )
    ordering = GivenChoiceField(
        choices=Sort.choices,
        required=False,
        help_text=gettext_lazy(
            "relevance (the default with `q`), date (oldest first; the default without `q`), -date "
            "(newest first) or published (most recently published first)."
        ),
    )
    cursor = GivenCharField(
        required=False,
        max_length=2000,
        help_text=gettext_lazy("Where a page starts; take it from a response's `next` or `previous` link."),
    )
    page_size = GivenIntegerField(
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        default=DEFAULT_PAGE_SIZE,
        help_text=gettext_lazy("Documents per page."),
    )

    def validate_decade(self, decades: list[int]) -> list[int]:
        if any(decade % 10 for decade in decades):
            raise serializers.ValidationError(_("A decade is written as its first year: 1960, not 1962."))
        return decades

    def validate_date_from(self, value: str) -> dt.date:
        return _first_day(value)

    def validate_date_to(self, value: str) -> dt.date:
        return _last_day(value)

    def validate(self, attrs: dict) -> dict:
        start, end = attrs.get("date_from"), attrs.get("date_to")
        if start and end and start > end:
            raise serializers.ValidationError(
                {"date_to": [_("The end of the date range is before its start.")]}
            )
        return attrs


def _date_parts(value: str) -> tuple[int, int | None, int | None]:
    """ "1962-10" -> (1962, 10, None); the value already matched PARTIAL_DATE_RE."""
    year, month, day = ([int(part) for part in value.split("-")] + [None, None])[:3]
    return year, month, day


def _first_day(value: str) -> dt.date:
    year, month, day = _date_parts(value)
    return _date(year, month or 1, day or 1)


def _last_day(value: str) -> dt.date:
    year, month, day = _date_parts(value)
    if day is not None:
        return _date(year, month, day)
    first = _date(year, month or 12, 1)
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise serializers.ValidationError(
            _("%(year)04d-%(month)02d-%(day)02d is not a date in the calendar.")
            % {"year": year, "month": month, "day": day}
        ) from None


FACET_PARAMETERS = (
    Facet.COLLECTION,
    Facet.SUBJECT,
    Facet.PERSON,
    Facet.PLACE,
    Facet.REPOSITORY,
    Facet.LANGUAGE,
    Facet.TRANSLATION,
    Facet.DECADE,
)


@dataclass(frozen=True)
class DocumentSearch:
    """A validated documents query, answered by archive.search."""

    query: SearchQuery
    start: dt.date | None = None
    end: dt.date | None = None

    @classmethod
    def from_params(cls, params: dict) -> "DocumentSearch":
        filters = tuple(
            (str(facet), str(value)) for facet in FACET_PARAMETERS for value in params.get(str(facet), ())
        )
        query = SearchQuery(text=params.get("q", ""), filters=filters, sort=params.get("ordering", ""))
        return cls(query=query, start=params.get("date_from"), end=params.get("date_to"))

    @property
    def narrowed(self) -> bool:
        """Whether anything narrows the list; only then does the answer carry facet counts."""
        return bool(self.query.parsed or self.query.filters or self.start or self.end)

    @property
    def sort(self) -> Sort:
        return self.query.effective_sort()

    @property
    def order(self) -> Order:
        """The reading room's order; relevance is a computed score, so its pages are cut by offset."""
        sort = self.sort
        return Order(sort.value, ORDERINGS[sort], PublishedVersion, by_offset=sort == Sort.RELEVANCE)

    def matcher(self) -> Matcher | None:
        parsed = self.query.parsed
        return get_backend().matcher(parsed) if parsed else None

    def results(self, matcher: Matcher | None) -> QuerySet:
        """Every current published version that matches, in no order: for counts and facets."""
        return _narrowed(_matching(matcher), self.query).dated_between(self.start, self.end)

    def ordered(self, results: QuerySet, matcher: Matcher | None) -> QuerySet:
        """`results` ready for the order: with their relevance when that is the order."""
        return matcher.ranked(results) if self.sort == Sort.RELEVANCE else results

    def facets(self, matching: tuple[int | None, np.ndarray]) -> tuple[FacetGroup, ...]:
        """The facet counts of the match set (generation and keys, from archive.search.engine.match_set)."""
        generation, keys = matching
        return facet_groups(matrix(generation), keys, selected=set(self.query.filters))


class PageQuery(serializers.Serializer):
    """The query parameters of the authority lists: only the page."""

    cursor = GivenCharField(
        required=False,
        max_length=2000,
        help_text=gettext_lazy("Where a page starts; take it from a response's `next` or `previous` link."),
    )
    page_size = GivenIntegerField(
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        default=DEFAULT_PAGE_SIZE,
        help_text=gettext_lazy("Records per page."),
    )
