"""The workroom's own records: the audit trail of workflow actions and scheduled publications.

Both are written only by curation.actions. Audit entries are append-only: the trail of who moved a
record from which state to which, with which revision and comment, is never edited after the fact.
"""

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
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


# --- Personal API tokens ------------------------------------------------------------------------------

# How long a new token lasts unless its owner says otherwise, and the longest it may last.
API_TOKEN_DEFAULT_LIFETIME = dt.timedelta(days=90)
API_TOKEN_MAX_LIFETIME = dt.timedelta(days=365)
# The first characters of a key, stored in clear: they find the row, and name the token in the admin.
API_TOKEN_PREFIX_LENGTH = 8
# last_used_at is written at most this often, so that a busy script does not cost a write per request.
API_TOKEN_USE_RESOLUTION = dt.timedelta(minutes=1)


def hash_api_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def default_token_expiry() -> dt.datetime:
    return timezone.now() + API_TOKEN_DEFAULT_LIFETIME


class ApiTokenQuerySet(models.QuerySet):
    def find(self, key: str) -> "ApiToken | None":
        """The token whose key this is (revoked and expired ones included: the caller says why they fail)."""
        digest = hash_api_key(key)
        candidates = self.filter(prefix=key[:API_TOKEN_PREFIX_LENGTH]).select_related("user")
        # Compared in constant time, so that response times say nothing about how much of a guess matched.
        return next((token for token in candidates if hmac.compare_digest(token.secret_hash, digest)), None)


class ApiToken(models.Model):
    """A personal key for the curation API ("Authorization: Bearer <key>"), acting as its owner.

    Only a SHA-256 hash of the key is stored: the key itself is shown once, when the token is created,
    and cannot be recovered. A token is refused once it expires or is revoked; revoked tokens are kept
    so that the list shows what existed.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_('What it is for, e.g. "translation tool on my laptop".')
    )
    prefix = models.CharField(_("key begins with"), max_length=API_TOKEN_PREFIX_LENGTH, editable=False)
    secret_hash = models.CharField(_("SHA-256 of the key"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(
        _("expires"),
        default=default_token_expiry,
        help_text=_("At most a year from today; 90 days unless you choose otherwise."),
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # Every authenticated API request finds its token by the key's first characters.
            models.Index(fields=["prefix"], name="api_token_prefix_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def clean(self) -> None:
        super().clean()
        if self.expires_at is None:
            return
        start = self.created_at or timezone.now()
        if self.pk is None and self.expires_at <= timezone.now():
            raise ValidationError(
                {"expires_at": ValidationError(_("Choose a time in the future."), code="past")}
            )
        # Compared by day, so that "a year from today" typed into the admin is accepted whatever the hour.
        if timezone.localdate(self.expires_at) > timezone.localdate(start + API_TOKEN_MAX_LIFETIME):
            message = _("A token may last at most %(days)d days; choose an earlier date.")
            raise ValidationError(
                {
                    "expires_at": ValidationError(
                        message, code="too_long", params={"days": API_TOKEN_MAX_LIFETIME.days}
                    )
                }
            )

    def set_new_key(self) -> str:
        """Give the token a new random key and return it: the only time the key exists in clear."""
        key = secrets.token_urlsafe(32)
        self.prefix, self.secret_hash = key[:API_TOKEN_PREFIX_LENGTH], hash_api_key(key)
        return key

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired(self, now: dt.datetime | None = None) -> bool:
        return self.expires_at <= (now or timezone.now())

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def record_use(self, now: dt.datetime | None = None) -> None:
        """Note that the token was used, writing at most once per API_TOKEN_USE_RESOLUTION."""
        now = now or timezone.now()
        if self.last_used_at is not None and now - self.last_used_at < API_TOKEN_USE_RESOLUTION:
            return
        self.last_used_at = now
        ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
