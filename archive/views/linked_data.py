"""What search engines and link previews read on the document page: Open Graph and schema.org JSON-LD.

The record is an ArchiveComponent held by its repository (holdingArchive); each translation is a
CreativeWork based on it (isBasedOn, translationOfWork) with its translators. Everything comes from
the version's payload, like the rest of the page.
"""

import json
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from archive.models import PublishedVersion
from archive.views.published import VersionList, absolute, reverse_or_empty

if TYPE_CHECKING:
    from archive.views.documents import TextTab

_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def is_image(attachment: dict) -> bool:
    return attachment["content_type"].startswith("image/")


def plain_summary(payload: dict, *, length: int = 300) -> str:
    text = " ".join(strip_tags(payload["summary_html"]).split())
    # Truncator weighs every character (a combining accent counts for none): only a longer text needs it.
    return text if len(text) <= length else Truncator(text).chars(length)


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
    url = reverse_or_empty("archive:person-detail", pk=person["id"])
    return {**agent, "url": absolute(url)} if url else agent


def _translators(payload: dict) -> list[dict]:
    return [_agent(credit["person"]) for credit in payload["credits"] if credit["role"] == "translated"]


def json_ld(
    payload: dict, versions: VersionList, *, version: PublishedVersion, tabs: list["TextTab"], url: str
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


def _translation(tab: "TextTab", payload: dict, record_id: str) -> dict:
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
