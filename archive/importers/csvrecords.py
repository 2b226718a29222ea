"""The bulk dataset read back: its CSV and JSON Lines files (archive.dataset), gzipped or not.

The columns are the dataset's fields (archive.dataset.FIELDS). A record needs only `external_id`;
every other column may be left out and takes the record format's default, so a hand-made CSV with
`external_id,title,date,original_language` imports too. Lists and objects are JSON in their cell,
as the export writes them. Fields of the published version that the record format does not hold
(url, version, citation …) are read and set aside; two are used: `display_date` becomes the display
date override when it is not what the date would print anyway, and `source_sentence` is kept
exactly as the file gives it (core.keep_source_sentence).
"""

import csv
import gzip
import io
import sys
import zlib
from pathlib import Path

from django.core.exceptions import ValidationError

from archive.dataset import FIELDS
from archive.dates import parse_date
from archive.importers.candidates import Candidate
from archive.importers.jsontext import InvalidJSON, load_json
from archive.importers.problems import FileRejected
from archive.importers.records import RECORD

STRUCTURED = {item.name for item in FIELDS if item.kind.startswith(("list", "object"))}
KNOWN = {item.name for item in FIELDS} | set(RECORD.fields)


def dataset_reader(path: Path):
    """The reader for a dataset file by its name (.csv, .jsonl, either with .gz), else None."""
    suffixes = [suffix.lower() for suffix in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    if suffixes and suffixes[-1] == ".csv":
        return read_csv
    if suffixes and suffixes[-1] == ".jsonl":
        return read_jsonl
    return None


def read_csv(path: Path, data: bytes) -> list[Candidate]:
    # A text of the archive may be long (settings.ARCHIVE_MAX_TEXT_CHARS); csv's default cell limit is 128 KB.
    csv.field_size_limit(max(csv.field_size_limit(), sys.maxsize >> 1))
    reader = csv.DictReader(io.StringIO(_text(data), newline=""))
    _check_columns(reader.fieldnames or [])
    candidates = []
    for number, row in enumerate(reader, start=2):
        label = f"row {number}"
        if None in row:
            candidates.append(
                Candidate.rejected(path, label, f"has {len(row[None])} more cell(s) than the header.")
            )
            continue
        try:
            values = {name: _cell(name, value) for name, value in row.items()}
        except ValueError as error:
            candidates.append(
                Candidate.rejected(path, label, error, external_id=row.get("external_id") or "")
            )
            continue
        candidates.append(_candidate(path, label, values))
    return candidates


def read_jsonl(path: Path, data: bytes) -> list[Candidate]:
    candidates = []
    for number, line in enumerate(_text(data).splitlines(), start=1):
        if not line.strip():
            continue
        label = f"line {number}"
        try:
            values = load_json(line)
        except InvalidJSON as error:
            candidates.append(Candidate.rejected(path, label, error))
            continue
        if not isinstance(values, dict):
            candidates.append(Candidate.rejected(path, label, "expected a JSON object on the line."))
            continue
        candidates.append(_candidate(path, label, values))
    return candidates


def _text(data: bytes) -> str:
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as error:
            raise FileRejected(f"not a readable gzip file ({error}).") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRejected(f"not UTF-8 text (byte {error.start} cannot be decoded).") from None


def _check_columns(columns: list[str]) -> None:
    if "external_id" not in columns:
        raise FileRejected('the header row has no "external_id" column; the first row must name the columns.')
    unknown = [name for name in columns if name not in KNOWN]
    if unknown:
        raise FileRejected(f'"{unknown[0]}" is not a column of the archive\'s dataset (see its README).')


def _cell(name: str, value: str):
    """A CSV cell as the record wants it: JSON for lists and objects, text for the rest."""
    if name not in STRUCTURED:
        return value
    if value.strip() == "":
        return None if name == "repository" else []
    try:
        return load_json(value)
    except InvalidJSON as error:
        raise ValueError(f"{name}: {error}") from None


def _candidate(path: Path, label: str, values: dict) -> Candidate:
    """A record of the record format from a dataset row; the dataset's other columns set aside."""
    unknown = sorted(set(values) - KNOWN)
    if unknown:
        return Candidate.rejected(path, label, f"{unknown[0]}: is not a field of the archive's dataset.")
    source_sentence = values.get("source_sentence") or ""
    display_date = values.get("display_date") or ""
    record = {name: value for name, value in values.items() if name in RECORD.fields}
    if display_date and "display_date_override" not in record and display_date != _generated(values):
        record["display_date_override"] = display_date
    return Candidate.read(
        path, label, record, source_sentence=source_sentence if isinstance(source_sentence, str) else ""
    )


def _generated(values: dict) -> str:
    """The display date the archive would print for the row's date ("" if it is not a date)."""
    date = values.get("date")
    if not isinstance(date, str) or not date:
        return ""
    try:
        return parse_date(date).display
    except ValidationError:
        return ""
