"""Reads over a record's revisions (django-reversion), for the actions, the history page and the diff.

Every save of a record and every workflow action leaves a revision. Workflow actions (submit, request
changes, approve, withdraw, assign) change only the workflow fields, so their revisions carry the
same content as the one before; `content_revisions()` leaves them out. An edit, an import or a revert
changes content.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import router
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reversion.models import Revision

from archive.models import Document
from curation.models import AuditEntry

# Actions whose revision records no change of content: only status, assignment or publication.
WORKFLOW_ONLY_ACTIONS = (
    AuditEntry.Action.SUBMIT,
    AuditEntry.Action.REQUEST_CHANGES,
    AuditEntry.Action.SCHEDULE,
    AuditEntry.Action.PUBLISH,
    AuditEntry.Action.WITHDRAW,
    AuditEntry.Action.ASSIGN,
)


def _versions_of(document: Document) -> dict:
    """The lookups naming a document's versions. All three columns are the leading ones of reversion's
    unique index (db, content_type, object_id, revision): without `db` PostgreSQL scans the whole
    index, a third of a second at 100,000 records; with it, a few pages."""
    return {
        "version__db": router.db_for_write(Document),
        "version__content_type": ContentType.objects.get_for_model(Document),
        "version__object_id": str(document.pk),
    }


def revisions_of(document: Document) -> QuerySet[Revision]:
    """Every revision that records this document, newest first, with its user."""
    return Revision.objects.filter(**_versions_of(document)).select_related("user").order_by("-pk")


def latest_revision(document: Document) -> Revision | None:
    return revisions_of(document).first()


def content_revisions(document: Document) -> QuerySet[Revision]:
    """The revisions that changed the record's content (edits, imports, reverts), newest first."""
    return revisions_of(document).exclude(audit_entries__action__in=WORKFLOW_ONLY_ACTIONS)


def latest_content_revision(document: Document) -> Revision | None:
    return content_revisions(document).first()


def revision_author(revision: Revision):
    """The user who saved the revision (None for imports and scripts run without a user)."""
    return revision.user


def describe_revision(revision: Revision) -> str:
    """ "revision 43 by tanya, 28 Nov 2026 10:02": how messages name a revision."""
    when = date_format(timezone.localtime(revision.date_created), "j M Y H:i")
    user = revision.user.get_username() if revision.user else "—"
    return _("revision %(number)s by %(user)s, %(when)s") % {
        "number": revision.pk,
        "user": user,
        "when": when,
    }


def records_document(revision: Revision, document: Document) -> bool:
    """Whether the revision holds a version of this document (and so a complete state of it)."""
    return Revision.objects.filter(pk=revision.pk, **_versions_of(document)).exists()
