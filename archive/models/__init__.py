from archive.models.authorities import Collection, Donor, Person, Place, Repository, Subject
from archive.models.documents import (
    Attachment,
    Contribution,
    Document,
    Footnote,
    ProvenanceEvent,
    Text,
)

__all__ = [
    "Attachment",
    "Collection",
    "Contribution",
    "Document",
    "Donor",
    "Footnote",
    "Person",
    "Place",
    "ProvenanceEvent",
    "Repository",
    "Subject",
    "Text",
]
