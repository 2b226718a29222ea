"""The document page: a record's current version, each earlier version, and a withdrawn record's tombstone.

Everything here reads PublishedVersion rows and nothing of the working copy but the withdrawal fields
of a tombstone (DESIGN.md, "The one invariant"). A page costs three indexed queries whatever the size
of the record: the record's version list (archive.views.published), the chosen version's payload and
its citations' stored renderings (archive.citations), the last skipped when this process showed the
version lately (`version_parts`).

The texts are tabs that work without JavaScript: every tab is a link to `?text=<language>-<kind>`, the
server renders the chosen text visible and the others `hidden`, and static/archive/js/tabs.js upgrades
the links to ARIA tabs that switch in place.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from archive.citations import house_style, record_and_version_citations
from archive.models import Document, PublishedVersion
from archive.views.linked_data import is_image, json_ld, json_ld_script, open_graph
from archive.views.published import (
    VersionList,
    Withdrawn,
    absolute,
    published_resource,
    resolve_version,
    reverse_or_empty,
    url_for,
    version_list,
    version_url,
)

RIGHT_TO_LEFT = frozenset({"ar", "arc", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"})


# --- Views ----------------------------------------------------------------------------------------


@published_resource
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The current version of a record. Template: archive/document.html (see `page_context`)."""
    return _page(request, pk, number=None)


@published_resource
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """One version of a record at its stable, citable URL; an older one says a newer one exists."""
    return _page(request, pk, number=number)


@require_safe
def document_slug_redirect(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """`/documents/<id>/<slug>/` is a friendly alias; the numeric URL is the one that lasts."""
    url = url_for("archive:document-detail", pk=pk)
    if request.META.get("QUERY_STRING"):
        url = f"{url}?{request.META['QUERY_STRING']}"
    return HttpResponsePermanentRedirect(url)


def _page(request: HttpRequest, pk: int, *, number: int | None) -> HttpResponse:
    try:
        version = resolve_version(request, pk, number)
    except Withdrawn as withdrawn:
        return tombstone(request, withdrawn.versions)
    context = page_context(request, version, version_list(request, pk), version_specific=number is not None)
    return render(request, "archive/document.html", context)


def tombstone(request: HttpRequest, versions: VersionList) -> HttpResponse:
    """HTTP 410 with what a reader needs to account for a citation: title, citation, reason, date.

    Template: archive/tombstone.html; context: version (the last published), withdrawn_at, reason.
    """
    last = PublishedVersion.objects.get(pk=versions.versions[0].pk)
    record = Document.objects.filter(pk=last.document_id).values("withdrawn_at", "withdrawal_reason").get()
    context = {
        "version": last,
        "payload": last.payload,
        "withdrawn_at": record["withdrawn_at"],
        "reason": record["withdrawal_reason"],
        "citation": house_citation(last, version_specific=False),
    }
    return render(request, "archive/tombstone.html", context, status=410)


def house_citation(version: PublishedVersion, *, version_specific: bool) -> str:
    """The archive's house-style citation as plain text, without the other styles' cost."""
    return house_style(version, version_specific=version_specific)["text"]


# --- The page's parts -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TextTab:
    """One text of the record as a tab: its URL key is "<language>-<kind>" ("ru-original")."""

    key: str
    label: str
    text: dict
    url: str
    selected: bool

    @property
    def direction(self) -> str:
        return "rtl" if self.text["language"].split("-")[0] in RIGHT_TO_LEFT else "ltr"


def page_context(
    request: HttpRequest, version: PublishedVersion, versions: VersionList, *, version_specific: bool
) -> dict:
    """Everything archive/document.html shows, from the version's payload and the version list."""
    payload = version.payload
    base_url = version_url(version, version_specific=version_specific)
    tabs = text_tabs(payload["texts"], base_url=base_url, chosen=request.GET.get("text", ""))
    selected = next((tab for tab in tabs if tab.selected), None)
    canonical = absolute(selected.url if selected else base_url)
    parts = version_parts(version, versions, version_specific=version_specific)
    return {
        **parts,
        "version": version,
        "payload": payload,
        "version_specific": version_specific,
        "is_current": version.is_current,
        "current_version": versions.current,
        "versions": versions.versions,
        "earlier_versions": [summary for summary in versions.versions if summary.number < version.number],
        "tabs": tabs,
        "selected_tab": selected,
        "alternates": language_alternates(tabs, default_url=base_url),
        "canonical_url": canonical,
        "open_graph": {**parts["open_graph"], "url": canonical},
    }


class _LeastRecentlyUsed:
    """A bounded dict that forgets what was used longest ago; safe for gunicorn's threads."""

    def __init__(self, size: int) -> None:
        self.size, self.entries, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key: tuple, make: Callable[[], dict]) -> dict:
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
        value = make()
        with self.lock:
            self.entries[key] = value
            if len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return value


# About 20 KB a version: a few megabytes per worker, for the versions read most.
_VERSION_PARTS = _LeastRecentlyUsed(512)


def version_parts(version: PublishedVersion, versions: VersionList, *, version_specific: bool) -> dict:
    """The parts of the page that follow from the published version alone (its citations, links,
    downloads, JSON-LD …), made once per process and language: a version never changes, and the
    key holds everything else they read, so that a second view of a version skips their cost and
    the query for its citations. What follows from the request or the version list is not here."""
    key = (
        version.pk,
        version.published_at,
        version_specific,
        get_language(),
        settings.LANGUAGE_CODE,
        settings.SITE_URL,
        settings.ARCHIVE_NAME,
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
    )
    return _VERSION_PARTS.get(
        key, lambda: _version_parts(version, versions, version_specific=version_specific)
    )


def _version_parts(version: PublishedVersion, versions: VersionList, *, version_specific: bool) -> dict:
    payload = version.payload
    base_url = version_url(version, version_specific=version_specific)
    # The JSON-LD reads the texts' addresses, not which one the reader chose.
    tabs = text_tabs(payload["texts"], base_url=base_url, chosen="")
    citations, version_citations = record_and_version_citations(version)
    return {
        "funding_line": funding_line_html(payload["donors"]),
        "links": linked_records(payload),
        "provenance": provenance(payload),
        "images": [item for item in payload["attachments"] if is_image(item)],
        "documents": [item for item in payload["attachments"] if not is_image(item)],
        "downloads": download_links(version, version_specific=version_specific),
        # archive/includes/cite.html: the record's citations, and this version's beside them.
        "citations": citations,
        "version_citations": version_citations,
        # Its url is the page's canonical address, set per request; published_time is the first
        # version's, which no later version changes.
        "open_graph": open_graph(payload, versions, canonical="", version=version),
        "json_ld": json_ld_script(
            json_ld(payload, versions, version=version, tabs=tabs, url=absolute(base_url))
        ),
    }


def text_key(text: dict) -> str:
    return f"{text['language']}-{text['kind']}"


def text_tabs(texts: list[dict], *, base_url: str, chosen: str) -> list[TextTab]:
    """The texts as tabs; the chosen one (or the default one) selected; the default's URL is the bare page."""
    default = default_text_key(texts)
    selected = chosen if any(text_key(text) == chosen for text in texts) else default
    return [
        TextTab(
            key=text_key(text),
            label=text_label(text),
            text=text,
            url=base_url
            if text_key(text) == default
            else f"{base_url}?{urlencode({'text': text_key(text)})}",
            selected=text_key(text) == selected,
        )
        for text in texts
    ]


def default_text_key(texts: list[dict]) -> str:
    """A translation into the site's language if there is one (most readers' first choice), else the first text."""
    site_language = settings.LANGUAGE_CODE.split("-")[0]
    in_site_language = [text for text in texts if text["language"] == site_language]
    preferred = sorted(in_site_language, key=lambda text: text["kind"] != "translation")
    chosen = preferred[0] if preferred else (texts[0] if texts else None)
    return text_key(chosen) if chosen else ""


def text_label(text: dict) -> str:
    """ "Russian original", "English translation"."""
    return _("%(language)s %(kind)s") % {"language": text["language_name"], "kind": text["kind_label"]}


def language_alternates(tabs: list[TextTab], *, default_url: str) -> list[dict]:
    """hreflang links: one per language (its first text), and x-default for the bare page."""
    alternates, seen = [], set()
    for tab in tabs:
        language = tab.text["language"]
        if language not in seen:
            seen.add(language)
            alternates.append({"hreflang": language, "href": absolute(tab.url)})
    if alternates:
        alternates.append({"hreflang": "x-default", "href": absolute(default_url)})
    return alternates


def natural_join(items: list[str]) -> str:
    """ "X", "X and Y", "X, Y, and Z": a list as a sentence names it."""
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return _("{first} and {last}").format(first=items[0], last=items[1])
    return _("{items}, and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def funding_sentence() -> str:
    return _("This document was made possible with support from {funders}.")


def funding_line(donors: list[dict]) -> str:
    """The funding sentence as plain text; "" when nobody funded the record."""
    if not donors:
        return ""
    return funding_sentence().format(funders=natural_join([donor["name"] for donor in donors]))


def funding_line_html(donors: list[dict]) -> SafeString:
    """The funding sentence with each funder linked to its web site, where it has one."""
    if not donors:
        return mark_safe("")
    names = [
        format_html('<a href="{}">{}</a>', donor["url"], donor["name"])
        if donor["url"]
        else conditional_escape(donor["name"])
        for donor in donors
    ]
    # The pieces are escaped above; the sentence itself comes from the translation catalogue.
    return mark_safe(funding_sentence().format(funders=natural_join(names)))


def linked_records(payload: dict) -> dict[str, list[dict]]:
    """Authors, people, places, subjects and collections, each with the URL of its browse page."""

    def linked(items: list[dict], name: str, *, key: str = "id", argument: str = "pk") -> list[dict]:
        return [{**item, "url": reverse_or_empty(name, **{argument: item[key]})} for item in items]

    return {
        "creators": linked(payload["creators"], "archive:person-detail"),
        "people": linked(payload["people"], "archive:person-detail"),
        "places": linked(payload["places"], "archive:place-detail"),
        "subjects": linked(payload["subjects"], "archive:subject-detail"),
        "collections": linked(
            payload["collections"], "archive:collection-detail", key="slug", argument="slug"
        ),
        "related": [
            {**item, "url": url_for("archive:document-detail", pk=item["id"])}
            for item in payload["related_documents"]
        ],
    }


def provenance(payload: dict) -> list[dict]:
    """The record's custody history, each event's place with the URL of its browse page."""
    return [
        {**event, "place_url": reverse_or_empty("archive:place-detail", pk=event["place"]["id"])}
        if event.get("place")
        else event
        for event in payload["provenance"]
    ]


def download_links(version: PublishedVersion, *, version_specific: bool) -> list[dict]:
    prefix = "archive:version" if version_specific else "archive:document"
    kwargs = {"pk": version.document_id, **({"number": version.number} if version_specific else {})}
    return [
        {"label": _("PDF"), "url": url_for(f"{prefix}-pdf", **kwargs), "type": "application/pdf"},
        {"label": _("Plain text"), "url": url_for(f"{prefix}-txt", **kwargs), "type": "text/plain"},
        {"label": _("JSON"), "url": url_for(f"{prefix}-json", **kwargs), "type": "application/json"},
    ]
