"""A record's downloads: PDF, plain text and JSON, of the current version or of one numbered version.

They read exactly what the page reads (the version list and one version's payload), answer a
withdrawn record with its tombstone, and revalidate with the page's ETag. A PDF is costly to make
and a version never changes, so the PDF is kept in the cache under the version's id: publishing and
withdrawing need not clear it, because the lookup before it decides which version, if any, is shown.
"""

import json

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from archive.citations import citations_for
from archive.models import PublishedVersion
from archive.views.documents import funding_line, house_citation, text_label, tombstone
from archive.views.published import (
    VersionList,
    Withdrawn,
    absolute,
    format_token,
    published_resource,
    resolve_version,
    version_list,
    version_url,
)

PDF_CACHE_SECONDS = 24 * 60 * 60

# What the JSON download shows of a payload: named, so that a field added to the snapshot later stays
# private until someone decides it is public. Revision ids, storage paths and row ids are internal.
PUBLIC_FIELDS = (
    "document_id",
    "title",
    "slug",
    "date",
    "display_date",
    "date_earliest",
    "date_latest",
    "summary",
    "summary_html",
    "document_type",
    "document_type_label",
    "original_language",
    "original_language_name",
    "original_classification",
    "rights",
    "repository",
    "archival_reference",
    "credit_sentence",
    "source_sentence",
    "credits",
    "provenance",
    "creators",
    "people",
    "places",
    "subjects",
    "collections",
    "donors",
    "related_documents",
)
PUBLIC_TEXT_FIELDS = (
    "kind",
    "kind_label",
    "language",
    "language_name",
    "title",
    "order",
    "body",
    "body_html",
    "notes_html",
    "footnotes",
)
PUBLIC_ATTACHMENT_FIELDS = (
    "kind",
    "kind_label",
    "caption",
    "order",
    "url",
    "checksum",
    "size",
    "content_type",
    "width",
    "height",
)


@published_resource
def document_pdf(request: HttpRequest, pk: int, number: int | None = None) -> HttpResponse:
    """The version as a print-quality PDF. Template: archive/document_pdf.html."""
    return _download(request, pk, number, render=_pdf, extension="pdf", content_type="application/pdf")


@published_resource
def document_txt(request: HttpRequest, pk: int, number: int | None = None) -> HttpResponse:
    """The version as UTF-8 plain text: the texts with their notes after each, then source and citation."""
    return _download(
        request, pk, number, render=_plain_text, extension="txt", content_type="text/plain; charset=utf-8"
    )


@published_resource
def document_json(request: HttpRequest, pk: int, number: int | None = None) -> HttpResponse:
    """The version's public payload, its version metadata and its citations, as JSON."""
    response = _download(
        request, pk, number, render=_json, extension="json", content_type="application/json; charset=utf-8"
    )
    # Public data: scripts on other sites (a researcher's notebook, a citation manager) may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _download(
    request: HttpRequest, pk: int, number: int | None, *, render, extension: str, content_type: str
):
    try:
        version = resolve_version(request, pk, number)
    except Withdrawn as withdrawn:
        return tombstone(request, withdrawn.versions)
    version_specific = number is not None
    body = render(version, version_list(request, pk), version_specific=version_specific)
    response = HttpResponse(body, content_type=content_type)
    filename = f"{version.payload['slug'] or 'document'}-{version.document_id}-v{version.number}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- PDF ------------------------------------------------------------------------------------------


def _pdf(version: PublishedVersion, versions: VersionList, *, version_specific: bool) -> bytes:
    key = f"archive:pdf:{version.pk}:{int(version_specific)}:{format_token()}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf(version, versions, version_specific=version_specific)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


def render_pdf(version: PublishedVersion, versions: VersionList, *, version_specific: bool) -> bytes:
    """WeasyPrint, with the system's fonts: DejaVu for Latin and Cyrillic, Noto CJK for Chinese and Japanese."""
    from weasyprint import HTML

    context = {
        "ARCHIVE_NAME": settings.ARCHIVE_NAME,
        "version": version,
        "payload": version.payload,
        "texts": [{**text, "label": text_label(text)} for text in version.payload["texts"]],
        "funding_line": funding_line(version.payload["donors"]),
        "citation": house_citation(version, version_specific=version_specific),
        "url": absolute(version_url(version, version_specific=version_specific)),
        "version_count": len(versions.versions),
    }
    html = render_to_string("archive/document_pdf.html", context)
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()


# --- Plain text -----------------------------------------------------------------------------------


def _plain_text(version: PublishedVersion, versions: VersionList, *, version_specific: bool) -> bytes:
    """Markdown as the translators wrote it is already good plain text; markers stay as "[1]"."""
    payload = version.payload
    lines = [payload["title"], "=" * min(len(payload["title"]), 78), ""]
    lines += _field_lines(payload)
    lines += [_version_sentence(version), ""]
    for text in payload["texts"]:
        lines += _text_lines(text)
    lines += _closing_lines(payload, version, version_specific=version_specific)
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")


def _field_lines(payload: dict) -> list[str]:
    lines = [payload["display_date"], ""] if payload["display_date"] else []
    if payload["summary"]:
        lines += [payload["summary"].strip(), ""]
    if payload["donors"]:
        lines += [funding_line(payload["donors"]), ""]
    return lines


def _text_lines(text: dict) -> list[str]:
    heading = text_label(text).upper()
    lines = [heading, "-" * len(heading), ""]
    if text["title"]:
        lines += [text["title"], ""]
    lines += [text["body"].strip(), ""]
    if text["footnotes"]:
        lines += [_("Notes"), ""]
        lines += [
            f"[{note['number']}] {note['kind_label']}: {note['body'].strip()}" for note in text["footnotes"]
        ]
        lines.append("")
    return lines


def _closing_lines(payload: dict, version: PublishedVersion, *, version_specific: bool) -> list[str]:
    labelled = [
        (_("Source"), payload["source_sentence"]),
        (_("Original classification"), payload["original_classification"]),
        (_("Rights"), payload["rights"]),
        (_("Cite as"), house_citation(version, version_specific=version_specific)),
        (_("URL"), absolute(version_url(version, version_specific=version_specific))),
    ]
    lines = ["-" * 40, ""]
    for label, value in labelled:
        if value:
            lines += [f"{label}: {value.strip()}", ""]
    return lines


def _version_sentence(version: PublishedVersion) -> str:
    return _("Version %(number)s, published %(date)s") % {
        "number": version.number,
        "date": date_format(localtime(version.published_at), "j F Y"),
    }


# --- JSON -----------------------------------------------------------------------------------------


def _json(version: PublishedVersion, versions: VersionList, *, version_specific: bool) -> bytes:
    data = {
        **public_payload(version.payload),
        "url": absolute(version_url(version, version_specific=False)),
        "version": _version_metadata(version, versions),
        "versions": [
            {
                "number": summary.number,
                "published_at": summary.published_at,
                "change_note": summary.change_note,
                "url": absolute(summary.url),
            }
            for summary in versions.versions
        ],
        "citations": citations_for(version, version_specific=version_specific).as_dict(),
    }
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode("utf-8")


def public_payload(payload: dict) -> dict:
    """The payload's public fields only; see PUBLIC_FIELDS."""
    return {
        **{name: payload[name] for name in PUBLIC_FIELDS},
        "texts": [{name: text[name] for name in PUBLIC_TEXT_FIELDS} for text in payload["texts"]],
        "attachments": [
            {name: item[name] for name in PUBLIC_ATTACHMENT_FIELDS} for item in payload["attachments"]
        ],
    }


def _version_metadata(version: PublishedVersion, versions: VersionList) -> dict:
    return {
        "number": version.number,
        "published_at": version.published_at,
        "change_note": version.change_note,
        "is_current": version.is_current,
        "url": absolute(version_url(version, version_specific=True)),
        "current_number": versions.current.number,
    }
