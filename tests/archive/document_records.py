"""Records for the document page's tests, published through the workflow actions (tests.factories.publish).

`build_record` makes a working copy with as many texts, footnotes and people as a test asks for, so the
query-count tests can compare a small record with a large one.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from archive.models import Attachment, Collection, Document, Place, Repository, Subject
from tests.factories import (
    ContributionFactory,
    DocumentFactory,
    FootnoteFactory,
    PersonFactory,
    ProvenanceEventFactory,
    TextFactory,
)

RUSSIAN_AND_ENGLISH = (("ru", "original"), ("en", "translation"))
THREE_TEXTS = (("ru", "original"), ("en", "translation"), ("de", "translation"))


def build_record(
    *,
    author,
    texts: tuple[tuple[str, str], ...] = RUSSIAN_AND_ENGLISH,
    footnotes: int = 1,
    people: int = 1,
    **fields,
) -> Document:
    """A complete working copy by `author`: texts with `footnotes` notes each, credits, links, provenance."""
    document = DocumentFactory(
        created_by=author,
        repository=fields.pop("repository", None)
        or Repository.objects.get_or_create(name="Russian State Archive", abbreviation="RGANI")[0],
        archival_reference=fields.pop("archival_reference", "F. 3, Op. 16, D. 947, Ll. 15-16"),
        original_classification=fields.pop("original_classification", "Top Secret"),
        rights=fields.pop("rights", "Public domain in the United States."),
        **fields,
    )
    for order, (language, kind) in enumerate(texts):
        add_text(document, language=language, kind=kind, footnotes=footnotes, order=order)
    document.people.set(PersonFactory.create_batch(people))
    document.creators.set([PersonFactory(name="Nikita Khrushchev")])
    document.places.set([Place.objects.get_or_create(name="Moscow", parent=None)[0]])
    document.subjects.set([Subject.objects.get_or_create(heading="Nuclear weapons--Testing")[0]])
    document.collections.set([Collection.objects.get_or_create(title="Test Ban Talks")[0]])
    ContributionFactory(document=document, person=PersonFactory(name="Gary Goldberg"), role="translated")
    ProvenanceEventFactory(document=document)
    return document


def add_text(document: Document, *, language: str, kind: str, footnotes: int = 1, order: int = 0):
    label = f"{language}-{kind}"
    body = "\n\n".join(f"Paragraph {n} of the {label} text.[{n}]" for n in range(1, footnotes + 1))
    text = TextFactory(document=document, language=language, kind=kind, order=order, body=body)
    for number in range(1, footnotes + 1):
        FootnoteFactory(text=text, number=number, body=f"Note {number} of the {label} text.")
    return text


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def attach(document: Document, *, kind: str, name: str, content: bytes, content_type: str, caption: str):
    return Attachment.objects.create(
        document=document,
        kind=kind,
        file=SimpleUploadedFile(name, content, content_type=content_type),
        caption=caption,
        content_type=content_type,
    )
