"""Checks on a record's content that go beyond one field: footnote markers against notes, uploaded files.

`marker_problems` is what decides whether a record may go to review (DESIGN.md, "Data entry
conventions": markers and footnotes must match one to one before submission). A draft may be saved
with a mismatch, so that nothing typed is lost; the admin shows each problem and the submit action
refuses while any remains. Every message names the text it is about, so it can be read out of context
(in a list of messages, an API error, an e-mail).
"""

from collections import Counter
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from archive.markers import compare_markers, find_markers

# The first bytes of each accepted attachment format (its "magic number").
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)
ACCEPTED_FORMATS = "PDF, PNG, JPEG, TIFF or WebP"


def text_label(text) -> str:
    """How messages name a text: "Translation (English)"."""
    return capfirst(str(text))


def text_marker_problems(*, label: str, body: str, note_numbers: Iterable[int]) -> list[str]:
    """Each way the markers in `body` fail to match the notes numbered `note_numbers`, one message each."""
    report = compare_markers(body, list(note_numbers))
    if report.ok:
        return []
    counts = Counter(find_markers(body))
    problems = [
        _("%(text)s: marker [%(number)d] has no footnote") % {"text": label, "number": number}
        for number in report.missing_notes
    ]
    problems += [
        _("%(text)s: footnote [%(number)d] has no marker [%(number)d] in the text")
        % {"text": label, "number": number}
        for number in report.unmarked_notes
    ]
    problems += [
        _("%(text)s: marker [%(number)d] appears %(count)d times; each footnote has exactly one marker")
        % {"text": label, "number": number, "count": counts[number]}
        for number in report.repeated_markers
    ]
    return problems


def marker_problems(document) -> list[str]:
    """Every marker/footnote mismatch in the document's saved texts; empty when it may be submitted."""
    problems: list[str] = []
    for text in document.texts.prefetch_related("footnotes"):
        numbers = [footnote.number for footnote in text.footnotes.all()]
        problems += text_marker_problems(label=text_label(text), body=text.body, note_numbers=numbers)
    return problems


def sniff_content_type(head: bytes) -> str | None:
    """The content type that a file's first bytes prove, or None if they match no accepted format."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def validate_upload(uploaded_file) -> str:
    """Check an uploaded attachment by size and by content (not by name); return its content type."""
    limit = settings.ARCHIVE_MAX_UPLOAD_BYTES
    if uploaded_file.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; the largest file accepted is %(limit)s."),
            code="file_too_large",
            params={
                "name": uploaded_file.name,
                "size": filesizeformat(uploaded_file.size),
                "limit": filesizeformat(limit),
            },
        )
    uploaded_file.seek(0)
    head = uploaded_file.read(16)
    uploaded_file.seek(0)
    content_type = sniff_content_type(head)
    if content_type is None:
        raise ValidationError(
            _(
                "“%(name)s” is not a %(formats)s file: its content does not begin the way those formats "
                "do, whatever its name says. Upload the scan or the PDF itself."
            ),
            code="file_type",
            params={"name": uploaded_file.name, "formats": ACCEPTED_FORMATS},
        )
    return content_type
