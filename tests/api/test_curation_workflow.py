"""The curation API's workflow endpoints, end to end and refused: each only calls curation.actions, and
each refusal comes back as problem details with the action's own message and a status that says what
kind of refusal it is (400 bad input, 403 not yours to do, 409 the record's state, 412 stale)."""

import datetime as dt

import pytest
from django.utils import timezone

from archive.models import Document, PublishedVersion
from curation.history import latest_revision, revisions_of
from curation.models import ApiToken, ScheduledPublication
from tests.curation.records import save_revision

LIST = "/api/v1/curation/documents/"


def url(document, action: str = "") -> str:
    return f"{LIST}{document.pk if isinstance(document, Document) else document}/{action}"


def token_client(client_as, user):
    """A client that authenticates as a script does: with a personal API token."""
    token = ApiToken(user=user, name="script")
    key = token.set_new_key()
    token.save()
    client = client_as(None)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def assert_refused(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.json()
    assert response.headers["Content-Type"] == "application/problem+json"
    problem = response.json()
    if code is not None:
        assert problem["code"] == code
    return problem


# --- The whole journey ----------------------------------------------------------------------------


def test_create_submit_approve_and_read_it_in_the_public_api(
    client_as, translator, second_editor, draft_body
):
    tanya, emil = token_client(client_as, translator), token_client(client_as, second_editor)

    created = tanya.post(LIST, draft_body(), format="json")
    assert created.status_code == 201
    document_id = created.json()["id"]
    submitted = tanya.post(url(document_id, "submit/"), {"comment": "Ready."}, format="json")
    assert submitted.json()["status"] == "in_review"
    revision = int(submitted.headers["ETag"].strip('"'))
    approved = emil.post(url(document_id, "approve/"), {"revision": revision}, format="json")

    assert approved.status_code == 200, approved.json()
    assert approved.json()["status"] == "published"
    assert approved.json()["current_version"]["number"] == 1
    version = PublishedVersion.objects.get(document_id=document_id)
    assert (version.number, version.revision_id, version.approved_by) == (1, revision, second_editor)
    public = client_as(None).get(f"/api/v1/documents/{document_id}/")
    assert public.status_code == 200
    assert public.json()["title"] == draft_body()["title"]
    citations = public.json()["citations"]
    assert {"house", "chicago", "mla", "apa", "bibtex", "ris", "csl_json"} <= set(citations)
    assert "Khrushchev and Harriman" in citations["chicago"]["text"]


def test_the_approved_revision_may_be_the_content_revision_itself(
    client_as, translator, editor, curation_record
):
    document = curation_record("in_review")
    read = client_as(translator).get(url(document))
    content = revisions_of(document).exclude(pk=read.json()["revision"]).first()

    response = client_as(editor).post(url(document, "approve/"), {"revision": content.pk}, format="json")

    assert response.status_code == 200
    assert PublishedVersion.objects.get(document=document).revision == content


# --- Submitting -----------------------------------------------------------------------------------


def test_submitting_is_refused_while_markers_and_footnotes_do_not_match(client_as, translator, draft_body):
    tanya = client_as(translator)
    body = draft_body()
    body["texts"][1]["body"] = "Noon.[1] Later.[2]"
    document_id = tanya.post(LIST, body, format="json").json()["id"]

    response = tanya.post(url(document_id, "submit/"), {}, format="json")

    problem = assert_refused(response, 409, "markers_mismatch")
    assert problem["errors"]["non_field_errors"] == [
        "Footnote markers and footnotes must match one to one before review.",
        "Translation (English): marker [2] has no footnote",
    ]
    assert Document.objects.get(pk=document_id).status == "draft"


def test_a_workflow_body_of_the_wrong_shape_is_refused(client_as, translator, curation_record):
    document = curation_record("draft")

    response = client_as(translator).post(url(document, "submit/"), {"comment": {"a": 1}}, format="json")

    assert assert_refused(response, 400)["errors"] == {"comment": ["Not a valid string."]}


# --- Requesting changes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"comment": "  "}, "Say what needs to change; the translator sees this comment."),
        ({}, "This field is required."),
    ],
)
def test_requesting_changes_needs_a_comment(client_as, editor, curation_record, body, message):
    document = curation_record("in_review")

    response = client_as(editor).post(url(document, "request-changes/"), body, format="json")

    assert assert_refused(response, 400)["errors"] == {"comment": [message]}
    document.refresh_from_db()
    assert document.status == "in_review"


def test_requesting_changes_returns_the_record(client_as, editor, curation_record):
    document = curation_record("in_review")

    response = client_as(editor).post(
        url(document, "request-changes/"), {"comment": "Check the date."}, format="json"
    )

    assert response.json()["status"] == "changes_requested"


# --- Approving ------------------------------------------------------------------------------------


def test_approving_a_revision_that_is_no_longer_the_latest_is_refused_with_412(
    client_as, editor, curation_record
):
    document = curation_record("in_review")
    reviewed = latest_revision(document)
    save_revision(document, user=editor, comment="A late fix.", summary="Changed after review.")

    response = client_as(editor).post(url(document, "approve/"), {"revision": reviewed.pk}, format="json")

    problem = assert_refused(response, 412, "stale_revision")
    assert problem["detail"].startswith(f"This record changed after revision {reviewed.pk}")
    assert not PublishedVersion.objects.filter(document=document).exists()


def test_four_eyes_an_editor_may_not_approve_what_they_wrote(client_as, editor, curation_record):
    document = curation_record("in_review")
    mine = save_revision(document, user=editor, comment="My fix.", summary="Fixed.")

    response = client_as(editor).post(url(document, "approve/"), {"revision": mine.pk}, format="json")

    problem = assert_refused(response, 409, "self_approval")
    assert "another editor must approve it" in problem["detail"]


def test_approving_a_revision_of_another_record_is_bad_input(client_as, editor, curation_record):
    document, other = curation_record("in_review"), curation_record("in_review")

    response = client_as(editor).post(
        url(document, "approve/"), {"revision": latest_revision(other).pk}, format="json"
    )

    problem = assert_refused(response, 400, "invalid_revision")
    assert problem["errors"] == {
        "revision": [f"Revision {latest_revision(other).pk} is not a revision of this record."]
    }


def test_approving_for_later_schedules_the_publication(client_as, editor, curation_record):
    document = curation_record("in_review")
    monday = timezone.now() + dt.timedelta(days=3)

    response = client_as(editor).post(
        url(document, "approve/"),
        {"revision": latest_revision(document).pk, "publish_at": monday.isoformat()},
        format="json",
    )

    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "in_review"
    assert data["scheduled_publication"]["approved_by"] == "edith"
    assert ScheduledPublication.objects.pending().get(document=document).publish_at == monday


def test_version_two_needs_a_change_note(client_as, editor, second_editor, translator, curation_record):
    document = curation_record("published")
    save_revision(document, user=translator, comment="Second pass.", summary="Revised.")
    client_as(translator).post(url(document, "submit/"), {}, format="json")

    response = client_as(second_editor).post(
        url(document, "approve/"), {"revision": latest_revision(document).pk}, format="json"
    )

    problem = assert_refused(response, 400, "comment_required")
    assert problem["errors"] == {
        "note": ["Version 1 is public; write a change note saying what this version changes."]
    }


# --- Withdrawing, reverting, assigning ------------------------------------------------------------


def test_withdrawing_needs_a_reason_and_leaves_a_tombstone(client_as, editor, curation_record):
    document = curation_record("published")
    editor_client = client_as(editor)

    refused = editor_client.post(url(document, "withdraw/"), {"reason": ""}, format="json")
    withdrawn = editor_client.post(url(document, "withdraw/"), {"reason": "A duplicate."}, format="json")

    assert assert_refused(refused, 400, "comment_required")["errors"] == {
        "reason": ["Give the reason for withdrawing; readers see it in place of the record."]
    }
    assert withdrawn.json()["status"] == "withdrawn"
    assert client_as(None).get(f"/api/v1/documents/{document.pk}/").status_code == 410


def test_reverting_restores_earlier_content_as_a_new_revision(client_as, editor, curation_record):
    document = curation_record("draft")
    first = latest_revision(document)
    save_revision(document, user=editor, comment="A bad edit.", summary="Wrong.")

    response = client_as(editor).post(
        url(document, "revert/"), {"revision": first.pk, "comment": "Undo."}, format="json"
    )

    assert response.json()["summary"] == "A conversation about the test ban."
    assert revisions_of(document).count() == 3


def test_assigning_by_username(client_as, editor, other_translator, second_editor, curation_record):
    document = curation_record("draft")
    editor_client = client_as(editor)

    assigned = editor_client.post(
        url(document, "assign/"), {"translator": "oleg", "reviewer": "emil"}, format="json"
    )
    cleared = editor_client.post(url(document, "assign/"), {"reviewer": None}, format="json")

    assert (assigned.json()["assigned_translator"], assigned.json()["reviewer"]) == ("oleg", "emil")
    assert (cleared.json()["assigned_translator"], cleared.json()["reviewer"]) == ("oleg", None)


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"translator": "nobody"}, {"translator": ["No active user is called “nobody”."]}),
        ({"reviewer": "oleg"}, {"non_field_errors": ["oleg is not an editor."]}),
        ({}, {"non_field_errors": ["Name a translator or a reviewer to assign."]}),
    ],
)
def test_assigning_refuses_what_cannot_be_assigned(
    client_as, editor, other_translator, curation_record, body, errors
):
    document = curation_record("draft")

    response = client_as(editor).post(url(document, "assign/"), body, format="json")

    assert assert_refused(response, 400)["errors"] == errors


# --- Revisions and diffs --------------------------------------------------------------------------


def test_the_revisions_list_tells_edits_from_workflow_steps(client_as, editor, curation_record):
    document = curation_record("published")

    results = client_as(editor).get(url(document, "revisions/")).json()["results"]

    assert [step["action"] for row in results for step in row["steps"]] == ["publish", "submit", "edit"]
    assert [row["changes_content"] for row in results] == [False, False, True]
    assert results[2]["published_as"] is None
    published = PublishedVersion.objects.get(document=document)
    assert next(row for row in results if row["id"] == published.revision_id)["published_as"] == 1


def test_a_revisions_diff_against_the_content_before_it(client_as, editor, curation_record):
    document = curation_record("draft")
    first = latest_revision(document)
    second = save_revision(document, user=editor, comment="Summary.", summary="A conversation about Berlin.")

    diff = client_as(editor).get(url(document, f"revisions/{second.pk}/diff/")).json()

    assert (diff["old"]["key"], diff["new"]["key"]) == (str(first.pk), str(second.pk))
    [change] = diff["metadata"]
    assert change["name"] == "summary"
    assert change["diff"] == [
        {"equal": "A conversation about "},
        {"deleted": "the test ban", "inserted": "Berlin"},
        {"equal": "."},
    ]
    assert diff["texts"] == [] and diff["credits"] == []


def test_a_diff_against_a_published_version_or_nothing(client_as, editor, curation_record):
    document = curation_record("published")
    latest = latest_revision(document)
    client = client_as(editor)

    against_v1 = client.get(url(document, f"revisions/{latest.pk}/diff/"), {"against": "v1"}).json()
    against_nothing = client.get(url(document, f"revisions/{latest.pk}/diff/"), {"against": ""}).json()

    assert against_v1["old"]["label"] == "published version 1"
    assert against_v1["size"]["inserted_words"] == 0
    assert [text["status"] for text in against_nothing["texts"]] == ["added"]


@pytest.mark.parametrize("against", ["v9", "123456789", "tuesday", "99999999999999999999999"])
def test_a_diff_against_nothing_of_this_record_is_bad_input(client_as, editor, curation_record, against):
    document = curation_record("draft")

    response = client_as(editor).get(
        url(document, f"revisions/{latest_revision(document).pk}/diff/"), {"against": against}
    )

    assert list(assert_refused(response, 400)["errors"]) == ["against"]


def test_a_diff_of_another_records_revision_is_not_found(client_as, editor, curation_record):
    document, other = curation_record("draft"), curation_record("draft")

    response = client_as(editor).get(url(document, f"revisions/{latest_revision(other).pk}/diff/"))

    assert_refused(response, 404)
