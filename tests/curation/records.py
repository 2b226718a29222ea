"""Building records in a given workflow state, the way people get them there: through the actions.

`save_revision` stands in for a save in the admin: it changes the working copy inside a reversion
revision with the user, then calls `record_edit`, as the admin does.
"""

import reversion
from django.db import transaction
from reversion.models import Revision

from archive.models import Document
from curation import actions
from curation.history import latest_revision
from tests.factories import DocumentFactory, FootnoteFactory, TextFactory

Status = Document.Status


def save_revision(document: Document, *, user, comment: str = "Edited.", **changes) -> Revision:
    """Change fields of the working copy as one admin save: a revision with user, then record_edit."""
    with transaction.atomic():
        with reversion.create_revision():
            for name, value in changes.items():
                setattr(document, name, value)
            document.save()
            reversion.set_user(user)
            reversion.set_comment(comment)
        revision = latest_revision(document)
        actions.record_edit(document, actor=user, revision=revision)
    return revision


def make_record(state: str = Status.DRAFT, *, translator, editor, **fields) -> Document:
    """A record by `translator` (or `created_by`) with a text and a matching footnote, brought to `state`."""
    author = fields.setdefault("created_by", translator)
    document = DocumentFactory(**fields)
    text = TextFactory(document=document, body="The talks began at noon.[1]")
    FootnoteFactory(text=text, number=1)
    save_revision(document, user=author, comment="First draft.")
    return bring_to(document, state, author=author, editor=editor)


def bring_to(document: Document, state: str, *, author, editor) -> Document:
    """A record with a saved revision, taken through the workflow actions to `state`."""
    if state == Status.DRAFT:
        return document
    actions.submit_for_review(document, actor=author)
    if state == Status.CHANGES_REQUESTED:
        actions.request_changes(document, actor=editor, comment="Check the date.")
    elif state in (Status.PUBLISHED, Status.WITHDRAWN):
        actions.approve_revision(document, revision=latest_revision(document), actor=editor)
        if state == Status.WITHDRAWN:
            actions.withdraw(document, actor=editor, reason="A duplicate of another record.")
    return document
