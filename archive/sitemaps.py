"""/sitemap.xml and /robots.txt: what search engines may crawl, and where the public pages are.

The sitemap lists every public record's page (its current version) and every authority page that
has published records, each with the time of its latest publication; drafts, superseded versions
and withdrawn records are not in it.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, Model, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe

from archive.models import Collection, Person, Place, PublishedVersion, Subject


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 1.0
    # A page of the sitemap is rendered on request: 10,000 records a page (the protocol allows 50,000)
    # keeps each under a second at any size of archive, and the index lists the pages.
    limit = 10_000

    def items(self) -> QuerySet:
        return PublishedVersion.objects.current().only("document_id", "published_at").order_by("document_id")

    def location(self, version: PublishedVersion) -> str:
        # Formatted from one reversed address rather than reversing 10,000 times.
        head, tail = self._address
        return f"{head}/{version.document_id}/{tail}"

    @cached_property
    def _address(self) -> tuple[str, str]:
        head, _, tail = reverse("archive:document-detail", args=[0]).rpartition("/0/")
        return head, tail

    def lastmod(self, version: PublishedVersion):
        return version.published_at

    def get_latest_lastmod(self):
        # The sitemap index asks for this; one aggregate rather than reading every record.
        return PublishedVersion.objects.current().aggregate(latest=Max("published_at"))["latest"]


class AuthoritySitemap(Sitemap):
    """The pages of one kind of authority record that has published records.

    An authority's page changes whenever a record linked to it is published, so its own time of
    change is the archive's latest publication; working it out per authority would join every link
    of every record on each request (a second at 100,000 records). The items carry no lastmod.
    """

    changefreq = "weekly"
    priority = 0.6

    def __init__(self, model: type[Model], url_name: str, key: str = "pk") -> None:
        self.model, self.url_name, self.key = model, url_name, key

    def items(self) -> QuerySet:
        links = self.model.published_versions.through.objects.filter(
            **{f"{self.model._meta.model_name}": OuterRef("pk")}, publishedversion__is_current=True
        )
        return self.model.objects.filter(Exists(links)).only("pk", self.key).order_by("pk")

    def location(self, item: Model) -> str:
        return reverse(self.url_name, args=[getattr(item, self.key)])

    def get_latest_lastmod(self):
        return PublishedVersion.objects.current().aggregate(latest=Max("published_at"))["latest"]


class PageSitemap(Sitemap):
    """The reading room's fixed pages."""

    changefreq = "daily"
    priority = 0.8

    def items(self) -> list[str]:
        return [
            "archive:home",
            "archive:collection-list",
            "archive:person-list",
            "archive:place-list",
            "archive:subject-list",
            "archive:browse",
        ]

    def location(self, url_name: str) -> str:
        return reverse(url_name)


SITEMAPS = {
    "pages": PageSitemap,
    "documents": DocumentSitemap,
    "collections": AuthoritySitemap(Collection, "archive:collection-detail", key="slug"),
    "people": AuthoritySitemap(Person, "archive:person-detail"),
    "places": AuthoritySitemap(Place, "archive:place-detail"),
    "subjects": AuthoritySitemap(Subject, "archive:subject-detail"),
}


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Everything public may be crawled but the workroom; the sitemap says where the records are."""
    sitemap = settings.SITE_URL + reverse("archive:sitemap")
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
