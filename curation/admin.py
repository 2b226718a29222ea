"""The workroom: the translators' data-entry form, the editors' change list, and the authority files.

Who may see, add, change or delete a record is decided only by curation/permissions.py; this module
asks it and never states a rule of its own. Workflow state is never edited here (Document.status is not
a form field): state changes belong to curation/actions.py. Every save is one django-reversion revision
(VersionAdmin) holding the record, its texts, their footnotes, provenance, credits and attachments,
with the user and a comment built from what changed.
"""

import re

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import override as translation_override
from reversion.admin import VersionAdmin
from reversion.models import Version

from archive import versioning
from archive.languages import language_choices, language_name
from archive.models import (
    Attachment,
    Collection,
    Contribution,
    Document,
    Donor,
    Footnote,
    Person,
    Place,
    ProvenanceEvent,
    Repository,
    Subject,
    Text,
)
from archive.rendering import render_body, render_notes
from archive.validation import marker_problems, text_label, text_marker_problems
from curation import actions, history, permissions
from curation.forms import (
    DATA_ENTRY_RENDERER,
    AttachmentForm,
    ContributionFormSet,
    DocumentForm,
    TextForm,
    TextFormSet,
    error_summary,
)
from curation.review import ReviewAdminMixin

# VersionAdmin registers any model it finds unregistered, without the "follow" chain that makes one
# revision hold a whole record (texts -> footnotes). Register ours first: the admin loads before the
# archive app is ready.
versioning.register_models()

admin.site.site_header = format_lazy("{} — {}", settings.ARCHIVE_NAME, gettext_lazy("Workroom"))
admin.site.site_title = format_lazy("{} — {}", settings.ARCHIVE_NAME, gettext_lazy("Workroom"))
admin.site.index_title = gettext_lazy("Records and authority files")

# Set on a request that shows an earlier revision: it is for reading; restoring one is the editors'
# "revert" action in curation/actions.py, which also puts the workflow state right.
READ_ONLY_ATTRIBUTE = "_archive_read_only"


# Set on a request whose form saved a record, for the workflow's record_edit once the revision exists.
SAVED_ATTRIBUTE = "_archive_saved_document"


def _read_only(request: HttpRequest) -> bool:
    return getattr(request, READ_ONLY_ATTRIBUTE, False)


def _may_edit_record(request: HttpRequest, document: Document | None) -> bool:
    if _read_only(request):
        return False
    if document is None:
        return permissions.can_create(request.user)
    return permissions.can_edit(request.user, document)


def _display_date(document: Document) -> str:
    # A form being corrected holds the date as typed, which may not parse (the form says so).
    try:
        return document.display_date
    except ValidationError:
        return ""


def _user_label(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


# --- Inlines: the parts of a record ----------------------------------------------------------------


class RecordPartInline:
    """Whoever may edit the record may add, change and remove its parts; whoever may see it, see them.

    Their forms render with the data-entry renderer (curation/forms.py), as the record's own form does.
    """

    def get_formset(self, request: HttpRequest, obj: Document | None = None, **kwargs):
        return super().get_formset(request, obj, renderer=DATA_ENTRY_RENDERER, **kwargs)

    def has_view_permission(self, request: HttpRequest, obj: Document | None = None) -> bool:
        if obj is None:
            return permissions.has_role(request.user)
        return permissions.can_view(request.user, obj)

    def has_add_permission(self, request: HttpRequest, obj: Document | None = None) -> bool:
        return _may_edit_record(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Document | None = None) -> bool:
        return _may_edit_record(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Document | None = None) -> bool:
        return _may_edit_record(request, obj)


# Initial values of the text forms on a new record (unchanged, they are ignored).
NEW_RECORD_TEXTS = [{"kind": Text.Kind.ORIGINAL}, {"kind": Text.Kind.TRANSLATION, "language": "en"}]


class TextInline(RecordPartInline, admin.StackedInline):
    """The original and its translations, each with its footnotes nested underneath (see curation/forms.py)."""

    model = Text
    form = TextForm
    formset = TextFormSet
    template = "admin/archive/document/edit_inline/text_stacked.html"
    fieldsets = [(None, {"fields": [("kind", "language", "order"), "title", "body", "preview"]})]
    readonly_fields = ["preview"]

    def get_extra(self, request: HttpRequest, obj: Document | None = None, **kwargs) -> int:
        # A new record starts with an empty original and an empty English translation.
        if obj is None or obj.pk is None:
            return len(NEW_RECORD_TEXTS)
        return 0 if obj.texts.exists() else 1

    @admin.display(description=gettext_lazy("preview"))
    def preview(self, text: Text) -> str:
        """The text as readers will see it, its markers linked to its notes; "Preview" refreshes it."""
        problems, rendered = [], ""
        if text.pk is not None:
            notes = list(text.footnotes.all())
            problems = text_marker_problems(
                label=text_label(text), body=text.body, note_numbers=[note.number for note in notes]
            )
            prefix = f"t{text.pk}"
            rendered = render_body(text.body, note_prefix=prefix) + render_notes(
                ((note.number, note.get_kind_display(), note.body) for note in notes), note_prefix=prefix
            )
        return format_html(
            '<div class="text-preview" data-preview-url="{}">'
            '<button type="button" class="button preview-button">{}</button>'
            '<ul class="marker-problems">{}</ul><div class="preview-output">{}</div></div>',
            reverse("admin:archive_document_preview"),
            _("Preview"),
            format_html_join("", "<li>{}</li>", ((problem,) for problem in problems)),
            rendered or _("Press “Preview” to see this text as readers will."),
        )


class ProvenanceEventInline(RecordPartInline, admin.TabularInline):
    model = ProvenanceEvent
    fields = ["order", "kind", "date", "agent", "place", "reference", "note"]
    autocomplete_fields = ["place"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 30})}}
    extra = 1


class ContributionInline(RecordPartInline, admin.TabularInline):
    model = Contribution
    formset = ContributionFormSet
    fields = ["order", "person", "role", "qualifier"]
    autocomplete_fields = ["person"]
    extra = 1


class AttachmentInline(RecordPartInline, admin.TabularInline):
    model = Attachment
    form = AttachmentForm
    fields = ["order", "kind", "file", "caption", "content_type", "size"]
    readonly_fields = ["content_type", "size"]
    extra = 0


# --- Change list filters ---------------------------------------------------------------------------


def distinct_values(model: type[models.Model], field_name: str) -> list:
    """Every value an indexed column holds, read from its index a value at a time: each step asks for
    the smallest value above the last (a loose index scan). SELECT DISTINCT reads every row: 25 ms
    for the original languages of 100,000 records, and growing with them, against one index probe for
    each of the few dozen languages."""
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.get_field(field_name).column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE found(value) AS (SELECT MIN({column}) FROM {table} "
            f"UNION ALL SELECT (SELECT MIN({column}) FROM {table} WHERE {column} > found.value) "
            "FROM found WHERE found.value IS NOT NULL) "
            "SELECT value FROM found WHERE value IS NOT NULL"
        )
        return [value for (value,) in cursor.fetchall()]


def _by_name(codes) -> list[tuple[str, str]]:
    return sorted(((code, language_name(code)) for code in codes), key=lambda pair: pair[1])


class OriginalLanguageFilter(admin.SimpleListFilter):
    title = gettext_lazy("original language")
    parameter_name = "original_language"

    def lookups(self, request, model_admin):
        if permissions.sees_every_record(request.user):
            return _by_name(distinct_values(Document, "original_language"))
        documents = model_admin.get_queryset(request).order_by()
        return _by_name(documents.values_list("original_language", flat=True).distinct())

    def queryset(self, request, queryset):
        return queryset.filter(original_language=self.value()) if self.value() else queryset


class TextLanguageFilter(admin.SimpleListFilter):
    title = gettext_lazy("text language")
    parameter_name = "text_language"

    def lookups(self, request, model_admin):
        if permissions.sees_every_record(request.user):
            return _by_name(distinct_values(Text, "language"))
        texts = Text.objects.filter(document__in=model_admin.get_queryset(request)).order_by()
        return _by_name(texts.values_list("language", flat=True).distinct())

    def queryset(self, request, queryset):
        return queryset.filter(texts__language=self.value()).distinct() if self.value() else queryset


class TranslatorFilter(admin.SimpleListFilter):
    """Records a person created or is assigned to translate."""

    title = gettext_lazy("translator")
    parameter_name = "translator"

    def lookups(self, request, model_admin):
        # One probe of each foreign key's index per user, rather than reading every record's two columns.
        documents = model_admin.get_queryset(request).order_by()
        users = get_user_model().objects.filter(
            Exists(documents.filter(created_by=OuterRef("pk")))
            | Exists(documents.filter(assigned_translator=OuterRef("pk")))
        )
        return sorted(((str(user.pk), _user_label(user)) for user in users), key=lambda pair: pair[1])

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit():
            raise IncorrectLookupParameters(value)
        return queryset.filter(Q(created_by=value) | Q(assigned_translator=value))


class UsedRelatedFilter(admin.RelatedFieldListFilter):
    """The related rows (collections, repositories) that a visible record uses, as RelatedOnlyFieldListFilter
    offers, asked as one EXISTS per related row: its plan probes an index for each of a few dozen
    collections instead of reading every record's links, which at 100,000 records took 100 ms."""

    def field_choices(self, field, request, model_admin):
        documents = model_admin.get_queryset(request).order_by()
        if field.many_to_many:
            links = field.remote_field.through.objects.filter(
                **{field.m2m_reverse_field_name(): OuterRef("pk"), f"{field.m2m_field_name()}__in": documents}
            )
        else:
            links = documents.filter(**{field.name: OuterRef("pk")})
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(include_blank=False, limit_choices_to=Q(Exists(links)), ordering=ordering)


# --- The record ------------------------------------------------------------------------------------


@admin.register(Document)
class DocumentAdmin(ReviewAdminMixin, VersionAdmin):
    form = DocumentForm
    inlines = [TextInline, ProvenanceEventInline, ContributionInline, AttachmentInline]
    change_list_template = "admin/archive/document/change_list.html"
    revision_form_template = "admin/archive/document/revision_form.html"
    recover_form_template = "admin/archive/document/revision_form.html"
    save_on_top = True

    list_display = ["title", "display_date_column", "status", "language_column", "translator", "updated_at"]
    list_filter = [
        "status",
        OriginalLanguageFilter,
        TextLanguageFilter,
        ("collections", UsedRelatedFilter),
        ("repository", UsedRelatedFilter),
        TranslatorFilter,
    ]
    list_select_related = ["created_by", "assigned_translator"]
    # Counting every record a second time, for "(n total)" beside a filtered count, is not worth a scan.
    show_full_result_count = False
    search_fields = ["title", "summary", "external_id", "archival_reference", "texts__body"]
    search_help_text = gettext_lazy(
        "Searches titles, summaries, external identifiers, archival references and the texts."
    )
    autocomplete_fields = [
        "repository",
        "creators",
        "people",
        "places",
        "subjects",
        "collections",
        "donors",
        "related_documents",
    ]
    # Workflow fields are shown, never edited: actions.assign and the other actions write them.
    readonly_fields = [
        "status",
        "assigned_translator",
        "reviewer",
        "generated_display_date",
        "created_by",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    ("date", "display_date_override"),
                    "generated_display_date",
                    ("document_type", "original_language"),
                    "original_classification",
                    "summary",
                ]
            },
        ),
        (
            gettext_lazy("Source"),
            {"fields": [("repository", "archival_reference"), "source_override", "rights", "external_id"]},
        ),
        (
            gettext_lazy("Linked records"),
            {
                "fields": [
                    "creators",
                    "people",
                    "places",
                    "subjects",
                    "collections",
                    "donors",
                    "related_documents",
                ]
            },
        ),
        (
            gettext_lazy("Workflow"),
            {
                "fields": [
                    "status",
                    ("assigned_translator", "reviewer"),
                    "created_by",
                    ("created_at", "updated_at"),
                ]
            },
        ),
    ]

    class Media:
        css = {"all": ["curation/document_form.css"]}
        js = ["curation/document_form.js"]

    # Columns

    @admin.display(description=gettext_lazy("date"), ordering="date_earliest")
    def display_date_column(self, document: Document) -> str:
        return _display_date(document)

    @admin.display(description=gettext_lazy("display date"))
    def generated_display_date(self, document: Document) -> str:
        return _display_date(document)

    @admin.display(description=gettext_lazy("original language"), ordering="original_language")
    def language_column(self, document: Document) -> str:
        return language_name(document.original_language)

    @admin.display(description=gettext_lazy("translator"))
    def translator(self, document: Document) -> str:
        return _user_label(document.assigned_translator or document.created_by)

    # Permissions: all from curation/permissions.py

    def get_queryset(self, request: HttpRequest):
        return permissions.visible_documents(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Document | None = None) -> bool:
        if obj is None:
            return permissions.has_role(request.user)
        return permissions.can_view(request.user, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _may_edit_record(request, None)

    def has_change_permission(self, request: HttpRequest, obj: Document | None = None) -> bool:
        if obj is None:
            return not _read_only(request) and permissions.has_role(request.user)
        return _may_edit_record(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Document | None = None) -> bool:
        if obj is None:
            return permissions.is_editor(request.user)
        return permissions.can_delete(request.user, obj)

    def get_deleted_objects(self, objs, request: HttpRequest):
        """The bulk delete action asks only the model-wide question; ask about each record too."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        for document in objs:
            if not permissions.can_delete(request.user, document):
                perms_needed.add(
                    _("“%(title)s” (%(status)s: withdraw it instead)")
                    % {"title": document, "status": document.get_status_display()}
                )
        return deleted, model_count, perms_needed, protected

    # The form

    def get_fieldsets(self, request: HttpRequest, obj: Document | None = None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        # The revision this form starts from, for DocumentForm's check against overwriting.
        first_name, first_options = fieldsets[0]
        return [
            (first_name, {**first_options, "fields": [*first_options["fields"], "base_revision"]}),
            *fieldsets[1:],
        ]

    def get_formset_kwargs(self, request: HttpRequest, obj: Document, inline, prefix: str) -> dict:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, TextInline) and obj.pk is None:
            kwargs["initial"] = NEW_RECORD_TEXTS
        return kwargs

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None):
        document = super().get_object(request, object_id, from_field)
        if document is not None and request.method == "POST":
            # One save of a record at a time, so that DocumentForm's stale-revision check holds.
            list(Document.objects.select_for_update().filter(pk=document.pk).values_list("pk", flat=True))
            # Reread under the lock: an action that held it may have moved the status or the live version.
            document.refresh_from_db()
        return document

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        formsets = [inline_formset.formset for inline_formset in context.get("inline_admin_formsets", [])]
        context.update(
            {
                "error_summary": error_summary(context["adminform"].form, formsets),
                "language_choices": language_choices(),
                "read_only_reason": self._read_only_reason(request, obj),
            }
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _read_only_reason(self, request: HttpRequest, obj: Document | None) -> str:
        if obj is None or _read_only(request) or permissions.can_edit(request.user, obj):
            return ""
        try:
            permissions.ensure_can_edit(request.user, obj)
        except PermissionDenied as refusal:
            return str(refusal)
        return ""

    # Saving

    def add_view(self, request, form_url="", extra_context=None):
        with transaction.atomic():
            response = super().add_view(request, form_url, extra_context)
            self._record_edit(request)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        with transaction.atomic():
            response = super().change_view(request, object_id, form_url, extra_context)
            self._record_edit(request)
        return response

    def save_model(self, request: HttpRequest, obj: Document, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        setattr(request, SAVED_ATTRIBUTE, obj)

    def _record_edit(self, request: HttpRequest) -> None:
        """Once the save's revision exists, let the workflow account for it (a published record
        reopens as a draft; an audit entry names the revision), in the same transaction."""
        document = getattr(request, SAVED_ATTRIBUTE, None)
        if document is not None:
            actions.record_edit(document, actor=request.user, revision=history.latest_revision(document))

    def construct_change_message(self, request, form, formsets, add=False):
        """Django's message ("Changed title. Added text …") plus the footnotes nested in the texts."""
        return super().construct_change_message(request, form, formsets, add) + footnote_changes(formsets)

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        self._warn_about_markers(request, obj)
        return response

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        self._warn_about_markers(request, obj)
        return response

    def _warn_about_markers(self, request: HttpRequest, document: Document) -> None:
        problems = marker_problems(document)
        if not problems:
            return
        self.message_user(
            request,
            _(
                "The draft is saved, but its footnote markers and footnotes do not match yet; it cannot be "
                "submitted for review until they do:"
            ),
            messages.WARNING,
        )
        for problem in problems:
            self.message_user(request, problem, messages.WARNING)

    # Views

    def get_urls(self):
        preview = path(
            "preview/", self.admin_site.admin_view(self.preview_view), name="archive_document_preview"
        )
        return [preview, *super().get_urls()]

    def preview_view(self, request: HttpRequest) -> HttpResponse:
        """Render a text and its notes as posted from the form (unsaved edits); JSON {html, problems}."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not permissions.can_create(request.user):
            raise PermissionDenied
        body = request.POST.get("body", "")
        if len(body) > settings.ARCHIVE_MAX_TEXT_CHARS:
            message = _("This text is %(length)d characters long; the limit is %(limit)d.") % {
                "length": len(body),
                "limit": settings.ARCHIVE_MAX_TEXT_CHARS,
            }
            return JsonResponse({"html": "", "problems": [message]})
        notes = posted_notes(request)
        text = Text(kind=request.POST.get("kind", ""), language=request.POST.get("language", ""))
        prefix = re.sub(r"[^a-z0-9-]", "", request.POST.get("prefix", "").lower())[:40] or "preview"
        html = render_body(body, note_prefix=prefix) + render_notes(notes, note_prefix=prefix)
        problems = text_marker_problems(
            label=text_label(text), body=body, note_numbers=[number for number, *_ in notes]
        )
        return JsonResponse({"html": str(html), "problems": problems})

    def changelist_view(self, request, extra_context=None):
        context = {"can_recover": permissions.can_recover(request.user), **(extra_context or {})}
        return super().changelist_view(request, context)

    def recoverlist_view(self, request, extra_context=None):
        permissions.ensure_can_recover(request.user)
        return super().recoverlist_view(request, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        setattr(request, READ_ONLY_ATTRIBUTE, True)
        context = {"title": _("An earlier version"), **(extra_context or {})}
        return super().revision_view(request, object_id, version_id, context)

    def recover_view(self, request, version_id, extra_context=None):
        """A deleted record as it was; saving the form brings it back as a new revision, which the
        workflow accounts for like any other save (DESIGN.md: deleting a draft keeps it recoverable)."""
        permissions.ensure_can_recover(request.user)
        # reversion would take a version of any model, or of a record that still exists (reverting it
        # around the workflow): only a deleted record's version is recovered here.
        version = get_object_or_404(Version.objects.get_for_model(Document), pk=version_id)
        if Document.objects.filter(pk=version.object_id).exists():
            raise Http404(_("This record has not been deleted."))
        context = {"title": _("A deleted record"), **(extra_context or {})}
        with transaction.atomic():
            response = super().recover_view(request, version_id, context)
            self._record_edit(request)
        return response


def posted_notes(request: HttpRequest) -> list[tuple[int, str, str]]:
    """(number, kind label, body) of the notes the preview script posts, skipping unnumbered ones."""
    kinds = dict(Footnote.Kind.choices)
    rows = zip(
        request.POST.getlist("note_number"),
        request.POST.getlist("note_kind"),
        request.POST.getlist("note_body"),
        strict=False,
    )
    return sorted(
        (int(number), str(kinds.get(kind, "")), body)
        for number, kind, body in rows
        if number.strip().isdigit()
    )


def footnote_changes(formsets) -> list[dict]:
    """Change-message entries (as LogEntry stores them) for the footnotes saved with each text."""
    entries: list[dict] = []
    with translation_override(None):
        name = str(Footnote._meta.verbose_name)
        for formset in formsets:
            for form in formset.forms:
                notes = getattr(form, "footnotes", None)
                if notes is None or not hasattr(notes, "new_objects"):
                    continue
                where = str(form.instance)
                for note in notes.new_objects:
                    entries.append({"added": {"name": name, "object": f"{note} in {where}"}})
                for note, fields in notes.changed_objects:
                    labels = [str(notes.forms[0].fields[field].label) for field in fields]
                    entries.append(
                        {"changed": {"name": name, "object": f"{note} in {where}", "fields": labels}}
                    )
                for note in notes.deleted_objects:
                    entries.append({"deleted": {"name": name, "object": f"{note} in {where}"}})
    return entries


# --- Authority files -------------------------------------------------------------------------------


@admin.register(Person)
class PersonAdmin(VersionAdmin):
    list_display = ["name", "sort_name", "kind", "life_dates", "wikidata_id"]
    list_filter = ["kind"]
    search_fields = ["name", "sort_name", "name_variants", "wikidata_id", "viaf_id", "lcnaf_id"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "sort_name",
                    "kind",
                    "name_variants",
                    ("birth_date", "death_date"),
                    "description",
                ]
            },
        ),
        (gettext_lazy("Authority identifiers"), {"fields": [("wikidata_id", "viaf_id", "lcnaf_id")]}),
    ]


@admin.register(Place)
class PlaceAdmin(VersionAdmin):
    list_display = ["name", "parent", "kind"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "name_variants", "parent__name"]
    autocomplete_fields = ["parent"]


@admin.register(Subject)
class SubjectAdmin(VersionAdmin):
    list_display = ["heading"]
    search_fields = ["heading", "scope_note"]


@admin.register(Collection)
class CollectionAdmin(VersionAdmin):
    list_display = ["title", "slug"]
    search_fields = ["title", "description"]


# Web addresses typed without a scheme are taken as https (Django 6's default, chosen now).
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Repository)
class RepositoryAdmin(VersionAdmin):
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = ["name", "abbreviation", "location"]
    search_fields = ["name", "abbreviation", "location"]


@admin.register(Donor)
class DonorAdmin(VersionAdmin):
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = ["name", "url"]
    search_fields = ["name", "description"]


from curation import admin_tokens  # noqa: E402, F401  (personal API tokens)
