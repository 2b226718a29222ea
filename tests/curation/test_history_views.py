"""The history page: every revision with user, time, comment and state changes; read-only views; revert."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from reversion.models import Version

from archive.models import Document, Text
from curation.history import latest_content_revision, revisions_of
from curation.models import AuditEntry
from tests.factories import record_in_state, record_revision

pytestmark = pytest.mark.django_db

Status = Document.Status


def history_url(document: Document) -> str:
    return reverse("admin:archive_document_history", args=[document.pk])


def revert_url(document: Document) -> str:
    return reverse("admin:archive_document_revert", args=[document.pk])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def published(translator, editor):
    return record_in_state(Status.PUBLISHED, translator=translator, editor=editor)


def set_body(document: Document, body: str, *, user) -> None:
    text = document.texts.get(kind=Text.Kind.TRANSLATION)
    text.body = body
    text.save()
    record_revision(document, user=user, comment="Rewrote the opening.")


def test_every_revision_is_listed_newest_first_with_its_state_changes(client, published, editor):
    client.force_login(editor)

    response = client.get(history_url(published))

    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row["revision"] for row in rows] == list(revisions_of(published))
    publish_row, submit_row, draft_row = rows
    assert [(e.action, e.from_state, e.to_state) for e in publish_row["entries"]] == [
        ("publish", "in_review", "published")
    ]
    assert [(e.action, e.from_state, e.to_state) for e in submit_row["entries"]] == [
        ("submit", "draft", "in_review")
    ]
    assert draft_row["published_as"] == 1 and draft_row["changes_content"]
    html = response.content.decode()
    assert "First draft." in html and "Tanya Translator" in html and "Edith Editor" in html
    assert "Approved and published: in review → published" in html
    assert "published as version 1" in html


def test_each_revision_opens_read_only(client, published, editor):
    client.force_login(editor)
    [row] = [row for row in client.get(history_url(published)).context["rows"] if row["changes_content"]]
    version = Version.objects.get_for_object(published).get(revision=row["revision"])
    assert row["view_url"] == reverse("admin:archive_document_revision", args=[published.pk, version.pk])

    response = client.get(row["view_url"])

    assert response.status_code == 200
    assert "This is the record as it was saved then, for reading." in response.content.decode()
    assert not response.context["has_change_permission"]


def test_compare_with_previous_links_content_revisions(client, published, translator, second_editor):
    first = latest_content_revision(published)
    set_body(published, "The talks began at one.[1]", user=second_editor)
    second = latest_content_revision(published)
    client.force_login(translator)

    rows = client.get(history_url(published)).context["rows"]

    [newest] = [row for row in rows if row["revision"] == second]
    assert newest["compare_url"] == (
        reverse("admin:archive_document_review", args=[published.pk]) + f"?old={first.pk}&new={second.pk}"
    )
    page = client.get(newest["compare_url"])
    assert "<del>noon</del><ins>one</ins>" in page.content.decode()
    workflow_rows = [row for row in rows if not row["changes_content"]]
    assert workflow_rows and all(row["compare_url"] == "" for row in workflow_rows)


def test_an_editor_reverts_to_an_earlier_revision_as_a_new_revision(client, published, editor, second_editor):
    first = latest_content_revision(published)
    set_body(published, "A bad rewrite.[1]", user=second_editor)
    client.force_login(editor)
    page = client.get(history_url(published))
    assert f'value="{first.pk}"' in page.content.decode()  # its revert form
    revisions_before = revisions_of(published).count()

    response = client.post(revert_url(published), {"revision": first.pk, "comment": "Undo the rewrite."})

    assert response.status_code == 302 and response.url == history_url(published)
    assert published.texts.get(kind=Text.Kind.TRANSLATION).body == "The talks began at noon.[1]"
    assert revisions_of(published).count() == revisions_before + 1
    entry = AuditEntry.objects.filter(document=published).latest("pk")
    assert (entry.action, entry.comment) == ("revert", "Undo the rewrite.")
    assert messages_of(response)[0].startswith(f"Reverted to revision {first.pk} by tanya")


def test_the_current_content_has_no_revert_button(client, published, editor):
    client.force_login(editor)
    html = client.get(history_url(published)).content.decode()
    assert "Revert to" not in html  # the only content revision is the current one


def test_reverting_to_a_revision_of_another_record_is_refused(client, published, translator, editor):
    other = record_in_state(Status.DRAFT, translator=translator, editor=editor)
    client.force_login(editor)

    response = client.post(revert_url(published), {"revision": latest_content_revision(other).pk})

    assert messages_of(response) == ["Choose a revision of this record to revert to."]


def test_a_translator_sees_the_history_of_their_record_but_cannot_revert(client, published, translator):
    client.force_login(translator)
    page = client.get(history_url(published))
    assert page.status_code == 200 and not page.context["can_revert"]
    first = latest_content_revision(published)
    assert client.post(revert_url(published), {"revision": first.pk}).status_code == 403


def test_a_withdrawn_record_cannot_be_reverted(client, translator, editor):
    withdrawn = record_in_state(Status.WITHDRAWN, translator=translator, editor=editor)
    client.force_login(editor)
    assert not client.get(history_url(withdrawn)).context["can_revert"]
    response = client.post(revert_url(withdrawn), {"revision": latest_content_revision(withdrawn).pk})
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("translator", 200),
        ("other_translator", 404),
        ("editor", 200),
        ("administrator", 200),
        ("outsider", 302),
    ],
)
def test_who_may_see_the_history(client, request, published, persona, expected):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(history_url(published)).status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("translator", 403), ("other_translator", 404), ("second_editor", 302), ("outsider", 302)],
)
def test_who_may_revert(client, request, published, editor, persona, expected):
    first = latest_content_revision(published)
    set_body(published, "Rewritten.[1]", user=editor)
    client.force_login(request.getfixturevalue(persona))
    response = client.post(revert_url(published), {"revision": first.pk})
    assert response.status_code == expected
    reverted = published.texts.get(kind=Text.Kind.TRANSLATION).body == "The talks began at noon.[1]"
    assert reverted == (persona == "second_editor")


def test_revert_is_posted_not_fetched(client, published, editor):
    client.force_login(editor)
    assert client.get(revert_url(published)).status_code == 405


def test_a_revert_of_a_submitted_record_keeps_it_in_review(client, translator, editor, second_editor):
    document = record_in_state(Status.IN_REVIEW, translator=translator, editor=editor)
    first = latest_content_revision(document)
    set_body(document, "Changed in review.[1]", user=second_editor)
    client.force_login(editor)

    client.post(revert_url(document), {"revision": first.pk})

    document.refresh_from_db()
    assert document.status == Status.IN_REVIEW
    assert document.texts.get(kind=Text.Kind.TRANSLATION).body == "The talks began at noon.[1]"
