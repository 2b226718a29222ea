"""Records for the search, browse and feed tests, published the way people publish them.

`published` builds a working copy with the texts, footnotes and links a test names and publishes it
through the workflow actions (tests.factories.publish: saved and submitted by its translator,
approved by a second person), so the search index is filled by the real publishing path.
"""

from dataclasses import dataclass, field

from archive.models import Document, PublishedVersion
from tests.factories import DocumentFactory, FootnoteFactory, TextFactory, publish, record_revision


@dataclass(frozen=True)
class TextSpec:
    """A text to add: its body (with a marker "[n]" for each note) and its footnotes, in order."""

    body: str
    language: str = "en"
    kind: str = "translation"
    notes: tuple[str, ...] = field(default_factory=tuple)


def draft(*, translator, texts: tuple[TextSpec, ...] = (), links: dict | None = None, **fields) -> Document:
    """A working copy by `translator` with these texts and links (collections=[…], people=[…] …)."""
    fields.setdefault("summary", "")
    document = DocumentFactory(created_by=translator, **fields)
    for order, spec in enumerate(texts or (TextSpec("Plain words."),)):
        add_text(document, spec, order=order)
    for name, items in (links or {}).items():
        getattr(document, name).set(items)
    return document


def add_text(document: Document, spec: TextSpec, *, order: int = 0) -> None:
    text = TextFactory(document=document, language=spec.language, kind=spec.kind, body=spec.body, order=order)
    for number, note in enumerate(spec.notes, start=1):
        FootnoteFactory(text=text, number=number, body=note)


def published(*, translator, editor, texts: tuple[TextSpec, ...] = (), links: dict | None = None, **fields):
    """`draft(...)`, published as version 1; returns the document."""
    document = draft(translator=translator, texts=texts, links=links, **fields)
    publish(document, approver=editor)
    return document


def republish(document: Document, *, editor, note: str = "Corrected.") -> PublishedVersion:
    """Publish the record's working copy as it stands now as its next version."""
    return publish(document, approver=editor, note=note)


def edit(document: Document, *, user) -> None:
    """Save the working copy as the admin does (a revision), leaving it unpublished."""
    record_revision(document, user=user, comment="Unpublished edit.")


def linked_records(*, translator, editor, count: int, links: dict, start: int = 0) -> list[Document]:
    """`count` published records, each linked to `links`, with an original, a translation and notes."""
    return [
        published(
            translator=translator,
            editor=editor,
            title=f"Record {number}",
            date=f"{1950 + number}-05-21",
            original_language="ru",
            summary=f"Summary {number} about the nuclear question.",
            texts=(
                TextSpec("Ядерный вопрос.[1]", language="ru", kind="original", notes=("Примечание.",)),
                TextSpec("The nuclear question.[1] It was discussed.[2]", notes=("A note.", "Another note.")),
            ),
            links=links,
        )
        for number in range(start, start + count)
    ]
