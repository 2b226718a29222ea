"""Why a workflow action was refused.

A refusal because of the record (its state, a later revision, a missing comment) is a WorkflowError;
a refusal because of who asks is Django's PermissionDenied, raised by curation.permissions.
WorkflowError is a ValidationError, so the admin can show it on the form (`form.add_error(None, exc)`)
and the API can return it as a 400 with its messages.
"""

from django.core.exceptions import ValidationError


class WorkflowError(ValidationError):
    """An action that the record's state or the request's content does not allow."""

    default_code = "workflow"

    def __init__(self, message, code: str | None = None, params: dict | None = None) -> None:
        super().__init__(message, code=code or self.default_code, params=params)

    def __str__(self) -> str:
        return " ".join(self.messages)


class TransitionNotAllowed(WorkflowError):
    default_code = "transition_not_allowed"


class CommentRequired(WorkflowError):
    default_code = "comment_required"


class StaleRevision(WorkflowError):
    """The revision named for approval is no longer the record's latest content."""

    default_code = "stale_revision"


class SelfApproval(WorkflowError):
    """Four eyes: the approver wrote part of what they were about to approve."""

    default_code = "self_approval"


class MarkersMismatch(WorkflowError):
    """Footnote markers and footnotes do not match one to one."""

    default_code = "markers_mismatch"


class InvalidRevision(WorkflowError):
    """The revision does not record this document, or cannot be restored."""

    default_code = "invalid_revision"


class InvalidAssignment(WorkflowError):
    default_code = "invalid_assignment"
