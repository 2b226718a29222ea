"""The workroom's own records: the audit trail of workflow actions and scheduled publications.

Both are written only by curation.actions. Audit entries are append-only: the trail of who moved a
record from which state to which, with which revision and comment, is never edited after the fact.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive.models import Document


class AppendOnlyError(Exception):
    """An audit entry was about to be changed or deleted."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(_("Audit entries cannot be changed."))

    def delete(self):
        raise AppendOnlyError(_("Audit entries cannot be deleted."))

    def for_document(self, document: Document) -> "AuditEntryQuerySet":
        return (
            self.filter(document=document).select_related("actor", "revision").order_by("-created_at", "-pk")
        )

    def by(self, user) -> "AuditEntryQuerySet":
        return self.filter(actor=user)


class AuditEntry(models.Model):
    """One workflow step: who moved which record from which state to which, and why."""

    class Action(models.TextChoices):
        EDIT = "edit", _("edited")
        REVERT = "revert", _("reverted")
        SUBMIT = "submit", _("submitted for review")
        REQUEST_CHANGES = "request_changes", _("requested changes")
        SCHEDULE = "schedule", _("approved for scheduled publication")
        PUBLISH = "publish", _("approved and published")
        WITHDRAW = "withdraw", _("withdrew")
        ASSIGN = "assign", _("assigned")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="audit_entries",
    )
    # The trail outlives a deleted draft (its revisions stay recoverable too), so no database
    # constraint ties the entry to a live row.
    document = models.ForeignKey(
        Document,
        verbose_name=_("document"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="audit_entries",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=20, choices=Document.Status.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=Document.Status.choices)
    revision = models.ForeignKey(
        "reversion.Revision",
        verbose_name=_("revision"),
        on_delete=models.PROTECT,
        related_name="audit_entries",
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # A record's history page.
            models.Index(fields=["document", "-created_at"], name="audit_document_created_idx"),
            # A translator's "My work": what happened to the records they acted on.
            models.Index(fields=["actor", "-created_at"], name="audit_actor_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_action_display()} #{self.document_id}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError(_("Audit entries cannot be changed."))
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(_("Audit entries cannot be deleted."))


class ScheduledPublicationQuerySet(models.QuerySet):
    def pending(self) -> "ScheduledPublicationQuerySet":
        return self.filter(state=ScheduledPublication.State.PENDING)

    def due(self, now: dt.datetime) -> "ScheduledPublicationQuerySet":
        return self.pending().filter(publish_at__lte=now).order_by("publish_at", "pk")


class ScheduledPublication(models.Model):
    """An approval with a go-live time; `manage.py publish_scheduled` publishes it when due."""

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")

    document = models.ForeignKey(
        Document,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="scheduled_publications",
    )
    revision = models.ForeignKey(
        "reversion.Revision",
        verbose_name=_("approved revision"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"))
    publish_at = models.DateTimeField(_("goes live"))
    change_note = models.TextField(_("change note"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PENDING)
    published_version = models.ForeignKey(
        "archive.PublishedVersion",
        verbose_name=_("published as"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    cancel_reason = models.TextField(_("why cancelled"), blank=True)

    objects = ScheduledPublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("scheduled publication")
        verbose_name_plural = _("scheduled publications")
        ordering = ["publish_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["document"],
                condition=models.Q(state="pending"),
                name="scheduled_publication_one_pending",
            ),
        ]
        indexes = [
            # publish_scheduled: pending approvals whose time has come.
            models.Index(
                fields=["publish_at"], condition=models.Q(state="pending"), name="scheduled_pending_due_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.document_id} at {self.publish_at:%Y-%m-%d %H:%M}"

    def mark_published(self, version) -> None:
        self.state, self.published_version, self.closed_at = self.State.PUBLISHED, version, timezone.now()
        self.save(update_fields=["state", "published_version", "closed_at"])

    def cancel(self, reason: str) -> None:
        self.state, self.cancel_reason, self.closed_at = self.State.CANCELLED, reason, timezone.now()
        self.save(update_fields=["state", "cancel_reason", "closed_at"])
