"""The curation API's OpenAPI description (drf-spectacular): what each endpoint does, its parameters,
examples and error responses. The views (curation.api.views) apply these with extend_schema_view.
"""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema

from archive.api.problems import PROBLEM_CONTENT_TYPE, ProblemDetailsSerializer
from curation.api import examples
from curation.api.serializers import (
    MAX_ID,
    ApproveSerializer,
    AssignSerializer,
    CurationDocumentPageSerializer,
    CurationDocumentSerializer,
    CurationDocumentWriteSerializer,
    DocumentListQuerySerializer,
    PageQuerySerializer,
    RequestChangesSerializer,
    RevertSerializer,
    RevisionDiffSerializer,
    RevisionPageSerializer,
    SubmitSerializer,
    WithdrawSerializer,
)

RECORDS_TAG = "curation: records"
WORKFLOW_TAG = "curation: workflow"
HISTORY_TAG = "curation: revisions"

SIGNED_IN = (
    "\n\nFor translators, editors and administrators: send a personal API token as "
    "`Authorization: Bearer <token>` (create one in the admin under “API tokens”), or use the session of "
    "a signed-in admin user (the browsable API). A translator sees the records they created or are "
    "assigned to; an editor sees every record. A record you may not see answers 404. Errors are RFC 9457 "
    "problem details (`application/problem+json`)."
)
RETURNS_RECORD = "\n\nAnswers with the record as it then stands, and its new latest revision as the `ETag`."
WRITE_RULES = (
    "\n\nThe record is validated by the admin's own forms, with the admin's messages: an EDTF date, ISO 639 "
    "languages (a name such as “Russian” is accepted and stored as `ru`), one text of each kind per "
    "language, footnote numbers unique within their text, a person credited once per role, and so on. "
    "Every error is reported at once in `errors`, keyed by its place in the body "
    "(`texts[1].footnotes[0].body`). A draft may be saved while its footnote markers and footnotes do not "
    "match yet (`marker_problems` lists what remains); submitting is refused until they do.\n\n"
    "Texts are matched with the saved ones by kind and language, footnotes by number, credits by person and "
    "role, provenance by position: a match is updated, a saved row the body leaves out is deleted, and the "
    "rest are added. Credit a person by `person` (id) or by `person_name`. Authors, places, subjects and "
    "the other links are lists of ids. The save is one revision with your user and `comment`."
)

DOCUMENT_ID = OpenApiParameter(
    "id",
    {"type": "integer", "minimum": 1, "maximum": MAX_ID},
    OpenApiParameter.PATH,
    description="The record's number.",
)
REVISION_ID = OpenApiParameter(
    "revision",
    {"type": "integer", "minimum": 1, "maximum": MAX_ID},
    OpenApiParameter.PATH,
    description="A revision of this record, from its revisions list or an ETag.",
)
AGAINST = OpenApiParameter(
    "against",
    str,
    OpenApiParameter.QUERY,
    description=(
        "What to compare with: another revision's id, `v<n>` for published version n, or empty for the "
        "empty record. Left out: the content revision before this one."
    ),
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description=(
        'The ETag of the record as you last read it, e.g. `"118"`. Required: without it the answer is 428. '
        "If someone saved new content since, the answer is 412 and nothing is changed."
    ),
)
ETAG = OpenApiParameter(
    "ETag",
    str,
    OpenApiParameter.HEADER,
    response=[200, 201],
    description='The record\'s latest revision id, quoted ("118"): send it as If-Match to change the record.',
)


def _problem(description: str, *named: tuple[str, dict]) -> OpenApiResponse:
    return OpenApiResponse(
        ProblemDetailsSerializer,
        description=description,
        examples=[OpenApiExample(name, value=value) for name, value in named],
    )


def problems(responses: dict[int, OpenApiResponse]) -> dict:
    """{(status, "application/problem+json"): response}: error bodies are problem details."""
    return {(code, PROBLEM_CONTENT_TYPE): response for code, response in responses.items()}


UNAUTHENTICATED = _problem(
    "No credentials, or an API token that is unknown, expired or revoked (the detail says which).",
    ("Not signed in", examples.NOT_AUTHENTICATED),
    ("Expired token", examples.TOKEN_EXPIRED),
)
NO_ROLE = _problem("The account is neither a translator nor an editor.", ("No role", examples.NO_ROLE))
NOT_FOUND = _problem(
    "No record with this id, or none that you may see.", ("Not yours, or not there", examples.NOT_FOUND)
)
UNSUPPORTED_MEDIA = _problem("The body must be JSON.", ("Not JSON", examples.UNSUPPORTED_MEDIA))
THROTTLED = _problem(
    "Too many requests; retry after the Retry-After header's seconds.", ("Throttled", examples.THROTTLED)
)
COMMON = {401: UNAUTHENTICATED, 404: NOT_FOUND, 429: THROTTLED}


def _ok(serializer, name: str, example: dict) -> OpenApiResponse:
    return OpenApiResponse(serializer, examples=[OpenApiExample(name, value=example)])


def _request_example(name: str, value: dict, description: str = "") -> OpenApiExample:
    return OpenApiExample(name, value=value, request_only=True, description=description)


# --- Records --------------------------------------------------------------------------------------

document_list = extend_schema(
    operation_id="curation_documents_list",
    summary="Your records in the workroom",
    description=(
        "The working copies you may see, most recently changed first, a page at a time (`page`, "
        "`page_size`): drafts, records in review, returned, published and withdrawn. Filter by `status`. "
        "Each has its latest revision id (`revision`)." + SIGNED_IN
    ),
    parameters=[DocumentListQuerySerializer],
    responses={
        200: _ok(CurationDocumentPageSerializer, "One record in review", examples.DOCUMENT_PAGE),
        **problems(
            {
                400: _problem(
                    "An unknown `status`, or a malformed page.", ("Bad filter", examples.BAD_STATUS)
                ),
                403: NO_ROLE,
                **COMMON,
            }
        ),
    },
    tags=[RECORDS_TAG],
)

document_create = extend_schema(
    operation_id="curation_documents_create",
    summary="Create a draft with its texts, footnotes, provenance and credits",
    description=(
        "Creates a record as a draft, created by you, from one nested body: its fields, its texts each with "
        "their footnotes, its provenance events and its credits. Fields left out are empty."
        + WRITE_RULES
        + "\n\nAnswers 201 with the record, its address in `Location` and its first revision as the `ETag`."
        + SIGNED_IN
    ),
    request=CurationDocumentWriteSerializer,
    examples=[
        _request_example(
            "A draft with a footnote",
            examples.NEW_DRAFT,
            "A Russian original and an English translation with one translator's note, credited by name.",
        )
    ],
    parameters=[ETAG],
    responses={
        201: _ok(CurationDocumentSerializer, "The new draft", examples.DOCUMENT),
        **problems(
            {
                400: _problem(
                    "The record breaks the admin's rules; `errors` says where and why.",
                    ("Three mistakes", examples.INVALID_RECORD),
                ),
                403: NO_ROLE,
                415: UNSUPPORTED_MEDIA,
                **COMMON,
            }
        ),
    },
    tags=[RECORDS_TAG],
)

document_read = extend_schema(
    operation_id="curation_documents_retrieve",
    summary="A working copy, complete",
    description=(
        "The record as it stands in the workroom (not what the public sees): every field, its texts with "
        "their footnotes, provenance, credits, its workflow state and assignments, any footnote markers "
        "still without notes, the live published version if there is one, and its latest revision id, "
        "also sent as the `ETag`. The body has the shape PUT takes, so you can change it and send it back."
        + SIGNED_IN
    ),
    parameters=[DOCUMENT_ID, ETAG],
    responses={
        200: _ok(CurationDocumentSerializer, "A draft", examples.DOCUMENT),
        **problems({403: NO_ROLE, **COMMON}),
    },
    tags=[RECORDS_TAG],
)

_WRITE_ERRORS = problems(
    {
        400: _problem(
            "The record breaks the admin's rules; `errors` says where and why.",
            ("Three mistakes", examples.INVALID_RECORD),
        ),
        403: _problem(
            "You may not change this record in its state (a translator's record in review, a withdrawn "
            "record, someone else's record).",
            ("In review", examples.IN_REVIEW_READ_ONLY),
        ),
        412: _problem(
            "Someone saved new content after the revision your If-Match names: nothing was changed. GET the "
            "record again and make your change to what it is now.",
            ("Saved by someone else", examples.STALE_SAVE),
        ),
        415: UNSUPPORTED_MEDIA,
        428: _problem("If-Match is missing.", ("No If-Match", examples.IF_MATCH_REQUIRED)),
        **COMMON,
    }
)

document_replace = extend_schema(
    operation_id="curation_documents_update",
    summary="Replace a record with its texts, footnotes, provenance and credits",
    description=(
        "Saves the whole record from one body, as the admin's form does: fields, texts and lists left out "
        "are emptied. Requires `If-Match` with the ETag you read. Editing a published record reopens its "
        "working copy as a draft; the published version stays live until a new one is approved."
        + WRITE_RULES
        + RETURNS_RECORD
        + SIGNED_IN
    ),
    request=CurationDocumentWriteSerializer,
    examples=[_request_example("The whole record", examples.NEW_DRAFT)],
    parameters=[DOCUMENT_ID, IF_MATCH, ETAG],
    responses={200: _ok(CurationDocumentSerializer, "The saved record", examples.DOCUMENT), **_WRITE_ERRORS},
    tags=[RECORDS_TAG],
)

document_update = extend_schema(
    operation_id="curation_documents_partial_update",
    summary="Change some fields of a record",
    description=(
        "Like PUT, but only the top-level fields in the body change; the rest stay as they are. A list "
        "(`texts`, `provenance`, `credits`, or a list of links) is replaced whole: to change one footnote, "
        "send the text's `texts` list as you read it, with the footnote changed. Requires `If-Match`."
        + WRITE_RULES
        + RETURNS_RECORD
        + SIGNED_IN
    ),
    request=CurationDocumentWriteSerializer,
    examples=[_request_example("A new summary", examples.PATCH_SUMMARY)],
    parameters=[DOCUMENT_ID, IF_MATCH, ETAG],
    responses={200: _ok(CurationDocumentSerializer, "The saved record", examples.DOCUMENT), **_WRITE_ERRORS},
    tags=[RECORDS_TAG],
)


# --- The workflow ---------------------------------------------------------------------------------


def _workflow(
    *,
    operation_id: str,
    summary: str,
    description: str,
    request,
    request_examples: list[OpenApiExample],
    ok: tuple[str, dict],
    errors: dict[int, OpenApiResponse],
):
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        description=description + RETURNS_RECORD + SIGNED_IN,
        request=request,
        examples=request_examples,
        parameters=[DOCUMENT_ID, ETAG],
        responses={
            200: _ok(CurationDocumentSerializer, *ok),
            **problems({**errors, 415: UNSUPPORTED_MEDIA, **COMMON}),
        },
        tags=[WORKFLOW_TAG],
    )


WRONG_STATE = ("Not in a state for this", examples.WRONG_STATE)
BAD_BODY = _problem("The body is not the shape this action takes.", ("Bad body", examples.BAD_BODY))

submit = _workflow(
    operation_id="curation_documents_submit",
    summary="Submit a draft for review",
    description=(
        "Sends a draft, or a record returned with changes requested, to the editors. Refused (409) while any "
        "footnote marker and footnote do not match one to one; each mismatch is listed. The translator who "
        "created the record or is assigned to it may submit it, and any editor. The record is read-only "
        "to its translator while in review."
    ),
    request=SubmitSerializer,
    request_examples=[_request_example("With a note", {"comment": "Ready; note 1 needs a second look."})],
    ok=("In review", examples.IN_REVIEW),
    errors={
        400: BAD_BODY,
        403: _problem(
            "You may not submit this record.",
            (
                "Not yours",
                examples.problem(403, "Permission denied", "You may not submit this record for review."),
            ),
        ),
        409: _problem(
            "Wrong state, or markers and footnotes that do not match.",
            WRONG_STATE,
            ("Markers", examples.MARKERS),
        ),
    },
)

request_changes = _workflow(
    operation_id="curation_documents_request_changes",
    summary="Return a record in review to its translator",
    description="An editor returns a record in review with a comment saying what to change (required).",
    request=RequestChangesSerializer,
    request_examples=[_request_example("Check a date", {"comment": "Check the date against the original."})],
    ok=("Returned", examples.CHANGES_REQUESTED),
    errors={
        400: _problem("The comment is missing or empty.", ("No comment", examples.COMMENT_REQUIRED)),
        403: _problem("Only editors review.", ("Not an editor", examples.NOT_REVIEWER)),
        409: _problem("The record is not in review.", WRONG_STATE),
    },
)

approve = _workflow(
    operation_id="curation_documents_approve",
    summary="Approve a revision and publish it (now or later)",
    description=(
        "An editor approves exactly the revision named by `revision`, the record's ETag as they reviewed it, "
        "and publishes it as the next version, now or at `publish_at`. Refused with 412 if the record's "
        "content changed after that revision (nothing stale is ever published), and with 409 if the editor "
        "wrote any of the content being approved (another editor must approve it) or the record is not in "
        "review. From version 2 on, `note` (the public change note) is required. Once published, the "
        "public API serves the record at /api/v1/documents/<id>/."
    ),
    request=ApproveSerializer,
    request_examples=[
        _request_example("Publish now", {"revision": 118}),
        _request_example(
            "Version 2, on Monday",
            {
                "revision": 131,
                "note": "Corrected the date of the meeting.",
                "publish_at": "2026-12-01T09:00:00Z",
            },
        ),
    ],
    ok=("Published", examples.PUBLISHED),
    errors={
        400: _problem(
            "The revision is not this record's, or the change note is missing from version 2 on.",
            (
                "No change note",
                examples.problem(
                    400,
                    "Invalid input",
                    "Version 1 is public; write a change note saying what this version changes.",
                    errors={
                        "note": ["Version 1 is public; write a change note saying what this version changes."]
                    },
                    code="comment_required",
                ),
            ),
        ),
        403: _problem("Only editors approve.", ("Not an editor", examples.NOT_REVIEWER)),
        409: _problem("Wrong state, or four eyes.", WRONG_STATE, ("Own revision", examples.SELF_APPROVAL)),
        412: _problem("The record changed after the revision named.", ("Stale", examples.STALE_APPROVAL)),
    },
)

withdraw = _workflow(
    operation_id="curation_documents_withdraw",
    summary="Withdraw a published record",
    description=(
        "An editor takes a published record off the public site. Its address then answers 410 with a "
        "tombstone giving the `reason` (required) and its citation; its versions are kept. A withdrawn "
        "record is closed."
    ),
    request=WithdrawSerializer,
    request_examples=[_request_example("A duplicate", {"reason": "A duplicate of record 17."})],
    ok=("Withdrawn", examples.WITHDRAWN),
    errors={
        400: _problem(
            "The reason is missing or empty.",
            (
                "No reason",
                examples.problem(
                    400,
                    "Invalid input",
                    "Give the reason for withdrawing; readers see it in place of the record.",
                    errors={
                        "reason": ["Give the reason for withdrawing; readers see it in place of the record."]
                    },
                    code="comment_required",
                ),
            ),
        ),
        403: _problem(
            "Only editors withdraw, and only records that were published.",
            (
                "Not allowed",
                examples.problem(403, "Permission denied", "Only an editor may withdraw a published record."),
            ),
        ),
        409: _problem("The record is withdrawn already.", WRONG_STATE),
    },
)

revert = _workflow(
    operation_id="curation_documents_revert",
    summary="Restore an earlier revision's content",
    description=(
        "An editor restores the texts, footnotes, provenance, credits and fields of an earlier revision, as "
        "a new revision: history is never rewritten. Workflow state and assignments stay, except that a "
        "published record reopens as a draft."
    ),
    request=RevertSerializer,
    request_examples=[
        _request_example("Back to the first draft", {"revision": 118, "comment": "The edit lost note 2."})
    ],
    ok=("Reverted", {**examples.DOCUMENT, "revision": 124}),
    errors={
        400: _problem(
            "The revision is not this record's.",
            (
                "Not this record's",
                examples.problem(
                    400,
                    "Invalid input",
                    "Revision 7 is not a revision of this record.",
                    errors={"revision": ["Revision 7 is not a revision of this record."]},
                    code="invalid_revision",
                ),
            ),
        ),
        403: _problem(
            "Only editors revert.",
            (
                "Not an editor",
                examples.problem(403, "Permission denied", "Only an editor may revert a record."),
            ),
        ),
        409: _problem("A withdrawn record is closed.", WRONG_STATE),
    },
)

assign = _workflow(
    operation_id="curation_documents_assign",
    summary="Assign a translator and a reviewer",
    description=(
        "An editor assigns the record's translator (a translator or an editor) and its reviewer (an editor), "
        "by username. Leave a field out to keep that assignment; send null to clear it. The assigned "
        "translator may then edit and submit the record like its creator."
    ),
    request=AssignSerializer,
    request_examples=[_request_example("Both", {"translator": "oleg", "reviewer": "emil"})],
    ok=("Assigned", examples.ASSIGNED),
    errors={
        400: _problem(
            "An unknown user, one without the role, or nothing to assign.",
            (
                "Not an editor",
                examples.problem(
                    400,
                    "Invalid input",
                    "oleg is not an editor.",
                    errors={"non_field_errors": ["oleg is not an editor."]},
                    code="invalid_assignment",
                ),
            ),
        ),
        403: _problem(
            "Only editors assign.",
            (
                "Not an editor",
                examples.problem(
                    403, "Permission denied", "Only an editor may assign translators and reviewers."
                ),
            ),
        ),
        409: _problem("A withdrawn record is closed.", WRONG_STATE),
    },
)


# --- Revisions ------------------------------------------------------------------------------------

revision_list = extend_schema(
    operation_id="curation_documents_revisions_list",
    summary="A record's revisions",
    description=(
        "Every revision of the record, newest first, a page at a time: who saved it, when, with what comment, "
        "the workflow steps recorded with it (a submission or approval is a revision that changes no "
        "content), the version it was published as, and a link to its diff." + SIGNED_IN
    ),
    parameters=[DOCUMENT_ID, PageQuerySerializer],
    responses={
        200: _ok(RevisionPageSerializer, "An edit and a submission", examples.REVISIONS),
        **problems(
            {
                400: _problem("A malformed page or page size.", ("Bad page", examples.BAD_PAGE)),
                403: NO_ROLE,
                **COMMON,
            }
        ),
    },
    tags=[HISTORY_TAG],
)

revision_diff = extend_schema(
    operation_id="curation_documents_revisions_diff",
    summary="What a revision changed",
    description=(
        "The difference between two states of the record, as the review page shows it: fields and texts "
        "word by word, footnotes by number, links, provenance and credits. By default the revision is "
        "compared with the content revision before it; `against` names another revision, a published "
        "version (`v1`), or nothing (empty). Only what changed is listed." + SIGNED_IN
    ),
    parameters=[DOCUMENT_ID, REVISION_ID, AGAINST],
    responses={
        200: _ok(RevisionDiffSerializer, "A new summary, a footnote and a credit", examples.DIFF),
        **problems(
            {
                400: _problem(
                    "`against` names nothing of this record.", ("Unknown revision", examples.BAD_AGAINST)
                ),
                403: NO_ROLE,
                **COMMON,
            }
        ),
    },
    tags=[HISTORY_TAG],
)
