from archive.models.authorities import Collection, Donor, Person, Place, Repository, Subject
from archive.models.documents import (
    Attachment,
    Contribution,
    Document,
    Footnote,
    ProvenanceEvent,
    Text,
)
from archive.models.published import ImmutableVersionError, PublishedVersion

__all__ = [
    "Attachment",
    "Collection",
    "Contribution",
    "Document",
    "Donor",
    "Footnote",
    "ImmutableVersionError",
    "Person",
    "Place",
    "ProvenanceEvent",
    "PublishedVersion",
    "Repository",
    "Subject",
    "Text",
]
