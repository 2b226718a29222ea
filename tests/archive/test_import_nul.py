"""A NUL character (U+0000) in any field of an import file rejects that record, naming the field, in
every format and on both databases (PostgreSQL refuses one; SQLite would keep it); the good records
beside it are imported."""

import csv
import json
from pathlib import Path

import pytest

from archive.importers import Status, import_paths
from archive.models import Document
from tests.archive.test_import_wcda import wcda_text

pytestmark = pytest.mark.django_db

NUL = "\x00"
NUL_MESSAGE = "contains a NUL character (U+0000) at position {}, which the archive cannot store; remove it."
GOOD = {"external_id": "test:good", "title": "A good record", "date": "1962-10-27", "original_language": "en"}


def rejections(*paths: Path) -> dict[str, str]:
    """The rejected records of one import, by name; a file named "good-…" also had its good record imported."""
    report = import_paths(paths)
    if any(path.name.startswith("good-") for path in paths):
        assert Document.objects.filter(external_id="test:good").exists()
    return {
        outcome.record: outcome.detail for outcome in report.outcomes if outcome.status == Status.REJECTED
    }


def write_json(path: Path, *records: dict) -> Path:
    path.write_text(json.dumps({"format": "archive-records", "version": 1, "records": list(records)}))
    return path


def write_csv(path: Path, rows: list[dict]) -> Path:
    columns = sorted({name for row in rows for name in row}, key=lambda name: name != "external_id")
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- NUL characters --------------------------------------------------------------------------------


def test_a_nul_in_a_json_record_rejects_that_record_naming_the_field(tmp_path):
    text = {"kind": "translation", "language": "en", "body": "Noon.[1]"}
    note = {"number": 1, "kind": "translator", "body": f"Broken{NUL} note."}
    path = write_json(
        tmp_path / "good-and-nul.json",
        GOOD,
        {**GOOD, "external_id": "test:nul-title", "title": f"Tele{NUL}gram"},
        {**GOOD, "external_id": "test:nul-note", "texts": [{**text, "footnotes": [note]}]},
    )

    rejected = rejections(path)

    assert rejected == {
        "record 2 (test:nul-title)": f"title: {NUL_MESSAGE.format(5)}",
        "record 3 (test:nul-note)": f"texts[0].footnotes[0].body: {NUL_MESSAGE.format(7)}",
    }
    assert not Document.objects.filter(external_id__startswith="test:nul").exists()


def test_a_nul_in_a_csv_cell_rejects_that_row_naming_the_column(tmp_path):
    path = write_csv(
        tmp_path / "good-and-nul.csv",
        [
            GOOD,
            {**GOOD, "external_id": "test:nul-summary", "summary": f"{NUL}Summary"},
            {**GOOD, "external_id": "test:nul-source", "source_sentence": f"RGANI{NUL}"},
            {**GOOD, "external_id": "test:nul-in-json", "people": json.dumps([{"name": f"Castro{NUL}"}])},
        ],
    )

    rejected = rejections(path)

    assert rejected == {
        "row 3 (test:nul-summary)": f"summary: {NUL_MESSAGE.format(1)}",
        "row 4 (test:nul-source)": f"source_sentence: {NUL_MESSAGE.format(6)}",
        "row 5 (test:nul-in-json)": f"people[0].name: {NUL_MESSAGE.format(7)}",
    }


def test_a_nul_in_a_json_lines_record_rejects_that_line(tmp_path):
    path = write_jsonl(
        tmp_path / "good-and-nul.jsonl",
        [
            json.dumps(GOOD),
            json.dumps({**GOOD, "external_id": "test:nul", "archival_reference": f"F. 3{NUL}"}),
        ],
    )

    assert rejections(path) == {"line 2 (test:nul)": f"archival_reference: {NUL_MESSAGE.format(5)}"}


def test_a_nul_in_a_wcda_record_rejects_it_naming_the_field(tmp_path):
    (tmp_path / "summary.txt").write_text(wcda_text(summary=f"Khrushchev{NUL} and the delegation."))
    (tmp_path / "body.txt").write_text(wcda_text(record_id="900002", body=f"Memorandum\n Noon{NUL}."))

    rejected = rejections(tmp_path / "summary.txt", tmp_path / "body.txt")

    assert rejected == {
        "record 900001 (wcda:900001)": f"summary: {NUL_MESSAGE.format(11)}",
        "record 900002 (wcda:900002)": f"texts[0].body: {NUL_MESSAGE.format(17)}",
    }
    assert not Document.objects.exists()
