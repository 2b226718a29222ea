"""Review in the admin: the queue, the review page, the history page, "My work" and the submit button.

The views are admin views of DocumentAdmin (`ReviewAdminMixin` adds their URLs and the buttons on the
change form). They read through curation.history and curation.diff, ask curation.permissions who may
see and do what, and change workflow state only by calling curation.actions; a refusal from an action
is shown on the form it came from, in the action's own words.

URLs (namespace "admin"):
    archive_document_review_queue   documents/review-queue/           editors
    archive_document_my_work        documents/my-work/                anyone with a role
    archive_document_review         documents/<id>/review/?old=&new=  whoever may see the record
    archive_document_request_changes, _approve   POST from the review page
    archive_document_history        documents/<id>/history/           (replaces reversion's list)
    archive_document_revert         POST from the history page
    archive_document_submit         POST from the change form
"""

from curation.review.views import ReviewAdminMixin

__all__ = ["ReviewAdminMixin"]
