"""Reading the published versions of one record: which version a URL names, and its HTTP validators.

The document page and its downloads share this. The record's version list (small rows, no payload)
is read once per request and answers everything before the payload is needed: whether the record
was withdrawn, which version a URL names, the ETag and Last-Modified, and so a revalidation with 304
costs that one indexed query.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache

from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe

from archive.models import PublishedVersion

# Small: a reader sees a new version within minutes; revalidation (ETag) keeps it cheap after that.
PAGE_MAX_AGE = 300
TEMPLATES_DIR = settings.BASE_DIR / "templates"


@dataclass(frozen=True)
class VersionSummary:
    """One published version without its payload: enough for the version list, ETag and Last-Modified."""

    pk: int
    document_id: int
    number: int
    published_at: datetime
    change_note: str
    is_current: bool

    @property
    def url(self) -> str:
        return url_for("archive:version-detail", pk=self.document_id, number=self.number)


@dataclass(frozen=True)
class VersionList:
    """A record's published versions, newest first."""

    versions: list[VersionSummary]

    @property
    def current(self) -> VersionSummary | None:
        return next((version for version in self.versions if version.is_current), None)

    @property
    def withdrawn(self) -> bool:
        # Publishing always leaves one version current; only a withdrawal leaves none.
        return bool(self.versions) and self.current is None

    def numbered(self, number: int) -> VersionSummary | None:
        return next((version for version in self.versions if version.number == number), None)


class Withdrawn(Exception):
    """The record was published and then withdrawn: answer with its tombstone, never its text."""

    def __init__(self, versions: VersionList) -> None:
        super().__init__()
        self.versions = versions


def version_list(request: HttpRequest, document_id: int) -> VersionList:
    """The record's versions, read once per request: the ETag, Last-Modified and the view share it."""
    memo = request.__dict__.setdefault("_archive_version_lists", {})
    if document_id not in memo:
        rows = PublishedVersion.objects.of(document_id).values_list(
            "pk", "document_id", "number", "published_at", "change_note", "is_current"
        )
        memo[document_id] = VersionList([VersionSummary(*row) for row in rows])
    return memo[document_id]


def requested_version(request: HttpRequest, pk: int, number: int | None = None) -> VersionSummary | None:
    """The version a URL names (the current one without a number), None if there is none to show."""
    versions = version_list(request, pk)
    if versions.withdrawn:
        return None
    return versions.current if number is None else versions.numbered(number)


def resolve_version(request: HttpRequest, pk: int, number: int | None = None) -> PublishedVersion:
    """The full version a URL names; Withdrawn for a tombstone, Http404 for what was never public."""
    versions = version_list(request, pk)
    if versions.withdrawn:
        raise Withdrawn(versions)
    summary = requested_version(request, pk, number)
    if summary is None:
        raise Http404(_("No published document has this number."))
    return PublishedVersion.objects.get(pk=summary.pk)


@cache
def format_token() -> str:
    """A digest of the reading room's templates, so that a deploy that changes them changes every ETag."""
    digest = hashlib.sha256()
    for path in sorted([TEMPLATES_DIR / "base.html", *TEMPLATES_DIR.glob("archive/**/*.html")]):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def version_etag(request: HttpRequest, pk: int, number: int | None = None, **kwargs) -> str | None:
    """Changes when this version's page can change: a newer version (the version list) or a deploy."""
    summary = requested_version(request, pk, number)
    if summary is None:
        return None
    current = version_list(request, pk).current
    return f"{summary.pk}-{current.pk}-{format_token()}"


def version_last_modified(
    request: HttpRequest, pk: int, number: int | None = None, **kwargs
) -> datetime | None:
    if requested_version(request, pk, number) is None:
        return None
    return version_list(request, pk).current.published_at


def published_resource(view):
    """ETag, Last-Modified and 304s from the version list; public, briefly cacheable responses."""
    conditional = condition(etag_func=version_etag, last_modified_func=version_last_modified)(view)
    return require_safe(cache_control(public=True, max_age=PAGE_MAX_AGE)(conditional))


# --- URLs -----------------------------------------------------------------------------------------


def version_url(version: PublishedVersion, *, version_specific: bool) -> str:
    if version_specific:
        return url_for("archive:version-detail", pk=version.document_id, number=version.number)
    return url_for("archive:document-detail", pk=version.document_id)


def absolute(path: str) -> str:
    """The canonical, absolute form of a site path: SITE_URL, whatever host the request came to."""
    return f"{settings.SITE_URL}{path}"


def reverse_or_empty(name: str, **kwargs: int | str) -> str:
    """The URL of a browse page, or "" while that page does not exist: the name then shows unlinked."""
    try:
        return url_for(name, **kwargs)
    except NoReverseMatch:
        return ""


def url_for(name: str, **kwargs: int | str) -> str:
    """reverse(name, kwargs=kwargs) at a fraction of its cost, for the dozens of links on a page.

    Each route is reversed once per process with placeholder numbers for its integer arguments,
    and the numbers of each call are put in their places; string arguments (a slug, an extension)
    are reversed with the route, so whatever reverse() would refuse is refused here too.
    """
    numbers = {key: value for key, value in kwargs.items() if isinstance(value, int)}
    fixed = tuple(sorted((key, value) for key, value in kwargs.items() if not isinstance(value, int)))
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _route(name, tuple(sorted(numbers)), fixed, get_script_prefix(), urlconf).format(**numbers)


# Placeholders of equal length, which no other part of a path contains.
_PLACEHOLDER = 7_310_000_000_000


@lru_cache(maxsize=1024)
def _route(name: str, numbered: tuple[str, ...], fixed: tuple, prefix: str, urlconf: str) -> str:
    placeholders = {key: _PLACEHOLDER + index for index, key in enumerate(numbered)}
    url = reverse(name, kwargs={**placeholders, **dict(fixed)}, urlconf=urlconf)
    route = url.replace("{", "{{").replace("}", "}}")
    for key, placeholder in placeholders.items():
        route = route.replace(str(placeholder), f"{{{key}}}")
    return route
