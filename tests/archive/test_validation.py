"""Marker/footnote matching that gates submission, and attachment checks by content."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.validation import marker_problems, sniff_content_type, text_marker_problems, validate_upload
from tests.factories import DocumentFactory, FootnoteFactory, TextFactory


def problems(body: str, numbers: list[int]) -> list[str]:
    return text_marker_problems(label="Translation (English)", body=body, note_numbers=numbers)


def test_matching_markers_and_notes_have_no_problem():
    assert problems("Noon.[1] Later.[2]", [1, 2]) == []


def test_a_marker_without_its_footnote_is_named():
    assert problems("Noon.[1] Later.[3]", [1]) == ["Translation (English): marker [3] has no footnote"]


def test_a_footnote_without_its_marker_is_named():
    assert problems("Noon.[1]", [1, 2]) == [
        "Translation (English): footnote [2] has no marker [2] in the text"
    ]


def test_a_repeated_marker_is_named_with_its_count():
    assert problems("[1] and [1] and [1]", [1]) == [
        "Translation (English): marker [1] appears 3 times; each footnote has exactly one marker"
    ]


@pytest.mark.parametrize(
    "body",
    [
        "F[idel] Castro",
        "He went [there].",
        "At the [733rd meeting]",
        "In [1961]",
        "See [1](https://example.org)",
    ],
)
def test_editorial_brackets_are_text_not_markers(body):
    assert problems(body, []) == []


@pytest.mark.django_db
def test_marker_problems_cover_every_text_of_a_document():
    document = DocumentFactory()
    original = TextFactory(document=document, kind="original", language="ru", body="Полдень.[1]")
    FootnoteFactory(text=original, number=1)
    translation = TextFactory(document=document, kind="translation", language="en", body="Noon.[1] Later.[2]")
    FootnoteFactory(text=translation, number=1)

    assert marker_problems(document) == ["Translation (English): marker [2] has no footnote"]


@pytest.mark.django_db
def test_a_document_without_texts_has_no_marker_problem():
    assert marker_problems(DocumentFactory()) == []


@pytest.mark.parametrize(
    ("head", "content_type"),
    [
        (b"%PDF-1.4", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"\xff\xd8\xff\xdb", "image/jpeg"),
        (b"II*\x00", "image/tiff"),
        (b"MM\x00*", "image/tiff"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8L", "image/webp"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", None),
        (b"GIF89a", None),
        (b"<html>", None),
        (b"", None),
    ],
)
def test_content_types_are_recognised_by_their_first_bytes(head, content_type):
    assert sniff_content_type(head) == content_type


def test_an_upload_is_refused_by_content_whatever_its_name():
    with pytest.raises(ValidationError) as refusal:
        validate_upload(SimpleUploadedFile("scan.pdf", b"#!/bin/sh\nrm -rf /"))
    assert refusal.value.code == "file_type"
    assert "“scan.pdf” is not a PDF, PNG, JPEG, TIFF or WebP file" in refusal.value.messages[0]


def test_an_upload_over_the_limit_is_refused_before_reading(settings):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(ValidationError) as refusal:
        validate_upload(SimpleUploadedFile("scan.pdf", b"%PDF-" + b"0" * 2048))
    assert refusal.value.code == "file_too_large"
    assert refusal.value.messages == ["“scan.pdf” is 2.0\xa0KB; the largest file accepted is 1.0\xa0KB."]


def test_an_accepted_upload_is_left_ready_to_store():
    upload = SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\nrest")
    assert validate_upload(upload) == "image/png"
    assert upload.read() == b"\x89PNG\r\n\x1a\nrest"
