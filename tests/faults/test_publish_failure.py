"""A failure midway through publishing leaves nothing half-done: no version, no new state, no mail.

Publishing writes a PublishedVersion, its facet links, the "current" flag, the record's pointer and
status, a revision and an audit entry, the search index, and sends mail after commit. A fault at any
of those steps must undo all of them. The tests commit for real (transaction=True), so a rollback is a
real one and on_commit mail really would go out.
"""

import pytest
from django.core import mail
from reversion.models import Revision

from archive.models import Document, PublishedVersion
from archive.search.models import SearchEntry, SearchFacet
from curation import actions
from curation.history import latest_revision
from curation.models import AuditEntry
from tests.curation.records import make_record, save_revision

pytestmark = pytest.mark.django_db(transaction=True)
Status = Document.Status


class InjectedFault(Exception):
    """Raised by a step of publishing that the test breaks on purpose."""


def fail(*args, **kwargs):
    raise InjectedFault


def everything_written(document: Document) -> dict:
    document.refresh_from_db()
    return {
        "status": document.status,
        "current_version": document.current_version_id,
        "versions": list(PublishedVersion.objects.filter(document=document).values_list("pk", "is_current")),
        "revisions": Revision.objects.count(),
        "audit": list(AuditEntry.objects.filter(document=document).values_list("pk", flat=True)),
        "search entries": SearchEntry.objects.count(),
        "search facets": SearchFacet.objects.count(),
    }


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize(
    ("target", "step"),
    [
        ("curation.actions.build_payload", "building the snapshot"),
        ("archive.models.PublishedVersion.link_facets", "linking the facets, after the version row"),
        (
            "archive.models.published.FrozenPublishedVersionQuerySet.move_current",
            "moving the live pointer, after the version and its links",
        ),
        ("curation.notifications.published", "queueing the notification, after every write"),
    ],
    ids=["snapshot", "facets", "pointer", "notification"],
)
def test_a_fault_anywhere_in_publishing_leaves_no_trace(
    monkeypatch, translator, editor, mailoutbox, target, step
):
    document = make_record(Status.IN_REVIEW, translator=translator, editor=editor)
    before = everything_written(document)
    mail.outbox.clear()
    monkeypatch.setattr(target, fail)

    with pytest.raises(InjectedFault):
        actions.approve_revision(document, revision=latest_revision(document), actor=editor)

    assert everything_written(document) == before, f"a fault while {step} left something behind"
    assert mail.outbox == []


def test_a_fault_publishing_version_two_keeps_version_one_live(
    monkeypatch, translator, editor, second_editor
):
    document = make_record(Status.PUBLISHED, translator=translator, editor=editor)
    first = PublishedVersion.objects.get(document=document)
    save_revision(document, user=editor, comment="Corrected the date.", date="1962-05-22")
    actions.submit_for_review(document, actor=editor)
    before = everything_written(document)
    monkeypatch.setattr("archive.models.PublishedVersion.link_facets", fail)

    with pytest.raises(InjectedFault):
        actions.approve_revision(
            document, revision=latest_revision(document), actor=second_editor, note="Corrected the date."
        )

    assert everything_written(document) == before
    first.refresh_from_db()
    assert first.is_current
    assert document.current_version == first


def test_after_the_fault_is_gone_publishing_works(monkeypatch, translator, editor):
    document = make_record(Status.IN_REVIEW, translator=translator, editor=editor)
    with monkeypatch.context() as patched:
        patched.setattr("curation.actions.build_payload", fail)
        with pytest.raises(InjectedFault):
            actions.approve_revision(document, revision=latest_revision(document), actor=editor)

    version = actions.approve_revision(document, revision=latest_revision(document), actor=editor)

    assert version.number == 1
    document.refresh_from_db()
    assert (document.status, document.current_version) == (Status.PUBLISHED, version)
