"""The bulk data page, /data/, and its downloads, /data/<file name>.

Both read the latest export's manifest (MEDIA_ROOT/data/latest.json, written by
`manage.py export_dataset`) and nothing else: a download is a file the manifest lists, streamed from
the export's directory by this view, so MEDIA_ROOT itself is never exposed and a name that is not in
the manifest (../../settings.py) is simply not found.
"""

from datetime import datetime
from pathlib import Path

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe

from archive.dataset import data_root, read_manifest

# Small: a new export shows within minutes; the ETag makes revalidation cheap.
MAX_AGE = 300


def _manifest(request: HttpRequest) -> dict | None:
    """The manifest, read once per request (the conditional checks and the view share it)."""
    if not hasattr(request, "_dataset_manifest"):
        request._dataset_manifest = read_manifest()
    return request._dataset_manifest


def _entry(request: HttpRequest, name: str) -> dict | None:
    manifest = _manifest(request)
    return next((item for item in manifest["files"] if item["name"] == name), None) if manifest else None


def _created(request: HttpRequest, *args, **kwargs) -> datetime | None:
    manifest = _manifest(request)
    return parse_datetime(manifest["created"]) if manifest else None


def _page_etag(request: HttpRequest) -> str | None:
    manifest = _manifest(request)
    return f"{manifest['directory']}-{manifest['fingerprint']}" if manifest else None


def _file_etag(request: HttpRequest, name: str) -> str | None:
    entry = _entry(request, name)
    return entry["sha256"] if entry else None


@require_safe
@cache_control(public=True, max_age=MAX_AGE)
@condition(etag_func=_page_etag, last_modified_func=_created)
def data_page(request: HttpRequest) -> HttpResponse:
    """The latest export's files with size, date, record count and checksum. Template: archive/data.html."""
    manifest = _manifest(request)
    files = [
        {
            **entry,
            "url": reverse("archive:data-file", args=[entry["name"]]),
            # Four groups that may wrap, so that the checksum fits a phone's width.
            "sha256_parts": [entry["sha256"][start : start + 16] for start in range(0, 64, 16)],
        }
        for entry in (manifest["files"] if manifest else [])
    ]
    context = {"manifest": manifest, "files": files, "created": _created(request)}
    return render(request, "archive/data.html", context)


@require_safe
@cache_control(public=True, max_age=MAX_AGE)
@condition(etag_func=_file_etag, last_modified_func=_created)
def data_file(request: HttpRequest, name: str) -> FileResponse:
    """One file of the latest export, streamed as a download."""
    entry = _entry(request, name)
    if entry is None:
        raise Http404(_("The latest export has no file of this name."))
    path = Path(data_root()) / _manifest(request)["directory"] / entry["name"]
    try:
        handle = open(path, "rb")  # noqa: SIM115 (FileResponse closes it once streamed)
    except FileNotFoundError:
        # Pruned between reading the manifest and opening the file: a newer export replaced it.
        raise Http404(_("This export was just replaced by a newer one; reload the data page.")) from None
    response = FileResponse(
        handle, as_attachment=True, filename=entry["name"], content_type=entry["media_type"]
    )
    response["Content-Length"] = str(entry["size"])
    return response
