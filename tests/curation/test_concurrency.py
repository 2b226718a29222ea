"""Two people acting on one record at the same moment: the row lock makes them take turns.

Only PostgreSQL runs these: SQLite has no row locks (it locks the whole database for each write, and
Django's select_for_update is a no-op there), and its in-memory test database is not shared between
threads.
"""

import datetime as dt
import threading
import time

import pytest
from django.db import connection
from django.utils import timezone

from archive.models import Document, PublishedVersion
from curation import actions, snapshot
from curation.history import latest_revision
from curation.models import ScheduledPublication

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    # The test empties every table when it ends; the role groups come back through post_migrate.
    pytest.mark.django_db(transaction=True),
]
Status = Document.Status


def run_at_once(*calls) -> list[str]:
    """Start every call at the same moment, each in its own thread and connection; their outcomes."""
    barrier, outcomes = threading.Barrier(len(calls)), []

    def run(call):
        try:
            barrier.wait()
            call()
            outcomes.append("done")
        except Exception as error:  # reported, not raised: a thread's exception would be lost
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


@pytest.fixture
def slow_snapshots(monkeypatch):
    """Hold the lock a little longer while publishing, so that the two really overlap."""

    def slow_build(revision, document):
        time.sleep(0.3)
        return snapshot.build_payload(revision, document)

    monkeypatch.setattr(actions, "build_payload", slow_build)


def test_two_editors_approving_at_once_publish_exactly_one_version(
    record_in, editor, second_editor, slow_snapshots
):
    document = record_in(Status.IN_REVIEW)
    revision = latest_revision(document)

    def approve_as(actor):
        return lambda: actions.approve_revision(
            Document.objects.get(pk=document.pk), revision=revision, actor=actor
        )

    outcomes = run_at_once(approve_as(editor), approve_as(second_editor))

    assert outcomes == ["TransitionNotAllowed", "done"]
    assert PublishedVersion.objects.filter(document=document).count() == 1
    document.refresh_from_db()
    assert document.status == Status.PUBLISHED


def test_two_publish_scheduled_runs_at_once_publish_once(record_in, editor, slow_snapshots):
    document = record_in(Status.IN_REVIEW)
    go_live = timezone.now() + dt.timedelta(hours=1)
    schedule = actions.approve_revision(
        document, revision=latest_revision(document), actor=editor, publish_at=go_live
    )
    ScheduledPublication.objects.filter(pk=schedule.pk).update(publish_at=timezone.now())

    outcomes = run_at_once(actions.publish_due, actions.publish_due)

    assert outcomes == ["done", "done"]
    assert PublishedVersion.objects.filter(document=document).count() == 1
    schedule.refresh_from_db()
    assert schedule.state == ScheduledPublication.State.PUBLISHED
