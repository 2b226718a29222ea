"""Conditional GET: ETag and Last-Modified on the public API's responses, and 304 when nothing changed.

The validators of a document (and of the documents list) come from a small read made before the body
is built, so a client that revalidates costs the server one query and no rendering. They change when
the data changes (a newer version, a withdrawal, a new record) and when anything else that shapes the
bytes changes: the representation (REPRESENTATION), the citation styles (archive.citations.RENDERING),
the settings printed in citations, and the format asked for (JSON or the browsable HTML).
"""

import datetime as dt
import hashlib
import json

from django.conf import settings
from django.http import HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from rest_framework.request import Request

from archive import citations

# Change when the API's representation of anything changes, so that every cached ETag goes stale.
REPRESENTATION = 1
# Public and briefly cacheable: a client sees a new version within a minute, and revalidates cheaply.
MAX_AGE = 60


def make_etag(request: Request, *state: object) -> str:
    """A strong ETag over `state` (what the data is) and everything else that shapes the response."""
    renderer = getattr(request, "accepted_renderer", None)
    parts = [
        REPRESENTATION,
        citations.RENDERING,
        settings.SITE_URL,
        settings.ARCHIVE_NAME,
        renderer.format if renderer else "",
        *state,
    ]
    digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()
    return quote_etag(digest[:32])


def content_etag(request: Request, data: object) -> str:
    """An ETag over the response data itself, for resources with no cheaper sign of change."""
    return make_etag(request, json.dumps(data, sort_keys=True, default=str))


def not_modified(
    request: Request, *, etag: str, last_modified: dt.datetime | None = None
) -> HttpResponseBase | None:
    """A 304 if the client's copy (If-None-Match, else If-Modified-Since) is still good; None otherwise."""
    timestamp = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    return validated(response, etag=etag, last_modified=last_modified) if response is not None else None


def validated(
    response: HttpResponseBase, *, etag: str, last_modified: dt.datetime | None = None
) -> HttpResponseBase:
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
