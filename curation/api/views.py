"""The curation API's views: thin translations between HTTP and the workroom's own code.

Who may see a record is permissions.visible_documents (anything else answers 404, as in the admin);
who may change it is permissions.ensure_can_edit; a write goes through the admin's forms
(curation.api.writes) inside a reversion revision, followed by actions.record_edit, as an admin save
is; every workflow step is one call to curation.actions. A refusal becomes a problem-details response:
PermissionDenied 403, a workflow refusal 409 (400 for a missing comment or a revision that is not
this record's, 412 for approving a revision that is no longer the latest).

Optimistic locking: every record response carries its latest revision's id as the ETag. PUT and
PATCH require it back as If-Match (428 without it) and are refused with 412, changing nothing, if
someone saved new content since; the check runs under the record's row lock, as the admin's does.
The OpenAPI description of each view is in curation.api.schema.
"""

import reversion
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import exceptions, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from reversion.models import Revision, Version

from archive.api.problems import problem
from archive.models import Collection, Contribution, Document, Donor, Person, Place, Subject, Text
from config.parsers import StrictJSONParser
from curation import actions, history, permissions
from curation.api import schema, writes
from curation.api.authentication import ApiTokenAuthentication
from curation.api.serializers import (
    MAX_ID,
    ApproveSerializer,
    AssignSerializer,
    CurationDocumentSerializer,
    CurationDocumentSummarySerializer,
    CurationDocumentWriteSerializer,
    DocumentListQuerySerializer,
    PageQuerySerializer,
    RequestChangesSerializer,
    RevertSerializer,
    RevisionDiffSerializer,
    RevisionSerializer,
    SubmitSerializer,
    WithdrawSerializer,
)
from curation.diff import compare_states
from curation.exceptions import (
    CommentRequired,
    InvalidAssignment,
    InvalidRevision,
    StaleRevision,
    WorkflowError,
)
from curation.models import AuditEntry, ScheduledPublication
from curation.review.comparison import UnknownSide, load_side

NON_FIELD = writes.NON_FIELD


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _("This request needs an If-Match header.")


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The record changed since you read it.")


class HasWorkroomRole(BasePermission):
    """Signed in (401 otherwise) as a translator, an editor or an administrator (403 otherwise)."""

    message = _(
        "Your account has no role in the workroom; ask an administrator to make you a translator or an editor."
    )

    def has_permission(self, request: Request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            raise exceptions.NotAuthenticated(
                _("Sign in, or send an API token as “Authorization: Bearer <token>”.")
            )
        return permissions.has_role(request.user)


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class CurationView(APIView):
    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [HasWorkroomRole]
    parser_classes = [StrictJSONParser]

    def visible(self, document_id: str, *, lock: bool = False) -> Document:
        """The record, if this user may see it at all; 404 otherwise, as for a record that is not there."""
        queryset = permissions.visible_documents(self.request.user)
        if lock:
            queryset = queryset.select_for_update()
        document = queryset.filter(pk=path_id(document_id)).first()
        if document is None:
            raise exceptions.NotFound(_("There is no record %(id)s that you may see.") % {"id": document_id})
        return document


def path_id(value: str) -> int:
    """An id from the path; anything that is not one names nothing (404), like an unknown id."""
    if not value.isascii() or not value.isdigit() or not 0 < int(value) <= MAX_ID:
        raise exceptions.NotFound(_("There is no record %(id)s that you may see.") % {"id": value[:40]})
    return int(value)


# --- Reading records ------------------------------------------------------------------------------


# The record's links to other records, which its representation gives as ids.
LINKS = {
    "creators": Person,
    "people": Person,
    "places": Place,
    "subjects": Subject,
    "collections": Collection,
    "donors": Donor,
    "related_documents": Document,
}


def with_latest_revision(queryset: QuerySet[Document]) -> QuerySet[Document]:
    """Each record with the id of its latest revision (its ETag), in the same query."""
    versions = Version.objects.filter(
        content_type=ContentType.objects.get_for_model(Document),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    ).order_by("-revision_id")
    return queryset.annotate(latest_revision_id=Subquery(versions.values("revision_id")[:1]))


def detail_queryset() -> QuerySet[Document]:
    """A record with everything its representation shows, in a fixed number of queries."""
    return (
        with_latest_revision(Document.objects.all())
        .select_related("created_by", "assigned_translator", "reviewer", "current_version")
        .prefetch_related(
            Prefetch("texts", queryset=Text.objects.prefetch_related("footnotes")),
            "provenance_events",
            Prefetch("contributions", queryset=Contribution.objects.select_related("person")),
            Prefetch(
                "scheduled_publications",
                queryset=ScheduledPublication.objects.pending().select_related("approved_by"),
                to_attr="pending_schedules",
            ),
            *(Prefetch(name, queryset=model.objects.only("pk")) for name, model in LINKS.items()),
        )
    )


def document_response(
    request: Request, document_id: int, *, status_code: int = status.HTTP_200_OK
) -> Response:
    """The record as it now stands, with its latest revision as the ETag."""
    document = detail_queryset().get(pk=document_id)
    data = CurationDocumentSerializer(document, context={"request": request}).data
    response = Response(data, status=status_code)
    response["ETag"] = etag(document.latest_revision_id)
    if status_code == status.HTTP_201_CREATED:
        response["Location"] = data["url"]
    return response


def etag(revision_id: int | None) -> str:
    return f'"{revision_id or 0}"'


@extend_schema_view(get=schema.document_list, post=schema.document_create)
class DocumentListView(CurationView):
    """The records this user may see, newest change first; and creating a record."""

    def get(self, request: Request) -> Response:
        query = _query(DocumentListQuerySerializer, request)
        documents = with_latest_revision(permissions.visible_documents(request.user)).select_related(
            "created_by", "assigned_translator", "reviewer", "current_version"
        )
        if query.get("status"):
            documents = documents.filter(status=query["status"])
        pages = Pages()
        page = pages.paginate_queryset(documents.order_by("-updated_at", "-pk"), request, view=self)
        data = CurationDocumentSummarySerializer(page, many=True, context={"request": request}).data
        return pages.get_paginated_response(data)

    def post(self, request: Request) -> Response:
        if not permissions.can_create(request.user):
            raise exceptions.PermissionDenied(_("You may not create records."))
        body = _validated_body(request.data)
        with transaction.atomic():
            write = writes.bind(body, document=None, user=request.user, base_revision=None)
            if write.errors:
                raise exceptions.ValidationError(write.errors)
            document = _save(write, user=request.user, comment=body["comment"])
        return document_response(request, document.pk, status_code=status.HTTP_201_CREATED)


@extend_schema_view(get=schema.document_read, put=schema.document_replace, patch=schema.document_update)
class DocumentDetailView(CurationView):
    """One record: read it, replace it (PUT) or change some of its fields (PATCH)."""

    def get(self, request: Request, id: str) -> Response:
        return document_response(request, self.visible(id).pk)

    def put(self, request: Request, id: str) -> Response:
        return self._write(request, id, partial=False)

    def patch(self, request: Request, id: str) -> Response:
        return self._write(request, id, partial=True)

    def _write(self, request: Request, id: str, *, partial: bool) -> Response:
        with transaction.atomic():
            document = self.visible(id, lock=True)
            permissions.ensure_can_edit(request.user, document)
            seen = content_revision_seen(request, document)
            data = request.data
            if partial and isinstance(data, dict):
                data = {**_current_body(request, document), **data}
            body = _validated_body(data)
            write = writes.bind(body, document=document, user=request.user, base_revision=seen)
            if write.is_stale():
                raise PreconditionFailed(write.stale_message())
            if write.errors:
                raise exceptions.ValidationError(write.errors)
            _save(write, user=request.user, comment=body["comment"])
        return document_response(request, document.pk)


def _query(serializer_class: type, request: Request) -> dict:
    """The query parameters, checked (a malformed page or page size is a 400, not silently ignored)."""
    query = serializer_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data


def _validated_body(data) -> dict:
    serializer = CurationDocumentWriteSerializer(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _current_body(request: Request, document: Document) -> dict:
    """The record in the shape of a write, for PATCH to lay the request's fields over."""
    current = detail_queryset().get(pk=document.pk)
    data = CurationDocumentSerializer(current, context={"request": request}).data
    writable = CurationDocumentWriteSerializer().fields
    return {name: value for name, value in data.items() if name in writable}


def _save(write: writes.RecordWrite, *, user, comment: str) -> Document:
    """Save as the admin does: one revision with user and comment, then the workflow's record_edit."""
    with reversion.create_revision():
        document, change_message = writes.save(write, user=user)
        reversion.set_user(user)
        reversion.set_comment(comment.strip() or change_message)
    actions.record_edit(document, actor=user, revision=history.latest_revision(document), comment=comment)
    return document


def content_revision_seen(request: Request, document: Document) -> int | None:
    """The content revision that the client's If-Match stands for (a workflow step after it, such as
    a submission, changes no content and so overwrites nothing).

    428 without If-Match; 412 if it names no revision of this record.
    """
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        raise PreconditionRequired(
            _(
                "Send If-Match with the ETag of the record as you last read it (GET it first): "
                "that is how a change is kept from overwriting someone else's."
            )
        )
    revisions = history.revisions_of(document)
    for revision_id in _etag_ids(header):
        if revision_id == 0 and not revisions.exists():
            return None
        if revisions.filter(pk=revision_id).exists():
            return (
                history.content_revisions(document)
                .filter(pk__lte=revision_id)
                .values_list("pk", flat=True)
                .first()
            )
    raise PreconditionFailed(
        _(
            "If-Match %(given)s names no revision of this record; its ETag is now %(etag)s. "
            "GET it again and make your change to what it is now."
        )
        % {"given": header[:100], "etag": etag(revisions.values_list("pk", flat=True).first())}
    )


def _etag_ids(header: str) -> list[int]:
    """Revision ids from an If-Match list; weak tags never match (RFC 9110 compares If-Match strongly)."""
    ids = []
    for tag in header.split(","):
        tag = tag.strip()
        if tag.startswith("W/"):
            continue
        value = tag.strip('"')
        if value.isascii() and value.isdigit() and int(value) <= MAX_ID:
            ids.append(int(value))
    return ids


# --- The workflow ---------------------------------------------------------------------------------

# How a workflow refusal answers: a missing comment or a revision that is not the record's is bad
# input (400), approving a stale revision is a failed precondition (412); the rest are conflicts
# with the record's state (409).
REFUSAL_STATUS = (
    (CommentRequired, status.HTTP_400_BAD_REQUEST),
    (InvalidRevision, status.HTTP_400_BAD_REQUEST),
    (InvalidAssignment, status.HTTP_400_BAD_REQUEST),
    (StaleRevision, status.HTTP_412_PRECONDITION_FAILED),
)


def refusal_response(refusal: WorkflowError, *, comment_field: str) -> Response:
    code = next(
        (code for kind, code in REFUSAL_STATUS if isinstance(refusal, kind)), status.HTTP_409_CONFLICT
    )
    errors = None
    if isinstance(refusal, CommentRequired):
        errors = {comment_field: refusal.messages}
    elif isinstance(refusal, InvalidRevision):
        errors = {"revision": refusal.messages}
    elif len(refusal.messages) > 1 or code == status.HTTP_400_BAD_REQUEST:
        errors = {NON_FIELD: refusal.messages}
    return problem(code, str(refusal), errors=errors, code=type(refusal).default_code)


class WorkflowView(CurationView):
    """POST: one workflow action on the record; answers with the record as it then stands."""

    serializer_class: type = SubmitSerializer
    comment_field = "comment"

    def post(self, request: Request, id: str) -> Response:
        document = self.visible(id)
        serializer = self.serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            self.act(document, serializer.validated_data)
        except WorkflowError as refusal:
            return refusal_response(refusal, comment_field=self.comment_field)
        return document_response(request, document.pk)

    def act(self, document: Document, data: dict) -> None:
        raise NotImplementedError

    def revision(self, document: Document, revision_id: int) -> Revision:
        revision = history.revisions_of(document).filter(pk=revision_id).first()
        if revision is None:
            raise InvalidRevision(
                _("Revision %(id)s is not a revision of this record."), params={"id": revision_id}
            )
        return revision


@extend_schema_view(post=schema.submit)
class SubmitView(WorkflowView):
    serializer_class = SubmitSerializer

    def act(self, document: Document, data: dict) -> None:
        actions.submit_for_review(document, actor=self.request.user, comment=data["comment"])


@extend_schema_view(post=schema.request_changes)
class RequestChangesView(WorkflowView):
    serializer_class = RequestChangesSerializer

    def act(self, document: Document, data: dict) -> None:
        actions.request_changes(document, actor=self.request.user, comment=data["comment"])


@extend_schema_view(post=schema.approve)
class ApproveView(WorkflowView):
    serializer_class = ApproveSerializer
    comment_field = "note"

    def act(self, document: Document, data: dict) -> None:
        actions.approve_revision(
            document,
            revision=self.revision(document, data["revision"]),
            actor=self.request.user,
            note=data["note"],
            publish_at=data["publish_at"],
        )


@extend_schema_view(post=schema.withdraw)
class WithdrawView(WorkflowView):
    serializer_class = WithdrawSerializer
    comment_field = "reason"

    def act(self, document: Document, data: dict) -> None:
        actions.withdraw(document, actor=self.request.user, reason=data["reason"])


@extend_schema_view(post=schema.revert)
class RevertView(WorkflowView):
    serializer_class = RevertSerializer

    def act(self, document: Document, data: dict) -> None:
        actions.revert_to_revision(
            document,
            revision=self.revision(document, data["revision"]),
            actor=self.request.user,
            comment=data["comment"],
        )


@extend_schema_view(post=schema.assign)
class AssignView(WorkflowView):
    serializer_class = AssignSerializer

    def act(self, document: Document, data: dict) -> None:
        users = {name: _user(name, username) for name, username in data.items()}
        actions.assign(document, actor=self.request.user, **users)


def _user(field: str, username: str | None):
    if username is None:
        return None
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise exceptions.ValidationError(
            {field: [_("No active user is called “%(name)s”.") % {"name": username}]}
        )
    return user


# --- Revisions and diffs --------------------------------------------------------------------------


@extend_schema_view(get=schema.revision_list)
class RevisionListView(CurationView):
    """Every revision of the record, newest first, with the workflow steps recorded with it."""

    def get(self, request: Request, id: str) -> Response:
        document = self.visible(id)
        _query(PageQuerySerializer, request)
        pages = Pages()
        page = pages.paginate_queryset(history.revisions_of(document), request, view=self)
        _describe_revisions(request, document, page)
        return pages.get_paginated_response(RevisionSerializer(page, many=True).data)


def _describe_revisions(request: Request, document: Document, revisions: list[Revision]) -> None:
    steps: dict[int, list[AuditEntry]] = {revision.pk: [] for revision in revisions}
    entries = AuditEntry.objects.filter(document=document, revision__in=list(steps)).select_related("actor")
    for entry in entries.order_by("pk"):
        steps[entry.revision_id].append(entry)
    published = dict(document.published_versions.values_list("revision_id", "number"))
    for revision in revisions:
        revision.steps = steps[revision.pk]
        revision.changes_content = not any(
            step.action in history.WORKFLOW_ONLY_ACTIONS for step in revision.steps
        )
        revision.published_as = published.get(revision.pk)
        path = reverse("curation-api:revision-diff", args=[document.pk, revision.pk])
        revision.diff_url = request.build_absolute_uri(path)


@extend_schema_view(get=schema.revision_diff)
class RevisionDiffView(CurationView):
    """What a revision changed, against the content revision before it or any other side."""

    def get(self, request: Request, id: str, revision: str) -> Response:
        document = self.visible(id)
        new = (
            history.revisions_of(document).filter(pk=path_id(revision)).first()
            if revision.isdigit()
            else None
        )
        if new is None:
            raise exceptions.NotFound(
                _("Revision %(id)s is not a revision of this record.") % {"id": revision[:40]}
            )
        against = request.query_params.get("against")
        if against is None:
            previous = history.content_revisions(document).filter(pk__lt=new.pk).first()
            against = str(previous.pk) if previous else ""
        try:
            old_side = load_side(document, against.strip())
        except (UnknownSide, OverflowError):
            message = _("“%(key)s” is not a revision of this record.") % {"key": against[:40]}
            raise exceptions.ValidationError({"against": [message]}) from None
        new_side = load_side(document, str(new.pk))
        diff = compare_states(old_side.state, new_side.state)
        return Response(RevisionDiffSerializer({"old": old_side, "new": new_side, "diff": diff}).data)
