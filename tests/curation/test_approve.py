"""approve_revision: an editor approves exactly one revision, which becomes the next public version."""

import datetime as dt

import pytest
from django.utils import timezone

from archive.models import Document, PublishedVersion
from curation import actions
from curation.exceptions import CommentRequired, InvalidRevision, SelfApproval, StaleRevision
from curation.history import describe_revision, latest_revision
from curation.models import AuditEntry, ScheduledPublication
from tests.curation.records import save_revision

pytestmark = pytest.mark.django_db
Status = Document.Status


def test_approval_publishes_version_1_of_the_named_revision(record_in, editor):
    document = record_in(Status.IN_REVIEW)
    approved = latest_revision(document)

    version = actions.approve_revision(document, revision=approved, actor=editor)

    assert isinstance(version, PublishedVersion)
    assert (version.number, version.revision, version.approved_by) == (1, approved, editor)
    assert version.is_current
    assert version.approved_at <= version.published_at
    assert version.payload["revision_id"] == approved.pk
    assert document.status == Status.PUBLISHED
    assert document.current_version == version
    entry = AuditEntry.objects.filter(document=document).latest("pk")
    assert (entry.action, entry.from_state, entry.to_state) == ("publish", "in_review", "published")
    assert entry.revision.comment == f"Published revision {approved.pk} as version 1"


def test_versions_are_numbered_1_2_3_and_only_the_newest_is_current(
    record_in, translator, editor, second_editor
):
    document = record_in(Status.PUBLISHED)
    for number, title in ((2, "Second title"), (3, "Third title")):
        save_revision(document, user=second_editor, title=title)
        actions.submit_for_review(document, actor=translator)
        actions.approve_revision(
            document, revision=latest_revision(document), actor=editor, note=f"Retitled as {title}."
        )
        assert document.current_version.number == number

    versions = list(PublishedVersion.objects.of(document))
    assert [version.number for version in versions] == [3, 2, 1]
    assert [version.is_current for version in versions] == [True, False, False]
    assert [version.title for version in versions][:2] == ["Third title", "Second title"]
    assert versions[0].change_note == "Retitled as Third title."


def test_a_change_note_is_required_from_version_2(record_in, translator, editor, second_editor):
    document = record_in(Status.PUBLISHED)
    save_revision(document, user=second_editor, title="Corrected title")
    actions.submit_for_review(document, actor=translator)

    with pytest.raises(CommentRequired, match="Version 1 is public; write a change note"):
        actions.approve_revision(document, revision=latest_revision(document), actor=editor, note="  ")

    document.refresh_from_db()
    assert document.status == Status.IN_REVIEW
    assert document.published_versions.count() == 1


def test_a_stale_approval_is_refused_and_names_the_later_revision(record_in, editor, second_editor):
    document = record_in(Status.IN_REVIEW)
    reviewed = latest_revision(document)
    later = save_revision(document, user=second_editor, summary="Changed while in review.")

    with pytest.raises(StaleRevision) as refused:
        actions.approve_revision(document, revision=reviewed, actor=editor)

    assert str(refused.value) == (
        f"This record changed after revision {reviewed.pk} ({describe_revision(later)}); "
        "review the latest revision before approving."
    )
    assert f"revision {later.pk} by emil, " in str(refused.value)
    assert not document.published_versions.exists()
    document.refresh_from_db()
    assert document.status == Status.IN_REVIEW


def test_a_later_workflow_only_revision_does_not_make_the_approval_stale(record_in, editor, second_editor):
    document = record_in(Status.IN_REVIEW)
    reviewed = latest_revision(document)
    actions.assign(document, actor=editor, reviewer=second_editor)
    assert latest_revision(document) != reviewed

    version = actions.approve_revision(document, revision=reviewed, actor=second_editor)

    assert version.revision == reviewed


def test_approving_the_last_content_revision_rather_than_the_submission_is_fine(
    record_in, translator, editor
):
    document = record_in(Status.DRAFT)
    edited = save_revision(document, user=translator, summary="Final wording.")
    actions.submit_for_review(document, actor=translator)

    version = actions.approve_revision(document, revision=edited, actor=editor)

    assert version.payload["summary"] == "Final wording."


def test_four_eyes_an_editor_may_not_approve_content_they_wrote(record_in, editor, second_editor):
    document = record_in(Status.IN_REVIEW)
    own = save_revision(document, user=editor, summary="The editor's own wording.")

    with pytest.raises(SelfApproval) as refused:
        actions.approve_revision(document, revision=own, actor=editor)

    assert str(refused.value) == (
        f"You wrote {describe_revision(own)}, which this approval would publish; another editor must approve it."
    )
    assert actions.approve_revision(document, revision=own, actor=second_editor).number == 1


def test_four_eyes_counts_every_edit_since_the_last_publication(record_in, translator, editor, second_editor):
    """The editor's edit is approved content even when the translator saved after it."""
    document = record_in(Status.DRAFT)
    save_revision(document, user=editor, summary="The editor's wording.")
    last = save_revision(document, user=translator, title="The translator's title")
    actions.submit_for_review(document, actor=translator)

    with pytest.raises(SelfApproval):
        actions.approve_revision(document, revision=last, actor=editor)
    assert actions.approve_revision(document, revision=last, actor=second_editor).number == 1


def test_four_eyes_forgets_edits_already_published(record_in, translator, editor, second_editor):
    document = record_in(Status.DRAFT)
    save_revision(document, user=editor, summary="The editor's wording.")
    actions.submit_for_review(document, actor=translator)
    actions.approve_revision(document, revision=latest_revision(document), actor=second_editor)
    save_revision(document, user=second_editor, title="A later correction")
    actions.submit_for_review(document, actor=translator)

    version = actions.approve_revision(
        document, revision=latest_revision(document), actor=editor, note="Title."
    )

    assert version.number == 2


def test_four_eyes_can_be_switched_off_for_a_one_person_archive(settings, record_in, editor):
    settings.ARCHIVE_REQUIRE_FOUR_EYES = False
    document = record_in(Status.IN_REVIEW)
    own = save_revision(document, user=editor, summary="Done alone.")

    assert actions.approve_revision(document, revision=own, actor=editor).number == 1


def test_a_revision_of_another_record_is_refused(record_in, editor):
    document = record_in(Status.IN_REVIEW)
    other = record_in(Status.IN_REVIEW)

    with pytest.raises(InvalidRevision, match="is not a revision of this record"):
        actions.approve_revision(document, revision=latest_revision(other), actor=editor)


def test_approval_with_a_future_go_live_time_schedules_instead(record_in, editor):
    document = record_in(Status.IN_REVIEW)
    go_live = timezone.now() + dt.timedelta(days=2)

    schedule = actions.approve_revision(
        document, revision=latest_revision(document), actor=editor, publish_at=go_live
    )

    assert isinstance(schedule, ScheduledPublication)
    assert (schedule.state, schedule.publish_at, schedule.approved_by) == ("pending", go_live, editor)
    assert document.status == Status.IN_REVIEW
    assert document.current_version is None
    assert not PublishedVersion.objects.filter(document=document).exists()
    assert AuditEntry.objects.filter(document=document).latest("pk").action == AuditEntry.Action.SCHEDULE


def test_a_go_live_time_in_the_past_publishes_now(record_in, editor):
    document = record_in(Status.IN_REVIEW)
    past = timezone.now() - dt.timedelta(minutes=1)

    result = actions.approve_revision(
        document, revision=latest_revision(document), actor=editor, publish_at=past
    )

    assert isinstance(result, PublishedVersion)


def test_a_second_approval_supersedes_a_pending_schedule(record_in, editor, second_editor):
    document = record_in(Status.IN_REVIEW)
    revision = latest_revision(document)
    first = actions.approve_revision(
        document, revision=revision, actor=editor, publish_at=timezone.now() + dt.timedelta(days=5)
    )

    actions.approve_revision(document, revision=revision, actor=second_editor)

    first.refresh_from_db()
    assert first.state == ScheduledPublication.State.CANCELLED
    assert first.cancel_reason == "Superseded by a later approval."


def test_nothing_edited_after_approval_reaches_the_public(record_in, second_editor):
    document = record_in(Status.PUBLISHED)
    version_1 = document.current_version

    save_revision(document, user=second_editor, title="Changed after approval")

    document.refresh_from_db()
    assert document.status == Status.DRAFT
    assert document.current_version == version_1
    assert PublishedVersion.objects.current().get(document=document).title != "Changed after approval"
