"""Many people acting on one record at the same moment, through the curation API and the admin.

Twenty requests at once, each in its own thread and database connection (so on PostgreSQL only:
SQLite has no row locks and its test database is not shared between threads): every request gets
one clear answer, at most one approval and exactly one withdrawal win, and every revision that a
successful request made is in the history with its audit entry. Nothing half-done is left behind.
"""

import threading
import time
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient
from reversion.models import Version

from archive.models import Document, PublishedVersion
from curation import actions, snapshot
from curation.history import latest_revision
from curation.models import AuditEntry
from tests.curation.records import make_record, save_revision
from tests.curation.test_admin_forms import open_change_form

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]
Status = Document.Status
API = "/api/v1/curation/documents"
# The answers a workflow request may get: done, refused by state or staleness, or not allowed.
CLEAR_ANSWERS = {200, 403, 409, 412}


@pytest.fixture(autouse=True)
def _fast_hashing_no_throttles(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}


@pytest.fixture
def in_review_again(translator, editor, second_editor):
    """Version 1 is public; the editor has edited it since and submitted the edit for review."""
    document = make_record(Status.PUBLISHED, translator=translator, editor=second_editor)
    save_revision(document, user=editor, comment="Corrected the date.", date="1962-05-22")
    actions.submit_for_review(document, actor=editor)
    return document


def at_once(calls: list) -> list:
    """Run every call at the same moment, each in its own thread (and so its own connection)."""
    barrier, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # kept, not raised: a thread's exception would be lost
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a request hung"
    return results


def api_as(user) -> APIClient:
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(user)
    return client


def test_twenty_approvals_edits_and_withdrawals_at_once_each_get_one_clear_answer(
    in_review_again, editor, second_editor, administrator
):
    document = in_review_again
    url = f"{API}/{document.pk}"
    approved = latest_revision(document)
    etag = f'"{latest_revision(document).pk}"'
    revisions_before = Version.objects.get_for_object(document).count()
    audit_before = AuditEntry.objects.filter(document=document).count()

    def approve(user):
        body = {"revision": approved.pk, "note": "Corrected the date."}
        return ("approve", lambda: api_as(user).post(f"{url}/approve/", body, format="json"))

    def edit(number):
        body = {"summary": f"Summary written by request {number}.", "comment": f"Edit {number}."}
        return (
            f"edit {number}",
            lambda: api_as(editor).patch(f"{url}/", body, format="json", HTTP_IF_MATCH=etag),
        )

    def withdraw(user):
        return (
            "withdraw",
            lambda: api_as(user).post(f"{url}/withdraw/", {"reason": "Duplicate."}, format="json"),
        )

    requests = [
        *(approve(user) for user in [second_editor, administrator] * 4),
        *(edit(number) for number in range(6)),
        *(withdraw(user) for user in [editor, second_editor, administrator] * 2),
    ]
    assert len(requests) == 20
    answers = at_once([call for _name, call in requests])

    outcomes = Counter()
    for (name, _call), answer in zip(requests, answers, strict=True):
        assert not isinstance(answer, Exception), f"{name} raised {answer!r}"
        assert answer.status_code in CLEAR_ANSWERS, f"{name}: {answer.status_code} {answer.content[:300]}"
        outcomes[(name.split()[0], answer.status_code)] += 1
    wins = {kind: outcomes[(kind, 200)] for kind in ("approve", "edit", "withdraw")}

    assert wins["withdraw"] == 1
    assert wins["approve"] <= 1
    assert wins["edit"] <= 1
    document.refresh_from_db()
    assert document.status == Status.WITHDRAWN
    assert document.current_version is None
    numbers = sorted(PublishedVersion.objects.filter(document=document).values_list("number", flat=True))
    assert numbers == [1, 2][: 1 + wins["approve"]]
    assert not PublishedVersion.objects.filter(document=document, is_current=True).exists()
    # No lost revision: one revision and one audit entry for every request that succeeded.
    assert Version.objects.get_for_object(document).count() == revisions_before + sum(wins.values())
    assert AuditEntry.objects.filter(document=document).count() == audit_before + sum(wins.values())
    winner = next(
        (
            name
            for (name, _call), answer in zip(requests, answers, strict=True)
            if name.startswith("edit") and answer.status_code == 200
        ),
        None,
    )
    if winner is not None:
        assert document.summary == f"Summary written by request {winner.split()[1]}."


def test_an_admin_save_waiting_for_an_approval_does_not_undo_it(
    in_review_again, editor, second_editor, monkeypatch
):
    """The editor opens the form and saves while another editor's approval holds the record's lock.

    The save waits for the lock, then reopens the record as a draft; the version just published stays
    the live one, and the record's pointer still names it.
    """
    document = in_review_again
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    form = open_change_form(client, document)
    form.fill("", summary="Edited while the approval was running.")

    def slow_build(revision, locked):
        time.sleep(0.6)
        return snapshot.build_payload(revision, locked)

    monkeypatch.setattr(actions, "build_payload", slow_build)
    approved = latest_revision(document)

    def approve():
        return actions.approve_revision(
            Document.objects.get(pk=document.pk), revision=approved, actor=second_editor, note="Date."
        )

    def save_after_the_approval_started():
        time.sleep(0.2)
        return form.post(client)

    version, response = at_once([approve, save_after_the_approval_started])

    assert isinstance(version, PublishedVersion), version
    assert response.status_code == 302, response.content[:500]
    document.refresh_from_db()
    live = PublishedVersion.objects.get(document=document, is_current=True)
    assert live == version
    assert document.current_version == live
    assert document.status == Status.DRAFT
    assert document.summary == "Edited while the approval was running."
