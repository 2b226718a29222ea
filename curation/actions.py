"""The one door for workflow state changes (DESIGN.md, "The one invariant"; STYLE.md, "One door").

Only these functions change a Document's status, its live published version or its withdrawal; the
admin, the API and management commands call them and re-implement none of their rules. Each action,
inside one transaction:

1. locks the record's row (select_for_update), so two editors acting at once act one after the other;
2. checks the record's state against TRANSITIONS, the one table of what may happen from where;
3. checks the actor's permission on the locked row (curation.permissions; PermissionDenied);
4. checks what was asked (a required comment, a stale revision, four eyes; WorkflowError);
5. writes the new state inside a reversion revision with user and comment, and an AuditEntry tied
   to that revision;
6. sends notifications only once the transaction commits.

The document passed in is refreshed with the new workflow fields before the action returns.
"""

import datetime as dt
import enum
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

import reversion
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.errors import RevertError
from reversion.models import Revision

from archive.citations import store_renderings
from archive.models import Document, PublishedVersion
from archive.validation import marker_problems
from curation import notifications
from curation.exceptions import (
    CommentRequired,
    InvalidAssignment,
    InvalidRevision,
    MarkersMismatch,
    SelfApproval,
    StaleRevision,
    TransitionNotAllowed,
    WorkflowError,
)
from curation.history import content_revisions, describe_revision, records_document
from curation.models import AuditEntry, ScheduledPublication
from curation.permissions import (
    ensure_can_assign,
    ensure_can_edit,
    ensure_can_revert,
    ensure_can_review,
    ensure_can_submit,
    ensure_can_withdraw,
    is_editor,
    is_translator,
)
from curation.snapshot import build_payload

Status = Document.Status
Action = AuditEntry.Action

# An edit, or a revert, reopens a published record as a draft (its published version stays live);
# in any other state the record stays where it is.
_CONTENT_CHANGE = {
    Status.DRAFT: Status.DRAFT,
    Status.CHANGES_REQUESTED: Status.CHANGES_REQUESTED,
    Status.IN_REVIEW: Status.IN_REVIEW,
    Status.PUBLISHED: Status.DRAFT,
}

# action -> {state it may start from: state it leads to}. The one table; a withdrawn record is closed.
TRANSITIONS: dict[str, dict[str, str]] = {
    Action.EDIT: _CONTENT_CHANGE,
    Action.REVERT: _CONTENT_CHANGE,
    Action.SUBMIT: {Status.DRAFT: Status.IN_REVIEW, Status.CHANGES_REQUESTED: Status.IN_REVIEW},
    Action.REQUEST_CHANGES: {Status.IN_REVIEW: Status.CHANGES_REQUESTED},
    Action.SCHEDULE: {Status.IN_REVIEW: Status.IN_REVIEW},
    Action.PUBLISH: {Status.IN_REVIEW: Status.PUBLISHED},
    Action.WITHDRAW: {
        Status.DRAFT: Status.WITHDRAWN,
        Status.IN_REVIEW: Status.WITHDRAWN,
        Status.CHANGES_REQUESTED: Status.WITHDRAWN,
        Status.PUBLISHED: Status.WITHDRAWN,
    },
    Action.ASSIGN: {
        Status.DRAFT: Status.DRAFT,
        Status.IN_REVIEW: Status.IN_REVIEW,
        Status.CHANGES_REQUESTED: Status.CHANGES_REQUESTED,
        Status.PUBLISHED: Status.PUBLISHED,
    },
}

# How refusals name an action: "submitting for review is possible only when …".
_ACTION_NAMES = {
    Action.EDIT: gettext_lazy("editing"),
    Action.REVERT: gettext_lazy("reverting"),
    Action.SUBMIT: gettext_lazy("submitting for review"),
    Action.REQUEST_CHANGES: gettext_lazy("requesting changes"),
    Action.SCHEDULE: gettext_lazy("approving"),
    Action.PUBLISH: gettext_lazy("approving"),
    Action.WITHDRAW: gettext_lazy("withdrawing"),
    Action.ASSIGN: gettext_lazy("assigning"),
}

# The fields only actions write; a revert restores content and leaves these as they are.
WORKFLOW_FIELDS = (
    "status",
    "current_version",
    "withdrawn_at",
    "withdrawal_reason",
    "assigned_translator",
    "reviewer",
    "created_by",
)


class Keep(enum.Enum):
    """`assign()`'s default: leave this assignment as it is (None clears it)."""

    KEEP = "keep"


KEEP = Keep.KEEP

User = AbstractBaseUser


# --- The actions ----------------------------------------------------------------------------------


def submit_for_review(document: Document, *, actor: User, comment: str = "") -> AuditEntry:
    """Send a draft, or a record returned with changes requested, to the editors for review.

    Refused while any footnote marker and footnote do not match one to one.
    """
    with transaction.atomic():
        locked = _lock(document)
        to_state = _transition(locked, Action.SUBMIT)
        ensure_can_submit(actor, locked)
        problems = marker_problems(locked)
        if problems:
            raise MarkersMismatch(
                [_("Footnote markers and footnotes must match one to one before review."), *problems]
            )
        entry = _record(locked, actor=actor, action=Action.SUBMIT, to_state=to_state, comment=comment)
        notifications.review_requested(locked, actor=actor, comment=comment)
    _refresh(document)
    return entry


def request_changes(document: Document, *, actor: User, comment: str) -> AuditEntry:
    """Return a record in review to its translator; the comment says what to change."""
    with transaction.atomic():
        locked = _lock(document)
        to_state = _transition(locked, Action.REQUEST_CHANGES)
        ensure_can_review(actor, locked)
        comment = _required(comment, _("Say what needs to change; the translator sees this comment."))
        _cancel_schedules(locked, _("Changes were requested."))
        entry = _record(
            locked, actor=actor, action=Action.REQUEST_CHANGES, to_state=to_state, comment=comment
        )
        notifications.changes_requested(locked, actor=actor, comment=comment)
    _refresh(document)
    return entry


def approve_revision(
    document: Document,
    *,
    revision: Revision,
    actor: User,
    note: str = "",
    publish_at: dt.datetime | None = None,
) -> PublishedVersion | ScheduledPublication:
    """Approve exactly `revision` and publish it now, or at `publish_at` if that is in the future.

    Refused if the record's content changed after `revision` (nothing stale is ever published), if
    the approver wrote any of the content being approved (four eyes, unless
    settings.ARCHIVE_REQUIRE_FOUR_EYES is off), or, from version 2 on, without a change note.
    Returns the new PublishedVersion, or the ScheduledPublication that `publish_due()` will publish.
    """
    if publish_at is not None and timezone.is_naive(publish_at):
        raise ValueError("publish_at must be an aware datetime.")
    now = timezone.now()
    scheduled = publish_at is not None and publish_at > now
    with transaction.atomic():
        locked = _lock(document)
        _transition(locked, Action.SCHEDULE if scheduled else Action.PUBLISH)
        ensure_can_review(actor, locked)
        _ensure_records(revision, locked)
        _ensure_latest_content(locked, revision)
        _ensure_four_eyes(locked, revision, actor)
        note = _change_note(locked, note)
        _cancel_schedules(locked, _("Superseded by a later approval."))
        if scheduled:
            result = _schedule(locked, revision=revision, actor=actor, note=note, publish_at=publish_at)
        else:
            result = _publish(locked, revision=revision, approved_by=actor, approved_at=now, note=note)
    _refresh(document)
    return result


def publish_due(now: dt.datetime | None = None) -> list[ScheduledPublication]:
    """Publish every scheduled approval whose time has come (`manage.py publish_scheduled`).

    Idempotent, and safe to run twice at once: each approval is claimed under a row lock and
    published once. An approval whose record has since changed or left review is cancelled with
    the reason rather than published. Returns the approvals it closed, published or cancelled.
    """
    now = now or timezone.now()
    due = list(ScheduledPublication.objects.due(now).values_list("pk", "document_id"))
    closed = [_publish_scheduled(pk, document_id, now) for pk, document_id in due]
    return [schedule for schedule in closed if schedule is not None]


def withdraw(document: Document, *, actor: User, reason: str) -> AuditEntry:
    """Take a published record off the public site, leaving a tombstone with the reason.

    Its published versions stay, none of them current; the record is closed for editing.
    """
    with transaction.atomic():
        locked = _lock(document)
        to_state = _transition(locked, Action.WITHDRAW)
        ensure_can_withdraw(actor, locked)
        reason = _required(
            reason, _("Give the reason for withdrawing; readers see it in place of the record.")
        )
        _cancel_schedules(locked, _("The record was withdrawn."))
        PublishedVersion.objects.move_current(locked, to=None)
        changes = {"withdrawn_at": timezone.now(), "withdrawal_reason": reason}
        entry = _record(
            locked, actor=actor, action=Action.WITHDRAW, to_state=to_state, comment=reason, **changes
        )
    _refresh(document)
    return entry


def revert_to_revision(
    document: Document, *, revision: Revision, actor: User, comment: str = ""
) -> AuditEntry:
    """Restore the content of an earlier revision as a new revision; history is never rewritten.

    Texts, footnotes, provenance, credits and attachments come back as they were, and what was added
    since is removed (it stays in the history). Workflow state and assignments are left alone, except
    that a published record reopens as a draft, as after any edit.
    """
    with transaction.atomic():
        locked = _lock(document)
        to_state = _transition(locked, Action.REVERT)
        ensure_can_revert(actor, locked)
        _ensure_records(revision, locked)
        _cancel_schedules(locked, _("The record was reverted to an earlier revision."))
        kept = {name: getattr(locked, name) for name in WORKFLOW_FIELDS}
        summary = _("Reverted to revision %(revision)s") % {"revision": revision.pk}
        with _revision(
            locked, actor=actor, action=Action.REVERT, to_state=to_state, comment=comment, summary=summary
        ):
            _restore(revision)
            locked.refresh_from_db()
            _save_workflow(locked, **{**kept, "status": to_state})
        entry = _last_entry(locked)
    _refresh(document)
    return entry


def assign(
    document: Document,
    *,
    actor: User,
    translator: User | Literal[Keep.KEEP] | None = KEEP,
    reviewer: User | Literal[Keep.KEEP] | None = KEEP,
) -> AuditEntry:
    """Assign the translator (a translator or an editor) and the reviewer (an editor) of a record.

    Leave an argument out to keep that assignment; pass None to clear it.
    """
    with transaction.atomic():
        locked = _lock(document)
        to_state = _transition(locked, Action.ASSIGN)
        ensure_can_assign(actor, locked)
        changes = _assignment(translator=translator, reviewer=reviewer)
        comment = _describe_assignment(changes)
        entry = _record(
            locked, actor=actor, action=Action.ASSIGN, to_state=to_state, comment=comment, **changes
        )
    _refresh(document)
    return entry


def record_edit(document: Document, *, actor: User, revision: Revision, comment: str = "") -> AuditEntry:
    """Account for a working-copy save that created `revision` (called by the admin and the API).

    The save has its own revision already; this moves the state as an edit does (a published record
    reopens as a draft while its published version stays live), cancels any scheduled publication
    (it approved content that no longer stands) and writes the audit entry.
    """
    with transaction.atomic():
        locked = _lock(document)
        from_state = locked.status
        to_state = _transition(locked, Action.EDIT)
        ensure_can_edit(actor, locked)
        _ensure_records(revision, locked)
        _cancel_schedules(locked, _("The record was edited after the approval."))
        if to_state != from_state:
            _save_workflow(locked, status=to_state)
        entry = AuditEntry.objects.create(
            actor=actor,
            document=locked,
            action=Action.EDIT,
            from_state=from_state,
            to_state=to_state,
            revision=revision,
            comment=comment or revision.comment,
        )
    _refresh(document)
    return entry


# --- Publishing -----------------------------------------------------------------------------------


def _publish(
    locked: Document, *, revision: Revision, approved_by: User, approved_at: dt.datetime, note: str
) -> PublishedVersion:
    """Freeze `revision` into the next PublishedVersion and make it the live one, in this transaction."""
    number = (locked.published_versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = PublishedVersion.objects.create(
        document=locked,
        number=number,
        revision=revision,
        approved_by=approved_by,
        approved_at=approved_at,
        published_at=timezone.now(),
        change_note=note,
        payload=build_payload(revision, locked),
    )
    version.link_facets()
    PublishedVersion.objects.move_current(locked, to=version)
    summary = _("Published revision %(revision)s as version %(number)s") % {
        "revision": revision.pk,
        "number": number,
    }
    _record(
        locked,
        actor=approved_by,
        action=Action.PUBLISH,
        to_state=Status.PUBLISHED,
        comment=note,
        summary=summary,
    )
    notifications.published(locked, version=version)
    # Its Chicago, MLA and APA are rendered once, now, so that no reader waits for citeproc-py. After
    # the commit: the row lock is not held for it, and a failure there only leaves the first reader
    # to render them (archive.citations.rendered), never a publication undone.
    transaction.on_commit(lambda: store_renderings([version]), robust=True)
    return version


def _schedule(
    locked: Document, *, revision: Revision, actor: User, note: str, publish_at: dt.datetime
) -> ScheduledPublication:
    schedule = ScheduledPublication.objects.create(
        document=locked,
        revision=revision,
        approved_by=actor,
        approved_at=timezone.now(),
        publish_at=publish_at,
        change_note=note,
    )
    summary = _("Approved revision %(revision)s to go live %(when)s") % {
        "revision": revision.pk,
        "when": date_format(timezone.localtime(publish_at), "j M Y H:i"),
    }
    _record(
        locked, actor=actor, action=Action.SCHEDULE, to_state=locked.status, comment=note, summary=summary
    )
    return schedule


def _publish_scheduled(schedule_id: int, document_id: int, now: dt.datetime) -> ScheduledPublication | None:
    with transaction.atomic():
        locked = Document.objects.select_for_update().filter(pk=document_id).first()
        schedule = ScheduledPublication.objects.select_for_update().due(now).filter(pk=schedule_id).first()
        if locked is None or schedule is None:
            return None  # deleted, or closed meanwhile by another run
        try:
            _transition(locked, Action.PUBLISH)
            _ensure_latest_content(locked, schedule.revision)
        except WorkflowError as error:
            schedule.cancel(str(error))
            return schedule
        version = _publish(
            locked,
            revision=schedule.revision,
            approved_by=schedule.approved_by,
            approved_at=schedule.approved_at,
            note=schedule.change_note,
        )
        schedule.mark_published(version)
    return schedule


def _cancel_schedules(locked: Document, reason: str) -> None:
    for schedule in ScheduledPublication.objects.pending().filter(document=locked):
        schedule.cancel(reason)


# --- Checks ---------------------------------------------------------------------------------------


def _lock(document: Document) -> Document:
    return Document.objects.select_for_update().get(pk=document.pk)


def _transition(locked: Document, action: str) -> str:
    """The state `action` leads to from the record's state, or TransitionNotAllowed saying why not."""
    allowed = TRANSITIONS[action]
    if locked.status in allowed:
        return allowed[locked.status]
    raise TransitionNotAllowed(
        _("This record is %(state)s; %(action)s is possible only when it is %(allowed)s."),
        params={
            "state": locked.get_status_display(),
            "action": _ACTION_NAMES[action],
            "allowed": get_text_list([str(Status(state).label) for state in allowed], _("or")),
        },
    )


def _required(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise CommentRequired(message)
    return text


def _ensure_records(revision: Revision, locked: Document) -> None:
    if not records_document(revision, locked):
        raise InvalidRevision(
            _("Revision %(revision)s is not a revision of this record."), params={"revision": revision.pk}
        )


def _ensure_latest_content(locked: Document, revision: Revision) -> None:
    later = content_revisions(locked).filter(pk__gt=revision.pk).first()
    if later is not None:
        raise StaleRevision(
            _(
                "This record changed after revision %(revision)s (%(later)s); "
                "review the latest revision before approving."
            ),
            params={"revision": revision.pk, "later": describe_revision(later)},
        )


def _ensure_four_eyes(locked: Document, revision: Revision, actor: User) -> None:
    """The approver may not have written any of the content since the last published version."""
    if not settings.ARCHIVE_REQUIRE_FOUR_EYES:
        return
    own = content_revisions(locked).filter(pk__lte=revision.pk, user=actor)
    last_published = (
        locked.published_versions.order_by("-number").values_list("revision_id", flat=True).first()
    )
    if last_published is not None:
        own = own.filter(pk__gt=last_published)
    mine = own.first()
    if mine is not None:
        raise SelfApproval(
            _("You wrote %(revision)s, which this approval would publish; another editor must approve it."),
            params={"revision": describe_revision(mine)},
        )


def _change_note(locked: Document, note: str) -> str:
    note = (note or "").strip()
    previous = locked.published_versions.aggregate(last=Max("number"))["last"]
    if previous and not note:
        raise CommentRequired(
            _("Version %(number)s is public; write a change note saying what this version changes."),
            params={"number": previous},
        )
    return note


def _assignment(*, translator, reviewer) -> dict:
    changes = {}
    if translator is not KEEP:
        if translator is not None and not (is_translator(translator) or is_editor(translator)):
            raise InvalidAssignment(
                _("%(user)s is not a translator or an editor."), params={"user": translator.get_username()}
            )
        changes["assigned_translator"] = translator
    if reviewer is not KEEP:
        if reviewer is not None and not is_editor(reviewer):
            raise InvalidAssignment(_("%(user)s is not an editor."), params={"user": reviewer.get_username()})
        changes["reviewer"] = reviewer
    if not changes:
        raise InvalidAssignment(_("Name a translator or a reviewer to assign."))
    return changes


def _describe_assignment(changes: dict) -> str:
    labels = {"assigned_translator": _("translator"), "reviewer": _("reviewer")}
    return "; ".join(
        f"{labels[name]}: {user.get_username() if user else _('nobody')}" for name, user in changes.items()
    )


# --- Writing --------------------------------------------------------------------------------------


@contextmanager
def _revision(
    locked: Document, *, actor: User, action: str, to_state: str, comment: str, summary: str = ""
) -> Iterator[None]:
    """A reversion revision of the whole record with user and comment, and its audit entry."""
    from_state = locked.status
    with reversion.create_revision():
        yield
        reversion.add_to_revision(locked)
        reversion.set_user(actor)
        reversion.set_comment(
            ": ".join(part for part in (summary or str(capfirst(Action(action).label)), comment) if part)
        )
        reversion.add_meta(
            AuditEntry,
            actor=actor,
            document=locked,
            action=action,
            from_state=from_state,
            to_state=to_state,
            comment=comment,
        )


def _record(
    locked: Document,
    *,
    actor: User,
    action: str,
    to_state: str,
    comment: str = "",
    summary: str = "",
    **fields,
) -> AuditEntry:
    """Save the new state (and any other workflow fields) in a revision with its audit entry."""
    with _revision(locked, actor=actor, action=action, to_state=to_state, comment=comment, summary=summary):
        _save_workflow(locked, status=to_state, **fields)
    return _last_entry(locked)


def _save_workflow(locked: Document, **fields) -> None:
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save(update_fields=[*fields, "updated_at"])


def _last_entry(locked: Document) -> AuditEntry:
    # Every writer of audit entries holds this row's lock, so the newest entry is the one just made.
    return AuditEntry.objects.filter(document=locked).latest("pk")


def _restore(revision: Revision) -> None:
    try:
        revision.revert(delete=True)
    except RevertError as error:
        raise InvalidRevision(
            _("Revision %(revision)s cannot be restored: %(error)s"),
            params={"revision": revision.pk, "error": error},
        ) from error


def _refresh(document: Document) -> None:
    document.refresh_from_db(fields=[*WORKFLOW_FIELDS, "updated_at"])
