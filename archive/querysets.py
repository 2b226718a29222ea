"""Chainable reads. Views and the API read through these, never through ad-hoc filters."""

from django.db import models


class DocumentQuerySet(models.QuerySet):
    def with_status(self, *statuses: str) -> "DocumentQuerySet":
        return self.filter(status__in=statuses)

    def in_collection(self, collection) -> "DocumentQuerySet":
        return self.filter(collections=collection)


class PublishedVersionQuerySet(models.QuerySet):
    """The reading room's reads. Everything public starts from `current()`."""

    def current(self) -> "PublishedVersionQuerySet":
        """The live version of every record that is published and not withdrawn."""
        return self.filter(is_current=True)

    def of(self, document) -> "PublishedVersionQuerySet":
        """Every version of one record, newest first: the version list and a tombstone's citation."""
        return self.filter(document=document).order_by("-number")

    def in_collection(self, collection) -> "PublishedVersionQuerySet":
        return self.filter(collections=collection)

    def about(self, subject) -> "PublishedVersionQuerySet":
        return self.filter(subjects=subject)

    def at_place(self, place) -> "PublishedVersionQuerySet":
        return self.filter(places=place)

    def involving(self, person) -> "PublishedVersionQuerySet":
        """Written by or mentioning the person."""
        return self.filter(people=person)

    def in_original_language(self, *codes: str) -> "PublishedVersionQuerySet":
        return self.filter(original_language__in=codes)

    def of_type(self, *document_types: str) -> "PublishedVersionQuerySet":
        return self.filter(document_type__in=document_types)

    def dated_between(self, start=None, end=None) -> "PublishedVersionQuerySet":
        """Records whose date range overlaps [start, end]; either bound may be left open."""
        queryset = self
        if start is not None:
            queryset = queryset.filter(date_latest__gte=start)
        if end is not None:
            queryset = queryset.filter(date_earliest__lte=end)
        return queryset
