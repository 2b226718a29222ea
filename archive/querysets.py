"""Chainable reads. Views and the API read through these, never through ad-hoc filters."""

from django.db import models


class DocumentQuerySet(models.QuerySet):
    def with_status(self, *statuses: str) -> "DocumentQuerySet":
        return self.filter(status__in=statuses)

    def in_collection(self, collection) -> "DocumentQuerySet":
        return self.filter(collections=collection)
