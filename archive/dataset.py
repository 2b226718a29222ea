"""The bulk dataset: the whole published archive as JSON Lines and CSV, for researchers who want it all.

One record per published document, its current version, built from the version's payload and
nothing else (drafts, unpublished edits and withdrawn records cannot get in). FIELDS is the one
field list: the JSON Lines objects and the CSV columns follow it, the README describes it, and
import_records reads the CSV back (archive.importers.csvrecords), so the dataset re-imported into
an empty archive gives back every record.

`export_dataset()` writes MEDIA_ROOT/data/<timestamp>/ (gzipped data, SHA256SUMS, README.md) in a
temporary directory, renames it into place, then replaces data/latest.json (os.replace, atomic), so
the /data/ page and downloads always see one complete export while a new one is written. It is
incremental: a document whose current version is the one the previous export holds keeps its line
from that export, read back in order beside the new list (both sorted by document id), instead of
loading and serialising its payload again.
"""

import csv
import datetime as dt
import fcntl
import gzip
import hashlib
import io
import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from archive.citations import canonical_url, house_style
from archive.models import PublishedVersion

FORMAT_VERSION = 1
JSONL_NAME = "archive.jsonl.gz"
CSV_NAME = "archive.csv.gz"
CHECKSUMS_NAME = "SHA256SUMS"
README_NAME = "README.md"
MANIFEST_NAME = "latest.json"
BATCH = 500


@dataclass(frozen=True)
class DatasetField:
    name: str
    kind: str
    description: str


PERSON = "Person: {name, sort_name, kind}"
FIELDS: tuple[DatasetField, ...] = (
    DatasetField(
        "external_id",
        "string",
        'The record\'s identifier for import: where it came from ("wcda:300240"), or "archive:<document_id>".',
    ),
    DatasetField("document_id", "integer", "The archive's number for the record; its page is url."),
    DatasetField("url", "string", "The record's stable public address."),
    DatasetField("version", "integer", "The number of the published version in this dataset (1, 2, 3 …)."),
    DatasetField("version_id", "integer", "The published version's own id (changes with every new version)."),
    DatasetField("version_url", "string", "This version's stable, citable address."),
    DatasetField("published_at", "datetime", "When this version was published (ISO 8601, UTC)."),
    DatasetField("change_note", "string", "What changed since the previous version."),
    DatasetField("title", "string", "The title."),
    DatasetField("date", "string", 'The date in EDTF: "1962-05-21", "1967-11", "1958?", "1961-04/1961-06".'),
    DatasetField("display_date", "string", 'The date as shown: "May 21, 1962", "circa 1958".'),
    DatasetField("date_earliest", "date", "The earliest day the date allows (ISO 8601), or empty."),
    DatasetField("date_latest", "date", "The latest day the date allows (ISO 8601), or empty."),
    DatasetField(
        "document_type",
        "string",
        "letter, memorandum, memcon, telegram, minutes, report, speech, transcript, diary, petition, treaty, other, or empty.",
    ),
    DatasetField("original_language", "string", 'ISO 639 code of the original: "ru", "de".'),
    DatasetField("original_classification", "string", 'The original\'s classification: "Top Secret".'),
    DatasetField("summary", "string", "The summary, in Markdown."),
    DatasetField("rights", "string", "The rights statement of this record."),
    DatasetField(
        "repository",
        "object or null",
        "The archive holding the original: {name, abbreviation, location, url}.",
    ),
    DatasetField(
        "archival_reference", "string", 'As cited after the repository: "F. 3, Op. 16, D. 947, Ll. 15-16".'
    ),
    DatasetField(
        "source_sentence",
        "string",
        'The source line: "RGANI, F. 3, Op. 16, D. 947, Ll. 15-16. Translated by Gary Goldberg."',
    ),
    DatasetField("credit_sentence", "string", 'The credit line: "Translated by Gary Goldberg."'),
    DatasetField("citation", "string", "The archive's house-style citation of the record."),
    DatasetField("creators", f"list of {PERSON}", "The authors."),
    DatasetField("people", f"list of {PERSON}", "People and organisations the record mentions."),
    DatasetField(
        "places",
        "list of Place: {name, kind, within}",
        "Places; within is the broader place ({name}) or null.",
    ),
    DatasetField("subjects", "list of {heading}", 'Subject headings, subdivisions joined by "--".'),
    DatasetField("collections", "list of {title, slug}", "The collections the record belongs to."),
    DatasetField("donors", "list of {name, url}", "The funders who made the record possible."),
    DatasetField(
        "related_documents",
        "list of string",
        "The external_id of each related record (all of them in this dataset).",
    ),
    DatasetField(
        "credits",
        f"list of {{role, person: {PERSON}, qualifier, order}}",
        "Credits; role is contributed, obtained, transcribed, translated, edited or assisted.",
    ),
    DatasetField(
        "texts",
        "list of {kind, language, title, order, body, footnotes: [{number, kind, body}]}",
        'The original, transcripts and translations; body in Markdown with footnote markers "[1]"; footnote kind is translator, editor or original.',
    ),
    DatasetField(
        "provenance",
        "list of {order, kind, date, agent, place, reference, note}",
        "The original's custody history, in order.",
    ),
    DatasetField(
        "attachments",
        "list of {kind, path, caption, order, sha256, size, content_type, width, height}",
        "Scans, images and PDFs of the original; path is the file's name under the site's media address.",
    ),
)
FIELD_NAMES = tuple(item.name for item in FIELDS)


# --- One record -----------------------------------------------------------------------------------


def dataset_record(version: PublishedVersion, *, external_ids: dict[int, str]) -> dict:
    """The dataset's record for a published version, keys in FIELDS order.

    `external_ids` maps the document ids of published records to their external_id, for the related
    documents (the payload names them by document id, the dataset by external id, as imports do).
    """
    payload = version.payload
    record = {
        "external_id": exported_id(version.document_id, payload["external_id"]),
        "document_id": version.document_id,
        "url": canonical_url(version),
        "version": version.number,
        "version_id": version.pk,
        "version_url": canonical_url(version, version_specific=True),
        "published_at": version.published_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        "change_note": version.change_note,
        **{name: payload[name] for name in _PAYLOAD_SCALARS},
        "repository": _repository(payload["repository"]),
        "citation": house_style(version)["text"],
        "creators": [_person(person) for person in payload["creators"]],
        "people": [_person(person) for person in payload["people"]],
        "places": [_place(place) for place in payload["places"]],
        "subjects": [{"heading": subject["heading"]} for subject in payload["subjects"]],
        "collections": [{"title": item["title"], "slug": item["slug"]} for item in payload["collections"]],
        "donors": [{"name": donor["name"], "url": donor["url"]} for donor in payload["donors"]],
        "related_documents": related_ids(payload["related_documents"], external_ids),
        "credits": [_credit(credit) for credit in payload["credits"]],
        "texts": [_text(text) for text in payload["texts"]],
        "provenance": [_event(event) for event in payload["provenance"]],
        "attachments": [_attachment(item) for item in payload["attachments"]],
    }
    return {name: record[name] for name in FIELD_NAMES}


_PAYLOAD_SCALARS = (
    "title",
    "date",
    "display_date",
    "date_earliest",
    "date_latest",
    "document_type",
    "original_language",
    "original_classification",
    "summary",
    "rights",
    "archival_reference",
    "source_sentence",
    "credit_sentence",
)


def exported_id(document_id: int, external_id: str | None) -> str:
    """As export_records names records: the external id, or "archive:<id>" for one entered by hand."""
    return external_id or f"archive:{document_id}"


def related_ids(related: list[dict], external_ids: dict[int, str]) -> list[str]:
    return sorted(external_ids[item["id"]] for item in related if item["id"] in external_ids)


def _repository(repository: dict | None) -> dict | None:
    if repository is None:
        return None
    return {name: repository[name] for name in ("name", "abbreviation", "location", "url")}


def _person(person: dict) -> dict:
    return {"name": person["name"], "sort_name": person["sort_name"], "kind": person["kind"]}


def _place(place: dict) -> dict:
    """The payload names a place with the place it lies within ("Moscow, Soviet Union")."""
    prefix = f"{place['name']}, "
    within = place["full_name"][len(prefix) :] if place["full_name"].startswith(prefix) else ""
    return {"name": place["name"], "kind": place["kind"], "within": {"name": within} if within else None}


def _credit(credit: dict) -> dict:
    return {
        "role": credit["role"],
        "person": _person(credit["person"]),
        "qualifier": credit["qualifier"],
        "order": credit["order"],
    }


def _text(text: dict) -> dict:
    return {
        "kind": text["kind"],
        "language": text["language"],
        "title": text["title"],
        "order": text["order"],
        "body": text["body"],
        "footnotes": [
            {"number": note["number"], "kind": note["kind"], "body": note["body"]}
            for note in text["footnotes"]
        ],
    }


def _event(event: dict) -> dict:
    place = _place(event["place"]) if event["place"] else None
    names = ("order", "kind", "date", "agent", "reference", "note")
    return {**{name: event[name] for name in names}, "place": place}


def _attachment(item: dict) -> dict:
    return {
        "kind": item["kind"],
        "path": item["file"],
        "caption": item["caption"],
        "order": item["order"],
        "sha256": item["checksum"],
        "size": item["size"],
        "content_type": item["content_type"],
        "width": item["width"],
        "height": item["height"],
    }


def csv_row(record: dict) -> list[str]:
    """A record as CSV cells: text as it is, numbers as digits, lists and objects as compact JSON."""
    return [csv_cell(record[name]) for name in FIELD_NAMES]


def csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


# --- The export -----------------------------------------------------------------------------------


@dataclass
class ExportResult:
    directory: Path
    manifest: dict
    reused: int = 0
    serialised: int = 0


@dataclass
class _Line:
    """One record on its way out: the JSON line, and the record it encodes."""

    text: str
    record: dict = field(repr=False)


def data_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "data"


def read_manifest(root: Path | None = None) -> dict | None:
    """The latest export's manifest, or None before the first export."""
    try:
        return json.loads(((root or data_root()) / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def fingerprint() -> str:
    """What a reused line depends on besides its version: the field list and the site's name and address."""
    basis = json.dumps([FORMAT_VERSION, FIELD_NAMES, settings.SITE_URL, settings.ARCHIVE_NAME])
    return hashlib.sha256(basis.encode()).hexdigest()[:16]


class ExportRunning(Exception):
    """Another export holds the lock; two at once would race for the `latest` pointer."""


def export_dataset(
    *,
    root: Path | None = None,
    keep: int = 3,
    full: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ExportResult:
    """Write a new export and make it the latest; `full` re-serialises every record. Keeps `keep` exports."""
    root = root or data_root()
    root.mkdir(parents=True, exist_ok=True)
    with _lock(root):
        _remove_unfinished(root)
        previous = None if full else read_manifest(root)
        now = timezone.now()
        # Named to the microsecond, so that names sort in the order the exports were made.
        stamp = f"{now:%Y%m%dT%H%M%S.%fZ}"
        created = now.replace(microsecond=0)
        work = root / f".tmp-{stamp}-{os.getpid()}"
        work.mkdir()
        result = _write(work, created=created, previous=_previous_lines(root, previous), progress=progress)
        directory = root / stamp
        os.rename(work, directory)
        result.manifest["directory"] = directory.name
        result.directory = directory
        _replace_manifest(root, result.manifest)
        _prune(root, keep=max(keep, 1), current=directory.name)
    return result


@contextmanager
def _lock(root: Path) -> Iterator[None]:
    with open(root / ".export.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ExportRunning(f"another export is writing to {root}") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_unfinished(root: Path) -> None:
    """Leftovers of an export that was killed midway (the lock says none is running now)."""
    for path in root.glob(".tmp-*"):
        shutil.rmtree(path, ignore_errors=True)


def _replace_manifest(root: Path, manifest: dict) -> None:
    temporary = root / f".{MANIFEST_NAME}.tmp"
    temporary.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, root / MANIFEST_NAME)


def _prune(root: Path, *, keep: int, current: str) -> None:
    """Drop the oldest exports; a download already under way keeps reading its open file."""
    exports = sorted(path for path in root.iterdir() if path.is_dir() and not path.name.startswith("."))
    for path in [path for path in exports if path.name != current][: max(len(exports) - keep, 0)]:
        shutil.rmtree(path, ignore_errors=True)


def _previous_lines(root: Path, manifest: dict | None) -> Iterator[_Line]:
    """The previous export's records in document order, if its lines can be reused at all."""
    if not manifest or manifest.get("fingerprint") != fingerprint():
        return iter(())
    path = root / manifest["directory"] / JSONL_NAME
    if not path.is_file():
        return iter(())
    return _read_lines(path)


def _read_lines(path: Path) -> Iterator[_Line]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            yield _Line(line.rstrip("\n"), json.loads(line))


def _write(work: Path, *, created, previous: Iterator[_Line], progress) -> ExportResult:
    rows = list(
        PublishedVersion.objects.current()
        .order_by("document_id")
        .values_list("pk", "document_id", "payload__external_id", "payload__related_documents")
    )
    external_ids = {document_id: exported_id(document_id, external) for _, document_id, external, _ in rows}
    result = ExportResult(directory=work, manifest={})
    with _gzip_text(work / JSONL_NAME) as jsonl, _gzip_text(work / CSV_NAME) as csv_file:
        writer = csv.writer(csv_file)
        writer.writerow(FIELD_NAMES)
        for done, line in enumerate(_lines(rows, previous, external_ids, result), 1):
            jsonl.write(line.text + "\n")
            writer.writerow(csv_row(line.record))
            if progress and (done % BATCH == 0 or done == len(rows)):
                progress(done, len(rows))
    result.manifest = _finish(work, created=created, records=len(rows), result=result)
    return result


@contextmanager
def _gzip_text(path: Path) -> Iterator[io.TextIOWrapper]:
    """A gzip file with no name or time in its header: the same records give the same bytes."""
    with (
        open(path, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed,
        io.TextIOWrapper(packed, encoding="utf-8", newline="") as text,
    ):
        yield text


def _lines(
    rows: list, previous: Iterator[_Line], external_ids: dict[int, str], result: ExportResult
) -> Iterator[_Line]:
    """Every current version's line, in document order: reused from `previous` where it is the same version."""
    old = next(previous, None)
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        kept: dict[int, _Line] = {}
        for version_id, document_id, _, related in batch:
            while old is not None and old.record["document_id"] < document_id:
                old = next(previous, None)
            if old is not None and old.record["version_id"] == version_id:
                kept[version_id] = _with_related(old, related_ids(related, external_ids))
        fresh = PublishedVersion.objects.in_bulk([row[0] for row in batch if row[0] not in kept])
        for version_id, *_ in batch:
            if version_id in kept:
                result.reused += 1
                yield kept[version_id]
            else:
                result.serialised += 1
                record = dataset_record(fresh[version_id], external_ids=external_ids)
                yield _Line(json.dumps(record, ensure_ascii=False), record)


def _with_related(line: _Line, related: list[str]) -> _Line:
    """A reused line, rewritten only if a related record's external id changed since."""
    if line.record["related_documents"] == related:
        return line
    record = {**line.record, "related_documents": related}
    return _Line(json.dumps(record, ensure_ascii=False), record)


def _finish(work: Path, *, created, records: int, result: ExportResult) -> dict:
    (work / README_NAME).write_text(readme(created=created, records=records), encoding="utf-8")
    described = [
        (JSONL_NAME, "application/gzip", "JSON Lines, one record per line (gzip)"),
        (CSV_NAME, "application/gzip", "CSV with a header row, lists and objects as JSON (gzip)"),
        (README_NAME, "text/markdown; charset=utf-8", "The fields and the licence"),
    ]
    files = [_file_entry(work / name, media_type, description) for name, media_type, description in described]
    checksums = "".join(f"{entry['sha256']}  {entry['name']}\n" for entry in files)
    (work / CHECKSUMS_NAME).write_text(checksums, encoding="utf-8")
    files.append(_file_entry(work / CHECKSUMS_NAME, "text/plain; charset=utf-8", "SHA-256 of every file"))
    return {
        "format": FORMAT_VERSION,
        "created": created.isoformat().replace("+00:00", "Z"),
        "records": records,
        "reused": result.reused,
        "serialised": result.serialised,
        "fingerprint": fingerprint(),
        "files": files,
    }


def _file_entry(path: Path, media_type: str, description: str) -> dict:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return {
        "name": path.name,
        "size": path.stat().st_size,
        "sha256": digest.hexdigest(),
        "media_type": media_type,
        "description": description,
    }


def readme(*, created, records: int) -> str:
    """README.md of an export: what it is, its licence, and every field."""
    rows = "\n".join(f"| `{item.name}` | {item.kind} | {item.description} |" for item in FIELDS)
    return f"""# {settings.ARCHIVE_NAME}: the published archive as data

Exported {created:%Y-%m-%d %H:%M} UTC from {settings.SITE_URL}: {records} records, the current
published version of every record (drafts, unpublished edits and withdrawn records are not included).

- `{JSONL_NAME}`: JSON Lines, one record per line, UTF-8, gzip.
- `{CSV_NAME}`: the same records as CSV (RFC 4180, UTF-8, header row, gzip); a list or object is
  one cell holding compact JSON, an empty cell is an empty string or null.
- `{CHECKSUMS_NAME}`: SHA-256 checksums (`sha256sum -c {CHECKSUMS_NAME}`).

Records are sorted by `document_id`. `manage.py import_records {CSV_NAME}` reads the CSV back into an
archive (docs/record-format.md); `--dry-run` shows what it would change.

## Licence

{settings.DATASET_LICENCE}

## Fields

| field | type | meaning |
|---|---|---|
{rows}
"""
