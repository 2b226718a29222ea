"""Citation downloads: RIS, BibTeX and CSL-JSON for a record's current version or for one version.

    /documents/<id>/citation.ris|bib|json          the current version
    /documents/<id>/v/<n>/citation.ris|bib|json    version n, a citable address that never changes

One indexed query per request: the version with its record's withdrawal fields. A record that was
never published is a 404; a withdrawn one answers 410 with a short plain-text explanation, never the
citation of a text the archive no longer publishes. ETag (of the exact bytes) and Last-Modified (the
version's publication) let a client revalidate with a 304.
"""

import hashlib

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseGone
from django.utils.cache import get_conditional_response
from django.utils.formats import date_format
from django.utils.http import http_date, quote_etag
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from archive.citations import EXPORTS, export_filename
from archive.models import Document, PublishedVersion

# What a download needs: the payload, the version's number and date, and the record's withdrawal.
_FIELDS = (
    "document",
    "number",
    "is_current",
    "published_at",
    "payload",
    "document__withdrawn_at",
    "document__withdrawal_reason",
)


@require_safe
def citation_export(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    """The current version's citation as a file (archive.citations.EXPORTS names the formats)."""
    # The current version sorts first; a withdrawn record has none, and its newest version says so.
    versions = PublishedVersion.objects.of(pk).order_by("-is_current", "-number")
    return _export(request, versions, extension, version_specific=False)


@require_safe
def version_citation_export(request: HttpRequest, pk: int, number: int, extension: str) -> HttpResponse:
    """Version `number`'s citation as a file, citing the version's own address."""
    versions = PublishedVersion.objects.of(pk).filter(number=number)
    return _export(request, versions, extension, version_specific=True)


def _export(
    request: HttpRequest, versions: QuerySet, extension: str, *, version_specific: bool
) -> HttpResponse:
    export = EXPORTS.get(extension)
    version = versions.select_related("document").only(*_FIELDS).first() if export else None
    if version is None:
        raise Http404(_("No published document or version at this address."))
    if version.document.withdrawn_at is not None:
        return _withdrawn(version.document)
    if not (version_specific or version.is_current):
        raise Http404(_("No published document or version at this address."))
    body = export.write(version, version_specific=version_specific).encode()
    response = HttpResponse(body, content_type=export.media_type)
    filename = export_filename(version, extension, version_specific=version_specific)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    response["Last-Modified"] = http_date(version.published_at.timestamp())
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=int(version.published_at.timestamp()),
        response=response,
    )


def _withdrawn(document: Document) -> HttpResponseGone:
    """410, in words: the record is gone on purpose, when and why (curation.actions.withdraw)."""
    explanation = _(
        "This document was withdrawn from %(archive)s on %(date)s and is no longer published.\n"
        "Reason: %(reason)s\n"
    ) % {
        "archive": settings.ARCHIVE_NAME,
        "date": date_format(localtime(document.withdrawn_at), "j F Y"),
        "reason": document.withdrawal_reason,
    }
    return HttpResponseGone(explanation, content_type="text/plain; charset=utf-8")
