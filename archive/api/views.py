"""The public API: anonymous and read-only, over published versions only (DESIGN.md, "The one invariant").

Documents are read from PublishedVersion: the list from the current versions through the reading
room's search, a record and its versions from the record's version list, exactly as the document page
reads them (archive.views.documents). Authorities are public while a current version links to them,
which the search index (archive.search, derived from current versions alone) records. Nothing here
reads a working copy, except the withdrawal date and reason that a tombstone shows.

GET and HEAD only; every other method answers 405 with problem details. Each view's OpenAPI
description is in archive.api.schema.
"""

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
from django.db import connection
from django.db.models import Model, QuerySet
from django.db.models.fields.json import KT
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from archive.api import schema
from archive.api.conditional import content_etag, make_etag, not_modified, validated
from archive.api.filters import MAX_ID, DocumentListQuery, DocumentSearch, PageQuery
from archive.api.pagination import DEFAULT_PAGE_SIZE, Cursor, Order, Page, paginate
from archive.api.problems import problem
from archive.api.serializers import (
    AuthoritySerializer,
    CollectionSerializer,
    DocumentPageSerializer,
    DocumentSerializer,
    PersonSerializer,
    PlaceSerializer,
    RepositorySerializer,
    SubjectSerializer,
    TombstoneSerializer,
    VersionSummarySerializer,
    page_url,
    with_documents,
)
from archive.citations import house_style
from archive.models import Collection, Document, Person, Place, PublishedVersion, Repository, Subject
from archive.search import SearchQuery, Sort, facets
from archive.search.engine import match_set
from archive.search.models import SearchGeneration
from archive.views.documents import VersionList, version_list

_ID_RE = re.compile(r"[0-9]{1,19}")


def path_number(value: str) -> int:
    """A record id or version number from the path; anything else names nothing: 404, like an unknown id."""
    if _ID_RE.fullmatch(value) is None or not 1 <= int(value) <= MAX_ID:
        raise NotFound(_("Nothing is published at this address: an id is a positive whole number."))
    return int(value)


def read_query(serializer_class: type[serializers.Serializer], request: Request) -> dict:
    """The validated query parameters; a 400 naming each bad parameter otherwise."""
    params = serializer_class(data=request.query_params)
    params.is_valid(raise_exception=True)
    return params.validated_data


def read_cursor(params: dict, *, order: Order) -> Cursor | None:
    token = params.get("cursor")
    return Cursor.decode(token, order=order) if token else None


def page_link(request: Request, cursor: Cursor | None) -> str | None:
    if cursor is None:
        return None
    return replace_query_param(request.build_absolute_uri(), "cursor", cursor.encode())


class PublicAPIView(APIView):
    """Anonymous reads; the throttles, authentication and error shape come from settings.REST_FRAMEWORK."""

    def serializer_context(self) -> dict:
        return {"request": self.request}


# --- Documents ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArchiveState:
    """What the documents list can change with, and how many records it holds.

    The search index's generation changes with every publication, new version and withdrawal, in
    the transaction that makes it (archive.search.models.SearchGeneration), so it changes whenever
    any list may; the newest version's id is there for an index rebuilt without a change.
    """

    generation: int | None
    newest: int | None
    changed_at: dt.datetime | None
    count: int


# Each maximum is read from an index: the state costs the same at any size of archive.
_STATE_SQL = (
    "SELECT (SELECT MAX(number) FROM {generations}), (SELECT MAX(id) FROM {versions}), "
    "(SELECT MAX(published_at) FROM {versions}), "
    "(SELECT MAX(withdrawn_at) FROM {documents} WHERE withdrawn_at IS NOT NULL)"
)


def archive_state(*, matching: tuple[int | None, np.ndarray] | None = None) -> ArchiveState:
    """One small query, enough to answer a revalidation with a 304. The count is the match set's
    (`matching`: the generation and keys from archive.search.engine.match_set) or, for the whole
    list, the number of entries in the search index, which the process holds in memory."""
    sql = _STATE_SQL.format(
        generations=SearchGeneration._meta.db_table,
        versions=PublishedVersion._meta.db_table,
        documents=Document._meta.db_table,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        generation, newest, published, withdrawn = cursor.fetchone()
    changes = [_moment(value) for value in (published, withdrawn) if value is not None]
    if matching is not None:
        generation, keys = matching
        count = len(keys)
    else:
        count = facets.matrix(generation).size
    return ArchiveState(generation, newest, max(changes, default=None), count)


def _moment(value: dt.datetime | str) -> dt.datetime:
    """A time read with raw SQL: SQLite gives it as text in UTC."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


# A list shows the payload's short fields, never the texts.
SUMMARY_COLUMNS = {
    "date": KT("payload__date"),
    "display_date": KT("payload__display_date"),
    "summary": KT("payload__summary"),
    "document_type_label": KT("payload__document_type_label"),
    "original_language_name": KT("payload__original_language_name"),
}
SUMMARY_FIELDS = (
    "pk",
    "document_id",
    "number",
    "title",
    "date_earliest",
    "date_latest",
    "document_type",
    "original_language",
    "published_at",
)


def page_of_versions(versions: QuerySet, *, order: Order, cursor: Cursor | None, size: int) -> Page:
    """A page of versions as list rows, in two queries: the page's ids (and sort values) in order, then
    those versions' rows. Sorting the matches reads no payload; only the shown versions' are read."""
    columns = ["pk"] if order.by_offset else [key.name for key in order.keys]
    page = paginate(versions.values(*dict.fromkeys(["pk", *columns])), order=order, cursor=cursor, size=size)
    ids = [row["pk"] for row in page.rows]
    rows = PublishedVersion.objects.filter(pk__in=ids).annotate(**SUMMARY_COLUMNS)
    by_id = {row["pk"]: row for row in rows.values(*SUMMARY_FIELDS, *SUMMARY_COLUMNS)} if ids else {}
    return Page([by_id[pk] for pk in ids], page.next, page.previous)


@extend_schema_view(get=schema.DOCUMENT_LIST)
class DocumentListView(PublicAPIView):
    """Every published record, narrowed by the search's filters and full-text query, a page at a time."""

    def get(self, request: Request) -> Response:
        params = read_query(DocumentListQuery, request)
        search = DocumentSearch.from_params(params)
        order = search.order
        cursor = read_cursor(params, order=order)
        matcher = search.matcher()
        results = search.results(matcher)
        matching = match_set(results) if search.narrowed else None
        state = archive_state(matching=matching)
        etag = make_etag(request, state.generation, state.newest)
        if (unchanged := not_modified(request, etag=etag, last_modified=state.changed_at)) is not None:
            return unchanged
        ordered = search.ordered(results, matcher)
        page = page_of_versions(ordered, order=order, cursor=cursor, size=params["page_size"])
        body = {
            "count": state.count,
            "next": page_link(request, page.next),
            "previous": page_link(request, page.previous),
            "ordering": order.name,
            "results": page.rows,
        }
        if matching is not None:
            body["facets"] = search.facets(matching)
        data = DocumentPageSerializer(body, context=self.serializer_context()).data
        return validated(Response(data), etag=etag, last_modified=state.changed_at)


def published_version(request: Request, document_id: int, *, number: int | None) -> Response:
    """A record's current version (number None) or version `number`: 410 if withdrawn, 404 if never public.

    Two queries: the version list (enough for a 304) and the version itself.
    """
    versions = version_list(request, document_id)
    if versions.withdrawn:
        return gone(versions)
    summary = versions.current if number is None else versions.numbered(number)
    if summary is None:
        raise NotFound(_("No published document or version at this address."))
    etag = make_etag(request, summary.pk, versions.current.pk)
    last_modified = versions.current.published_at
    if (unchanged := not_modified(request, etag=etag, last_modified=last_modified)) is not None:
        return unchanged
    version = PublishedVersion.objects.get(pk=summary.pk)
    context = {"request": request, "versions": versions, "version_specific": number is not None}
    return validated(
        Response(DocumentSerializer(version, context=context).data), etag=etag, last_modified=last_modified
    )


def gone(versions: VersionList) -> Response:
    """410 with the tombstone: what a reader needs to account for a citation of a withdrawn record."""
    last = (
        PublishedVersion.objects.select_related("document")
        .only("document", "number", "payload", "document__withdrawn_at", "document__withdrawal_reason")
        .get(pk=versions.versions[0].pk)
    )
    record = last.document
    tombstone = {
        "id": last.document_id,
        "title": last.payload["title"],
        "withdrawn_at": record.withdrawn_at,
        "reason": record.withdrawal_reason,
        "citation": house_style(last, version_specific=False)["text"],
        "html_url": page_url(last.document_id),
    }
    detail = _("This document was withdrawn on %(date)s and is no longer published.") % {
        "date": date_format(localtime(record.withdrawn_at), "j F Y")
    }
    return problem(status.HTTP_410_GONE, detail, tombstone=TombstoneSerializer(tombstone).data)


@extend_schema_view(get=schema.DOCUMENT_DETAIL)
class DocumentDetailView(PublicAPIView):
    """A record's current version, complete, with its citations."""

    def get(self, request: Request, **kwargs) -> Response:
        return published_version(request, path_number(kwargs["id"]), number=None)


@extend_schema_view(get=schema.VERSION_DETAIL)
class VersionDetailView(PublicAPIView):
    """One version of a record, at the stable address that cites it."""

    def get(self, request: Request, **kwargs) -> Response:
        return published_version(request, path_number(kwargs["id"]), number=path_number(kwargs["number"]))


@extend_schema_view(get=schema.VERSION_LIST)
class VersionListView(PublicAPIView):
    """A record's published versions, newest first, with their change notes."""

    def get(self, request: Request, **kwargs) -> Response:
        versions = version_list(request, path_number(kwargs["id"]))
        if versions.withdrawn:
            return gone(versions)
        if versions.current is None:
            raise NotFound(_("No published document or version at this address."))
        etag = make_etag(request, [summary.pk for summary in versions.versions])
        last_modified = versions.current.published_at
        if (unchanged := not_modified(request, etag=etag, last_modified=last_modified)) is not None:
            return unchanged
        data = VersionSummarySerializer(versions.versions, many=True, context=self.serializer_context()).data
        return validated(Response(data), etag=etag, last_modified=last_modified)


# --- Authorities ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Authority:
    """One kind of authority record, as the public API lists it."""

    model: type[Model]
    facet: str
    serializer: type[AuthoritySerializer]
    # Alphabetical, ending in the primary key.
    terms: tuple[str, ...]

    @property
    def order(self) -> Order:
        return Order(self.facet, self.terms, self.model)

    def counts(self) -> dict[str, int]:
        """How many current published versions link to each record, by key.

        Read from the search index's facet pairs, which exist for current versions only and which
        each process holds in memory (archive.search.facets): the count is exactly the length of the
        documents list filtered by the same facet, and costs no join over every link.
        """
        return facets.current().totals(self.facet)

    def public(self, counts: dict[str, int]) -> QuerySet:
        """The records at least one current published version links to (`counts` from `counts()`)."""
        queryset = self.model.objects.filter(pk__in=[int(pk) for pk, count in counts.items() if count])
        return queryset.select_related("parent") if self.model is Place else queryset

    @staticmethod
    def counted(records: list[Model], counts: dict[str, int]) -> list[Model]:
        for record in records:
            record.document_count = counts.get(str(record.pk), 0)
        return records

    def first_documents(self, pk: int, *, size: int = DEFAULT_PAGE_SIZE) -> list[dict]:
        """Its first documents by date: the first page of the documents list filtered by it."""
        search = DocumentSearch(SearchQuery(filters=((self.facet, str(pk)),), sort=Sort.DATE))
        return page_of_versions(search.results(None), order=search.order, cursor=None, size=size).rows


class AuthorityListView(PublicAPIView):
    authority: Authority

    def get(self, request: Request) -> Response:
        params = read_query(PageQuery, request)
        authority = self.authority
        cursor = read_cursor(params, order=authority.order)
        counts = authority.counts()
        page = paginate(
            authority.public(counts), order=authority.order, cursor=cursor, size=params["page_size"]
        )
        rows = authority.counted(page.rows, counts)
        data = {
            "count": sum(1 for count in counts.values() if count),
            "next": page_link(request, page.next),
            "previous": page_link(request, page.previous),
            "results": authority.serializer(rows, many=True, context=self.serializer_context()).data,
        }
        return conditional_data(request, data)


class AuthorityDetailView(PublicAPIView):
    authority: Authority

    def get(self, request: Request, **kwargs) -> Response:
        authority = self.authority
        counts = authority.counts()
        record = authority.public(counts).filter(pk=path_number(kwargs["id"])).first()
        if record is None:
            raise NotFound(_("Nothing published links to a record with this id."))
        authority.counted([record], counts)
        record.listed_documents = authority.first_documents(record.pk)
        serializer = with_documents(authority.serializer)
        return conditional_data(request, serializer(record, context=self.serializer_context()).data)


def conditional_data(request: Request, data) -> Response:
    """Authorities carry no change time, so their ETag is the data's own and there is no Last-Modified."""
    etag = content_etag(request, data)
    if (unchanged := not_modified(request, etag=etag)) is not None:
        return unchanged
    return validated(Response(data), etag=etag)


AUTHORITIES = {
    "collections": Authority(Collection, "collection", CollectionSerializer, ("title", "pk")),
    "people": Authority(Person, "person", PersonSerializer, ("sort_name", "name", "pk")),
    "places": Authority(Place, "place", PlaceSerializer, ("name", "pk")),
    "subjects": Authority(Subject, "subject", SubjectSerializer, ("heading", "pk")),
    "repositories": Authority(Repository, "repository", RepositorySerializer, ("name", "pk")),
}


def authority_views(prefix: str) -> tuple[type[AuthorityListView], type[AuthorityDetailView]]:
    """The list and detail views of one kind of authority, each with its own OpenAPI description."""
    authority = AUTHORITIES[prefix]
    list_schema, detail_schema = schema.authority_schemas(prefix, authority.serializer)
    list_view = extend_schema_view(get=list_schema)(
        type(f"{authority.model.__name__}ListView", (AuthorityListView,), {"authority": authority})
    )
    detail_view = extend_schema_view(get=detail_schema)(
        type(f"{authority.model.__name__}DetailView", (AuthorityDetailView,), {"authority": authority})
    )
    return list_view, detail_view
