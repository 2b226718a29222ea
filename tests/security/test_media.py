"""Uploaded files: served only to those who may read the record, and never able to act as a page.

Files are checked by content when uploaded (archive.validation); config.media serves them with the
type found then, `nosniff`, and a sandboxing Content-Security-Policy.
"""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from archive.models import Attachment, Document
from archive.validation import validate_upload
from curation import actions
from tests.archive.document_records import attach, png_bytes
from tests.curation.records import make_record
from tests.factories import record_revision

pytestmark = pytest.mark.django_db
Status = Document.Status

# Begins like a PDF (so the upload check accepts it) and goes on as a web page with a script.
POLYGLOT = b"%PDF-1.4\n<html><body><script>document.title='pwned'</script></body></html>"


def with_attachment(state: str, *, translator, editor, content: bytes = POLYGLOT) -> tuple[Document, str]:
    """A record in `state` whose approved revision carries a PDF attachment; the file's URL."""
    document = make_record(Status.DRAFT, translator=translator, editor=editor)
    attachment = attach(
        document, kind="pdf", name="scan.pdf", content=content, content_type="application/pdf", caption="Scan"
    )
    revision = record_revision(document, user=translator, comment="Scan attached.")
    if state != Status.DRAFT:
        actions.submit_for_review(document, actor=translator)
    if state in (Status.PUBLISHED, Status.WITHDRAWN):
        actions.approve_revision(document, revision=revision, actor=editor)
    if state == Status.WITHDRAWN:
        actions.withdraw(document, actor=editor, reason="Duplicate.")
    return document, attachment.file.url


def as_user(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_a_published_file_is_served_as_what_its_content_proved_and_sandboxed(translator, editor):
    _document, url = with_attachment(Status.PUBLISHED, translator=translator, editor=editor)

    response = Client().get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy.split("; ")
    assert "default-src 'none'" in policy
    assert "script-src" not in policy
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content) == POLYGLOT


@pytest.mark.parametrize("state", [Status.DRAFT, Status.IN_REVIEW, Status.WITHDRAWN])
def test_an_unpublished_or_withdrawn_records_file_is_not_found_by_the_public(state, translator, editor):
    _document, url = with_attachment(state, translator=translator, editor=editor)

    assert Client().get(url).status_code == 404


def test_a_draft_file_is_served_to_its_translator_and_editors_only(
    translator, other_translator, editor, outsider
):
    _document, url = with_attachment(Status.DRAFT, translator=translator, editor=editor)

    assert as_user(translator).get(url).status_code == 200
    assert as_user(editor).get(url).status_code == 200
    assert as_user(other_translator).get(url).status_code == 404
    assert as_user(outsider).get(url).status_code == 404
    assert as_user(translator).get(url)["Cache-Control"] == "private, no-store"


def test_a_file_added_to_the_draft_after_publication_stays_private(translator, editor):
    document, _url = with_attachment(Status.PUBLISHED, translator=translator, editor=editor)
    later = attach(
        document, kind="image", name="page2.png", content=png_bytes(), content_type="image/png", caption="P2"
    )

    assert Client().get(later.file.url).status_code == 404
    assert as_user(translator).get(later.file.url).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/media/../config/settings.py",
        "/media/attachments/../../config/settings.py",
        "/media/data/latest.json",
        "/media/attachments/",
        "/media/attachments/1/%00.pdf",
    ],
)
def test_nothing_outside_the_attachments_is_reachable(client, path):
    assert client.get(path).status_code == 404


def test_a_file_without_a_recorded_type_is_only_ever_a_download(translator, editor):
    document = make_record(Status.DRAFT, translator=translator, editor=editor)
    legacy = Attachment.objects.create(
        document=document, kind="scan", file=SimpleUploadedFile("old.html", POLYGLOT), content_type=""
    )

    response = as_user(editor).get(legacy.file.url)

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="old.html"'
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("scan.pdf", b"<html><script>alert(1)</script></html>"),
        ("scan.png", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
        ("scan.jpg", b"GIF89a<script>alert(1)</script>"),
        ("page.html", b"<!doctype html><script>alert(1)</script>"),
    ],
)
def test_uploads_that_are_not_what_they_claim_are_refused(name, content):
    with pytest.raises(ValidationError) as refused:
        validate_upload(SimpleUploadedFile(name, content))

    assert "its content does not begin the way those formats do" in str(refused.value)


def test_uploads_over_the_size_limit_are_refused(settings):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 1024

    with pytest.raises(ValidationError, match="the largest file accepted is"):
        validate_upload(SimpleUploadedFile("scan.pdf", b"%PDF-" + b"0" * 2048))
