"""Scheduled publishing: publish_due() and `manage.py publish_scheduled`."""

import datetime as dt
from io import StringIO

import pytest
import reversion
from django.core.management import call_command
from django.utils import timezone

from archive.models import Document
from curation import actions
from curation.history import latest_revision
from curation.models import ScheduledPublication
from tests.curation.records import save_revision

pytestmark = pytest.mark.django_db
Status = Document.Status


@pytest.fixture
def scheduled(record_in, editor):
    """A record in review, approved to go live in an hour."""
    document = record_in(Status.IN_REVIEW)
    go_live = timezone.now() + dt.timedelta(hours=1)
    schedule = actions.approve_revision(
        document, revision=latest_revision(document), actor=editor, publish_at=go_live
    )
    return document, schedule


def test_nothing_is_published_before_its_time(scheduled):
    document, _schedule = scheduled

    assert actions.publish_due() == []

    document.refresh_from_db()
    assert document.status == Status.IN_REVIEW
    assert document.current_version is None


def test_a_due_approval_is_published_once(scheduled, editor):
    document, schedule = scheduled
    later = schedule.publish_at + dt.timedelta(minutes=1)

    closed = actions.publish_due(later)

    assert closed == [schedule]
    schedule.refresh_from_db()
    document.refresh_from_db()
    assert schedule.state == ScheduledPublication.State.PUBLISHED
    assert document.status == Status.PUBLISHED
    version = document.current_version
    assert schedule.published_version == version
    assert (version.number, version.revision, version.approved_by) == (1, schedule.revision, editor)
    assert version.approved_at == schedule.approved_at
    assert actions.publish_due(later) == []
    assert document.published_versions.count() == 1


def test_an_approval_whose_record_changed_unseen_is_cancelled_not_published(scheduled, editor):
    """A content revision made without record_edit (a script, say) still makes the approval stale."""
    document, schedule = scheduled
    with reversion.create_revision():
        document.summary = "Changed by a script."
        document.save()
        reversion.set_user(editor)

    closed = actions.publish_due(schedule.publish_at)

    assert [item.state for item in closed] == [ScheduledPublication.State.CANCELLED]
    assert "This record changed after revision" in closed[0].cancel_reason
    assert not document.published_versions.exists()


def test_an_edit_through_the_workroom_cancels_the_approval_at_once(scheduled, second_editor):
    document, schedule = scheduled

    save_revision(document, user=second_editor, summary="A late correction.")

    schedule.refresh_from_db()
    assert schedule.state == ScheduledPublication.State.CANCELLED
    assert schedule.cancel_reason == "The record was edited after the approval."


def test_the_command_reports_and_is_idempotent(scheduled):
    document, schedule = scheduled
    ScheduledPublication.objects.filter(pk=schedule.pk).update(
        publish_at=timezone.now() - dt.timedelta(seconds=1)
    )

    first, second = StringIO(), StringIO()
    call_command("publish_scheduled", stdout=first)
    call_command("publish_scheduled", stdout=second)

    assert f"Published document {document.pk} as version 1." in first.getvalue()
    assert "1 published, 0 cancelled." in first.getvalue()
    assert "0 published, 0 cancelled." in second.getvalue()
    assert document.published_versions.count() == 1
