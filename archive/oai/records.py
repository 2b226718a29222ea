"""Which published versions a harvester sees, and in which order.

One row per record that has ever been public: its current version, or, for a withdrawn record, its
last version, which then stands for a deleted record (deletedRecord = persistent: a harvester learns
of a withdrawal at any time later). The datestamp is when the current version was published, or when
the record was withdrawn; the list is ordered by (datestamp, document id), an order that a page can
resume from exactly (tokens.ListState.after). Sets are collections; a record is in the sets of the
version that stands for it.

A page costs two queries however many records it holds: the versions (payload included only for
ListRecords) and their collections.
"""

import datetime as dt

from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, QuerySet, When
from django.db.models.functions import Coalesce

from archive.models import Collection, Document, PublishedVersion
from archive.oai.protocol import DateRange


def harvestable() -> QuerySet[PublishedVersion]:
    """Every record's current version, and every withdrawn record's last version (deleted)."""
    later = PublishedVersion.objects.filter(document=OuterRef("document"), number__gt=OuterRef("number"))
    withdrawn_last = Q(is_current=False, document__status=Document.Status.WITHDRAWN) & ~Exists(later)
    return PublishedVersion.objects.filter(Q(is_current=True) | withdrawn_last).annotate(
        datestamp=Case(
            When(is_current=True, then=F("published_at")),
            default=Coalesce(F("document__withdrawn_at"), F("published_at")),
        ),
    )


def selected(*, set_spec: str | None, dates: DateRange) -> QuerySet[PublishedVersion]:
    """The records a list request selects, in harvesting order."""
    queryset = harvestable()
    if set_spec is not None:
        queryset = queryset.filter(collections__slug=set_spec)
    if dates.start is not None:
        queryset = queryset.filter(datestamp__gte=dates.start)
    if dates.end_before is not None:
        queryset = queryset.filter(datestamp__lt=dates.end_before)
    return queryset.order_by("datestamp", "document_id")


def page(
    queryset: QuerySet[PublishedVersion], *, after: tuple[dt.datetime, int] | None, size: int, metadata: bool
) -> list[PublishedVersion]:
    """Up to `size` records after position `after`, each with its collections (and payload if `metadata`)."""
    if after is not None:
        datestamp, document_id = after
        queryset = queryset.filter(
            Q(datestamp__gt=datestamp) | Q(datestamp=datestamp, document_id__gt=document_id)
        )
    if not metadata:
        queryset = queryset.defer("payload")
    return list(queryset.prefetch_related(_collection_slugs())[:size])


def record(document_id: int) -> PublishedVersion | None:
    """The version that stands for one record (current, or last if withdrawn), None if never public."""
    return harvestable().filter(document_id=document_id).prefetch_related(_collection_slugs()).first()


def is_deleted(version: PublishedVersion) -> bool:
    return not version.is_current


def earliest_datestamp() -> dt.datetime | None:
    return harvestable().order_by("datestamp").values_list("datestamp", flat=True).first()


def sets() -> QuerySet[Collection]:
    """The collections that hold a harvestable record, by slug."""
    return (
        Collection.objects.filter(published_versions__in=harvestable().values("pk"))
        .distinct()
        .order_by("slug")
    )


def _collection_slugs() -> Prefetch:
    return Prefetch("collections", queryset=Collection.objects.only("pk", "slug").order_by("slug"))
