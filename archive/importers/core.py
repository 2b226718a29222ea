"""Importing files of records: find the format, read every record, write each on its own.

Each record is written in its own transaction and django-reversion revision ("Imported from <file>"),
so one bad record never stops or half-writes the others. A record is found again by its external id:
if writing it would change nothing, the transaction is rolled back and the report says "unchanged".
Imported records are drafts; an import never changes a record's workflow state, and it refuses to
change a record that is in review or published (that goes through the admin and curation.actions).
"""

import enum
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

import reversion
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models.signals import post_save

from archive.credits import parse_source
from archive.importers.candidates import Candidate
from archive.importers.csvrecords import dataset_reader
from archive.importers.jsonrecords import looks_like_json, read_json
from archive.importers.problems import FileRejected, RecordRejected
from archive.importers.records import document_to_record, export_queryset
from archive.importers.tei import looks_like_tei, read_tei
from archive.importers.wcda import looks_like_wcda, read_wcda
from archive.importers.writer import apply_record, find_document
from archive.models import Collection, Document, Donor, Person, Place, Repository, Subject

logger = logging.getLogger(__name__)

# Workflow states in which a record's working copy may be changed by an import.
IMPORTABLE_STATES = {Document.Status.DRAFT, Document.Status.CHANGES_REQUESTED}


class Status(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Outcome:
    """One line of the report: what happened to one record (or to a file that holds none)."""

    status: Status
    file: str
    record: str
    detail: str = ""
    notes: tuple[str, ...] = ()

    def __str__(self) -> str:
        line = f"{self.status}: {self.file}: {self.record}"
        line = f"{line}: {self.detail}" if self.detail else line
        return "\n".join([line, *(f"    note: {note}" for note in self.notes)])


@dataclass
class ImportReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def rejected(self) -> int:
        return self.count(Status.REJECTED)

    def summary(self) -> str:
        return ", ".join(f"{self.count(status)} {status}" for status in Status) + "."


class _Unchanged(Exception):
    """Raised inside the record's transaction to roll back a write that changed nothing."""


Reader = Callable[[Path, bytes], list[Candidate]]


def import_paths(
    paths: Iterable[Path | str],
    *,
    user=None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import every record in these files (directories are read recursively); never raises for bad input.

    `dry_run` runs the whole import in one transaction and rolls it back, so the report says exactly
    what would be created, updated or left unchanged, and nothing is written. `progress(done, total)`
    is called after each record, for large imports.
    """
    if not dry_run:
        return _import_paths(paths, user=user, progress=progress)
    with transaction.atomic():
        report = _import_paths(paths, user=user, progress=progress)
        transaction.set_rollback(True)
    return report


def _import_paths(paths: Iterable[Path | str], *, user, progress) -> ImportReport:
    files = [read_file(path) for path in _expand(paths)]
    candidates = [candidate for found in files if not isinstance(found, Outcome) for candidate in found]
    link_both_ways(candidates)
    in_this_import = {candidate.external_id for candidate in candidates if candidate.record}
    first_seen: dict[str, str] = {}
    report = ImportReport()
    done = 0
    for found in files:
        if isinstance(found, Outcome):
            report.outcomes.append(found)
            continue
        for candidate in found:
            outcome = import_candidate(
                candidate, first_seen=first_seen, in_this_import=in_this_import, user=user
            )
            report.outcomes.append(outcome)
            done += 1
            if progress is not None:
                progress(done, len(candidates))
    return report


def _expand(paths: Iterable[Path | str]) -> Iterable[Path]:
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(child for child in path.rglob("*") if child.is_file())
        else:
            yield path


def read_file(path: Path) -> list[Candidate] | Outcome:
    """The records in one file, or the report line of a file that has none to offer."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return Outcome(Status.REJECTED, path.name, "file", f"cannot be read: {error.strerror}.")
    reader = detect_format(path, data)
    if reader is None:
        return Outcome(Status.SKIPPED, path.name, "file", "not a record file in a format this archive reads.")
    try:
        return reader(path, data)
    except FileRejected as rejected:
        return [Candidate.rejected(path, "file", rejected)]


def detect_format(path: Path, data: bytes) -> Reader | None:
    """By extension first (.txt, .json, .xml; the bulk dataset's .csv and .jsonl, gzipped or not), else
    by what the file begins with."""
    if dataset_reader(path) is not None:
        return dataset_reader(path)
    by_suffix = {".txt": _text_reader(read_wcda), ".json": _text_reader(read_json), ".xml": read_tei}
    if path.suffix.lower() in by_suffix:
        return by_suffix[path.suffix.lower()]
    head = data[:10_000].decode("utf-8", errors="replace")
    if looks_like_json(head):
        return _text_reader(read_json)
    if looks_like_tei(head):
        return read_tei
    if looks_like_wcda(data.decode("utf-8", errors="replace")):
        return _text_reader(read_wcda)
    return None


def _text_reader(read: Callable[[Path, str], list[Candidate]]) -> Reader:
    def read_text(path: Path, data: bytes) -> list[Candidate]:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise FileRejected(f"not UTF-8 text (byte {error.start} cannot be decoded).") from None
        return read(path, text)

    return read_text


def link_both_ways(candidates: list[Candidate]) -> None:
    """Related-document links are mutual: if d10 names d9, d9's record names d10 too."""
    records = {}
    for candidate in candidates:
        if candidate.record is not None:
            records.setdefault(candidate.external_id, candidate.record)
    for external_id, record in records.items():
        for other in record["related_documents"]:
            if other in records and external_id not in records[other]["related_documents"]:
                records[other]["related_documents"].append(external_id)


def import_candidate(
    candidate: Candidate, *, first_seen: dict[str, str], in_this_import: set[str], user=None
) -> Outcome:
    file, name = candidate.file.name, candidate.name
    if candidate.problem:
        return Outcome(Status.REJECTED, file, name, candidate.problem)
    if candidate.external_id in first_seen:
        first = first_seen[candidate.external_id]
        detail = f"external_id: appears a second time in this import (first in {first}); not imported."
        return Outcome(Status.REJECTED, file, name, detail)
    first_seen[candidate.external_id] = f"{file}, {candidate.label}"
    try:
        status, document, notes = write_candidate(candidate, in_this_import=in_this_import, user=user)
    except _Unchanged:
        return Outcome(Status.UNCHANGED, file, name, candidate.record["title"])
    except RecordRejected as rejected:
        return Outcome(Status.REJECTED, file, name, str(rejected))
    except (DatabaseError, ValidationError) as error:
        return Outcome(Status.REJECTED, file, name, f"the database refused the record: {error}")
    except Exception as error:
        # A fault of the importer itself, not of the input: this record's transaction has rolled back;
        # report it, log the traceback for the maintainers, and go on with the other records.
        logger.exception("Importing %s from %s failed", name, file)
        return Outcome(
            Status.REJECTED,
            file,
            name,
            f"not imported because of an internal error ({type(error).__name__}).",
        )
    return Outcome(status, file, name, document.title, tuple(candidate.notes + notes))


def write_candidate(
    candidate: Candidate, *, in_this_import: set[str], user=None
) -> tuple[Status, Document, list[str]]:
    """Write one record in its own transaction and revision; raises _Unchanged or RecordRejected."""
    with transaction.atomic():
        existing = find_document(candidate.external_id)
        if existing is not None:
            existing = Document.objects.select_for_update().get(pk=existing.pk)
        before = _as_record(existing)
        # Managed by hand: reversion would serialise the record again at every save and every
        # many-to-many change the import makes; this way it is serialised once, as it ends up.
        with reversion.create_revision(manage_manually=True), _new_authority_records() as created:
            reversion.set_comment(f"Imported from {candidate.file.name}")
            if user is not None:
                reversion.set_user(user)
            document, missing_related = apply_record(candidate.record, document=existing, user=user)
            notes = keep_source_sentence(document, candidate.source_sentence)
            after = _as_record(document)
            if after == before:
                raise _Unchanged
            if existing is not None and existing.status not in IMPORTABLE_STATES:
                raise RecordRejected(
                    "status",
                    f"the record is {existing.get_status_display()}; an import changes only drafts and "
                    "records sent back for changes. Change it in the admin.",
                )
            _add_to_revision(document, before, after)
            for authority in created:
                reversion.add_to_revision(authority)
    # A related record later in this import links itself to this one when its turn comes.
    notes += [
        f'related document "{external_id}" is not in the archive; link left out.'
        for external_id in missing_related
        if external_id not in in_this_import
    ]
    return (Status.UPDATED if existing else Status.CREATED), document, notes


def keep_source_sentence(document: Document, expected: str) -> list[str]:
    """Make the stored record print the file's source sentence exactly.

    The reader checked the sentence against the repository the file names; the archive may know that
    repository under another citation name ("DAMFAJ" for the Diplomatic Archives of the Ministry of
    Foreign Affairs of Japan). Then the reference is stored as the file cites it, repository included,
    and if even that prints another sentence, the file's sentence becomes the override.
    """
    if not expected or document.source_override or document.source_sentence == expected:
        return []
    structured_reference = document.archival_reference
    document.archival_reference = parse_source(expected).cited_reference
    if document.source_sentence == expected:
        document.save(update_fields=["archival_reference", "updated_at"])
        return []
    document.archival_reference = structured_reference
    generated = document.source_sentence
    document.source_override = expected
    document.save(update_fields=["source_override", "updated_at"])
    return [f'the archive\'s records would print "{generated}": the source line is kept as the override.']


def _as_record(document: Document | None) -> dict | None:
    if document is None:
        return None
    return document_to_record(export_queryset(Document.objects.filter(pk=document.pk)).get())


def _add_to_revision(document: Document, before: dict | None, after: dict) -> None:
    """The record, and the records whose related-document links it made or removed (links are mutual)."""
    reversion.add_to_revision(document)
    linked = set(after["related_documents"]) ^ set(before["related_documents"] if before else [])
    for other in linked:
        partner = find_document(other)
        if partner is not None:
            reversion.add_to_revision(partner)


# People, places, subjects … that a record's import creates go into its revision, as an admin save
# puts them there (they are versioned on their own, archive.versioning). Collected per context.
_created_authorities: ContextVar[list | None] = ContextVar("import_created_authorities", default=None)


@contextmanager
def _new_authority_records() -> Iterator[list]:
    token = _created_authorities.set([])
    try:
        yield _created_authorities.get()
    finally:
        _created_authorities.reset(token)


def _collect_created_authority(sender, instance, created: bool, **kwargs) -> None:
    collected = _created_authorities.get()
    if created and collected is not None:
        collected.append(instance)


for _model in (Person, Place, Subject, Collection, Repository, Donor):
    post_save.connect(
        _collect_created_authority, sender=_model, dispatch_uid=f"import_created_{_model.__name__}"
    )
