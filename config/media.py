"""/media/<path>: uploaded scans and PDFs, served so that none of them can act as a page of the site.

Uploads are checked by content when they arrive (archive.validation.validate_upload); here they are
served with the type recorded then, never one guessed from the name, with `nosniff`, and under a
Content-Security-Policy `sandbox` that gives the file an opaque origin with no scripts, so even a file
that a browser mistook for HTML could neither run script nor read the site's cookies.

Who may fetch a file is the same question as who may read the record: anyone, if a published version
of a record that is still public shows it; otherwise only a workroom user who may view the record.
This lives in config (not archive) because it asks both the public side and curation.permissions.
"""

from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from archive.models import Attachment, Document, PublishedVersion
from curation.permissions import can_view

# Only these types are shown inline; the upload check accepts nothing else for an attachment.
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg", "image/tiff", "image/webp", "image/gif"}
# An opaque origin without scripts, forms, plugins or popups; the PDF viewer and images still draw.
SANDBOX_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
PDF_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; sandbox"


@require_safe
def media_file(request: HttpRequest, path: str):
    """Stream MEDIA_ROOT/attachments/… to whoever may read the record it belongs to; 404 to anyone else."""
    name = _clean_name(path)
    public = _published_entry(name)
    if public is None and not _visible_in_workroom(request, name):
        raise Http404
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type = _recorded_type(name, public)
    response = FileResponse(handle, content_type=content_type)
    inline = content_type in INLINE_TYPES
    response["Content-Disposition"] = content_disposition_header(inline is False, PurePosixPath(name).name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = PDF_POLICY if content_type == "application/pdf" else SANDBOX_POLICY
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "public, max-age=3600" if public is not None else "private, no-store"
    return response


def _clean_name(path: str) -> str:
    """The storage name, only under attachments/ and without any way out of MEDIA_ROOT."""
    parts = PurePosixPath(path).parts
    if len(parts) < 2 or parts[0] != "attachments" or any(part in ("..", ".", "") for part in parts):
        raise Http404
    if "\x00" in path or "\\" in path:
        raise Http404
    return "/".join(parts)


def _candidate_documents(name: str) -> set[int]:
    """The records a stored file may belong to: the id in its path, and any attachment row naming it."""
    ids = set(Attachment.objects.filter(file=name).values_list("document_id", flat=True))
    folder = PurePosixPath(name).parts[1]
    if folder.isdigit():
        ids.add(int(folder))
    return ids


def _published_entry(name: str) -> dict | None:
    """The attachment entry of a public published version that shows this file, if there is one.

    Earlier versions of a public record stay readable at their own URLs, so their files do too; a
    withdrawn record has no current version, and its files go with it.
    """
    # Only the attachments of each snapshot are read, not the texts beside them.
    listed = PublishedVersion.objects.filter(
        document_id__in=_candidate_documents(name), document__current_version__isnull=False
    ).values_list("payload__attachments", flat=True)
    for attachments in listed:
        for entry in attachments or []:
            if entry.get("file") == name:
                return entry
    return None


def _visible_in_workroom(request: HttpRequest, name: str) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    documents = Document.objects.filter(pk__in=_candidate_documents(name))
    return any(can_view(user, document) for document in documents)


def _recorded_type(name: str, public: dict | None) -> str:
    """The type found by content on upload; a file with none recorded is only ever a download."""
    if public is not None and public.get("content_type"):
        return public["content_type"]
    recorded = Attachment.objects.filter(file=name).values_list("content_type", flat=True).first()
    return recorded or "application/octet-stream"
