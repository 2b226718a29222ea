"""Which published versions a harvester sees, and in which order.

One row per record that has ever been public: its current version, or, for a withdrawn record, its
last version, which then stands for a deleted record (deletedRecord = persistent: a harvester learns
of a withdrawal at any time later). The datestamp is when the current version was published, or when
the record was withdrawn; the list is ordered by (datestamp, document id), an order that a page can
resume from exactly (tokens.ListState.after). Sets are collections; a record is in the sets of the
version that stands for it.

The list is read as two streams already in that order, merged: the current versions by publication
time (an index walk from the resumption point, however large the archive) and the withdrawn records'
last versions by withdrawal time (few). Sorting one computed datestamp over every record instead
would sort the whole archive for each page. A page costs three queries however many records it
holds: each stream's next rows (payload included only for ListRecords) and their collections.
"""

import datetime as dt
import heapq
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects
from django.db.models.functions import Coalesce

from archive.models import Collection, Document, PublishedVersion
from archive.oai.protocol import DateRange

Position = tuple[dt.datetime, int]


def current() -> QuerySet[PublishedVersion]:
    """Every record's current version; its datestamp is when it was published."""
    return PublishedVersion.objects.filter(is_current=True).annotate(datestamp=F("published_at"))


def withdrawn() -> QuerySet[PublishedVersion]:
    """Every withdrawn record's last version (deleted); its datestamp is when the record was withdrawn."""
    later = PublishedVersion.objects.filter(document=OuterRef("document"), number__gt=OuterRef("number"))
    return PublishedVersion.objects.filter(
        ~Exists(later), is_current=False, document__status=Document.Status.WITHDRAWN
    ).annotate(datestamp=Coalesce(F("document__withdrawn_at"), F("published_at")))


STREAMS = (current, withdrawn)


@dataclass(frozen=True)
class Selection:
    """The records a list request selects (a set, a datestamp range), in harvesting order."""

    set_spec: str | None
    dates: DateRange

    def streams(self) -> list[QuerySet[PublishedVersion]]:
        return [self._narrowed(stream()) for stream in STREAMS]

    def count(self) -> int:
        """How many records the whole list holds: one query."""
        first, *others = (stream.order_by().values("pk") for stream in self.streams())
        return first.union(*others, all=True).count()

    def page(self, *, after: Position | None, size: int, metadata: bool) -> list[PublishedVersion]:
        """Up to `size` records after position `after`, each with its collections (and payload if
        `metadata`)."""
        rows = []
        for stream in self.streams():
            if after is not None:
                datestamp, document_id = after
                # ">= and then >" rather than "> or =": the index on the datestamp starts the walk here.
                stream = stream.filter(
                    Q(datestamp__gte=datestamp),
                    Q(datestamp__gt=datestamp) | Q(document_id__gt=document_id),
                )
            if not metadata:
                stream = stream.defer("payload")
            rows.append(list(stream.order_by("datestamp", "document_id")[:size]))
        merged = heapq.merge(*rows, key=lambda version: (version.datestamp, version.document_id))
        versions = list(merged)[:size]
        prefetch_related_objects(versions, _collection_slugs())
        return versions

    def _narrowed(self, stream: QuerySet[PublishedVersion]) -> QuerySet[PublishedVersion]:
        if self.set_spec is not None:
            stream = stream.filter(collections__slug=self.set_spec)
        if self.dates.start is not None:
            stream = stream.filter(datestamp__gte=self.dates.start)
        if self.dates.end_before is not None:
            stream = stream.filter(datestamp__lt=self.dates.end_before)
        return stream


def selected(*, set_spec: str | None, dates: DateRange) -> Selection:
    """The records a list request selects, in harvesting order."""
    return Selection(set_spec, dates)


def record(document_id: int) -> PublishedVersion | None:
    """The version that stands for one record (current, or last if withdrawn), None if never public."""
    for stream in STREAMS:
        version = stream().filter(document_id=document_id).prefetch_related(_collection_slugs()).first()
        if version is not None:
            return version
    return None


def is_deleted(version: PublishedVersion) -> bool:
    return not version.is_current


def earliest_datestamp() -> dt.datetime | None:
    """The oldest datestamp in the repository: the first row of each stream, the earlier of the two."""
    firsts = [
        stream().order_by("datestamp").values_list("datestamp", flat=True).first() for stream in STREAMS
    ]
    return min((moment for moment in firsts if moment is not None), default=None)


def sets() -> QuerySet[Collection]:
    """The collections that hold a harvestable record, by slug."""
    links = PublishedVersion.collections.through.objects.filter(collection=OuterRef("pk"))
    holds = [Exists(links.filter(publishedversion__in=stream().values("pk"))) for stream in STREAMS]
    return Collection.objects.filter(holds[0] | holds[1]).order_by("slug")


def _collection_slugs() -> Prefetch:
    return Prefetch("collections", queryset=Collection.objects.only("pk", "slug").order_by("slug"))
