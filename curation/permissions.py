"""Who may do what to which record: the one place where the rules live (DESIGN.md, "Roles").

The admin, the API and the workflow actions all ask these predicates; none of them re-implements a
rule. `can_<verb>` answers a question; `ensure_can_<verb>` raises PermissionDenied with the reason.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from archive.models import Document
from curation.roles import EDITORS, TRANSLATORS

Status = Document.Status
EDITABLE_BY_TRANSLATOR = {Status.DRAFT, Status.CHANGES_REQUESTED}
# A translator may go on working on their published record (issue 3's journey): the edit reopens the
# working copy as a draft while the published version stays live until a new approval.
REOPENABLE_BY_TRANSLATOR = {Status.PUBLISHED}
# An editor's edit of a published record starts a new draft; a withdrawn record is closed.
EDITABLE_BY_EDITOR = {Status.DRAFT, Status.CHANGES_REQUESTED, Status.IN_REVIEW, Status.PUBLISHED}


def _in_group(user, name: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cache = getattr(user, "_archive_groups", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._archive_groups = cache
    return name in cache


def is_editor(user) -> bool:
    """Editors and administrators (superusers) act on every record."""
    return bool(getattr(user, "is_superuser", False) and user.is_active) or _in_group(user, EDITORS)


def is_translator(user) -> bool:
    return _in_group(user, TRANSLATORS)


def has_role(user) -> bool:
    return is_editor(user) or is_translator(user)


def is_own(user, document: Document) -> bool:
    """The translator created the record or is assigned to it."""
    return user.pk is not None and user.pk in (document.created_by_id, document.assigned_translator_id)


def sees_every_record(user) -> bool:
    """Whether `visible_documents` is every record, so that a query may skip filtering by it."""
    return is_editor(user)


def visible_documents(user) -> QuerySet[Document]:
    """The working copies a user may see in the workroom (the public never reads these)."""
    if sees_every_record(user):
        return Document.objects.all()
    if is_translator(user):
        return Document.objects.filter(Q(created_by=user) | Q(assigned_translator=user))
    return Document.objects.none()


def can_view(user, document: Document) -> bool:
    return is_editor(user) or (is_translator(user) and is_own(user, document))


def can_create(user) -> bool:
    return has_role(user)


def can_edit(user, document: Document) -> bool:
    if is_editor(user):
        return document.status in EDITABLE_BY_EDITOR
    editable = EDITABLE_BY_TRANSLATOR | REOPENABLE_BY_TRANSLATOR
    return is_translator(user) and is_own(user, document) and document.status in editable


def can_delete(user, document: Document) -> bool:
    """Only editors delete, and only records never published (a published record is withdrawn)."""
    if not is_editor(user) or document.status in (Status.PUBLISHED, Status.WITHDRAWN):
        return False
    return not document.published_versions.exists() if hasattr(document, "published_versions") else True


def can_submit(user, document: Document) -> bool:
    if document.status not in EDITABLE_BY_TRANSLATOR:
        return False
    return is_editor(user) or (is_translator(user) and is_own(user, document))


def can_review(user, document: Document) -> bool:
    """Request changes, approve: editors only, on records in review."""
    return is_editor(user) and document.status == Status.IN_REVIEW


def can_withdraw(user, document: Document) -> bool:
    return is_editor(user) and document.status != Status.WITHDRAWN and _has_publication(document)


def can_revert(user, document: Document) -> bool:
    return is_editor(user) and document.status != Status.WITHDRAWN


def can_assign(user, document: Document) -> bool:
    return is_editor(user)


def can_recover(user) -> bool:
    """Editors bring back a deleted record: they alone delete, and the deleted records of every translator
    are listed together (a translator would see others' titles). Recovering is a save, as a new revision."""
    return is_editor(user)


def can_view_history(user, document: Document) -> bool:
    """Translators see the revisions and diffs of their own records; editors of every record."""
    return can_view(user, document)


def _has_publication(document: Document) -> bool:
    related = getattr(document, "published_versions", None)
    return document.status == Status.PUBLISHED or bool(related is not None and related.exists())


def _ensure(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def ensure_can_edit(user, document: Document) -> None:
    if can_edit(user, document):
        return
    if document.status == Status.IN_REVIEW and is_translator(user) and not is_editor(user):
        _ensure(False, _("This record is in review and cannot be edited until an editor returns it."))
    if document.status == Status.WITHDRAWN:
        _ensure(False, _("This record has been withdrawn and can no longer be edited."))
    _ensure(False, _("You may not edit this record."))


def ensure_can_submit(user, document: Document) -> None:
    _ensure(can_submit(user, document), _("You may not submit this record for review."))


def ensure_can_review(user, document: Document) -> None:
    _ensure(can_review(user, document), _("Only an editor may review a record that is in review."))


def ensure_can_withdraw(user, document: Document) -> None:
    _ensure(can_withdraw(user, document), _("Only an editor may withdraw a published record."))


def ensure_can_revert(user, document: Document) -> None:
    _ensure(can_revert(user, document), _("Only an editor may revert a record."))


def ensure_can_assign(user, document: Document) -> None:
    _ensure(can_assign(user, document), _("Only an editor may assign translators and reviewers."))


def ensure_can_delete(user, document: Document) -> None:
    _ensure(can_delete(user, document), _("Only an editor may delete a record, and never a published one."))


def ensure_can_recover(user) -> None:
    _ensure(can_recover(user), _("Only an editor may recover a deleted record."))
