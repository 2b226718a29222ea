"""The change form's workflow buttons: submit a draft for review (with precise footnote problems), and the
frozen form of a record in review; no form sets the status."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from archive.models import Document, Text
from curation.models import AuditEntry
from tests.curation.test_admin_forms import open_change_form
from tests.factories import FootnoteFactory, record_in_state, record_revision

pytestmark = pytest.mark.django_db

Status = Document.Status


def change_url(document: Document) -> str:
    return reverse("admin:archive_document_change", args=[document.pk])


def submit_url(document: Document) -> str:
    return reverse("admin:archive_document_submit", args=[document.pk])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def draft(translator, editor):
    return record_in_state(Status.DRAFT, translator=translator, editor=editor)


def test_a_translators_draft_has_a_submit_button(client, draft, translator):
    client.force_login(translator)
    html = client.get(change_url(draft)).content.decode()
    assert f'action="{submit_url(draft)}"' in html and "Submit for review" in html


def test_submitting_sends_the_record_to_review_and_freezes_it(client, draft, translator):
    client.force_login(translator)

    response = client.post(submit_url(draft))

    assert response.status_code == 302 and response.url == change_url(draft)
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    assert AuditEntry.objects.filter(document=draft).latest("pk").action == "submit"
    assert messages_of(response) == [
        f"“{draft.title}” is submitted for review; it is read-only until an editor returns or approves it."
    ]
    frozen = client.get(change_url(draft))
    html = frozen.content.decode()
    assert "This record is in review and cannot be edited until an editor returns it." in html
    assert "Submit for review" not in html and 'name="base_revision"' not in html
    assert not frozen.context["has_change_permission"]


def test_a_frozen_record_refuses_a_posted_save(client, draft, translator):
    client.force_login(translator)
    form = open_change_form(client, draft)
    client.post(submit_url(draft))

    form.fill("", title="Sneaked in while in review")
    response = form.post(client)

    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.title != "Sneaked in while in review"


def test_footnote_problems_are_named_precisely_and_nothing_is_submitted(client, draft, translator):
    text = draft.texts.get(kind=Text.Kind.TRANSLATION)
    text.body = "The talks began at noon.[1] They ended late.[3]"
    text.save()
    FootnoteFactory(text=text, number=2, body="An orphan note.")
    record_revision(draft, user=translator)
    client.force_login(translator)

    response = client.post(submit_url(draft))

    problems = messages_of(response)
    assert problems[0] == "Footnote markers and footnotes must match one to one before review."
    assert any("[3]" in problem for problem in problems[1:])
    assert any("[2]" in problem for problem in problems[1:])
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_record_in_review_cannot_be_submitted_again(client, translator, editor):
    in_review = record_in_state(Status.IN_REVIEW, translator=translator, editor=editor)
    client.force_login(translator)
    response = client.post(submit_url(in_review))
    assert messages_of(response) == [
        "This record is in review; submitting for review is possible only when it is draft or changes requested."
    ]


def test_no_form_sets_the_status(client, draft, translator, editor):
    for user in (translator, editor):
        client.force_login(user)
        form = open_change_form(client, draft)
        assert "status" not in form.data
        form.fill("", status=Status.PUBLISHED)
        form.post(client)
        draft.refresh_from_db()
        assert draft.status == Status.DRAFT


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [
        ("translator", Status.IN_REVIEW),
        ("other_translator", None),
        ("editor", Status.IN_REVIEW),
        ("outsider", None),
    ],
)
def test_who_may_submit(client, request, draft, persona, expected_status):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(submit_url(draft))
    assert response.status_code == {"other_translator": 404, "outsider": 302}.get(persona, 302)
    draft.refresh_from_db()
    assert draft.status == (expected_status or Status.DRAFT)


def test_submit_is_posted_not_fetched(client, draft, translator):
    client.force_login(translator)
    assert client.get(submit_url(draft)).status_code == 405


def test_the_change_form_links_to_the_comparison(client, translator, editor):
    in_review = record_in_state(Status.IN_REVIEW, translator=translator, editor=editor)
    review = reverse("admin:archive_document_review", args=[in_review.pk])
    client.force_login(editor)
    assert (
        f'href="{review}" class="review-link">Review<' in client.get(change_url(in_review)).content.decode()
    )
    client.force_login(translator)
    assert (
        f'href="{review}" class="review-link">Compare<' in client.get(change_url(in_review)).content.decode()
    )
