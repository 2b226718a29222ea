"""Who may see and change which record in the admin: the rules of curation/permissions.py, applied."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from archive.models import Document
from curation.models import AuditEntry
from tests.curation.test_admin_forms import ChangeForm, open_change_form
from tests.factories import DocumentFactory, PersonFactory, TextFactory, UserFactory, record_revision

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


# --- Recovering a deleted record ------------------------------------------------------------------


def delete_in_admin(client, document: Document) -> Version:
    """Delete the record as an editor does; the version it can be recovered from."""
    response = client.post(reverse("admin:archive_document_delete", args=[document.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
    return Version.objects.get_deleted(Document).get(object_id=str(document.pk))


def recover_url(version: Version) -> str:
    return reverse("admin:archive_document_recover", args=[version.pk])


def test_an_editor_recovers_a_deleted_draft_as_a_new_revision(client, editor, translator):
    document = DocumentFactory(created_by=translator, title="The lost memorandum")
    TextFactory(document=document, body="The talks began at noon.")
    record_revision(document, user=translator, comment="First draft.")
    client.force_login(editor)
    version = delete_in_admin(client, document)

    form = ChangeForm(client.get(recover_url(version)))
    response = form.post(client)

    assert response.status_code == 302
    recovered = Document.objects.get(pk=document.pk)
    assert recovered.title == "The lost memorandum"
    assert recovered.texts.get().body == "The talks began at noon."
    entry = AuditEntry.objects.filter(document=recovered).latest("pk")
    assert (entry.action, entry.actor, entry.revision.user) == (AuditEntry.Action.EDIT, editor, editor)


def test_only_editors_may_recover_a_deleted_record(client, editor, translator, role_less_staff):
    document = DocumentFactory(created_by=translator)
    record_revision(document, user=translator, comment="First draft.")
    client.force_login(editor)
    version = delete_in_admin(client, document)

    for user in (translator, role_less_staff):
        client.force_login(user)
        assert client.get(recover_url(version)).status_code == 403
    assert not Document.objects.filter(pk=document.pk).exists()


def test_the_recover_page_recovers_only_deleted_records(client, editor, translator):
    document = DocumentFactory(created_by=translator)
    record_revision(document, user=translator, comment="First draft.")
    person = PersonFactory()
    with reversion.create_revision():
        person.save()
    client.force_login(editor)

    still_there = Version.objects.get_for_object(document).get()
    not_a_record = Version.objects.get_for_object(person).get()

    assert client.get(recover_url(still_there)).status_code == 404
    assert client.get(recover_url(not_a_record)).status_code == 404
