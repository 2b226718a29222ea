"""The record and everything that belongs to it: texts, footnotes, provenance, credits, attachments.

A Document is the working copy that translators and editors change. The public never reads it: the
public reads PublishedVersion snapshots (see DESIGN.md, "The one invariant").
"""

import hashlib

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from archive.dates import parse_date, validate_edtf
from archive.languages import language_name, validate_language_code
from archive.querysets import DocumentQuerySet


def max_text_validator(value: str) -> None:
    MaxLengthValidator(
        settings.ARCHIVE_MAX_TEXT_CHARS,
        _("This text is %(show_value)d characters long; the limit is %(limit_value)d."),
    )(value)


class Document(models.Model):
    """One archival record: the working copy that translators and editors change."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("in review")
        CHANGES_REQUESTED = "changes_requested", _("changes requested")
        PUBLISHED = "published", _("published")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Type(models.TextChoices):
        LETTER = "letter", _("letter")
        MEMORANDUM = "memorandum", _("memorandum")
        MEMORANDUM_OF_CONVERSATION = "memcon", _("memorandum of conversation")
        TELEGRAM = "telegram", _("telegram or cable")
        MINUTES = "minutes", _("minutes")
        REPORT = "report", _("report")
        SPEECH = "speech", _("speech or statement")
        TRANSCRIPT = "transcript", _("transcript")
        DIARY = "diary", _("diary entry")
        PETITION = "petition", _("petition")
        TREATY = "treaty", _("treaty or agreement")
        OTHER = "other", _("other")

    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(_("slug"), max_length=200, blank=True, editable=False)
    external_id = models.CharField(
        _("external identifier"),
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text=_('Where the record came from, e.g. "wcda:300240"; re-imports update this record.'),
    )
    date = models.CharField(
        _("date (EDTF)"),
        max_length=100,
        blank=True,
        validators=[validate_edtf],
        help_text=_('"1962-05-21", "1967-11", "1958?", "196X", "1961-04/1961-06".'),
    )
    display_date_override = models.CharField(
        _("display date override"),
        max_length=200,
        blank=True,
        help_text=_("Leave blank to show the date generated from the EDTF value."),
    )
    date_earliest = models.DateField(_("earliest date"), null=True, blank=True, editable=False)
    date_latest = models.DateField(_("latest date"), null=True, blank=True, editable=False)
    summary = models.TextField(_("summary"), blank=True, validators=[max_text_validator])
    document_type = models.CharField(_("document type"), max_length=20, choices=Type.choices, blank=True)
    original_language = models.CharField(
        _("original language"),
        max_length=8,
        validators=[validate_language_code],
        help_text=_("ISO 639 code."),
    )
    original_classification = models.CharField(
        _("original classification"), max_length=100, blank=True, help_text=_('"Secret", "Top Secret".')
    )
    rights = models.TextField(_("rights"), blank=True)
    repository = models.ForeignKey(
        "archive.Repository",
        verbose_name=_("repository"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    archival_reference = models.CharField(
        _("archival reference"),
        max_length=500,
        blank=True,
        help_text=_('As cited after the repository: "F. 3, Op. 16, D. 947, Ll. 15-16".'),
    )
    source_override = models.TextField(
        _("source sentence override"),
        blank=True,
        help_text=_(
            "Legacy records only: replaces the source sentence generated from the reference and credits."
        ),
    )
    creators = models.ManyToManyField(
        "archive.Person", verbose_name=_("authors"), blank=True, related_name="authored_documents"
    )
    people = models.ManyToManyField(
        "archive.Person", verbose_name=_("people mentioned"), blank=True, related_name="mentioned_in"
    )
    places = models.ManyToManyField(
        "archive.Place", verbose_name=_("places"), blank=True, related_name="documents"
    )
    subjects = models.ManyToManyField(
        "archive.Subject", verbose_name=_("subjects"), blank=True, related_name="documents"
    )
    collections = models.ManyToManyField(
        "archive.Collection", verbose_name=_("collections"), blank=True, related_name="documents"
    )
    donors = models.ManyToManyField(
        "archive.Donor", verbose_name=_("funders"), blank=True, related_name="documents"
    )
    related_documents = models.ManyToManyField("self", verbose_name=_("related documents"), blank=True)

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        editable=False,
        db_index=True,
    )
    # Set only by curation.actions: the live public version, and the tombstone of a withdrawn record.
    current_version = models.ForeignKey(
        "archive.PublishedVersion",
        verbose_name=_("current published version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="created_documents",
        editable=False,
    )
    assigned_translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned translator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_documents",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewing_documents",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-updated_at"]
        permissions = [
            ("review_document", _("Can review, request changes to and approve documents")),
            ("publish_document", _("Can publish, withdraw and revert documents")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_earliest__isnull=True)
                | models.Q(date_latest__isnull=True)
                | models.Q(date_earliest__lte=models.F("date_latest")),
                name="document_date_order",
            ),
            models.CheckConstraint(condition=~models.Q(title=""), name="document_title_not_empty"),
        ]
        indexes = [
            # The editors' change list filters by status and sorts by last change.
            models.Index(fields=["status", "-updated_at"], name="document_status_updated_idx"),
            # Date range filters and sorting by date.
            models.Index(fields=["date_earliest", "date_latest"], name="document_date_range_idx"),
            # The editors' change list unfiltered: the latest changes first, a page at a time.
            models.Index(fields=["-updated_at", "-id"], name="document_updated_idx"),
            # The public lists' Last-Modified counts withdrawals: the latest one, read from the index.
            models.Index(
                fields=["withdrawn_at"],
                condition=models.Q(withdrawn_at__isnull=False),
                name="document_withdrawn_idx",
            ),
            # The change list's language filter reads the languages in use from this index, one value
            # at a time (curation.admin.distinct_values).
            models.Index(fields=["original_language"], name="document_original_language"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.slug = slugify(self.title, allow_unicode=False)[:200]
        self.refresh_date_range()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "date" in update_fields:
            kwargs["update_fields"] = {*update_fields, "date_earliest", "date_latest", "slug"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("admin:archive_document_change", args=[self.pk])

    def refresh_date_range(self) -> None:
        if self.date:
            parsed = parse_date(self.date)
            self.date_earliest, self.date_latest = parsed.earliest, parsed.latest
        else:
            self.date_earliest = self.date_latest = None

    @property
    def display_date(self) -> str:
        if self.display_date_override:
            return self.display_date_override
        return parse_date(self.date).display if self.date else ""

    @property
    def original_language_name(self) -> str:
        return language_name(self.original_language)

    @property
    def credit_sentence(self) -> str:
        from archive.credits import credit_sentence

        return credit_sentence(self.contributions.all())

    @property
    def source_sentence(self) -> str:
        from archive.credits import source_sentence_for

        return source_sentence_for(self)


class Text(models.Model):
    """The document's text in one language: the original transcript or a translation."""

    class Kind(models.TextChoices):
        ORIGINAL = "original", _("original")
        TRANSCRIPT = "transcript", _("transcript")
        TRANSLATION = "translation", _("translation")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="texts")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TRANSLATION)
    language = models.CharField(
        _("language"),
        max_length=8,
        validators=[validate_language_code],
        help_text=_('ISO 639 code: "en", "ru".'),
    )
    title = models.CharField(_("title in this language"), max_length=500, blank=True)
    body = models.TextField(
        _("body"),
        blank=True,
        validators=[max_text_validator],
        help_text=_("Markdown; footnote markers as [1], [2] …"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("text")
        verbose_name_plural = _("texts")
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["language"], name="text_language")]  # as Document's language
        constraints = [
            models.UniqueConstraint(
                fields=["document", "kind", "language"], name="text_one_per_kind_and_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({language_name(self.language)})"

    @property
    def language_name(self) -> str:
        return language_name(self.language)


class Footnote(models.Model):
    """A numbered note on a text; its marker "[n]" stands in the text's body."""

    class Kind(models.TextChoices):
        TRANSLATOR = "translator", _("translator's note")
        EDITOR = "editor", _("editor's note")
        ORIGINAL = "original", _("note in the original")

    text = models.ForeignKey(Text, on_delete=models.CASCADE, related_name="footnotes")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TRANSLATOR)
    body = models.TextField(_("note"), validators=[max_text_validator], help_text=_("Markdown."))

    class Meta:
        verbose_name = _("footnote")
        verbose_name_plural = _("footnotes")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["text", "number"], name="footnote_unique_number_per_text"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="footnote_number_positive"),
        ]

    def __str__(self) -> str:
        return f"[{self.number}]"


class ProvenanceEvent(models.Model):
    """One step in the custody history of the original: created, held, declassified, digitised …"""

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        HELD = "held", _("held")
        TRANSFERRED = "transferred", _("transferred")
        DECLASSIFIED = "declassified", _("declassified")
        COPIED = "copied", _("copied")
        ACQUIRED = "acquired", _("acquired")
        DIGITISED = "digitised", _("digitised")
        TRANSLATED = "translated", _("translated")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="provenance_events")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    date = models.CharField(_("date (EDTF)"), max_length=100, blank=True, validators=[validate_edtf])
    agent = models.CharField(
        _("agent"), max_length=300, blank=True, help_text=_("Who: a person or an institution.")
    )
    place = models.ForeignKey(
        "archive.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reference = models.CharField(_("reference"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("provenance event")
        verbose_name_plural = _("provenance")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return " ".join(part for part in (self.get_kind_display(), self.display_date, self.agent) if part)

    @property
    def display_date(self) -> str:
        return parse_date(self.date).display if self.date else ""


class Contribution(models.Model):
    """A credit: a person in a role on this record ("translated by Gary Goldberg")."""

    class Role(models.TextChoices):
        # Declared in the order the credit sentence names them.
        CONTRIBUTED = "contributed", _("contributed")
        OBTAINED = "obtained", _("obtained")
        TRANSCRIBED = "transcribed", _("transcribed")
        TRANSLATED = "translated", _("translated")
        EDITED = "edited", _("edited")
        ASSISTED = "assisted", _("assisted")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="contributions")
    person = models.ForeignKey(
        "archive.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="contributions"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    qualifier = models.CharField(
        _("qualifier"), max_length=200, blank=True, help_text=_('Words after the verb, e.g. "for CWIHP".')
    )

    class Meta:
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["document", "person", "role"], name="contribution_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} by {self.person}"


def attachment_upload_to(instance: "Attachment", filename: str) -> str:
    return f"attachments/{instance.document_id or 'new'}/{filename}"


class Attachment(models.Model):
    """A scan, PDF or image of the original."""

    class Kind(models.TextChoices):
        SCAN = "scan", _("scan of the original")
        PDF = "pdf", _("PDF")
        IMAGE = "image", _("image")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SCAN)
    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=300)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    content_type = models.CharField(_("content type"), max_length=100, blank=True, editable=False)
    width = models.PositiveIntegerField(_("width (px)"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("height (px)"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.caption or self.file.name

    def save(self, *args, **kwargs) -> None:
        if self.file and not self.checksum:
            self.checksum, self.size = file_checksum(self.file)
            # Measured once per file, like its checksum: IIIF canvases are sized from these.
            if self.content_type.startswith("image/"):
                self.width, self.height = image_size(self.file)
        super().save(*args, **kwargs)


def file_checksum(field_file) -> tuple[str, int]:
    """SHA-256 and size of a stored or uploaded file, read in chunks."""
    digest, size = hashlib.sha256(), 0
    field_file.open("rb")
    try:
        for chunk in field_file.chunks():
            digest.update(chunk)
            size += len(chunk)
    finally:
        field_file.seek(0)
    return digest.hexdigest(), size


def image_size(field_file) -> tuple[int | None, int | None]:
    """Width and height in pixels of an image, read from its header; (None, None) if it cannot be read."""
    field_file.open("rb")
    try:
        with Image.open(field_file) as image:
            return image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None, None
    finally:
        field_file.seek(0)
