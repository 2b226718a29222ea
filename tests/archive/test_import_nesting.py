"""JSON nested thousands of levels deep is rejected by every reader that meets JSON (the records file,
the dataset's CSV cells and JSON Lines, WCDA's list fields) with the same message, record by record;
the good records beside it are imported."""

import json

import pytest

from tests.archive.test_import_nul import GOOD, rejections, write_csv, write_jsonl
from tests.archive.test_import_wcda import wcda_text

pytestmark = pytest.mark.django_db

DEEP = "[" * 100_000 + "]" * 100_000
TOO_DEEP = "not valid JSON for a records file: nested too deeply."


# --- JSON nested too deeply ------------------------------------------------------------------------


def test_json_nested_too_deeply_in_a_csv_cell_rejects_that_row(tmp_path):
    path = write_csv(
        tmp_path / "good-and-deep.csv", [GOOD, {**GOOD, "external_id": "test:deep", "texts": DEEP}]
    )

    assert rejections(path) == {"row 3 (test:deep)": f"texts: {TOO_DEEP}"}


def test_json_nested_too_deeply_on_a_json_lines_line_rejects_that_line(tmp_path):
    path = write_jsonl(tmp_path / "good-and-deep.jsonl", [json.dumps(GOOD), DEEP])

    assert rejections(path) == {"line 2": TOO_DEEP}


def test_json_nested_too_deeply_in_a_wcda_list_field_rejects_the_record(tmp_path):
    (tmp_path / "deep.txt").write_text(wcda_text(associated_places=DEEP))

    assert rejections(tmp_path / "deep.txt") == {"record 900001": f"associated_places: {TOO_DEEP}"}


def test_the_json_records_file_says_the_same(tmp_path):
    (tmp_path / "deep.json").write_text(DEEP)

    assert rejections(tmp_path / "deep.json") == {"file": TOO_DEEP}
