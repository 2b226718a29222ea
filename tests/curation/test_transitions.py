"""The full matrix: every action × every starting state × every role, allowed or refused.

Generated from curation.actions.TRANSITIONS, so a state or an action added to the table is tested
without anyone remembering to. Who may act is written out here independently of
curation.permissions, as DESIGN.md ("Roles") states it.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from archive.models import Document
from curation import actions
from curation.exceptions import TransitionNotAllowed
from curation.history import latest_revision, revisions_of
from curation.models import AuditEntry
from tests.curation.records import save_revision

Status = Document.Status
Action = AuditEntry.Action

ROLES = ("translator_own", "translator_other", "editor", "second_editor", "administrator", "outsider")
FIXTURE_OF_ROLE = {"translator_own": "translator", "translator_other": "other_translator"}
EDITORS = {"editor", "second_editor", "administrator"}


def may(action: str, state: str) -> set[str]:
    """The roles DESIGN.md lets take `action` on a record (by `translator`) in `state`."""
    if action == Action.EDIT:
        # Issue 3's journey: a translator edits their published record again (it reopens as a draft).
        own = (
            {"translator_own"}
            if state in (Status.DRAFT, Status.CHANGES_REQUESTED, Status.PUBLISHED)
            else set()
        )
        return EDITORS | own
    if action == Action.SUBMIT:
        return EDITORS | {"translator_own"}
    if action == Action.WITHDRAW:
        # Only a record that has been published can be withdrawn; the matrix's other records never were.
        return EDITORS if state == Status.PUBLISHED else set()
    return EDITORS


def expected_refusal(action: str, state: str, role: str) -> type[Exception] | None:
    if state not in actions.TRANSITIONS[action]:
        return TransitionNotAllowed
    if role not in may(action, state):
        return PermissionDenied
    return None


def perform(action: str, document: Document, actor, *, second_editor) -> None:
    first_revision = revisions_of(document).last()
    latest = latest_revision(document)
    soon = timezone.now() + dt.timedelta(days=1)
    run = {
        Action.EDIT: lambda: save_revision(document, user=actor, summary="A new summary."),
        Action.REVERT: lambda: actions.revert_to_revision(document, revision=first_revision, actor=actor),
        Action.SUBMIT: lambda: actions.submit_for_review(document, actor=actor),
        Action.REQUEST_CHANGES: lambda: actions.request_changes(
            document, actor=actor, comment="Check note 1."
        ),
        Action.SCHEDULE: lambda: actions.approve_revision(
            document, revision=latest, actor=actor, publish_at=soon
        ),
        Action.PUBLISH: lambda: actions.approve_revision(document, revision=latest, actor=actor),
        Action.WITHDRAW: lambda: actions.withdraw(document, actor=actor, reason="A duplicate."),
        Action.ASSIGN: lambda: actions.assign(document, actor=actor, reviewer=second_editor),
    }[action]
    # One transaction per attempt, as in a request: a refused edit leaves no revision behind.
    with transaction.atomic():
        run()


MATRIX = [
    pytest.param(action, state, role, id=f"{action}-{state}-{role}")
    for action in actions.TRANSITIONS
    for state in Status.values
    for role in ROLES
]


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "state", "role"), MATRIX)
def test_action_from_state_by_role(request, record_in, second_editor, action, state, role):
    document = record_in(state)
    actor = request.getfixturevalue(FIXTURE_OF_ROLE.get(role, role))
    audit_before = AuditEntry.objects.filter(document=document).count()
    revisions_before = revisions_of(document).count()
    refusal = expected_refusal(action, state, role)

    if refusal is not None:
        with pytest.raises(refusal):
            perform(action, document, actor, second_editor=second_editor)
        document.refresh_from_db()
        assert document.status == state
        assert AuditEntry.objects.filter(document=document).count() == audit_before
        assert revisions_of(document).count() == revisions_before
        return

    perform(action, document, actor, second_editor=second_editor)
    document.refresh_from_db()
    assert document.status == actions.TRANSITIONS[action][state]
    entry = AuditEntry.objects.filter(document=document).latest("pk")
    assert (entry.action, entry.actor, entry.from_state, entry.to_state) == (
        action,
        actor,
        state,
        document.status,
    )
    assert entry.revision.user == actor


def test_every_state_and_action_is_in_the_matrix():
    assert {param.values[0] for param in MATRIX} == set(Action.values)
    assert {param.values[1] for param in MATRIX} == set(Status.values)


@pytest.mark.django_db
def test_refusal_says_what_state_the_record_is_in(record_in, translator):
    document = record_in(Status.IN_REVIEW)
    with pytest.raises(TransitionNotAllowed) as refused:
        actions.submit_for_review(document, actor=translator)
    assert str(refused.value) == (
        "This record is in review; submitting for review is possible only when it is draft or changes requested."
    )
