"""Runs one workflow step of a demo record: an action of curation/actions.py, or an edit.

The loader never sets a status: every state a demo record is in was reached through the same actions
the admin and the API call, with their permission checks, four-eyes rule, revisions and audit trail.
An edit is saved the way the admin saves one: a reversion revision with user and comment, then
`actions.record_edit`, which reopens a published record as a draft.
"""

from collections.abc import Callable

import reversion

from archive.models import Document, Footnote
from curation import actions
from curation.demo.steps import Approve, RequestChanges, Revise, Step, Submit, Withdraw
from curation.history import latest_revision


def run_step(document: Document, step: Step, *, actor) -> None:
    match step:
        case Submit(comment=comment):
            actions.submit_for_review(document, actor=actor, comment=comment)
        case RequestChanges(comment=comment):
            actions.request_changes(document, actor=actor, comment=comment)
        case Approve(note=note):
            actions.approve_revision(document, revision=latest_revision(document), actor=actor, note=note)
        case Withdraw(reason=reason):
            actions.withdraw(document, actor=actor, reason=reason)
        case Revise():
            save_as_revision(lambda: revise(document, step), actor=actor, comment=step.comment)


def save_as_revision(save: Callable[[], Document], *, actor, comment: str) -> Document:
    """Run `save` as one admin save: a revision with user and comment, then `record_edit`."""
    with reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(comment)
        document = save()
    actions.record_edit(document, actor=actor, revision=latest_revision(document))
    return document


def revise(document: Document, step: Revise) -> Document:
    for name, value in step.fields.items():
        setattr(document, name, value)
    document.full_clean()
    document.save()
    for language, body in step.texts.items():
        text = document.texts.get(language=language)
        text.body = body
        text.full_clean()
        text.save()
    for (language, number), (kind, body) in step.footnotes.items():
        text = document.texts.get(language=language)
        note = Footnote.objects.filter(text=text, number=number).first() or Footnote(text=text, number=number)
        note.kind, note.body = kind, body
        note.full_clean()
        note.save()
    return document
