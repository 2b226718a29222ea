"""The review views, as a mixin of DocumentAdmin (see the package docstring for the URLs)."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from reversion.models import Version

from archive.languages import language_name
from archive.models import Document, PublishedVersion, Text
from curation import actions, history, permissions
from curation.diff import compare_states
from curation.exceptions import InvalidRevision, WorkflowError
from curation.forms_review import (
    ApproveForm,
    AssignForm,
    RequestChangesForm,
    RevertForm,
    SubmitForm,
    show_refusal,
)
from curation.models import AuditEntry
from curation.review.comparison import (
    Side,
    UnknownSide,
    change_size,
    comparison_choices,
    default_keys,
    load_side,
    review_url,
    side_by_side,
)

Status = Document.Status
Action = AuditEntry.Action


class ReviewAdminMixin:
    """Mixed into DocumentAdmin: the review URLs, the change form's buttons, the stale-save link."""

    change_form_template = "curation/document_change_form.html"

    def get_urls(self):
        view = self.admin_site.admin_view
        urls = [
            path("review-queue/", view(self.review_queue_view), name="archive_document_review_queue"),
            path("my-work/", view(self.my_work_view), name="archive_document_my_work"),
            path("<int:object_id>/review/", view(self.review_view), name="archive_document_review"),
            path(
                "<int:object_id>/review/request-changes/",
                view(self.request_changes_view),
                name="archive_document_request_changes",
            ),
            path("<int:object_id>/review/approve/", view(self.approve_view), name="archive_document_approve"),
            path("<int:object_id>/history/revert/", view(self.revert_view), name="archive_document_revert"),
            path("<int:object_id>/submit/", view(self.submit_view), name="archive_document_submit"),
            path("<int:object_id>/assign/", view(self.assign_view), name="archive_document_assign"),
        ]
        return [*urls, *super().get_urls()]

    def _page(self, request: HttpRequest, template: str, title: str, **context) -> TemplateResponse:
        base = {**self.admin_site.each_context(request), "opts": Document._meta, "title": title}
        return TemplateResponse(request, template, {**base, **context})

    def _visible(self, request: HttpRequest, object_id) -> Document:
        """The record, if this user may see it at all; 404 otherwise (as for a record that is not there)."""
        queryset = permissions.visible_documents(request.user).select_related("current_version")
        return get_object_or_404(queryset, pk=unquote(str(object_id)))

    # The queue

    def review_queue_view(self, request: HttpRequest) -> TemplateResponse:
        """Records in review, the longest waiting first. Template curation/review_queue.html."""
        if not permissions.is_editor(request.user):
            raise PermissionDenied
        documents = list(
            Document.objects.with_status(Status.IN_REVIEW)
            .annotate(
                submitted_at=Max("audit_entries__created_at", filter=Q(audit_entries__action=Action.SUBMIT))
            )
            .select_related("created_by", "assigned_translator", "reviewer", "current_version")
            .order_by("submitted_at", "pk")
        )
        languages = _text_languages(documents)
        rows = [
            {
                "document": document,
                "translator": document.assigned_translator or document.created_by,
                "languages": [language_name(code) for code in languages[document.pk]],
                "size": change_size(document),
            }
            for document in documents
        ]
        return self._page(request, "curation/review_queue.html", _("Review queue"), rows=rows)

    # The review page

    def review_view(
        self, request: HttpRequest, object_id: int, forms: dict | None = None
    ) -> TemplateResponse:
        """One record's change: two sides compared, texts side by side, and the editor's decision.

        Template curation/review.html. `?old=` and `?new=` name a revision id or "v<n>" for a
        published version; by default the latest content is compared with what the public sees.
        """
        document = self._visible(request, object_id)
        if not permissions.can_view_history(request.user, document):
            raise PermissionDenied
        default_old, default_new = default_keys(document)
        old = _chosen_side(request, document, "old", default_old)
        new = _chosen_side(request, document, "new", default_new)
        diff = compare_states(old.state, new.state)
        return self._page(
            request,
            "curation/review.html",
            _("Review “%(title)s”") % {"title": document},
            document=document,
            old=old,
            new=new,
            diff=diff,
            columns=side_by_side(new.state),
            choices=comparison_choices(document),
            decision=self._decision(request, document, new, default_new, forms or {}),
            assign_form=_assign_form(request, document, back="review"),
            trail=AuditEntry.objects.for_document(document)[:8],
        )

    def _decision(self, request, document: Document, new: Side, latest: str, forms: dict) -> dict | None:
        """The request-changes and approve forms, shown to a reviewer looking at the latest content."""
        if not permissions.can_review(request.user, document):
            return None
        if new.key != latest:
            return {"elsewhere": review_url(document)}
        published = document.published_versions.aggregate(last=Max("number"))["last"] or 0
        return {
            "request_changes": forms.get("request_changes") or RequestChangesForm(),
            "approve": forms.get("approve") or ApproveForm(initial={"revision": new.key}),
            "next_number": published + 1,
            "note_required": published > 0,
        }

    @method_decorator(require_POST)
    def request_changes_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        document = self._visible(request, object_id)
        form = RequestChangesForm(request.POST)
        form.is_valid()
        try:
            actions.request_changes(
                document, actor=request.user, comment=form.cleaned_data.get("comment", "")
            )
        except WorkflowError as refusal:
            show_refusal(form, refusal)
            return self._refused(request, document, {"request_changes": form})
        messages.success(
            request, _("Returned “%(title)s” to its translator with your comments.") % {"title": document}
        )
        return HttpResponseRedirect(reverse("admin:archive_document_review_queue"))

    @method_decorator(require_POST)
    def approve_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        document = self._visible(request, object_id)
        form = ApproveForm(request.POST)
        if not form.is_valid():
            return self._refused(request, document, {"approve": form})
        revision = history.revisions_of(document).filter(pk=form.cleaned_data["revision"]).first()
        try:
            if revision is None:
                raise InvalidRevision(
                    _("Revision %(id)s is not a revision of this record."),
                    params={"id": form.cleaned_data["revision"]},
                )
            result = actions.approve_revision(
                document,
                revision=revision,
                actor=request.user,
                note=form.cleaned_data["note"],
                publish_at=form.cleaned_data["publish_at"],
            )
        except WorkflowError as refusal:
            return self._refused(request, document, {"approve": _approve_again(request, document, refusal)})
        messages.success(request, _approval_message(document, result))
        return HttpResponseRedirect(reverse("admin:archive_document_review_queue"))

    def _refused(self, request: HttpRequest, document: Document, forms: dict) -> TemplateResponse:
        """The review page again (the latest content), with the refused form, its message and what was typed.

        Someone who may not review the record sees no decision forms, so the refusal comes as a message.
        """
        if not permissions.can_review(request.user, document):
            for form in forms.values():
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, error)
        request.GET = request.GET.copy()
        request.GET.pop("old", None)
        request.GET.pop("new", None)
        response = self.review_view(request, document.pk, forms=forms)
        response.status_code = 400
        return response

    # The history page

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None) -> TemplateResponse:
        """Every revision with its user, time, comment and state changes. Template curation/history.html."""
        document = self._visible(request, object_id)
        if not permissions.can_view_history(request.user, document):
            raise PermissionDenied
        return self._page(
            request,
            "curation/history.html",
            _("History of “%(title)s”") % {"title": document},
            document=document,
            rows=_history_rows(document),
            can_revert=permissions.can_revert(request.user, document),
        )

    @method_decorator(require_POST)
    def revert_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        document = self._visible(request, object_id)
        permissions.ensure_can_revert(request.user, document)
        form = RevertForm(request.POST)
        revision = None
        if form.is_valid():
            revision = history.revisions_of(document).filter(pk=form.cleaned_data["revision"]).first()
        if revision is None:
            messages.error(request, _("Choose a revision of this record to revert to."))
            return HttpResponseRedirect(reverse("admin:archive_document_history", args=[document.pk]))
        try:
            actions.revert_to_revision(
                document, revision=revision, actor=request.user, comment=form.cleaned_data["comment"]
            )
        except WorkflowError as refusal:
            for message in refusal.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Reverted to %(revision)s, as a new revision.")
                % {"revision": history.describe_revision(revision)},
            )
        return HttpResponseRedirect(reverse("admin:archive_document_history", args=[document.pk]))

    # My work

    def my_work_view(self, request: HttpRequest) -> TemplateResponse:
        """The user's own and assigned records by state, with editors' comments. Template curation/my_work.html."""
        if not permissions.has_role(request.user):
            raise PermissionDenied
        documents = list(
            Document.objects.filter(Q(created_by=request.user) | Q(assigned_translator=request.user))
            .select_related("current_version", "reviewer")
            .order_by("-updated_at")
        )
        latest = _latest_entries(documents, (Action.REQUEST_CHANGES, Action.SUBMIT))
        groups = {
            status: []
            for status in (Status.DRAFT, Status.CHANGES_REQUESTED, Status.IN_REVIEW, Status.PUBLISHED)
        }
        for document in documents:
            if document.status in groups:
                groups[document.status].append(
                    {
                        "document": document,
                        "returned": latest.get((document.pk, Action.REQUEST_CHANGES)),
                        "submitted": latest.get((document.pk, Action.SUBMIT)),
                    }
                )
        sections = [(status, Status(status).label, rows) for status, rows in groups.items()]
        return self._page(request, "curation/my_work.html", _("My work"), sections=sections)

    # Submitting from the change form

    @method_decorator(require_POST)
    def submit_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        document = self._visible(request, object_id)
        form = SubmitForm(request.POST)
        form.is_valid()
        try:
            actions.submit_for_review(
                document, actor=request.user, comment=form.cleaned_data.get("comment", "")
            )
        except WorkflowError as refusal:
            for message in refusal.messages:
                messages.error(request, message)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal) or _("You may not submit this record for review."))
        else:
            messages.success(
                request,
                _(
                    "“%(title)s” is submitted for review; it is read-only until an editor returns or approves it."
                )
                % {"title": document},
            )
        return HttpResponseRedirect(reverse("admin:archive_document_change", args=[document.pk]))

    # Assigning, from the change form and the review page

    @method_decorator(require_POST)
    def assign_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        """Assign the record's translator and reviewer (editors only), then go back where the form was."""
        document = self._visible(request, object_id)
        permissions.ensure_can_assign(request.user, document)
        form = AssignForm(request.POST, document=document)
        if not form.is_valid():
            for message in _form_errors(form):
                messages.error(request, message)
        else:
            try:
                actions.assign(document, actor=request.user, **form.changes())
            except WorkflowError as refusal:
                for message in refusal.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _assigned_message(document))
        back = "review" if form.data.get("back") == "review" else "change"
        return HttpResponseRedirect(reverse(f"admin:archive_document_{back}", args=[document.pk]))

    # The change form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            context["review_tools"] = _review_tools(request, obj)
            _link_stale_save(request, obj, context["adminform"].form)
        return super().render_change_form(request, context, add, change, form_url, obj)


def _chosen_side(request: HttpRequest, document: Document, name: str, default: str) -> Side:
    """The side the URL names; the default one, with a message saying why, if it names nothing here."""
    try:
        return load_side(document, request.GET.get(name, default).strip())
    except UnknownSide as unknown:
        messages.error(request, _("%(message)s Showing the usual comparison instead.") % {"message": unknown})
        return load_side(document, default)


def _approve_again(request: HttpRequest, document: Document, refusal: WorkflowError) -> ApproveForm:
    """The refused approval, now naming the latest content: the page shows that, and approving
    again approves what the editor then sees (after a stale refusal, the newer revision)."""
    data = request.POST.copy()
    data["revision"] = default_keys(document)[1]
    form = ApproveForm(data)
    form.is_valid()
    show_refusal(form, refusal)
    return form


def _assign_form(request: HttpRequest, document: Document, *, back: str) -> AssignForm | None:
    """The assign form for an editor; nobody else sees it."""
    if not permissions.can_assign(request.user, document):
        return None
    return AssignForm(document=document, initial={"back": back})


def _form_errors(form: AssignForm) -> list[str]:
    """Each error of the form, prefixed with the field it is about."""
    labelled = {name: field.label for name, field in form.fields.items() if field.label}
    return [
        f"{labelled[name]}: {error}" if name in labelled else str(error)
        for name, errors in form.errors.items()
        for error in errors
    ]


def _assigned_message(document: Document) -> str:
    nobody = _("nobody")
    return _("Assigned “%(title)s”: translator %(translator)s, reviewer %(reviewer)s.") % {
        "title": document,
        "translator": _person(document.assigned_translator) or nobody,
        "reviewer": _person(document.reviewer) or nobody,
    }


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _approval_message(document: Document, result) -> str:
    if isinstance(result, PublishedVersion):
        return _("Approved: “%(title)s” is public as version %(number)s.") % {
            "title": document,
            "number": result.number,
        }
    return _("Approved: “%(title)s” goes live at %(when)s.") % {"title": document, "when": result.publish_at}


def _text_languages(documents: list[Document]) -> dict[int, list[str]]:
    languages: dict[int, list[str]] = defaultdict(list)
    for document in documents:
        languages[document.pk].append(document.original_language)
    rows = (
        Text.objects.filter(document__in=documents)
        .order_by("order", "pk")
        .values_list("document_id", "language")
    )
    for document_id, code in rows:
        if code not in languages[document_id]:
            languages[document_id].append(code)
    return languages


def _latest_entries(documents: list[Document], wanted: tuple[str, ...]) -> dict[tuple[int, str], AuditEntry]:
    """The newest audit entry of each wanted action for each record, in one query."""
    latest: dict[tuple[int, str], AuditEntry] = {}
    entries = AuditEntry.objects.filter(document__in=documents, action__in=wanted).select_related("actor")
    for entry in entries.order_by("-created_at", "-pk"):
        latest.setdefault((entry.document_id, entry.action), entry)
    return latest


def _history_rows(document: Document) -> list[dict]:
    """The revisions newest first, each with its audit entries and links to view and compare it."""
    revisions = list(history.revisions_of(document))
    entries: dict[int, list[AuditEntry]] = defaultdict(list)
    for entry in AuditEntry.objects.for_document(document).order_by("pk"):
        entries[entry.revision_id].append(entry)
    versions = dict(Version.objects.get_for_object(document).values_list("revision_id", "pk"))
    published = dict(document.published_versions.values_list("revision_id", "number"))
    rows, previous_content = [], ""
    for revision in reversed(revisions):
        row_entries = entries.get(revision.pk, [])
        changes_content = not any(entry.action in history.WORKFLOW_ONLY_ACTIONS for entry in row_entries)
        rows.append(
            {
                "revision": revision,
                "entries": row_entries,
                "changes_content": changes_content,
                "view_url": _revision_url(document, versions.get(revision.pk)),
                "compare_url": review_url(document, old=previous_content, new=str(revision.pk))
                if changes_content
                else "",
                "published_as": published.get(revision.pk),
                "revert_form": RevertForm(initial={"revision": revision.pk}),
            }
        )
        if changes_content:
            previous_content = str(revision.pk)
    rows.reverse()
    # Reverting to the content the record already has would only add a revision.
    current = next((row for row in rows if row["changes_content"]), None)
    if current is not None:
        current["is_current_content"] = True
    return rows


def _revision_url(document: Document, version_id: int | None) -> str:
    if version_id is None:
        return ""
    return reverse("admin:archive_document_revision", args=[document.pk, version_id])


def _review_tools(request: HttpRequest, document: Document) -> dict:
    """The change form's workflow buttons for this user and record."""
    user = request.user
    return {
        "submit_form": SubmitForm() if permissions.can_submit(user, document) else None,
        "submit_url": reverse("admin:archive_document_submit", args=[document.pk]),
        "review_url": review_url(document) if permissions.can_view_history(user, document) else "",
        "can_review": permissions.can_review(user, document),
        "assign_form": _assign_form(request, document, back="change"),
    }


def _link_stale_save(request: HttpRequest, document: Document, form) -> None:
    """A save refused as stale gets a link to exactly what changed since the form was opened."""
    if not any(error.code == "stale" for error in form.errors.as_data().get("__all__", [])):
        return
    base = form.data.get("base_revision", "") if form.is_bound else ""
    latest = history.latest_content_revision(document)
    if latest is None:
        return
    old = base if base.isdigit() and history.revisions_of(document).filter(pk=int(base)).exists() else None
    url = (
        review_url(document, old=old, new=str(latest.pk))
        if old
        else reverse("admin:archive_document_history", args=[document.pk])
    )
    messages.warning(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            _("Nothing was saved. Your changes are still in the form below."),
            url,
            _("See what the other person changed"),
        ),
    )
