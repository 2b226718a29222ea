"""Keeping the search index in step with what is public.

The index holds exactly the current published version of every public record: `index_version` runs
when a version becomes current (publishing), `remove_document` when a record stops being public
(withdrawal). Both are called from the `current_version_changed` signal, which the archive sends
inside the transaction that moves the current flag, so the index changes or rolls back with it.
Everything indexed comes from the version's payload, never from the working copy.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from archive.models import Document, PublishedVersion
from archive.search.backends import Part, get_backend
from archive.search.models import SearchEntry, SearchFacet, SearchGeneration
from archive.search.text import html_text, segment_cjk

Facet = SearchFacet.Name


def index_version(version: PublishedVersion) -> None:
    """Make `version` its record's one entry in the index, replacing any earlier version's."""
    index_versions([version])


def index_versions(versions: list[PublishedVersion]) -> None:
    """index_version for many records at once (each version its record's current one): the same
    rows, written in bulk, and the index's generation moved once (the corpus generator's path)."""
    if not versions:
        return
    backend = get_backend()
    with transaction.atomic():
        document_ids = [version.document_id for version in versions]
        for document_id in document_ids:
            backend.forget(document_id)
        SearchEntry.objects.filter(document_id__in=document_ids).delete()
        entries = [
            SearchEntry(version=version, document_id=version.document_id, date_earliest=version.date_earliest)
            for version in versions
        ]
        backend.add(
            [(entry, parts(version.payload)) for entry, version in zip(entries, versions, strict=True)]
        )
        SearchFacet.objects.bulk_create(
            SearchFacet(entry=entry, facet=facet, value=value, label=label[:500])
            for entry, version in zip(entries, versions, strict=True)
            for facet, value, label in facet_values(version.payload)
        )
        next_generation()


def remove_document(document_id: int) -> None:
    """Take every version of the record out of the index."""
    with transaction.atomic():
        get_backend().forget(document_id)
        SearchEntry.objects.filter(document_id=document_id).delete()
        next_generation()


def next_generation() -> None:
    """Mark the index changed, in the transaction that changes it (see SearchGeneration).

    A random number rather than the next one: a rolled-back transaction gives its number back, and
    a later change would then reuse a number some process already loaded under different contents.
    """
    number = secrets.randbits(62)
    if not SearchGeneration.objects.update(number=number):
        SearchGeneration.objects.create(number=number)


def rebuild_index() -> int:
    """Index every current version afresh (after a change to what is indexed); returns how many."""
    with transaction.atomic():
        get_backend().clear()
        SearchEntry.objects.all().delete()
        versions = PublishedVersion.objects.current().order_by("pk")
        count = 0
        for version in versions.iterator(chunk_size=100):
            index_version(version)
            count += 1
    return count


def fill_empty_index(sender, *, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """After `migrate`: fill the index if it is empty but records are published (a database that
    had published records before the index existed). Receiver of post_migrate."""
    if using != DEFAULT_DB_ALIAS or SearchEntry.objects.exists():
        return
    if PublishedVersion.objects.current().exists():
        rebuild_index()


def sync_index(sender, *, document: Document, version: PublishedVersion | None, **kwargs) -> None:
    """Receiver of archive.signals.current_version_changed."""
    if version is None:
        remove_document(document.pk)
    else:
        index_version(version)


# --- What is indexed ------------------------------------------------------------------------------


def parts(payload: dict) -> list[Part]:
    """The words of a version, part by part: the title and summary in the site's language (they are
    catalogued in it), each text and its footnotes in the text's own language."""
    site = settings.LANGUAGE_CODE.split("-")[0]
    found = [
        Part("title", site, payload["title"]),
        Part("summary", site, html_text(payload["summary_html"])),
        Part("catalogue", site, catalogue_text(payload)),
    ]
    for text in payload["texts"]:
        language = text["language"]
        found.append(Part("title", language, text["title"]))
        found.append(Part("texts", language, html_text(text["body_html"])))
        found.extend(Part("footnotes", language, html_text(note["body_html"])) for note in text["footnotes"])
    return [Part(part.column, part.language, segment_cjk(part.text)) for part in found if part.text]


def catalogue_text(payload: dict) -> str:
    """The names a reader may search by: people, places, subjects, collections, the repository."""
    names = [person["name"] for person in (*payload["creators"], *payload["people"])]
    names += [credit["person"]["name"] for credit in payload["credits"]]
    names += [place["full_name"] for place in payload["places"]]
    names += [" ".join(subject["subdivisions"]) for subject in payload["subjects"]]
    names += [collection["title"] for collection in payload["collections"]]
    repository = payload["repository"]
    if repository:
        names += [repository["name"], repository["abbreviation"]]
    names.append(payload["archival_reference"])
    return "\n".join(name for name in names if name)


def facet_values(payload: dict) -> set[tuple[str, str, str]]:
    """(facet, value, label) for every facet value of a version."""
    values = {(Facet.COLLECTION, str(item["id"]), item["title"]) for item in payload["collections"]}
    values |= {(Facet.SUBJECT, str(item["id"]), item["heading"]) for item in payload["subjects"]}
    values |= {(Facet.PLACE, str(item["id"]), item["full_name"]) for item in payload["places"]}
    values |= {
        (Facet.PERSON, str(person["id"]), person["name"])
        for person in (*payload["creators"], *payload["people"])
    }
    repository = payload["repository"]
    if repository:
        values.add((Facet.REPOSITORY, str(repository["id"]), repository_label(repository)))
    values.add((Facet.LANGUAGE, payload["original_language"], payload["original_language_name"]))
    values |= {
        (Facet.TRANSLATION, text["language"], text["language_name"])
        for text in payload["texts"]
        if text["kind"] == "translation"
    }
    values |= {(Facet.DECADE, str(decade), decade_label(decade)) for decade in decades(payload)}
    return values


def repository_label(repository: dict) -> str:
    abbreviation = repository["abbreviation"]
    return f"{repository['name']} ({abbreviation})" if abbreviation else repository["name"]


def decades(payload: dict) -> range:
    """Every decade the record's date range overlaps; none for an undated or open-ended record,
    as the date range filter (PublishedVersionQuerySet.dated_between) also leaves those out."""
    earliest: dt.date | None = parse_date(payload["date_earliest"] or "")
    latest: dt.date | None = parse_date(payload["date_latest"] or "")
    if earliest is None or latest is None:
        return range(0)
    return range(earliest.year // 10 * 10, latest.year // 10 * 10 + 1, 10)


def decade_label(decade: int) -> str:
    return _("%(decade)ss") % {"decade": decade}
