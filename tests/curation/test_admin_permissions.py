"""Who may see and change which record in the admin: the rules of curation/permissions.py, applied."""

import pytest
from django.urls import reverse
from reversion.models import Version

from archive.models import Document
from tests.curation.test_admin_forms import ChangeForm, open_change_form
from tests.factories import DocumentFactory, TextFactory, UserFactory

pytestmark = pytest.mark.django_db


def change_url(document: Document) -> str:
    return reverse("admin:archive_document_change", args=[document.pk])


@pytest.fixture
def role_less_staff(db):
    """A staff account with no role: reaches the admin, may do nothing in it."""
    return UserFactory(username="sam", is_staff=True)


def test_a_translator_edits_their_own_draft(client, translator):
    document = DocumentFactory(created_by=translator)
    client.force_login(translator)
    form = open_change_form(client, document)
    form.fill("", title="Better title")

    assert form.post(client).status_code == 302
    document.refresh_from_db()
    assert document.title == "Better title"


def test_a_translator_edits_a_record_they_are_assigned(client, translator, other_translator):
    document = DocumentFactory(created_by=other_translator, assigned_translator=translator)
    client.force_login(translator)
    assert client.get(change_url(document)).context["has_change_permission"] is True


def test_a_translator_does_not_see_other_translators_records(client, translator, other_translator):
    document = DocumentFactory(created_by=other_translator)
    client.force_login(translator)

    response = client.get(change_url(document))

    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    assert client.post(change_url(document), {"title": "Taken over"}).status_code == 302
    document.refresh_from_db()
    assert document.title != "Taken over"


def test_a_translator_reads_but_cannot_change_a_record_in_review(client, translator):
    document = DocumentFactory(created_by=translator, status=Document.Status.IN_REVIEW)
    TextFactory(document=document, body="Noon.[1]")
    client.force_login(translator)

    response = client.get(change_url(document))

    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    html = response.content.decode()
    assert "This record is in review and cannot be edited until an editor returns it." in html
    assert 'name="_save"' not in html
    assert 'name="texts-0-body"' not in html
    assert "Noon." in html


def test_a_translators_post_to_a_record_in_review_is_forbidden(client, translator, editor):
    document = DocumentFactory(created_by=translator)
    client.force_login(translator)
    form = open_change_form(client, document)
    Document.objects.filter(pk=document.pk).update(status=Document.Status.IN_REVIEW)
    form.fill("", title="Changed during review")

    assert form.post(client).status_code == 403
    document.refresh_from_db()
    assert document.title != "Changed during review"


def test_an_editor_changes_a_record_in_review(client, editor, translator):
    document = DocumentFactory(created_by=translator, status=Document.Status.IN_REVIEW)
    client.force_login(editor)
    form = open_change_form(client, document)
    form.fill("", title="Edited in review")

    assert form.post(client).status_code == 302


def test_nobody_changes_a_withdrawn_record(client, editor):
    document = DocumentFactory(status=Document.Status.WITHDRAWN)
    client.force_login(editor)
    response = client.get(change_url(document))
    assert response.context["has_change_permission"] is False
    assert "This record has been withdrawn and can no longer be edited." in response.content.decode()


def test_a_staff_account_without_a_role_is_forbidden(client, role_less_staff):
    document = DocumentFactory()
    client.force_login(role_less_staff)
    assert client.get(reverse("admin:archive_document_changelist")).status_code == 403
    assert client.get(reverse("admin:archive_document_add")).status_code == 403
    assert client.get(change_url(document)).status_code == 403
    preview = reverse("admin:archive_document_preview")
    assert client.post(preview, {"body": "x"}).status_code == 403


def test_an_outsider_is_sent_to_log_in(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("admin:archive_document_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_translators_cannot_delete_and_editors_cannot_delete_published_records(client, translator, editor):
    draft = DocumentFactory(created_by=translator)
    published = DocumentFactory(status=Document.Status.PUBLISHED)
    client.force_login(translator)
    assert (
        client.post(reverse("admin:archive_document_delete", args=[draft.pk]), {"post": "yes"}).status_code
        == 403
    )
    client.force_login(editor)
    assert client.get(reverse("admin:archive_document_delete", args=[published.pk])).status_code == 403
    assert (
        client.post(reverse("admin:archive_document_delete", args=[draft.pk]), {"post": "yes"}).status_code
        == 302
    )
    assert not Document.objects.filter(pk=draft.pk).exists()


def test_the_bulk_delete_refuses_a_published_record(client, editor):
    draft = DocumentFactory(title="A draft")
    published = DocumentFactory(title="A published record", status=Document.Status.PUBLISHED)
    client.force_login(editor)

    selection = {"action": "delete_selected", "_selected_action": [draft.pk, published.pk]}
    url = reverse("admin:archive_document_changelist")

    confirmation = client.post(url, selection)
    confirmed = client.post(url, {**selection, "post": "yes"})

    assert "“A published record” (published: withdraw it instead)" in confirmation.content.decode()
    assert confirmed.status_code == 403
    assert Document.objects.count() == 2


def test_an_earlier_revision_is_shown_read_only(client, translator):
    client.force_login(translator)
    form = ChangeForm(client.get(reverse("admin:archive_document_add")))
    form.fill("", title="First title", original_language="de")
    form.post(client)
    document = Document.objects.get()
    form = open_change_form(client, document)
    form.fill("", title="Second title")
    form.post(client)
    first = Version.objects.get_for_object(document).last()
    url = reverse("admin:archive_document_revision", args=[document.pk, first.pk])

    response = client.get(url)

    assert response.status_code == 200
    assert "First title" in response.content.decode()
    assert 'name="_save"' not in response.content.decode()
    assert client.post(url, {"title": "First title"}).status_code == 403
    document.refresh_from_db()
    assert document.title == "Second title"


def test_autocomplete_lists_only_visible_related_records(client, translator, other_translator):
    DocumentFactory(title="Mine to link", created_by=translator)
    DocumentFactory(title="Theirs to link", created_by=other_translator)
    client.force_login(translator)

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "archive", "model_name": "document", "field_name": "related_documents", "term": "link"},
    )

    assert [result["text"] for result in response.json()["results"]] == ["Mine to link"]
