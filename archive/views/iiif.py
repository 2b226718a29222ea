"""IIIF Presentation 3 manifests: /documents/<id>/manifest.json for every published record with images.

Built with iiif-prezi3 from the current version's payload, like every public view: one canvas per
image of the original, sized from the image's own width and height, painted by the plain image (a
static image body; the archive runs no image server). Labels and summaries are language maps: the
title in the site's language and each text's own title in that text's language. A record without
sized images has no manifest (404); a withdrawn record answers 410, as its page does.

Viewers fetch manifests from other origins, so every answer carries Access-Control-Allow-Origin: *.
"""

import json
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe
from iiif_prezi3 import Annotation, AnnotationBody, AnnotationPage, Canvas, KeyValueString, Manifest

from archive.citations import canonical_url
from archive.models import PublishedVersion
from archive.oai.formats import RECORD_NAMESPACE, absolute_url
from archive.oai.protocol import oai_identifier

CONTEXT = "http://iiif.io/api/presentation/3/context.json"
MEDIA_TYPE = f'application/ld+json;profile="{CONTEXT}"'
# Part of the ETag: change it when a change here changes what a manifest says.
MANIFEST_FORMAT = 1
MAX_AGE = 300


# --- The view -------------------------------------------------------------------------------------


def _version(request: HttpRequest, pk: int) -> PublishedVersion | None:
    """The record's current version, else its last one (withdrawn), else None: one query per request."""
    memo = request.__dict__.setdefault("_iiif_versions", {})
    if pk not in memo:
        memo[pk] = PublishedVersion.objects.filter(document_id=pk).order_by("-is_current", "-number").first()
    return memo[pk]


def _etag(request: HttpRequest, pk: int) -> str | None:
    version = _version(request, pk)
    return f"{version.pk}-{int(version.is_current)}-{MANIFEST_FORMAT}" if version else None


def _last_modified(request: HttpRequest, pk: int) -> datetime | None:
    version = _version(request, pk)
    return version.published_at if version and version.is_current else None


def _allow_any_origin(view):
    """Access-Control-Allow-Origin: * on every answer, revalidations (304) and errors included."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


@_allow_any_origin
@require_safe
@cache_control(public=True, max_age=MAX_AGE)
@condition(etag_func=_etag, last_modified_func=_last_modified)
def document_manifest(request: HttpRequest, pk: int) -> HttpResponse:
    """The manifest of the current version; 404 without images or a public version, 410 once withdrawn."""
    version = _version(request, pk)
    if version is None:
        return _problem(404, _("No published document has this number."))
    if not version.is_current:
        return _problem(410, _("This document was withdrawn; see its page for the reason."))
    if not sized_images(version.payload):
        return _problem(404, _("This document has no images to show in a IIIF viewer."))
    return HttpResponse(build_manifest(version).json(), content_type=MEDIA_TYPE)


def _problem(status: int, detail: str) -> HttpResponse:
    body = json.dumps({"status": status, "detail": detail})
    return HttpResponse(body, status=status, content_type="application/problem+json")


# --- The manifest ---------------------------------------------------------------------------------


def manifest_url(document_id: int) -> str:
    return settings.SITE_URL + reverse("archive:document-manifest", args=[document_id])


def sized_images(payload: dict) -> list[dict]:
    """Images of the original that a canvas can be sized from."""
    return [
        item
        for item in payload["attachments"]
        if item["content_type"].startswith("image/") and item["width"] and item["height"] and item["url"]
    ]


def build_manifest(version: PublishedVersion) -> Manifest:
    payload = version.payload
    base = manifest_url(version.document_id)
    language = _site_language()
    manifest = Manifest(
        id=base,
        label=_titles(payload, language),
        metadata=_metadata(payload, language),
        requiredStatement=KeyValueString(
            label={language: [_("Attribution")]},
            value={
                language: [payload["source_sentence"] or payload["credit_sentence"] or settings.ARCHIVE_NAME]
            },
        ),
        provider=[_provider(language)],
        homepage=[_homepage(version, language)],
        seeAlso=_see_also(version),
        rendering=_renderings(version, payload, language),
        items=[_canvas(base, number, image) for number, image in enumerate(sized_images(payload), 1)],
    )
    summary = " ".join(strip_tags(payload["summary_html"]).split())
    if summary:
        manifest.summary = {language: [summary]}
    if payload["date_earliest"]:
        manifest.navDate = f"{payload['date_earliest']}T00:00:00Z"
    return manifest


def _site_language() -> str:
    return settings.LANGUAGE_CODE.split("-")[0]


def _titles(payload: dict, language: str) -> dict[str, list[str]]:
    """The title in the site's language, and each text's title in the text's own language."""
    titles = {language: [payload["title"]]}
    for text in payload["texts"]:
        if text["title"] and text["title"] not in titles.setdefault(text["language"], []):
            titles[text["language"]].append(text["title"])
    return {key: values for key, values in titles.items() if values}


def _metadata(payload: dict, language: str) -> list[KeyValueString]:
    entries = [
        (_("Date"), payload["display_date"]),
        (_("Type"), payload["document_type_label"]),
        (_("Original language"), payload["original_language_name"]),
        (_("Languages"), ", ".join(dict.fromkeys(text["language_name"] for text in payload["texts"]))),
        (_("Source"), payload["source_sentence"]),
        (_("Credits"), payload["credit_sentence"]),
        (_("Original classification"), payload["original_classification"]),
        (_("Rights"), payload["rights"]),
        (_("Collections"), ", ".join(item["title"] for item in payload["collections"])),
    ]
    return [
        KeyValueString(label={language: [label]}, value={language: [value]})
        for label, value in entries
        if value
    ]


def _provider(language: str) -> dict:
    return {
        "id": f"{settings.SITE_URL}/",
        "type": "Agent",
        "label": {language: [settings.ARCHIVE_NAME]},
        "homepage": [
            {
                "id": f"{settings.SITE_URL}/",
                "type": "Text",
                "label": {language: [settings.ARCHIVE_NAME]},
                "format": "text/html",
            }
        ],
    }


def _homepage(version: PublishedVersion, language: str) -> dict:
    languages = sorted({text["language"] for text in version.payload["texts"]} | {language})
    return {
        "id": canonical_url(version),
        "type": "Text",
        "label": {language: [version.payload["title"]]},
        "format": "text/html",
        "language": languages,
    }


def _see_also(version: PublishedVersion) -> list[dict]:
    """The whole record as data: its OAI-PMH record (archive_record) and the JSON download."""
    oai = reverse("archive:oai")
    query = f"verb=GetRecord&metadataPrefix=archive_record&identifier={oai_identifier(version.document_id)}"
    return [
        {
            "id": f"{settings.SITE_URL}{oai}?{query}",
            "type": "Dataset",
            "format": "text/xml",
            "profile": RECORD_NAMESPACE,
        },
        {
            "id": settings.SITE_URL + reverse("archive:document-json", args=[version.document_id]),
            "type": "Dataset",
            "format": "application/json",
        },
    ]


def _renderings(version: PublishedVersion, payload: dict, language: str) -> list[dict]:
    """Alternative forms of the whole record: the archive's PDF, and PDFs of the original."""
    renderings = [
        {
            "id": settings.SITE_URL + reverse("archive:document-pdf", args=[version.document_id]),
            "type": "Text",
            "label": {language: [_("PDF of this record")]},
            "format": "application/pdf",
        }
    ]
    for item in payload["attachments"]:
        if item["content_type"] == "application/pdf" and item["url"]:
            label = item["caption"] or _("PDF of the original")
            renderings.append(
                {
                    "id": absolute_url(item["url"]),
                    "type": "Text",
                    "label": {language: [label]},
                    "format": "application/pdf",
                }
            )
    return renderings


def _canvas(base: str, number: int, image: dict) -> Canvas:
    """One page: a canvas the size of its image, painted by the image itself."""
    canvas_id = f"{base}/canvas/{number}"
    body = AnnotationBody(
        id=absolute_url(image["url"]),
        type="Image",
        format=image["content_type"],
        width=image["width"],
        height=image["height"],
    )
    painting = Annotation(id=f"{canvas_id}/page/painting", motivation="painting", body=body, target=canvas_id)
    return Canvas(
        id=canvas_id,
        label={"none": [image["caption"] or str(number)]},
        width=image["width"],
        height=image["height"],
        items=[AnnotationPage(id=f"{canvas_id}/page", items=[painting])],
    )
