"""The review queue and the review page: comparisons, requesting changes, approving, and who may do what."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from archive.models import Document, PublishedVersion, Text
from curation import actions
from curation.history import latest_content_revision, latest_revision
from curation.models import AuditEntry, ScheduledPublication
from tests.factories import record_in_state, record_revision

pytestmark = pytest.mark.django_db

Status = Document.Status
QUEUE_URL = reverse("admin:archive_document_review_queue")


def review_url(document: Document, **query) -> str:
    url = reverse("admin:archive_document_review", args=[document.pk])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def approve_url(document: Document) -> str:
    return reverse("admin:archive_document_approve", args=[document.pk])


def request_changes_url(document: Document) -> str:
    return reverse("admin:archive_document_request_changes", args=[document.pk])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def in_review(translator, editor):
    return record_in_state(Status.IN_REVIEW, translator=translator, editor=editor)


def edit_translation(document: Document, body: str, *, user) -> None:
    text = document.texts.get(kind=Text.Kind.TRANSLATION)
    text.body = body
    text.save()
    record_revision(document, user=user, comment="Edited the translation.")


# --- The queue ------------------------------------------------------------------------------------------


def test_queue_lists_records_in_review_oldest_submission_first(client, translator, editor):
    first = record_in_state(Status.IN_REVIEW, translator=translator, editor=editor, title="First in")
    second = record_in_state(Status.IN_REVIEW, translator=translator, editor=editor, title="Second in")
    record_in_state(Status.DRAFT, translator=translator, editor=editor, title="Still a draft")
    client.force_login(editor)

    response = client.get(QUEUE_URL)

    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row["document"] for row in rows] == [first, second]
    assert rows[0]["translator"] == translator
    assert rows[0]["languages"] == ["Russian", "English"]
    assert rows[0]["size"].inserted_words > 0
    html = response.content.decode()
    assert "Still a draft" not in html and "Tanya Translator" in html


def test_queue_shows_the_size_of_the_change_against_the_published_version(
    client, translator, editor, second_editor
):
    document = record_in_state(Status.PUBLISHED, translator=translator, editor=editor)
    edit_translation(document, "The talks began at one o'clock sharp.[1]", user=second_editor)
    actions.submit_for_review(document, actor=second_editor)
    client.force_login(editor)

    [row] = client.get(QUEUE_URL).context["rows"]

    assert (row["size"].inserted_words, row["size"].deleted_words) == (4, 1)
    assert "+4" in client.get(QUEUE_URL).content.decode()


def test_an_empty_queue_says_so(client, editor):
    client.force_login(editor)
    assert "Nothing is waiting for review." in client.get(QUEUE_URL).content.decode()


# --- The review page ------------------------------------------------------------------------------------


def test_review_page_compares_the_submission_with_the_published_version(
    client, translator, editor, second_editor
):
    document = record_in_state(Status.PUBLISHED, translator=translator, editor=editor)
    edit_translation(document, "The talks began at one.[1]", user=second_editor)
    actions.submit_for_review(document, actor=second_editor)
    client.force_login(editor)

    response = client.get(review_url(document))

    assert response.status_code == 200
    assert response.context["old"].key == "v1"
    assert response.context["new"].revision == latest_content_revision(document)
    html = response.content.decode()
    assert "<del>noon</del><ins>one</ins>" in html
    assert "Approve as version 2" in html
    assert "(required)" in html  # a change note, from version 2 on


def test_a_never_published_record_compares_with_the_previous_submission(client, translator, editor):
    document = record_in_state(Status.CHANGES_REQUESTED, translator=translator, editor=editor)
    first_submission = AuditEntry.objects.get(document=document, action=AuditEntry.Action.SUBMIT).revision
    edit_translation(document, "The talks began at noon sharp.[1]", user=translator)
    actions.submit_for_review(document, actor=translator)
    client.force_login(editor)

    response = client.get(review_url(document))

    assert response.context["old"].revision == first_submission
    assert "noon<ins> sharp</ins>.[1]" in response.content.decode()


def test_a_first_submission_shows_everything_as_added(client, in_review, editor):
    client.force_login(editor)
    response = client.get(review_url(in_review))
    assert response.context["old"].key == ""
    assert [text.status for text in response.context["diff"].texts] == ["added"]


def test_any_two_revisions_can_be_compared(client, in_review, translator, editor):
    first = latest_content_revision(in_review)
    client.force_login(editor)
    response = client.get(review_url(in_review, old=first.pk, new=first.pk))
    assert response.context["old"].revision == first
    assert not response.context["diff"].changed
    assert "No differences." in response.content.decode()


def test_an_unknown_revision_is_refused_with_a_message_not_an_error(client, in_review, editor, translator):
    other = record_in_state(Status.DRAFT, translator=translator, editor=editor)
    foreign = latest_revision(other)
    client.force_login(editor)

    response = client.get(review_url(in_review, old=foreign.pk, new="v7"))

    assert response.status_code == 200
    assert messages_of(response) == [
        f"“{foreign.pk}” is not a revision of this record. Showing the usual comparison instead.",
        "This record has no published version 7. Showing the usual comparison instead.",
    ]


def test_review_page_shows_footnote_diffs_and_the_texts_side_by_side(client, translator, editor):
    document = record_in_state(Status.DRAFT, translator=translator, editor=editor)
    original = Text.objects.create(
        document=document, kind=Text.Kind.ORIGINAL, language="ru", body="Встреча.[1]"
    )
    original.footnotes.create(number=1, body="Примечание.")
    note = document.texts.get(kind=Text.Kind.TRANSLATION).footnotes.get()
    note.body = "Literally, 'at the stroke of twelve'."
    note.save()
    record_revision(document, user=translator)
    client.force_login(translator)

    response = client.get(review_url(document))

    html = response.content.decode()
    assert [column["label"] for column in response.context["columns"]] == [
        "Original (Russian)",
        "Translation (English)",
    ]
    assert 'lang="ru"' in html and "Встреча." in html
    assert "<ins>Примечание.</ins>" in html


def test_the_translator_sees_the_comparison_but_not_the_decision(client, in_review, translator):
    client.force_login(translator)
    response = client.get(review_url(in_review))
    assert response.status_code == 200
    assert response.context["decision"] is None
    assert "Approve and publish" not in response.content.decode()


def test_comparing_older_revisions_offers_the_decision_only_on_the_latest(client, in_review, editor):
    first = latest_content_revision(in_review)
    client.force_login(editor)
    response = client.get(review_url(in_review, old="", new=first.pk))
    assert response.context["decision"]["request_changes"]  # `first` is still the latest content
    edit_translation(in_review, "Changed meanwhile.[1]", user=editor)
    response = client.get(review_url(in_review, old="", new=first.pk))
    assert response.context["decision"] == {"elsewhere": review_url(in_review)}


# --- Request changes -------------------------------------------------------------------------------------


def test_requesting_changes_returns_the_record_with_the_comment(client, in_review, editor):
    client.force_login(editor)

    response = client.post(request_changes_url(in_review), {"comment": "Check the date, please."})

    assert response.status_code == 302 and response.url == QUEUE_URL
    in_review.refresh_from_db()
    assert in_review.status == Status.CHANGES_REQUESTED
    entry = AuditEntry.objects.filter(document=in_review).latest("pk")
    assert (entry.action, entry.comment, entry.actor) == (
        "request_changes",
        "Check the date, please.",
        editor,
    )


def test_requesting_changes_without_a_comment_shows_the_actions_message(client, in_review, editor):
    client.force_login(editor)

    response = client.post(request_changes_url(in_review), {"comment": "   "})

    assert response.status_code == 400
    form = response.context["decision"]["request_changes"]
    assert form.errors["comment"] == ["Say what needs to change; the translator sees this comment."]
    assert "Say what needs to change; the translator sees this comment." in response.content.decode()
    in_review.refresh_from_db()
    assert in_review.status == Status.IN_REVIEW


def test_requesting_changes_on_a_draft_is_refused_with_the_state(client, translator, editor):
    draft = record_in_state(Status.DRAFT, translator=translator, editor=editor)
    client.force_login(editor)
    response = client.post(request_changes_url(draft), {"comment": "Why?"})
    assert response.status_code == 400
    assert messages_of(response) == [
        "This record is draft; requesting changes is possible only when it is in review."
    ]


# --- Approve ------------------------------------------------------------------------------------------------


def test_approving_publishes_exactly_the_reviewed_revision_as_version_1(client, in_review, editor):
    revision = latest_content_revision(in_review)
    client.force_login(editor)

    response = client.post(approve_url(in_review), {"revision": revision.pk, "note": ""})

    assert response.status_code == 302
    version = PublishedVersion.objects.get(document=in_review)
    assert (version.number, version.revision, version.approved_by) == (1, revision, editor)
    assert messages_of(response) == [f"Approved: “{in_review.title}” is public as version 1."]


def test_version_2_needs_a_change_note(client, translator, editor, second_editor):
    document = record_in_state(Status.PUBLISHED, translator=translator, editor=editor)
    edit_translation(document, "The talks began at one.[1]", user=second_editor)
    actions.submit_for_review(document, actor=second_editor)
    client.force_login(editor)
    revision = latest_content_revision(document)

    refused = client.post(approve_url(document), {"revision": revision.pk, "note": ""})

    assert refused.status_code == 400
    assert refused.context["decision"]["approve"].errors["note"] == [
        "Version 1 is public; write a change note saying what this version changes."
    ]
    accepted = client.post(approve_url(document), {"revision": revision.pk, "note": "Corrected the time."})
    assert accepted.status_code == 302
    assert document.published_versions.get(is_current=True).change_note == "Corrected the time."


def test_a_stale_approval_is_refused_with_the_later_revision_named(client, in_review, editor, second_editor):
    reviewed = latest_content_revision(in_review)
    client.force_login(editor)
    page = client.get(review_url(in_review))
    assert page.context["decision"]["approve"].initial["revision"] == str(reviewed.pk)
    edit_translation(in_review, "Changed after the page was opened.[1]", user=second_editor)

    response = client.post(approve_url(in_review), {"revision": reviewed.pk, "note": ""})

    assert response.status_code == 400
    approve = response.context["decision"]["approve"]
    [error] = approve.non_field_errors()
    assert error.startswith(f"This record changed after revision {reviewed.pk} (revision ")
    assert not PublishedVersion.objects.filter(document=in_review).exists()
    # The page now shows the newer revision, and approving again approves that one.
    newer = latest_content_revision(in_review)
    assert response.context["new"].revision == newer
    assert approve["revision"].value() == str(newer.pk)
    assert "<ins>Changed after the page was opened" in response.content.decode()


def test_the_four_eyes_rule_is_shown(client, translator, editor):
    document = record_in_state(Status.DRAFT, translator=translator, editor=editor)
    edit_translation(document, "An editor's own words.[1]", user=editor)
    actions.submit_for_review(document, actor=editor)
    client.force_login(editor)

    response = client.post(approve_url(document), {"revision": latest_content_revision(document).pk})

    assert response.status_code == 400
    [error] = response.context["decision"]["approve"].non_field_errors()
    assert error.startswith("You wrote revision ") and error.endswith("another editor must approve it.")


def test_approving_a_revision_of_another_record_is_refused(client, in_review, translator, editor):
    other = record_in_state(Status.DRAFT, translator=translator, editor=editor)
    client.force_login(editor)
    response = client.post(approve_url(in_review), {"revision": latest_revision(other).pk})
    assert response.status_code == 400
    assert response.context["decision"]["approve"].non_field_errors() == [
        f"Revision {latest_revision(other).pk} is not a revision of this record."
    ]


def test_approving_with_a_go_live_time_schedules_it(client, in_review, editor):
    client.force_login(editor)
    when = timezone.localtime() + dt.timedelta(days=2)

    response = client.post(
        approve_url(in_review),
        {"revision": latest_content_revision(in_review).pk, "publish_at": when.strftime("%Y-%m-%dT%H:%M")},
    )

    assert response.status_code == 302
    schedule = ScheduledPublication.objects.get(document=in_review)
    assert schedule.publish_at == when.replace(second=0, microsecond=0)
    assert not PublishedVersion.objects.filter(document=in_review).exists()
    assert messages_of(response)[0].startswith(f"Approved: “{in_review.title}” goes live at ")


def test_a_go_live_time_that_is_not_a_time_is_refused(client, in_review, editor):
    client.force_login(editor)
    response = client.post(
        approve_url(in_review), {"revision": latest_content_revision(in_review).pk, "publish_at": "soon"}
    )
    assert response.status_code == 400
    assert response.context["decision"]["approve"].errors["publish_at"] == ["Enter a valid date/time."]


# --- Who may do what -------------------------------------------------------------------------------------

PERSONAS = ["translator", "other_translator", "editor", "administrator", "outsider"]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("translator", 403),
        ("other_translator", 403),
        ("editor", 200),
        ("administrator", 200),
        ("outsider", 302),
    ],
)
def test_who_may_see_the_queue(client, request, persona, expected):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(QUEUE_URL).status_code == expected


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
def test_who_may_see_the_review_page(client, request, in_review, persona, expected):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(review_url(in_review)).status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("translator", 403), ("other_translator", 404), ("second_editor", 302), ("outsider", 302)],
)
def test_who_may_request_changes(client, request, in_review, persona, expected):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(request_changes_url(in_review), {"comment": "Please check."})
    assert response.status_code == expected
    in_review.refresh_from_db()
    changed = persona == "second_editor"
    assert in_review.status == (Status.CHANGES_REQUESTED if changed else Status.IN_REVIEW)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("translator", 403), ("other_translator", 404), ("second_editor", 302), ("outsider", 302)],
)
def test_who_may_approve(client, request, in_review, persona, expected):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(approve_url(in_review), {"revision": latest_content_revision(in_review).pk})
    assert response.status_code == expected
    assert PublishedVersion.objects.filter(document=in_review).exists() == (persona == "second_editor")


@pytest.mark.parametrize("url_name", ["archive_document_approve", "archive_document_request_changes"])
def test_decisions_are_posted_not_fetched(client, in_review, editor, url_name):
    client.force_login(editor)
    assert client.get(reverse(f"admin:{url_name}", args=[in_review.pk])).status_code == 405
