"""The curation API's shapes: a record as it is written and read, the workflow requests, revisions and diffs.

A record is written in the shape it is read, so a client can GET it, change what it wants and PUT it
back. The write serializers check only the JSON's shape (a number where a number belongs, a list of
objects where a list belongs); the rules of the record are the admin's, applied by curation.api.writes
with the admin's own forms and messages. Choices are therefore documented as enums here but checked by
those forms ("Select a valid choice …"), as in the admin.
"""

from django.db.models import Model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from archive.models import Contribution, Document, Footnote, ProvenanceEvent, Text
from archive.validation import text_label, text_marker_problems
from curation.diff import Change, WordDiff
from curation.forms import DocumentForm

# The largest id a path, header or body may name: the databases' 64-bit integer keys.
MAX_ID = 2**63 - 1
# The record's own fields, exactly as the admin's change form has them.
DOCUMENT_FIELDS = tuple(DocumentForm.Meta.fields)


class FormChoiceField(serializers.ChoiceField):
    """A choice documented as an enum, but checked by the admin's form so the message is the admin's."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid_choice", input=data)
        return data


class IdField(serializers.IntegerField):
    """A linked record by id: written as a number, read from the foreign key without loading the record."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("default", None)
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)

    def get_attribute(self, instance):
        if isinstance(instance, Model):
            return getattr(instance, f"{self.source}_id")
        return super().get_attribute(instance)


class IdListField(serializers.ListField):
    """Linked records by id (authors, places …): written as a list of numbers, read from the relation."""

    def __init__(self, **kwargs) -> None:
        super().__init__(
            child=serializers.IntegerField(min_value=1, max_value=MAX_ID), default=list, **kwargs
        )

    def to_representation(self, data) -> list[int]:
        items = data.all() if hasattr(data, "all") else data
        return [item.pk if isinstance(item, Model) else item for item in items]


def text_field(**kwargs) -> serializers.CharField:
    # Blank, null and untrimmed are let through: the admin's form strips and requires as it does there.
    kwargs.setdefault("default", "")
    return serializers.CharField(allow_blank=True, allow_null=True, trim_whitespace=False, **kwargs)


def required_text_field(**kwargs) -> serializers.CharField:
    return serializers.CharField(allow_blank=True, trim_whitespace=False, **kwargs)


# --- A record's parts -----------------------------------------------------------------------------


class CurationFootnoteSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text=_("The n of its marker [n] in the text's body."))
    kind = FormChoiceField(choices=Footnote.Kind.choices, default=Footnote.Kind.TRANSLATOR)
    body = required_text_field(help_text=_("Markdown."))


class CurationTextSerializer(serializers.Serializer):
    kind = FormChoiceField(choices=Text.Kind.choices, default=Text.Kind.TRANSLATION)
    language = required_text_field(
        help_text=_('An ISO 639 code ("en", "ru", "chu") or an English name ("Russian"); stored as the code.')
    )
    title = text_field(help_text=_("The title in this language."))
    body = text_field(help_text=_("Markdown; footnote markers as [1], [2] …"))
    order = serializers.IntegerField(default=0)
    footnotes = CurationFootnoteSerializer(many=True, default=list)


class CurationProvenanceEventSerializer(serializers.Serializer):
    order = serializers.IntegerField(default=0)
    kind = FormChoiceField(choices=ProvenanceEvent.Kind.choices)
    date = text_field(help_text=_('EDTF: "1992", "1961-04/1961-06".'))
    agent = text_field(help_text=_("Who: a person or an institution."))
    place = IdField(help_text=_("The id of a place in the archive."))
    reference = text_field()
    note = text_field()


class PersonNameField(serializers.CharField):
    def get_attribute(self, instance):
        if isinstance(instance, Contribution):
            return instance.person.name
        return super().get_attribute(instance)


class CurationCreditSerializer(serializers.Serializer):
    person = IdField(
        help_text=_("The id of a person in the archive. Give this or person_name; if both, this one counts.")
    )
    person_name = PersonNameField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "Instead of an id: the person's name. The archive's person of that name (ignoring case) is "
            "credited, or a new person is added if you may add people. Always filled in responses."
        ),
    )
    role = FormChoiceField(choices=Contribution.Role.choices)
    qualifier = text_field(help_text=_('Words after the verb, e.g. "for CWIHP".'))
    order = serializers.IntegerField(default=0)


# --- A record -------------------------------------------------------------------------------------


class DocumentFieldsSerializer(serializers.Serializer):
    """The record's own fields, alike in requests and responses."""

    title = required_text_field()
    date = text_field(help_text=_('EDTF: "1962-05-21", "1967-11", "1958?", "196X", "1961-04/1961-06".'))
    display_date_override = text_field(
        help_text=_("Leave blank to show the date generated from the EDTF value.")
    )
    document_type = FormChoiceField(choices=[("", "—"), *Document.Type.choices], default="", allow_blank=True)
    original_language = required_text_field(help_text=_('An ISO 639 code, or an English name ("Russian").'))
    original_classification = text_field(help_text=_('"Secret", "Top Secret".'))
    summary = text_field()
    repository = IdField(help_text=_("The id of a repository in the archive."))
    archival_reference = text_field(
        help_text=_('As cited after the repository: "F. 3, Op. 16, D. 947, Ll. 15-16".')
    )
    source_override = text_field(help_text=_("Legacy records only: replaces the generated source sentence."))
    rights = text_field()
    external_id = serializers.CharField(
        allow_blank=True,
        allow_null=True,
        default=None,
        help_text=_('Where the record came from, e.g. "wcda:300240"; unique.'),
    )
    creators = IdListField(help_text=_("Ids of the people who wrote it."))
    people = IdListField(help_text=_("Ids of the people it mentions."))
    places = IdListField(help_text=_("Ids of places."))
    subjects = IdListField(help_text=_("Ids of subjects."))
    collections = IdListField(help_text=_("Ids of collections."))
    donors = IdListField(help_text=_("Ids of funders."))
    related_documents = IdListField(help_text=_("Ids of related records."))


class CurationDocumentWriteSerializer(DocumentFieldsSerializer):
    """A record with all its parts, as one request: what is left out is emptied (PUT) or kept (PATCH)."""

    texts = CurationTextSerializer(many=True, default=list)
    provenance = CurationProvenanceEventSerializer(many=True, default=list)
    credits = CurationCreditSerializer(many=True, default=list)
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("What you changed and why; kept with the revision. Left out, the change is described."),
    )


class VersionLinkSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    url = serializers.URLField(help_text=_("The version's page in the reading room."))


class ScheduleSerializer(serializers.Serializer):
    publish_at = serializers.DateTimeField()
    revision = serializers.IntegerField(source="revision_id")
    approved_by = serializers.CharField(source="approved_by.get_username")


class DocumentIdentitySerializer(serializers.Serializer):
    """What names a working copy and its state: first in every response, so it reads first."""

    id = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField(help_text=_("This record in the curation API."))
    admin_url = serializers.SerializerMethodField(help_text=_("This record's form in the admin."))
    status = serializers.ChoiceField(choices=Document.Status.choices, read_only=True)
    revision = serializers.IntegerField(
        source="latest_revision_id",
        read_only=True,
        allow_null=True,
        help_text=_(
            "The latest revision's id, also sent as the ETag: send it back as If-Match to change the record."
        ),
    )

    def get_url(self, document: Document) -> str:
        return self._absolute(reverse("curation-api:document-detail", args=[document.pk]))

    def get_admin_url(self, document: Document) -> str:
        return self._absolute(reverse("admin:archive_document_change", args=[document.pk]))

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class CurationDocumentSerializer(DocumentIdentitySerializer, DocumentFieldsSerializer):
    """A working copy as the workroom sees it: every field and part, its state and latest revision."""

    display_date = serializers.SerializerMethodField()
    texts = CurationTextSerializer(many=True, read_only=True)
    provenance = CurationProvenanceEventSerializer(source="provenance_events", many=True, read_only=True)
    credits = CurationCreditSerializer(source="contributions", many=True, read_only=True)
    marker_problems = serializers.SerializerMethodField(
        help_text=_(
            "Footnote markers without notes and notes without markers: none may remain when submitting."
        )
    )
    current_version = serializers.SerializerMethodField(help_text=_("The version the public reads, if any."))
    scheduled_publication = serializers.SerializerMethodField(help_text=_("An approval waiting to go live."))
    created_by = serializers.CharField(source="created_by.get_username", read_only=True, allow_null=True)
    assigned_translator = serializers.CharField(
        source="assigned_translator.get_username", read_only=True, allow_null=True
    )
    reviewer = serializers.CharField(source="reviewer.get_username", read_only=True, allow_null=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    def get_display_date(self, document: Document) -> str:
        return document.display_date

    def get_marker_problems(self, document: Document) -> list[str]:
        return [
            problem
            for text in document.texts.all()
            for problem in text_marker_problems(
                label=text_label(text),
                body=text.body,
                note_numbers=[note.number for note in text.footnotes.all()],
            )
        ]

    @extend_schema_field(VersionLinkSerializer(allow_null=True))
    def get_current_version(self, document: Document) -> dict | None:
        version = document.current_version
        if version is None:
            return None
        url = reverse("archive:version-detail", args=[document.pk, version.number])
        return {"number": version.number, "url": self._absolute(url)}

    @extend_schema_field(ScheduleSerializer(allow_null=True))
    def get_scheduled_publication(self, document: Document) -> dict | None:
        pending = getattr(document, "pending_schedules", None)
        return ScheduleSerializer(pending[0]).data if pending else None


class CurationDocumentSummarySerializer(DocumentIdentitySerializer):
    """A working copy in a list: enough to choose one and to act on it."""

    title = serializers.CharField()
    display_date = serializers.CharField()
    original_language = serializers.CharField()
    created_by = serializers.CharField(source="created_by.get_username", allow_null=True)
    assigned_translator = serializers.CharField(source="assigned_translator.get_username", allow_null=True)
    reviewer = serializers.CharField(source="reviewer.get_username", allow_null=True)
    current_version = serializers.IntegerField(
        source="current_version.number", allow_null=True, help_text=_("The number of the live version.")
    )
    updated_at = serializers.DateTimeField()


class CurationDocumentPageSerializer(serializers.Serializer):
    """A page of the records list (the OpenAPI description of the paginated response)."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CurationDocumentSummarySerializer(many=True)


class PageQuerySerializer(serializers.Serializer):
    page = serializers.IntegerField(min_value=1, required=False, help_text=_("The page number, from 1."))
    page_size = serializers.IntegerField(
        min_value=1,
        max_value=200,
        required=False,
        help_text=_("Items per page: 50 unless given, at most 200."),
    )


class DocumentListQuerySerializer(PageQuerySerializer):
    status = serializers.ChoiceField(
        choices=Document.Status.choices,
        required=False,
        allow_blank=True,
        help_text=_("Only records in this state; empty for all."),
    )


# --- Workflow requests ----------------------------------------------------------------------------


def _comment(help_text, *, required: bool = False) -> serializers.CharField:
    if required:
        return serializers.CharField(allow_blank=True, help_text=help_text)
    return serializers.CharField(required=False, allow_blank=True, default="", help_text=help_text)


class SubmitSerializer(serializers.Serializer):
    comment = _comment(_("A note to the editors."))


class RequestChangesSerializer(serializers.Serializer):
    comment = _comment(_("What needs to change; the translator sees it. Required."), required=True)


class ApproveSerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        help_text=_(
            "The revision you reviewed and approve: the record's ETag (or `revision`) as you read it."
        ),
    )
    note = _comment(_("The public change note. Required from version 2 on: say what changed."))
    publish_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("When to go live (ISO 8601, with a time zone); left out, the revision is published now."),
    )


class WithdrawSerializer(serializers.Serializer):
    reason = _comment(_("Why; readers see it in place of the record. Required."), required=True)


class RevertSerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text=_("The earlier revision whose content comes back.")
    )
    comment = _comment(_("Why."))


class AssignSerializer(serializers.Serializer):
    translator = serializers.CharField(
        required=False,
        allow_null=True,
        help_text=_("Username of a translator or an editor; null clears it; left out, it stays."),
    )
    reviewer = serializers.CharField(
        required=False,
        allow_null=True,
        help_text=_("Username of an editor; null clears it; left out, it stays."),
    )


# --- Revisions and diffs --------------------------------------------------------------------------


class AuditStepSerializer(serializers.Serializer):
    action = serializers.CharField()
    label = serializers.CharField(source="get_action_display")
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    actor = serializers.CharField(source="actor.get_username")
    comment = serializers.CharField()


class RevisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    created_at = serializers.DateTimeField(source="date_created")
    user = serializers.CharField(source="user.get_username", allow_null=True)
    comment = serializers.CharField(source="get_comment")
    changes_content = serializers.BooleanField(
        help_text=_("False for workflow steps (submit, approve …), which change only the state.")
    )
    steps = AuditStepSerializer(many=True, help_text=_("The workflow steps recorded with this revision."))
    published_as = serializers.IntegerField(allow_null=True, help_text=_("The version it was published as."))
    diff_url = serializers.CharField(help_text=_("Its diff against the content revision before it."))


class RevisionPageSerializer(serializers.Serializer):
    """A page of a record's revisions (the OpenAPI description of the paginated response)."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = RevisionSerializer(many=True)


@extend_schema_field(
    {
        "type": "array",
        "description": (
            'Chunks in order: {"equal": "…"} is unchanged; {"deleted": "…", "inserted": "…"} is a change '
            "(either may be empty). Joining equal and deleted gives the old text; equal and inserted, the new."
        ),
        "items": {
            "type": "object",
            "properties": {
                "equal": {"type": "string"},
                "deleted": {"type": "string"},
                "inserted": {"type": "string"},
            },
        },
    }
)
class WordDiffField(serializers.Field):
    def to_representation(self, diff: WordDiff) -> list[dict[str, str]]:
        return [
            {"deleted": "".join(chunk.deleted), "inserted": "".join(chunk.inserted)}
            if isinstance(chunk, Change)
            else {"equal": "".join(chunk.tokens)}
            for chunk in diff.chunks
        ]


class SideSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_('A revision id, "v<n>" for a published version, "" for nothing.'))
    label = serializers.CharField()


class FieldChangeSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    old = serializers.CharField()
    new = serializers.CharField()
    diff = WordDiffField()


class LinkChangeSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    added = serializers.ListField(child=serializers.CharField())
    removed = serializers.ListField(child=serializers.CharField())


class FootnoteChangeSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    status = serializers.CharField(help_text=_('"added", "removed" or "changed".'))
    old_kind = serializers.CharField()
    new_kind = serializers.CharField()
    diff = WordDiffField()


class TextChangeSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_('"<kind>:<language>", e.g. "translation:en".'))
    label = serializers.CharField()
    status = serializers.CharField(help_text=_('"added", "removed" or "changed".'))
    title = WordDiffField()
    body = WordDiffField()
    footnotes = FootnoteChangeSerializer(source="changed_footnotes", many=True)


class RowChangeSerializer(serializers.Serializer):
    status = serializers.CharField(help_text=_('"added", "removed" or "changed".'))
    old = serializers.DictField(child=serializers.CharField(), allow_null=True)
    new = serializers.DictField(child=serializers.CharField(), allow_null=True)
    changed_columns = serializers.ListField(child=serializers.CharField())


class ChangeSizeSerializer(serializers.Serializer):
    inserted_words = serializers.IntegerField()
    deleted_words = serializers.IntegerField()
    fields_changed = serializers.IntegerField()


class RevisionDiffSerializer(serializers.Serializer):
    """What changed from `old` to `new`; only what changed is listed."""

    old = SideSerializer()
    new = SideSerializer()
    size = ChangeSizeSerializer(source="diff.size")
    metadata = FieldChangeSerializer(source="diff.metadata", many=True)
    links = LinkChangeSerializer(source="diff.links", many=True)
    texts = TextChangeSerializer(source="diff.changed_texts", many=True)
    provenance = RowChangeSerializer(source="diff.provenance", many=True)
    credits = RowChangeSerializer(source="diff.credits", many=True)
