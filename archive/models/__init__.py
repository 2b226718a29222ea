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
from archive.models.renderings import CitationRendering
from archive.search.models import SearchEntry, SearchFacet

__all__ = [
    "Attachment",
    "CitationRendering",
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
    "SearchEntry",
    "SearchFacet",
    "Subject",
    "Text",
]
