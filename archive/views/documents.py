"""The document page: a record's current version, each earlier version, and a withdrawn record's tombstone.

Everything here reads PublishedVersion rows and nothing of the working copy but the withdrawal fields
of a tombstone (DESIGN.md, "The one invariant"). A page costs two indexed queries whatever the size of
the record: the record's version list (small rows, no payload; enough on its own to answer a
revalidation with 304) and the chosen version's payload.

The texts are tabs that work without JavaScript: every tab is a link to `?text=<language>-<kind>`, the
server renders the chosen text visible and the others `hidden`, and static/archive/js/tabs.js upgrades
the links to ARIA tabs that switch in place.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe

from archive.citations import citations_for, house_style
from archive.models import Document, PublishedVersion

# Small: a reader sees a new version within minutes; revalidation (ETag) keeps it cheap after that.
PAGE_MAX_AGE = 300
RIGHT_TO_LEFT = frozenset({"ar", "arc", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"})
TEMPLATES_DIR = settings.BASE_DIR / "templates"
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


# --- Which version a URL names --------------------------------------------------------------------


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
        return reverse("archive:version-detail", args=[self.document_id, self.number])


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
    url = reverse("archive:document-detail", args=[pk])
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
    current = versions.current
    return {
        "version": version,
        "payload": payload,
        "version_specific": version_specific,
        "is_current": version.is_current,
        "current_version": current,
        "versions": versions.versions,
        "earlier_versions": [summary for summary in versions.versions if summary.number < version.number],
        "tabs": tabs,
        "selected_tab": selected,
        "alternates": language_alternates(tabs, default_url=base_url),
        "canonical_url": canonical,
        "funding_line": funding_line_html(payload["donors"]),
        "links": linked_records(payload),
        "images": [item for item in payload["attachments"] if is_image(item)],
        "documents": [item for item in payload["attachments"] if not is_image(item)],
        "downloads": download_links(version, version_specific=version_specific),
        # archive/includes/cite.html: the record's citations, and this version's beside them.
        "citations": citations_for(version),
        "version_citations": citations_for(version, version_specific=True),
        "open_graph": open_graph(payload, versions, canonical=canonical, version=version),
        "json_ld": json_ld_script(
            json_ld(payload, versions, version=version, tabs=tabs, url=absolute(base_url))
        ),
    }


def version_url(version: PublishedVersion, *, version_specific: bool) -> str:
    if version_specific:
        return reverse("archive:version-detail", args=[version.document_id, version.number])
    return reverse("archive:document-detail", args=[version.document_id])


def absolute(path: str) -> str:
    """The canonical, absolute form of a site path: SITE_URL, whatever host the request came to."""
    return f"{settings.SITE_URL}{path}"


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


FUNDING_SENTENCE = "This document was made possible with support from {funders}."


def funding_line(donors: list[dict]) -> str:
    """The funding sentence as plain text; "" when nobody funded the record."""
    if not donors:
        return ""
    return _(FUNDING_SENTENCE).format(funders=natural_join([donor["name"] for donor in donors]))


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
    return mark_safe(_(FUNDING_SENTENCE).format(funders=natural_join(names)))


def reverse_or_empty(name: str, *args) -> str:
    """The URL of a browse page, or "" while that page does not exist: the name then shows unlinked."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def linked_records(payload: dict) -> dict[str, list[dict]]:
    """Authors, people, places, subjects and collections, each with the URL of its browse page."""

    def person(item: dict) -> dict:
        return {**item, "url": reverse_or_empty("archive:person-detail", item["id"])}

    return {
        "creators": [person(item) for item in payload["creators"]],
        "people": [person(item) for item in payload["people"]],
        "places": [
            {**item, "url": reverse_or_empty("archive:place-detail", item["id"])}
            for item in payload["places"]
        ],
        "subjects": [
            {**item, "url": reverse_or_empty("archive:subject-detail", item["id"])}
            for item in payload["subjects"]
        ],
        "collections": [
            {**item, "url": reverse_or_empty("archive:collection-detail", item["slug"])}
            for item in payload["collections"]
        ],
        "related": [
            {**item, "url": reverse("archive:document-detail", args=[item["id"]])}
            for item in payload["related_documents"]
        ],
    }


def is_image(attachment: dict) -> bool:
    return attachment["content_type"].startswith("image/")


def download_links(version: PublishedVersion, *, version_specific: bool) -> list[dict]:
    prefix = "archive:version" if version_specific else "archive:document"
    args = [version.document_id, version.number] if version_specific else [version.document_id]
    return [
        {"label": _("PDF"), "url": reverse(f"{prefix}-pdf", args=args), "type": "application/pdf"},
        {"label": _("Plain text"), "url": reverse(f"{prefix}-txt", args=args), "type": "text/plain"},
        {"label": _("JSON"), "url": reverse(f"{prefix}-json", args=args), "type": "application/json"},
    ]


def plain_summary(payload: dict, *, length: int = 300) -> str:
    text = " ".join(strip_tags(payload["summary_html"]).split())
    return Truncator(text).chars(length)


# --- Discoverability: Open Graph and schema.org ----------------------------------------------------


def open_graph(payload: dict, versions: VersionList, *, canonical: str, version: PublishedVersion) -> dict:
    images = [item for item in payload["attachments"] if is_image(item) and item["url"]]
    return {
        "title": payload["title"],
        "description": plain_summary(payload),
        "url": canonical,
        "image": absolute(images[0]["url"]) if images else "",
        "image_alt": images[0]["caption"] if images else "",
        "published_time": versions.versions[-1].published_at.isoformat(),
        "modified_time": version.published_at.isoformat(),
    }


def iso_date(payload: dict) -> str | None:
    """The record's date in ISO 8601: a day, a whole month or year, or an interval of days."""
    earliest, latest = payload["date_earliest"], payload["date_latest"]
    if not earliest or not latest:
        return None
    if earliest == latest:
        return earliest
    start, end = date.fromisoformat(earliest), date.fromisoformat(latest)
    same_month = (start.year, start.month) == (end.year, end.month)
    if same_month and start.day == 1 and (end + timedelta(days=1)).day == 1:
        return earliest[:7]
    if earliest.endswith("-01-01") and latest.endswith("-12-31") and earliest[:4] == latest[:4]:
        return earliest[:4]
    return f"{earliest}/{latest}"


def _agent(person: dict) -> dict:
    kind = "Organization" if person.get("kind") == "organization" else "Person"
    agent = {"@type": kind, "name": person["name"]}
    url = reverse_or_empty("archive:person-detail", person["id"])
    return {**agent, "url": absolute(url)} if url else agent


def _translators(payload: dict) -> list[dict]:
    return [_agent(credit["person"]) for credit in payload["credits"] if credit["role"] == "translated"]


def json_ld(
    payload: dict, versions: VersionList, *, version: PublishedVersion, tabs: list[TextTab], url: str
) -> dict:
    """schema.org for the record (an ArchiveComponent) and each translation (a CreativeWork based on it)."""
    record_id = f"{url}#record"
    record = {
        "@type": "ArchiveComponent",
        "@id": record_id,
        "url": url,
        "name": payload["title"],
        "description": plain_summary(payload, length=1000),
        "dateCreated": iso_date(payload),
        "inLanguage": payload["original_language"],
        "version": str(version.number),
        "datePublished": versions.versions[-1].published_at.isoformat(),
        "dateModified": version.published_at.isoformat(),
        "publisher": {"@type": "Organization", "name": settings.ARCHIVE_NAME, "url": settings.SITE_URL},
        "holdingArchive": _holding_archive(payload),
        "identifier": payload["archival_reference"] or None,
        "creator": [_agent(person) for person in payload["creators"]],
        "translator": _translators(payload),
        "about": [
            *({"@type": "Thing", "name": subject["heading"]} for subject in payload["subjects"]),
            *(_agent(person) for person in payload["people"]),
        ],
        "spatialCoverage": [{"@type": "Place", "name": place["full_name"]} for place in payload["places"]],
        "isPartOf": [{"@type": "Collection", "name": item["title"]} for item in payload["collections"]],
        "funder": [{"@type": "Organization", "name": donor["name"]} for donor in payload["donors"]],
        "creditText": payload["credit_sentence"] or None,
        "copyrightNotice": payload["rights"] or None,
    }
    translations = [
        _translation(tab, payload, record_id) for tab in tabs if tab.text["kind"] == "translation"
    ]
    if translations:
        record["workTranslation"] = [{"@id": item["@id"]} for item in translations]
    return {"@context": "https://schema.org", "@graph": [_compact(record), *map(_compact, translations)]}


def _holding_archive(payload: dict) -> dict | None:
    repository = payload["repository"]
    if not repository:
        return None
    return _compact(
        {
            "@type": "ArchiveOrganization",
            "name": repository["name"],
            "alternateName": repository["abbreviation"] or None,
            "address": repository["location"] or None,
            "url": repository["url"] or None,
        }
    )


def _translation(tab: TextTab, payload: dict, record_id: str) -> dict:
    url = absolute(tab.url)
    return {
        "@type": "CreativeWork",
        "@id": f"{url}#text-{tab.key}",
        "url": url,
        "name": tab.text["title"] or payload["title"],
        "inLanguage": tab.text["language"],
        "translator": _translators(payload),
        "isBasedOn": {"@id": record_id},
        "translationOfWork": {"@id": record_id},
    }


def _compact(node: dict) -> dict:
    """schema.org nodes without empty properties."""
    return {key: value for key, value in node.items() if value not in (None, "", [])}


def json_ld_script(data: dict) -> SafeString:
    """The data as <script type="application/ld+json">; "<", ">" and "&" escaped so no string ends it."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
