"""PublishedVersion: the frozen, public snapshot of one approved revision of a record.

Everything public reads these rows and nothing else (DESIGN.md, "The one invariant"). A version is
written once, by curation.snapshot and curation.actions, and never changed: `save()` on an existing
row, `delete()` and the queryset's `update()` / `delete()` all raise ImmutableVersionError. The one
write allowed after creation is moving the "current" flag when a newer version is published or the
record is withdrawn, and that goes through `PublishedVersion.objects.move_current()`.
"""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import m2m_changed
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from archive.querysets import PublishedVersionQuerySet
from archive.signals import current_version_changed

# The facet links (collections, subjects, places, people) are written while a version is created
# and are as frozen as the rest of it; this flag marks that one moment.
_writing_links: ContextVar[bool] = ContextVar("published_version_writing_links", default=False)


class ImmutableVersionError(Exception):
    """A published version was about to be changed or deleted; they are permanent by design."""


class FrozenPublishedVersionQuerySet(PublishedVersionQuerySet):
    """The reads of PublishedVersionQuerySet, with bulk writes refused."""

    def update(self, **kwargs):
        raise ImmutableVersionError(_("Published versions cannot be changed."))

    def delete(self):
        raise ImmutableVersionError(_("Published versions cannot be deleted; withdraw the record instead."))

    def move_current(self, document, *, to: "PublishedVersion | None") -> None:
        """Make `to` the document's one current version (None on withdrawal) and move its pointer.

        The only write to a published version after it is created. The flag and the document's
        `current_version` pointer change in one transaction, old flag first, so that the partial
        unique constraint (one current version per document) holds at every statement.
        """
        if to is not None and to.document_id != document.pk:
            raise ValueError("A version can only become current for its own document.")
        write = models.QuerySet.update
        with transaction.atomic(using=self.db):
            write(self.filter(document=document, is_current=True), is_current=False)
            if to is not None:
                write(self.filter(pk=to.pk), is_current=True)
                to.is_current = True
            type(document)._base_manager.filter(pk=document.pk).update(current_version=to)
            document.current_version = to
            current_version_changed.send(sender=self.model, document=document, version=to)


class UnicodeJSONEncoder(json.JSONEncoder):
    """JSON that writes every character as itself, not non-ASCII ones as \\uXXXX escapes.

    What the database stores is the same either way; a snapshot of a Russian or Chinese text travels
    to it at half the size (105 KB -> 53 KB for a generated record), and PostgreSQL reads it in 60%
    of the time.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **{**kwargs, "ensure_ascii": False})


class PublishedVersion(models.Model):
    """One approved revision of a record, frozen for the public: number 1, 2, 3 … per document."""

    document = models.ForeignKey(
        "archive.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="published_versions",
    )
    number = models.PositiveIntegerField(_("version"))
    revision = models.ForeignKey(
        "reversion.Revision",
        verbose_name=_("source revision"),
        on_delete=models.PROTECT,
        related_name="published_versions",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        related_name="approved_versions",
    )
    approved_at = models.DateTimeField(_("approved"))
    published_at = models.DateTimeField(_("published"), db_index=True)
    change_note = models.TextField(
        _("change note"), blank=True, help_text=_("Public: what changed since the previous version.")
    )
    payload = models.JSONField(
        _("snapshot"),
        help_text=_("Everything the public page, API and search show."),
        encoder=UnicodeJSONEncoder,
    )
    is_current = models.BooleanField(_("current"), default=False)

    # Denormalised from the payload on creation, for the reading room's filters and sorting.
    title = models.CharField(_("title"), max_length=500)
    date_earliest = models.DateField(_("earliest date"), null=True, blank=True)
    date_latest = models.DateField(_("latest date"), null=True, blank=True)
    original_language = models.CharField(_("original language"), max_length=8, db_index=True)
    document_type = models.CharField(_("document type"), max_length=20, blank=True, db_index=True)
    collections = models.ManyToManyField(
        "archive.Collection", verbose_name=_("collections"), blank=True, related_name="published_versions"
    )
    subjects = models.ManyToManyField(
        "archive.Subject", verbose_name=_("subjects"), blank=True, related_name="published_versions"
    )
    places = models.ManyToManyField(
        "archive.Place", verbose_name=_("places"), blank=True, related_name="published_versions"
    )
    people = models.ManyToManyField(
        "archive.Person",
        verbose_name=_("authors and people mentioned"),
        blank=True,
        related_name="published_versions",
    )

    objects = FrozenPublishedVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        ordering = ["document_id", "-number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="published_version_unique_number"),
            models.UniqueConstraint(
                fields=["document"],
                condition=models.Q(is_current=True),
                name="published_version_one_current",
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="published_version_number_positive"
            ),
        ]
        indexes = [
            # The reading room's browse list: current versions sorted by date.
            models.Index(
                fields=["date_earliest", "date_latest"],
                condition=models.Q(is_current=True),
                name="published_current_date_idx",
            ),
            # The reading room's browse list sorted by title.
            models.Index(
                fields=["title"], condition=models.Q(is_current=True), name="published_current_title_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ImmutableVersionError(_("Published versions cannot be changed."))
        self.fill_columns_from_payload()
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableVersionError(_("Published versions cannot be deleted; withdraw the record instead."))

    def fill_columns_from_payload(self) -> None:
        """The indexed columns always repeat the payload; they are never set on their own."""
        self.title = self.payload["title"]
        self.date_earliest = parse_date(self.payload["date_earliest"] or "")
        self.date_latest = parse_date(self.payload["date_latest"] or "")
        self.original_language = self.payload["original_language"]
        self.document_type = self.payload["document_type"]

    def link_facets(self) -> None:
        """Write the facet links from the payload; done once, right after the version is created."""
        payload = self.payload
        with _links_writable():
            self.collections.set([item["id"] for item in payload["collections"]])
            self.subjects.set([item["id"] for item in payload["subjects"]])
            self.places.set([item["id"] for item in payload["places"]])
            self.people.set({item["id"] for item in (*payload["creators"], *payload["people"])})


@contextmanager
def _links_writable() -> Iterator[None]:
    token = _writing_links.set(True)
    try:
        yield
    finally:
        _writing_links.reset(token)


def _refuse_link_changes(sender, action: str, **kwargs) -> None:
    if action.startswith("pre_") and not _writing_links.get():
        raise ImmutableVersionError(_("The links of a published version cannot be changed."))


for _field in ("collections", "subjects", "places", "people"):
    m2m_changed.connect(
        _refuse_link_changes,
        sender=getattr(PublishedVersion, _field).through,
        dispatch_uid=f"published_version_frozen_{_field}",
    )
