"""The public API's OpenAPI description (drf-spectacular): what each endpoint does, its parameters,
examples and error responses. The views (archive.api.views) apply these with extend_schema_view.
"""

from functools import cache

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers

from archive.api import examples
from archive.api.filters import MAX_ID, DocumentListQuery, PageQuery
from archive.api.problems import PROBLEM_CONTENT_TYPE, ProblemDetailsSerializer
from archive.api.serializers import (
    AuthoritySerializer,
    DocumentPageSerializer,
    DocumentSerializer,
    GoneSerializer,
    VersionSummarySerializer,
    with_documents,
)

DOCUMENTS_TAG = "documents"
AUTHORITIES_TAG = "authorities"

READ_ONLY = (
    "\n\nThe public API is read-only and needs no account: GET and HEAD only (any other method answers 405), "
    "open to scripts on any origin (CORS), and limited per client (429 with Retry-After when exceeded). "
    "Errors are RFC 9457 problem details (`application/problem+json`)."
)
REVALIDATION = (
    "\n\nEvery response carries an `ETag` and `Last-Modified`: send them back as `If-None-Match` or "
    "`If-Modified-Since` and an unchanged resource answers 304 with no body."
)
CONTENT_REVALIDATION = (
    "\n\nEvery response carries an `ETag`: send it back as `If-None-Match` and an unchanged resource "
    "answers 304 with no body."
)


def _id_parameter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(
        name,
        {"type": "integer", "minimum": 1, "maximum": MAX_ID},
        OpenApiParameter.PATH,
        description=description,
    )


DOCUMENT_ID = _id_parameter("id", "The record's number, as in its address /documents/<id>/.")
VERSION_NUMBER = _id_parameter("number", "The version's number: 1 for the first published, then 2, 3 …")

IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    str,
    OpenApiParameter.HEADER,
    description="An ETag from an earlier response: 304 if unchanged.",
)
IF_MODIFIED_SINCE = OpenApiParameter(
    "If-Modified-Since",
    str,
    OpenApiParameter.HEADER,
    description='An HTTP date ("Sat, 28 Nov 2026 10:00:00 GMT"): 304 if unchanged since.',
)
ETAG = OpenApiParameter(
    "ETag",
    str,
    OpenApiParameter.HEADER,
    response=[200, 304],
    description="Changes whenever the response would.",
)
LAST_MODIFIED = OpenApiParameter(
    "Last-Modified",
    str,
    OpenApiParameter.HEADER,
    response=[200, 304],
    description="When the data last changed.",
)
REVALIDATED = [IF_NONE_MATCH, IF_MODIFIED_SINCE, ETAG, LAST_MODIFIED]
CONTENT_REVALIDATED = [IF_NONE_MATCH, ETAG]

NOT_MODIFIED = OpenApiResponse(description="Not modified: the copy the client holds is current.")


def _problem(description: str, example: dict, serializer=ProblemDetailsSerializer) -> OpenApiResponse:
    return OpenApiResponse(
        serializer,
        description=description,
        examples=[OpenApiExample(example["title"], value=example)],
    )


INVALID_QUERY = _problem("A query parameter is invalid; `errors` names each one.", examples.INVALID_QUERY)
NOT_FOUND = _problem("No published document or version has this id or number.", examples.NOT_FOUND)
AUTHORITY_NOT_FOUND = _problem(
    "No record with this id, or none that a published document links to.", examples.AUTHORITY_NOT_FOUND
)
GONE = _problem(
    "The record was withdrawn: the tombstone says when and why, and how it was cited.",
    examples.GONE,
    GoneSerializer,
)
THROTTLED = _problem(
    "Too many requests from this client; retry after the Retry-After header's seconds.", examples.THROTTLED
)


def problems(responses: dict[int, OpenApiResponse]) -> dict:
    """{(status, "application/problem+json"): response}: error bodies are problem details, not JSON."""
    return {(code, PROBLEM_CONTENT_TYPE): response for code, response in responses.items()}


def _ok(serializer, name: str, example) -> OpenApiResponse:
    return OpenApiResponse(serializer, examples=[OpenApiExample(name, value=example)])


DOCUMENT_LIST = extend_schema(
    operation_id="documents_list",
    summary="List and search published documents",
    description=(
        "Every published document (its current version), a page at a time, in the reading room's order "
        "and with its search: full-text `q`, filters by collection, subject, person, place, repository, "
        "original language, translation, decade and date range, and an `ordering`. Filters of different "
        "names, and repeats of one (`subject=3&subject=8`), must all hold.\n\n"
        "Pages are cursor-based: follow `next` and `previous` as given (`page_size` sets their length). "
        "When `q` or a filter narrows the list, `facets` counts the matching documents by each facet "
        "value; pass a value as the filter of the facet's name to narrow further." + REVALIDATION + READ_ONLY
    ),
    parameters=[DocumentListQuery, *REVALIDATED],
    responses={
        200: _ok(DocumentPageSerializer, "A search with a filter", examples.DOCUMENT_PAGE),
        304: NOT_MODIFIED,
        **problems({400: INVALID_QUERY, 429: THROTTLED}),
    },
    tags=[DOCUMENTS_TAG],
)

DOCUMENT_DETAIL = extend_schema(
    operation_id="documents_retrieve",
    summary="A published document, complete",
    description=(
        "The current version of a record: every public field, its texts (original, transcript, "
        "translations) with their footnotes, credits, the source sentence, provenance, the linked people, "
        "places, subjects, collections, repository and funders, the version's number and publication "
        "time, every version's summary, and `citations` in house style, Chicago, MLA, APA, BibTeX, RIS and "
        "CSL-JSON, citing the record's lasting address.\n\n"
        "A withdrawn record answers 410 with its tombstone; a number that was never published, 404."
        + REVALIDATION
    ),
    parameters=[DOCUMENT_ID, *REVALIDATED],
    responses={
        200: _ok(DocumentSerializer, "A record with one footnote", examples.DOCUMENT),
        304: NOT_MODIFIED,
        **problems({404: NOT_FOUND, 410: GONE, 429: THROTTLED}),
    },
    tags=[DOCUMENTS_TAG],
)

VERSION_LIST = extend_schema(
    operation_id="documents_versions_list",
    summary="The published versions of a document",
    description=(
        "Every published version of a record, newest first, with its publication time and change note. "
        "Each has a lasting address, for citing exactly the text one read." + REVALIDATION
    ),
    parameters=[DOCUMENT_ID, *REVALIDATED],
    responses={
        200: _ok(VersionSummarySerializer(many=True), "Two versions", examples.VERSIONS),
        304: NOT_MODIFIED,
        **problems({404: NOT_FOUND, 410: GONE, 429: THROTTLED}),
    },
    tags=[DOCUMENTS_TAG],
)

VERSION_DETAIL = extend_schema(
    operation_id="documents_versions_retrieve",
    summary="One published version of a document",
    description=(
        "A version of a record as it was published, complete, like the current version's endpoint; its "
        "links and citations name this version's own address. `is_current` is false once a newer "
        "version replaced it." + REVALIDATION
    ),
    parameters=[DOCUMENT_ID, VERSION_NUMBER, *REVALIDATED],
    responses={
        200: _ok(
            DocumentSerializer,
            "Version 2",
            {
                **examples.DOCUMENT,
                "api_url": examples.VERSIONS[0]["api_url"],
                "html_url": examples.VERSIONS[0]["html_url"],
            },
        ),
        304: NOT_MODIFIED,
        **problems({404: NOT_FOUND, 410: GONE, 429: THROTTLED}),
    },
    tags=[DOCUMENTS_TAG],
)

# Authorities -------------------------------------------------------------------------------------

AUTHORITY_NAMES = {
    "collections": ("collection", "collections"),
    "people": ("person or organisation", "people and organisations"),
    "places": ("place", "places"),
    "subjects": ("subject", "subjects"),
    "repositories": ("repository", "repositories holding originals"),
}


@cache
def authority_page_serializer(serializer: type[AuthoritySerializer]) -> type[serializers.Serializer]:
    name = serializer.__name__.replace("Serializer", "PageSerializer")
    return type(
        name,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer(many=True),
        },
    )


def authority_schemas(prefix: str, serializer: type[AuthoritySerializer]):
    """The list's and the detail's descriptions for one kind of authority."""
    one, many = AUTHORITY_NAMES[prefix]
    listed = extend_schema(
        operation_id=f"{prefix}_list",
        summary=f"List the {many}",
        description=(
            f"The {many} that at least one published document links to, each with how many do, in "
            "alphabetical order, a page at a time (follow `next` and `previous`). `documents_url` lists "
            f"a {one}'s documents, with the documents list's search and facets." + CONTENT_REVALIDATION
        ),
        parameters=[PageQuery, *CONTENT_REVALIDATED],
        responses={
            200: _ok(
                authority_page_serializer(serializer), f"A page of {many}", examples.authority_page(prefix)
            ),
            304: NOT_MODIFIED,
            **problems({400: INVALID_QUERY, 429: THROTTLED}),
        },
        tags=[AUTHORITIES_TAG],
    )
    detail = extend_schema(
        operation_id=f"{prefix}_retrieve",
        summary=f"A {one} and its documents",
        description=(
            f"A {one} that published documents link to, with its first documents by date; "
            "`documents_url` lists all of them. One that no published document links to is not public: "
            "404." + CONTENT_REVALIDATION
        ),
        parameters=[_id_parameter("id", f"The {one}'s id."), *CONTENT_REVALIDATED],
        responses={
            200: _ok(with_documents(serializer), f"A {one}", examples.authority_detail(prefix)),
            304: NOT_MODIFIED,
            **problems({404: AUTHORITY_NOT_FOUND, 429: THROTTLED}),
        },
        tags=[AUTHORITIES_TAG],
    )
    return listed, detail
