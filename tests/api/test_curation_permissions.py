"""The permission matrix of the curation API: every endpoint × role × workflow state, allowed and refused.

Generated from curation.actions.TRANSITIONS, like tests/curation/test_transitions.py, and with who may
act written out here as DESIGN.md ("Roles") states it, independently of curation.permissions. A
refusal is checked to change nothing: no new revision, the same state.
"""

import pytest

from archive.models import Document
from curation import actions
from curation.history import latest_revision, revisions_of
from curation.models import AuditEntry

Status = Document.Status
Action = AuditEntry.Action

LIST = "/api/v1/curation/documents/"
ROLES = ("anonymous", "outsider", "translator_own", "translator_other", "editor", "administrator")
FIXTURE_OF_ROLE = {"translator_own": "translator", "translator_other": "other_translator"}
EDITORS = {"editor", "administrator"}
WORKROOM = EDITORS | {"translator_own", "translator_other"}
# The endpoint of each action; an edit is a PUT of the record itself.
ENDPOINTS = {
    Action.EDIT: "",
    Action.SUBMIT: "submit/",
    Action.REQUEST_CHANGES: "request-changes/",
    Action.PUBLISH: "approve/",
    Action.WITHDRAW: "withdraw/",
    Action.REVERT: "revert/",
    Action.ASSIGN: "assign/",
}
READS = ("", "revisions/", "revisions/{revision}/diff/")


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
        return EDITORS if state == Status.PUBLISHED else set()
    return EDITORS


def expected_status(action: str, state: str, role: str) -> int:
    if role == "anonymous":
        return 401
    if role == "outsider":
        return 403  # no role in the workroom at all
    if role == "translator_other":
        return 404  # not a record they may see
    if action == Action.EDIT:
        # An edit asks the permission first, as the admin's form does (it shows a read-only page).
        allowed = state in actions.TRANSITIONS[action] and role in may(action, state)
        return 200 if allowed else 403
    if state not in actions.TRANSITIONS[action]:
        return 409
    return 200 if role in may(action, state) else 403


MATRIX = [
    pytest.param(action, state, role, id=f"{action}-{state}-{role}")
    for action in ENDPOINTS
    for state in Status.values
    for role in ROLES
]


@pytest.fixture
def acting(request, client_as):
    """acting(role) -> (client, user) for a role of the matrix."""

    def make(role: str):
        if role == "anonymous":
            return client_as(None), None
        user = request.getfixturevalue(FIXTURE_OF_ROLE.get(role, role))
        return client_as(user), user

    return make


def _request(action: str, client, document: Document, editor_client, second_editor):
    url = f"{LIST}{document.pk}/{ENDPOINTS[action]}"
    if action == Action.EDIT:
        read = editor_client.get(f"{LIST}{document.pk}/")
        body = {**read.json(), "summary": "A new summary."}
        return client.put(url, body, format="json", HTTP_IF_MATCH=read.headers["ETag"])
    body = {
        Action.SUBMIT: {},
        Action.REQUEST_CHANGES: {"comment": "Check note 1."},
        Action.PUBLISH: {"revision": latest_revision(document).pk},
        Action.WITHDRAW: {"reason": "A duplicate."},
        Action.REVERT: {"revision": revisions_of(document).last().pk},
        Action.ASSIGN: {"reviewer": second_editor.username},
    }[action]
    return client.post(url, body, format="json")


@pytest.mark.parametrize(("action", "state", "role"), MATRIX)
def test_workflow_and_edit_endpoints(
    action, state, role, acting, curation_record, client_as, editor, second_editor
):
    document = curation_record(state)
    revisions = revisions_of(document).count()
    client, _user = acting(role)

    response = _request(action, client, document, client_as(editor), second_editor)

    expected = expected_status(action, state, role)
    assert response.status_code == expected, response.json()
    document.refresh_from_db()
    if expected == 200:
        assert response.json()["status"] == document.status
        assert response.headers["ETag"] == f'"{latest_revision(document).pk}"'
        assert revisions_of(document).count() > revisions
    else:
        assert response.headers["Content-Type"] == "application/problem+json"
        assert (document.status, revisions_of(document).count()) == (state, revisions)


READ_MATRIX = [
    pytest.param(path, state, role, id=f"{path or 'record'}-{state}-{role}")
    for path in READS
    for state in Status.values
    for role in ROLES
]


@pytest.mark.parametrize(("path", "state", "role"), READ_MATRIX)
def test_reading_a_record_its_revisions_and_diffs(path, state, role, acting, curation_record):
    document = curation_record(state)
    client, _user = acting(role)

    response = client.get(f"{LIST}{document.pk}/{path.format(revision=latest_revision(document).pk)}")

    expected = {"anonymous": 401, "outsider": 403, "translator_other": 404}.get(role, 200)
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_creating_a_record(db, role, acting, draft_body):
    client, user = acting(role)

    response = client.post(LIST, draft_body(), format="json")

    assert response.status_code == (201 if role in WORKROOM else {"anonymous": 401, "outsider": 403}[role])
    if response.status_code == 201:
        assert Document.objects.get().created_by == user
    else:
        assert not Document.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_the_list_holds_what_each_role_may_see(role, acting, curation_record, other_translator):
    own = curation_record("draft")
    others = curation_record("in_review", created_by=other_translator)
    client, _user = acting(role)

    response = client.get(LIST)

    if role in ("anonymous", "outsider"):
        assert response.status_code == {"anonymous": 401, "outsider": 403}[role]
        return
    expected = {
        "translator_own": {own.pk},
        "translator_other": {others.pk},
        "editor": {own.pk, others.pk},
        "administrator": {own.pk, others.pk},
    }[role]
    assert {row["id"] for row in response.json()["results"]} == expected


def test_an_assigned_translator_acts_as_the_records_own(client_as, other_translator, editor, curation_record):
    document = curation_record("draft")
    client_as(editor).post(
        f"{LIST}{document.pk}/assign/", {"translator": other_translator.username}, format="json"
    )

    response = client_as(other_translator).post(f"{LIST}{document.pk}/submit/", {}, format="json")

    assert response.status_code == 200
    assert response.json()["status"] == "in_review"


def test_refusals_say_why(client_as, translator, curation_record):
    in_review = curation_record("in_review")
    tanya = client_as(translator)
    read = tanya.get(f"{LIST}{in_review.pk}/")

    edit = tanya.patch(
        f"{LIST}{in_review.pk}/", {"summary": "x"}, format="json", HTTP_IF_MATCH=read.headers["ETag"]
    )
    approve = tanya.post(
        f"{LIST}{in_review.pk}/approve/", {"revision": read.json()["revision"]}, format="json"
    )

    assert (
        edit.json()["detail"] == "This record is in review and cannot be edited until an editor returns it."
    )
    assert approve.json()["detail"] == "Only an editor may review a record that is in review."


def test_anonymous_requests_are_challenged_for_a_token(client_as):
    response = client_as(None).get(LIST)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json()["detail"] == "Sign in, or send an API token as “Authorization: Bearer <token>”."


@pytest.mark.parametrize("path", ["abc/", "0/", "-3/", "99999999999999999999999/", "1.5/"])
def test_malformed_ids_answer_404_with_problem_details(client_as, editor, path):
    response = client_as(editor).get(f"{LIST}{path}")

    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/problem+json"
