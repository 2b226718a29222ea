"""The admin's assign form: editors assign and clear a record's translator and reviewer, from the change
form and the review page; nobody else may; the assignment is in the history and opens the record to the
assigned translator."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from archive.models import Document
from curation.models import AuditEntry
from tests.factories import UserFactory, record_in_state

pytestmark = pytest.mark.django_db

Status = Document.Status


def assign_url(document: Document) -> str:
    return reverse("admin:archive_document_assign", args=[document.pk])


def change_url(document: Document) -> str:
    return reverse("admin:archive_document_change", args=[document.pk])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def draft(translator, editor):
    return record_in_state(Status.DRAFT, translator=translator, editor=editor)


def test_an_editor_sees_the_form_on_the_change_form_and_the_review_page(
    client, draft, editor, other_translator
):
    client.force_login(editor)
    for url in (change_url(draft), reverse("admin:archive_document_review", args=[draft.pk])):
        html = client.get(url).content.decode()
        assert f'action="{assign_url(draft)}"' in html
        assert "— nobody —" in html and "Oleg Otherwise" in html


@pytest.mark.parametrize("persona", ["translator", "other_translator", "outsider"])
def test_nobody_else_sees_the_form(client, request, draft, persona):
    client.force_login(request.getfixturevalue(persona))
    assert assign_url(draft) not in client.get(change_url(draft)).content.decode()


def test_an_editor_assigns_a_translator_and_a_reviewer(
    client, draft, editor, second_editor, other_translator
):
    client.force_login(editor)

    response = client.post(
        assign_url(draft), {"translator": other_translator.pk, "reviewer": second_editor.pk, "back": "change"}
    )

    assert response.status_code == 302 and response.url == change_url(draft)
    draft.refresh_from_db()
    assert (draft.assigned_translator, draft.reviewer) == (other_translator, second_editor)
    assert messages_of(response) == [
        f"Assigned “{draft.title}”: translator Oleg Otherwise, reviewer Emil Reviewer."
    ]


def test_the_form_shows_the_assignments_and_nobody_clears_them(
    client, draft, editor, second_editor, other_translator
):
    client.force_login(editor)
    client.post(
        assign_url(draft), {"translator": other_translator.pk, "reviewer": second_editor.pk, "back": "change"}
    )
    form = client.get(change_url(draft)).context["review_tools"]["assign_form"]
    assert (form["translator"].value(), form["reviewer"].value()) == (other_translator.pk, second_editor.pk)

    response = client.post(assign_url(draft), {"translator": "", "reviewer": "", "back": "review"})

    assert response.url == reverse("admin:archive_document_review", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.assigned_translator is None and draft.reviewer is None
    assert messages_of(response) == [f"Assigned “{draft.title}”: translator nobody, reviewer nobody."]


def test_only_what_changed_is_assigned_and_recorded_in_the_history(client, draft, editor, other_translator):
    client.force_login(editor)

    client.post(assign_url(draft), {"translator": other_translator.pk, "reviewer": "", "back": "change"})

    entry = AuditEntry.objects.filter(document=draft).latest("pk")
    assert (entry.action, entry.actor, entry.from_state, entry.to_state) == (
        "assign",
        editor,
        "draft",
        "draft",
    )
    assert entry.comment == "translator: oleg"
    history = client.get(reverse("admin:archive_document_history", args=[draft.pk])).content.decode()
    assert "translator: oleg" in history and "Assigned" in history


def test_an_unchanged_form_says_so(client, draft, editor):
    client.force_login(editor)
    before = AuditEntry.objects.count()

    response = client.post(assign_url(draft), {"translator": "", "reviewer": "", "back": "change"})

    assert response.status_code == 302 and AuditEntry.objects.count() == before
    assert messages_of(response) == [
        "These are already the record's translator and reviewer: choose someone else to change them."
    ]


@pytest.mark.parametrize(("field", "label"), [("translator", "Translator"), ("reviewer", "Reviewer")])
def test_someone_outside_the_role_is_refused_naming_the_field(client, draft, editor, field, label):
    """A reviewer must be an editor, a translator a translator: anyone else is not a choice."""
    client.force_login(editor)
    stranger = UserFactory(username="stan")

    response = client.post(
        assign_url(draft), {"translator": "", "reviewer": "", field: stranger.pk, "back": "change"}
    )

    assert messages_of(response) == [
        f"{label}: Select a valid choice. That choice is not one of the available choices."
    ]
    draft.refresh_from_db()
    assert draft.assigned_translator is None and draft.reviewer is None


def test_the_actions_refusal_is_shown(client, translator, editor, other_translator):
    withdrawn = record_in_state(Status.WITHDRAWN, translator=translator, editor=editor)
    client.force_login(editor)

    response = client.post(
        assign_url(withdrawn), {"translator": other_translator.pk, "reviewer": "", "back": "change"}
    )

    assert response.status_code == 302
    assert messages_of(response) == [
        "This record is withdrawn; assigning is possible only when it is draft, in review, changes requested"
        " or published."
    ]
    withdrawn.refresh_from_db()
    assert withdrawn.assigned_translator is None


@pytest.mark.parametrize(
    ("persona", "expected"), [("translator", 403), ("other_translator", 404), ("outsider", 302)]
)
def test_nobody_but_an_editor_may_assign(client, request, draft, other_translator, persona, expected):
    """The record's own translator is refused; another translator does not see the record; someone
    without staff access is sent to the login page."""
    client.force_login(request.getfixturevalue(persona))
    before = AuditEntry.objects.count()

    response = client.post(
        assign_url(draft), {"translator": other_translator.pk, "reviewer": "", "back": "change"}
    )

    assert response.status_code == expected
    if expected == 302:
        assert response.url.startswith(reverse("admin:login"))
    draft.refresh_from_db()
    assert draft.assigned_translator is None and AuditEntry.objects.count() == before


def test_the_assigned_translator_then_finds_and_edits_the_record(client, draft, editor, other_translator):
    changelist = reverse("admin:archive_document_changelist")
    client.force_login(other_translator)
    assert client.get(change_url(draft)).url == reverse("admin:index")

    client.force_login(editor)
    client.post(assign_url(draft), {"translator": other_translator.pk, "reviewer": "", "back": "change"})
    listed = client.get(changelist, {"translator": other_translator.pk}).context["cl"].result_list
    assert list(listed) == [draft]

    client.force_login(other_translator)
    assert list(client.get(changelist).context["cl"].result_list) == [draft]
    response = client.get(change_url(draft))
    assert response.status_code == 200 and response.context["has_change_permission"]
