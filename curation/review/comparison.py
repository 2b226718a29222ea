"""What a review compares with what: the two sides, the default pair, and the size of a change.

A side is named by a key: a revision id ("12"), a published version ("v2"), or "" for the empty
record. Keys travel in the review page's URL (`?old=…&new=…`), so any comparison can be linked to.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from reversion.models import Revision

from archive.languages import language_name
from archive.models import Document, Footnote, PublishedVersion, Text
from archive.rendering import render_body, render_notes
from curation import history
from curation.diff import (
    ChangeSize,
    RecordState,
    compare_states,
    empty_state,
    state_of_published,
    state_of_revision,
)
from curation.models import AuditEntry

Status = Document.Status
Action = AuditEntry.Action
# Revisions and published versions never change, so the size of a change between two of them can be
# kept as long as the cache likes.
SIZE_CACHE_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a revision, a published version, or nothing yet."""

    key: str  # "12" for revision 12, "v2" for published version 2, "" for the empty record
    label: str
    state: RecordState
    revision: Revision | None = None
    version: PublishedVersion | None = None


def default_keys(document: Document) -> tuple[str, str]:
    """The comparison a reviewer starts from: the latest content against what the public sees.

    Never published: against the revision submitted last time (what the editor reviewed before),
    else the first revision, else nothing (everything shows as added).
    """
    latest = history.latest_content_revision(document)
    new = str(latest.pk) if latest else ""
    if document.current_version_id:
        return f"v{document.current_version.number}", new
    submissions = list(
        AuditEntry.objects.filter(document=document, action=Action.SUBMIT)
        .order_by("-pk")
        .values_list("revision_id", flat=True)
    )
    if document.status == Status.IN_REVIEW:
        submissions = submissions[1:]  # the latest submission is the one under review
    if submissions:
        return str(submissions[0]), new
    first = history.revisions_of(document).order_by("pk").values_list("pk", flat=True).first()
    return ("" if first is None or str(first) == new else str(first)), new


class UnknownSide(ValueError):
    """A comparison key that names no revision or published version of the record."""


def load_side(document: Document, key: str) -> Side:
    """The side named by `key`; UnknownSide, saying what was wrong, if it names nothing of this record."""
    if not key:
        return Side("", _("nothing (a new record)"), empty_state())
    if key.startswith("v") and key[1:].isdigit():
        version = PublishedVersion.objects.filter(document=document, number=int(key[1:])).first()
        if version is None:
            raise UnknownSide(_("This record has no published version %(number)s.") % {"number": key[1:]})
        label = _("published version %(number)s") % {"number": version.number}
        return Side(key, label, state_of_published(version.payload), version=version)
    revision = history.revisions_of(document).filter(pk=int(key)).first() if key.isdigit() else None
    if revision is None:
        raise UnknownSide(_("“%(key)s” is not a revision of this record.") % {"key": key})
    return Side(
        key,
        history.describe_revision(revision),
        state_of_revision(revision, document_id=document.pk),
        revision,
    )


def change_size(document: Document) -> ChangeSize:
    """Size of the change under review (the default comparison), cached per pair of revisions."""
    old_key, new_key = default_keys(document)
    cache_key = f"curation:change-size:{document.pk}:{old_key}:{new_key}"
    size = cache.get(cache_key)
    if size is None:
        size = compare_states(load_side(document, old_key).state, load_side(document, new_key).state).size
        cache.set(cache_key, size, SIZE_CACHE_SECONDS)
    return size


def side_by_side(state: RecordState) -> list[dict]:
    """The state's texts rendered for reading, originals first, each with its notes."""
    columns = []
    for key, text in state["texts"].items():
        prefix = f"sbs-{key.replace(':', '-')}"
        notes = [
            (number, _note_kind(note["kind"]), note["body"]) for number, note in text["footnotes"].items()
        ]
        columns.append(
            {
                "label": f"{Text.Kind(text['kind']).label.capitalize()} ({language_name(text['language'])})",
                "language": text["language"],
                "is_original": text["kind"] != Text.Kind.TRANSLATION,
                "title": text["title"],
                "html": render_body(text["body"], note_prefix=prefix)
                + render_notes(notes, note_prefix=prefix),
            }
        )
    return sorted(columns, key=lambda column: not column["is_original"])


def _note_kind(kind: str) -> str:
    return str(Footnote.Kind(kind).label) if kind in Footnote.Kind.values else kind


def review_url(document: Document, *, old: str | None = None, new: str | None = None) -> str:
    url = reverse("admin:archive_document_review", args=[document.pk])
    query = {name: value for name, value in (("old", old), ("new", new)) if value is not None}
    return f"{url}?{urlencode(query)}" if query else url


def comparison_choices(document: Document) -> dict:
    """What the user may pick for either side of a comparison."""
    revisions = [
        (str(revision.pk), history.describe_revision(revision)) for revision in history.revisions_of(document)
    ]
    versions = [
        (f"v{number}", _("published version %(number)s") % {"number": number})
        for number in document.published_versions.order_by("-number").values_list("number", flat=True)
    ]
    return {"revisions": revisions, "versions": versions}
