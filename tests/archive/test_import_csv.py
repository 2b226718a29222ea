"""import_records reads the bulk dataset back: CSV and JSON Lines, gzipped or not, with --dry-run;
the whole export re-imported into an empty archive reproduces every published record."""

import csv
import gzip
import io
import json
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from reversion.models import Revision

from archive.dataset import FIELD_NAMES, export_dataset
from archive.importers import Status, import_paths
from archive.importers.records import document_to_record, export_queryset
from archive.models import Document, PublishedVersion
from tests.archive.document_records import attach, build_record, png_bytes
from tests.archive.harvest_records import corpus
from tests.factories import publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def write_csv(path: Path, rows: list[dict], columns=None) -> Path:
    columns = columns or list(rows[0])
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(*paths, dry_run: bool = False) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_records", *map(str, paths), *(["--dry-run"] if dry_run else []), stdout=out, stderr=err
    )
    return out.getvalue(), err.getvalue()


HAND_MADE = [
    {"external_id": "test:1", "title": "Letter from Nehru", "date": "1949-03", "original_language": "en"},
    {
        "external_id": "test:2",
        "title": "Telegram",
        "date": "1958?",
        "original_language": "ru",
        "texts": json.dumps(
            [
                {
                    "kind": "translation",
                    "language": "en",
                    "body": "Stop.[1]",
                    "footnotes": [{"number": 1, "body": "A note."}],
                }
            ]
        ),
    },
]


# --- Reading CSV and JSON Lines --------------------------------------------------------------------


def test_a_hand_made_csv_with_a_few_columns_imports(tmp_path):
    report = import_paths(
        [
            write_csv(
                tmp_path / "records.csv",
                HAND_MADE,
                ["external_id", "title", "date", "original_language", "texts"],
            )
        ]
    )
    assert [outcome.status for outcome in report.outcomes] == [Status.CREATED, Status.CREATED]
    telegram = Document.objects.get(external_id="test:2")
    assert telegram.status == Document.Status.DRAFT
    text = telegram.texts.get()
    assert (text.body, text.footnotes.get().body) == ("Stop.[1]", "A note.")
    assert Document.objects.get(external_id="test:1").display_date == "March 1949"


def test_a_gzipped_csv_and_json_lines_import(tmp_path):
    csv_path = write_csv(
        tmp_path / "plain.csv", HAND_MADE[:1], ["external_id", "title", "date", "original_language", "texts"]
    )
    packed = tmp_path / "records.csv.gz"
    packed.write_bytes(gzip.compress(csv_path.read_bytes()))
    lines = tmp_path / "records.jsonl"
    lines.write_text(
        json.dumps({"external_id": "test:3", "title": "Minutes", "original_language": "de"}) + "\n\n",
        encoding="utf-8",
    )
    report = import_paths([packed, lines])
    assert [(outcome.file, outcome.status) for outcome in report.outcomes] == [
        ("records.csv.gz", Status.CREATED),
        ("records.jsonl", Status.CREATED),
    ]


def test_every_problem_is_named_with_its_row_and_field(tmp_path):
    rows = [
        {"external_id": "test:1", "title": "Fine", "original_language": "en", "texts": ""},
        {"external_id": "test:2", "title": "Broken JSON", "original_language": "en", "texts": "[{"},
        {
            "external_id": "test:3",
            "title": "Bad date",
            "original_language": "en",
            "texts": "",
            "date": "Julember 1962",
        },
        {"external_id": "", "title": "No id", "original_language": "en", "texts": ""},
        {
            "external_id": "test:5",
            "title": "Wrong shape",
            "original_language": "en",
            "texts": '{"kind": "original"}',
        },
    ]
    path = write_csv(
        tmp_path / "mixed.csv", rows, ["external_id", "title", "original_language", "texts", "date"]
    )
    lines = [str(outcome) for outcome in import_paths([path]).outcomes]
    assert lines[0].startswith("created: mixed.csv: test:1")
    assert lines[1].startswith("rejected: mixed.csv: row 3 (test:2): texts: not valid JSON")
    assert lines[2].startswith("rejected: mixed.csv: test:3: date: ")
    assert lines[3] == "rejected: mixed.csv: row 5: external_id: is required."
    assert lines[4] == "rejected: mixed.csv: row 6 (test:5): texts: expected a list, found an object."
    assert Document.objects.filter(external_id="test:1").exists()
    assert not Document.objects.filter(external_id__in=["test:2", "test:3", "test:5"]).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("title,date\nA,1962\n", 'the header row has no "external_id" column'),
        ("external_id,titel\nx:1,A\n", '"titel" is not a column of the archive\'s dataset'),
    ],
)
def test_a_file_with_the_wrong_columns_is_refused_whole(tmp_path, content, message):
    path = tmp_path / "wrong.csv"
    path.write_text(content, encoding="utf-8")
    [outcome] = import_paths([path]).outcomes
    assert outcome.status == Status.REJECTED and message in outcome.detail


def test_a_row_with_more_cells_than_the_header_is_rejected(tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text("external_id,title,original_language\nx:1,A,en,surplus\n", encoding="utf-8")
    [outcome] = import_paths([path]).outcomes
    assert str(outcome) == "rejected: extra.csv: row 2: has 1 more cell(s) than the header."


def test_broken_gzip_and_broken_json_lines(tmp_path):
    broken = tmp_path / "broken.csv.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    lines = tmp_path / "broken.jsonl"
    lines.write_text(
        '{"external_id": "x:1", "title": "A", "original_language": "en"}\n{not json}\n[1]\n', encoding="utf-8"
    )
    outcomes = [str(outcome) for outcome in import_paths([broken, lines]).outcomes]
    assert outcomes[0].startswith("rejected: broken.csv.gz: file: not a readable gzip file")
    assert outcomes[1].startswith("created: broken.jsonl: x:1")
    assert outcomes[2].startswith("rejected: broken.jsonl: line 2: not valid JSON")
    assert outcomes[3] == "rejected: broken.jsonl: line 3: expected a JSON object on the line."


def test_the_import_revision_holds_the_record_and_the_people_it_created(tmp_path):
    person = {"name": "Gary Goldberg", "sort_name": "Goldberg, Gary", "kind": "person"}
    row = {
        "external_id": "test:1",
        "title": "Letter",
        "original_language": "en",
        "credits": json.dumps([{"role": "translated", "person": person}]),
        "texts": json.dumps(
            [
                {
                    "kind": "original",
                    "language": "en",
                    "body": "Text.[1]",
                    "footnotes": [{"number": 1, "body": "Note."}],
                }
            ]
        ),
    }
    import_paths([write_csv(tmp_path / "one.csv", [row])])
    revision = Revision.objects.get()
    models = sorted(version.content_type.model for version in revision.version_set.all())
    assert models == ["contribution", "document", "footnote", "person", "text"]
    assert revision.comment == "Imported from one.csv"


# --- --dry-run -------------------------------------------------------------------------------------


def test_dry_run_reports_created_updated_unchanged_and_writes_nothing(tmp_path):
    columns = ["external_id", "title", "date", "original_language", "texts"]
    import_paths([write_csv(tmp_path / "first.csv", HAND_MADE, columns)])
    Document.objects.filter(external_id="test:2").update(title="An older title")
    rows = [
        *HAND_MADE,
        {"external_id": "test:9", "title": "New", "date": "", "original_language": "de", "texts": "[]"},
    ]
    path = write_csv(tmp_path / "records.csv", rows, columns)
    revisions, documents = Revision.objects.count(), Document.objects.count()
    out, _ = run(path, dry_run=True)
    assert out.startswith("Dry run: nothing was written.")
    assert "unchanged: records.csv: test:1" in out
    assert "updated: records.csv: test:2: Telegram" in out
    assert "created: records.csv: test:9: New" in out
    assert "1 created, 1 updated, 1 unchanged, 0 rejected, 0 skipped." in out
    assert (Revision.objects.count(), Document.objects.count()) == (revisions, documents)
    assert Document.objects.get(external_id="test:2").title == "An older title"


def test_dry_run_still_fails_on_rejected_records(tmp_path):
    path = write_csv(tmp_path / "bad.csv", [{"external_id": "x:1", "title": "", "original_language": "en"}])
    with pytest.raises(CommandError, match="1 record\\(s\\) rejected; the others would be imported"):
        run(path, dry_run=True)
    assert not Document.objects.exists()


def test_a_long_import_reports_progress(tmp_path, monkeypatch):
    import archive.management.commands.import_records as command

    clock = iter(range(0, 1000, 3))
    monkeypatch.setattr(command.time, "monotonic", lambda: next(clock))
    rows = [{"external_id": f"test:{n}", "title": f"Record {n}", "original_language": "en"} for n in range(6)]
    _, err = run(write_csv(tmp_path / "many.csv", rows))
    assert "2/6 records (33%)" in err and "s left" in err


# --- The export, re-imported into an empty archive --------------------------------------------------


@pytest.fixture
def emptied():
    """Empties the database (as a fresh archive is) when called.

    Content types come back with new ids when something needs them; the cache of those ids is
    cleared again afterwards, before the rows of the next test are restored with the old ids.
    """

    def empty() -> None:
        call_command("flush", interactive=False, verbosity=0)
        ContentType.objects.clear_cache()

    yield empty
    ContentType.objects.clear_cache()


@pytest.mark.django_db(transaction=True)
def test_the_bulk_export_reimported_into_an_empty_archive_reproduces_every_record(
    translator, editor, second_editor, media, emptied
):
    records = corpus(translator=translator, editor=editor, second_editor=second_editor)
    scan = build_record(author=translator, title="With a scan", external_id="wcda:300240", date="1958?")
    scan.related_documents.add(records.published[1])
    attach(
        scan, kind="scan", name="page.png", content=png_bytes(), content_type="image/png", caption="Page 1"
    )
    publish(scan, approver=second_editor)
    result = export_dataset()
    exported = {line["external_id"]: line for line in _lines(result.directory / "archive.jsonl.gz")}
    assert len(exported) == 5

    emptied()
    assert not Document.objects.exists() and not PublishedVersion.objects.exists()

    report = import_paths([result.directory / "archive.csv.gz"])
    assert report.count(Status.CREATED) == 5, report.summary()
    imported = {document_to_record(document)["external_id"]: document for document in export_queryset()}
    assert set(imported) == set(exported)
    for external_id, line in exported.items():
        document, record = imported[external_id], document_to_record(imported[external_id])
        for name in FIELD_NAMES:
            if name in record and name != "related_documents":
                assert _shaped(record[name], line[name], name) == line[name], (external_id, name)
        # Related-record links are mutual in the archive; a version frozen before its partner was
        # public does not name it, the imported working copies link both ways.
        mutual = {other for other, item in exported.items() if external_id in item["related_documents"]}
        assert record["related_documents"] == sorted(mutual | set(line["related_documents"]))
        assert (document.display_date, document.source_sentence, document.credit_sentence) == (
            line["display_date"],
            line["source_sentence"],
            line["credit_sentence"],
        )
    # Imported again, nothing changes: the dataset and the archive agree.
    again = import_paths([result.directory / "archive.csv.gz"])
    assert again.count(Status.UNCHANGED) == 5, again.summary()


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in gzip.decompress(path.read_bytes()).decode().splitlines()]


def _shaped(value, like, name: str = ""):
    """`value` (the record format, which says more) cut to the keys the dataset gives; people sorted alike."""
    if isinstance(like, dict) and isinstance(value, dict):
        return {key: _shaped(value.get(key), like[key]) for key in like}
    if isinstance(like, list) and isinstance(value, list):
        if name in ("creators", "people"):
            value = sorted(
                value, key=lambda person: [person["name"] for person in like].index(person["name"])
            )
        return [_shaped(item, model) for item, model in zip(value, like, strict=False)] + value[len(like) :]
    return value
