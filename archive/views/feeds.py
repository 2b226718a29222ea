"""Atom feeds of newly published versions: the whole archive (/feeds/latest/) and one collection.

An entry is one published version, linked to its citable version URL, with its change note (or, for a
first version, the summary). Versions of a withdrawn record leave the feeds with it.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.db.models.fields.json import KT
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from archive.models import Collection, PublishedVersion
from archive.views.browse import public

ENTRIES = 50


def public_versions() -> QuerySet:
    """Every published version of the records that are public now, newest first, without the texts."""
    public_records = PublishedVersion.objects.current().values("document_id")
    return (
        PublishedVersion.objects.filter(document_id__in=public_records)
        .annotate(summary=KT("payload__summary"))
        .only("document_id", "number", "title", "published_at", "change_note")
        .order_by("-published_at", "-pk")
    )


class LatestVersionsFeed(Feed):
    feed_type = Atom1Feed

    def title(self) -> str:
        return _("%(archive)s: newly published") % {"archive": settings.ARCHIVE_NAME}

    def subtitle(self) -> str:
        return _("New records and new versions of records, as they are published.")

    def link(self) -> str:
        return reverse("archive:home")

    def feed_url(self) -> str:
        return reverse("archive:feed-latest")

    def items(self) -> QuerySet:
        return public_versions()[:ENTRIES]

    def item_title(self, version: PublishedVersion) -> str:
        if version.number == 1:
            return version.title
        return _("%(title)s (version %(number)s)") % {"title": version.title, "number": version.number}

    def item_description(self, version: PublishedVersion) -> str:
        # An Atom summary is HTML to a feed reader: the plain text goes in escaped.
        if version.change_note:
            return escape(version.change_note)
        return escape(Truncator(version.summary or "").words(80))

    def item_link(self, version: PublishedVersion) -> str:
        return reverse("archive:version-detail", args=[version.document_id, version.number])

    def item_pubdate(self, version: PublishedVersion):
        return version.published_at

    def item_updateddate(self, version: PublishedVersion):
        return version.published_at


class CollectionFeed(LatestVersionsFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Collection:
        return get_object_or_404(public(Collection, "collections"), slug=slug)

    def title(self, collection: Collection) -> str:
        return _("%(collection)s: newly published") % {"collection": collection.title}

    def subtitle(self, collection: Collection) -> str:
        return _("New records and new versions of records in the collection “%(collection)s”.") % {
            "collection": collection.title
        }

    def link(self, collection: Collection) -> str:
        return reverse("archive:collection-detail", args=[collection.slug])

    def feed_url(self, collection: Collection) -> str:
        return reverse("archive:feed-collection", args=[collection.slug])

    def items(self, collection: Collection) -> QuerySet:
        in_collection = PublishedVersion.objects.current().in_collection(collection).values("document_id")
        return public_versions().filter(document_id__in=in_collection)[:ENTRIES]
