"""No lost updates (issue 3, item 6): two people saving from the same revision never overwrite each other.

The change form carries the revision it was loaded from; a save based on an older one is refused with
who saved since, when, and a link to exactly what they changed, and the refused edits stay in the form.
The check runs under a row lock in the save's transaction, so two saves at the same moment cannot
both pass it (tested with two threads on PostgreSQL, where the lock is real).
"""

import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from archive.models import Document
from curation.admin import DocumentAdmin
from curation.history import latest_content_revision
from curation.models import AuditEntry
from tests.curation.test_admin_forms import messages_of, open_change_form
from tests.factories import record_in_state

Status = Document.Status


@pytest.fixture
def draft(translator, editor):
    return record_in_state(Status.DRAFT, translator=translator, editor=editor, title="A letter")


def two_forms(draft, first_user, second_user):
    first, second = Client(), Client()
    first.force_login(first_user)
    second.force_login(second_user)
    return (first, open_change_form(first, draft)), (second, open_change_form(second, draft))


@pytest.mark.django_db
def test_the_form_carries_the_revision_it_was_loaded_from(client, draft, translator):
    client.force_login(translator)
    form = open_change_form(client, draft)
    assert form["base_revision"] == str(latest_content_revision(draft).pk)


@pytest.mark.django_db
def test_the_second_save_from_the_same_revision_is_refused_and_both_edits_survive(draft, translator, editor):
    (first, first_form), (second, second_form) = two_forms(draft, editor, translator)
    base = second_form["base_revision"]
    first_form.fill("", title="The editor's title")
    assert first_form.post(first).status_code == 302
    saved = latest_content_revision(draft)

    second_form.fill("", summary="The translator's new summary.")
    second_form.fill("texts-0", body="The talks began at one.[1]")
    response = second_form.post(second)

    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.title == "The editor's title"  # the first edit is saved …
    assert draft.summary == "A conversation about the test ban."  # … and the second overwrote nothing
    assert latest_content_revision(draft) == saved
    html = response.content.decode()
    assert "Edith Editor saved this record at " in html  # who, and when
    # The refused edits are still in the form, to be reapplied.
    assert "The translator&#x27;s new summary." in html
    assert "The talks began at one.[1]" in html
    # A link to exactly what the other person changed.
    diff_url = reverse("admin:archive_document_review", args=[draft.pk]) + f"?old={base}&amp;new={saved.pk}"
    assert diff_url in html
    [message] = messages_of(response)
    assert message.startswith("Nothing was saved. Your changes are still in the form below.")


@pytest.mark.django_db
def test_the_diff_link_shows_the_other_persons_change(draft, translator, editor):
    (first, first_form), (second, second_form) = two_forms(draft, editor, translator)
    first_form.fill("", title="The editor's title")
    first_form.post(first)
    refused = second_form.post(second)

    [link] = [part for part in refused.content.decode().split('"') if "/review/?old=" in part]
    page = second.get(link.replace("&amp;", "&"))

    assert page.status_code == 200
    assert [change.name for change in page.context["diff"].metadata] == ["title"]
    assert "<del>Memorandum" in page.content.decode() or "<ins>The editor" in page.content.decode()


@pytest.mark.django_db
def test_after_reloading_the_second_person_can_reapply_their_edit(draft, translator, editor):
    (first, first_form), (second, second_form) = two_forms(draft, editor, translator)
    first_form.fill("", title="The editor's title")
    first_form.post(first)
    second_form.fill("", summary="The translator's new summary.")
    assert second_form.post(second).status_code == 200

    reloaded = open_change_form(second, draft)
    reloaded.fill("", summary="The translator's new summary.")
    assert reloaded.post(second).status_code == 302

    draft.refresh_from_db()
    assert (draft.title, draft.summary) == ("The editor's title", "The translator's new summary.")


@pytest.mark.django_db
def test_every_admin_save_is_accounted_for_by_the_workflow(client, translator, editor, second_editor):
    published = record_in_state(Status.PUBLISHED, translator=translator, editor=editor)
    client.force_login(second_editor)
    form = open_change_form(client, published)
    form.fill("", summary="A corrected summary.")

    assert form.post(client).status_code == 302

    published.refresh_from_db()
    entry = AuditEntry.objects.filter(document=published).latest("pk")
    assert (entry.action, entry.from_state, entry.to_state) == ("edit", "published", "draft")
    assert entry.revision == latest_content_revision(published)
    assert published.current_version.number == 1  # the public still sees version 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks; run with DATABASE_URL=postgres://… to test the lock",
)
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_cannot_both_pass(draft, translator, editor, monkeypatch):
    """The first save holds the record's row lock while the second arrives; the second waits, then sees
    the first one's revision and is refused."""
    (first, first_form), (second, second_form) = two_forms(draft, editor, translator)
    first_form.fill("", title="The editor's title")
    second_form.fill("", summary="The translator's summary.")
    first_is_saving, second_has_started = threading.Event(), threading.Event()
    save_model = DocumentAdmin.save_model

    def slow_first_save(admin, request, obj, form, change):
        if request.user == editor:
            first_is_saving.set()
            second_has_started.wait(10)
            time.sleep(0.5)  # the second request is now waiting for the row lock
        save_model(admin, request, obj, form, change)

    monkeypatch.setattr(DocumentAdmin, "save_model", slow_first_save)
    responses = {}

    def post(name, form, client, before=None):
        if before is not None:
            before.wait(10)
            second_has_started.set()
        try:
            responses[name] = form.post(client)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=post, args=("first", first_form, first)),
        threading.Thread(target=post, args=("second", second_form, second, first_is_saving)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert responses["first"].status_code == 302
    assert responses["second"].status_code == 200
    assert "Edith Editor saved this record at " in responses["second"].content.decode()
    draft.refresh_from_db()
    assert (draft.title, draft.summary) == ("The editor's title", "A conversation about the test ban.")
