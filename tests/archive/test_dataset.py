"""The bulk dataset: manage.py export_dataset, its files and README, incremental and atomic
regeneration, the /data/ page and its downloads."""

import csv
import gzip
import hashlib
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from archive import dataset
from archive.dataset import FIELD_NAMES, ExportRunning, export_dataset, read_manifest
from curation import actions
from tests.archive.document_records import build_record
from tests.archive.harvest_records import assert_no_secrets, corpus
from tests.factories import publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def records(translator, editor, second_editor):
    return corpus(translator=translator, editor=editor, second_editor=second_editor)


def export_files(result) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in result.directory.iterdir()}


def jsonl(result) -> list[dict]:
    text = gzip.decompress((result.directory / dataset.JSONL_NAME).read_bytes()).decode()
    return [json.loads(line) for line in text.splitlines()]


def csv_rows(result) -> list[dict]:
    text = gzip.decompress((result.directory / dataset.CSV_NAME).read_bytes()).decode()
    return list(csv.DictReader(io.StringIO(text, newline="")))


# --- What an export holds --------------------------------------------------------------------------


def test_the_export_holds_every_published_record_once_and_nothing_else(records):
    result = export_dataset()
    lines = jsonl(result)
    assert [line["document_id"] for line in lines] == sorted(document.pk for document in records.public)
    assert result.manifest["records"] == 4
    for name, content in export_files(result).items():
        assert_no_secrets(gzip.decompress(content).decode() if name.endswith(".gz") else content.decode())


def test_a_record_carries_texts_footnotes_credits_and_its_version(records, settings):
    first = records.published[0]
    line = next(line for line in jsonl(export_dataset()) if line["document_id"] == first.pk)
    assert list(line) == list(FIELD_NAMES)
    assert line["external_id"] == f"archive:{first.pk}"
    assert (line["title"], line["version"], line["change_note"]) == (
        "Published record 0, corrected",
        2,
        "Corrected the title.",
    )
    assert line["url"] == f"{settings.SITE_URL}/documents/{first.pk}/"
    assert line["version_url"] == f"{settings.SITE_URL}/documents/{first.pk}/v/2/"
    assert line["published_at"].endswith("Z")
    english = next(text for text in line["texts"] if text["language"] == "en")
    assert english["body"] == "Paragraph 1 of the en-translation text.[1]"
    assert english["footnotes"] == [
        {"number": 1, "kind": "translator", "body": "Note 1 of the en-translation text."}
    ]
    assert line["credits"] == [
        {
            "role": "translated",
            "person": {"name": "Gary Goldberg", "sort_name": "Goldberg, Gary", "kind": "person"},
            "qualifier": "",
            "order": 0,
        }
    ]
    assert line["source_sentence"] == "RGANI, F. 3, Op. 16, D. 947, Ll. 15-16. Translated by Gary Goldberg."
    assert line["citation"].startswith('"Published record 0, corrected," May 21, 1962,')
    assert line["repository"] == {
        "name": "Russian State Archive",
        "abbreviation": "RGANI",
        "location": "",
        "url": "",
    }


def test_related_documents_are_named_by_external_id(translator, second_editor):
    one = build_record(author=translator, title="One", external_id="frus1961-63v06:d9")
    two = build_record(author=translator, title="Two")
    two.related_documents.add(one)
    publish(one, approver=second_editor)
    publish(two, approver=second_editor)
    lines = {line["title"]: line for line in jsonl(export_dataset())}
    assert lines["Two"]["related_documents"] == ["frus1961-63v06:d9"]
    # One's version was frozen before Two was public: a snapshot names only public records.
    assert lines["One"]["related_documents"] == []


def test_the_csv_has_the_same_records_with_lists_as_json(records):
    result = export_dataset()
    rows, lines = csv_rows(result), jsonl(result)
    assert [row["document_id"] for row in rows] == [str(line["document_id"]) for line in lines]
    assert list(rows[0]) == list(FIELD_NAMES)
    assert json.loads(rows[0]["texts"]) == lines[0]["texts"]
    assert rows[0]["title"] == lines[0]["title"]


def test_checksums_readme_and_manifest(records, media, settings):
    settings.DATASET_LICENCE = "Metadata: CC0 1.0."
    result = export_dataset()
    files = export_files(result)
    sums = dict(reversed(line.split("  ")) for line in files["SHA256SUMS"].decode().splitlines())
    assert set(sums) == {"archive.jsonl.gz", "archive.csv.gz", "README.md"}
    for name, digest in sums.items():
        assert hashlib.sha256(files[name]).hexdigest() == digest
    readme = files["README.md"].decode()
    assert "Metadata: CC0 1.0." in readme and "4 records" in readme
    for name in FIELD_NAMES:
        assert f"| `{name}` |" in readme
    manifest = read_manifest()
    assert manifest["directory"] == result.directory.name
    assert {entry["name"]: entry["size"] for entry in manifest["files"]} == {
        name: len(content) for name, content in files.items()
    }
    assert (media / "data" / "latest.json").is_file()


# --- Incremental, atomic, safe ---------------------------------------------------------------------


def test_a_second_export_reuses_every_unchanged_line(records):
    first = export_dataset()
    second = export_dataset()
    assert (second.serialised, second.reused) == (0, 4)
    assert first.directory != second.directory
    assert export_files(first)["archive.jsonl.gz"] == export_files(second)["archive.jsonl.gz"]


def test_only_the_changed_records_are_serialised_again(records, editor, second_editor, translator):
    export_dataset()
    changed = records.published[1]
    changed.title = "Published record 1, revised"
    publish(changed, approver=second_editor, author=editor, note="Revised the title.")
    actions.withdraw(records.published[2], actor=editor, reason="Duplicate.")
    newcomer = build_record(author=translator, title="A newcomer")
    publish(newcomer, approver=second_editor)
    incremental = export_dataset()
    assert (incremental.serialised, incremental.reused) == (2, 2)
    full = export_dataset(full=True)
    assert (full.serialised, full.reused) == (4, 0)
    assert export_files(incremental)["archive.jsonl.gz"] == export_files(full)["archive.jsonl.gz"]
    titles = [line["title"] for line in jsonl(incremental)]
    assert "Published record 1, revised" in titles and "A newcomer" in titles
    assert "Published record 2" not in titles


def test_a_reused_line_follows_a_related_records_new_external_id(translator, editor, second_editor):
    one = build_record(author=translator, title="One", external_id="old:1")
    two = build_record(author=translator, title="Two")
    two.related_documents.add(one)
    publish(one, approver=second_editor)
    publish(two, approver=second_editor)
    export_dataset()
    one.external_id = "new:1"
    publish(one, approver=second_editor, author=editor, note="New identifier.")
    lines = {line["title"]: line for line in jsonl(export_dataset())}
    assert lines["Two"]["related_documents"] == ["new:1"]


def test_old_exports_are_pruned_and_the_latest_kept(records, media):
    directories = [export_dataset(keep=2).directory.name for _ in range(4)]
    kept = sorted(path.name for path in (media / "data").iterdir() if path.is_dir())
    assert kept == directories[-2:]
    assert read_manifest()["directory"] == directories[-1]


def test_a_second_export_at_the_same_time_is_refused(records, media):
    root = media / "data"
    root.mkdir(parents=True)
    with dataset._lock(root), pytest.raises(ExportRunning):
        export_dataset()


def test_the_page_keeps_serving_the_old_export_until_the_new_one_is_complete(client, records, monkeypatch):
    export_dataset()
    before = read_manifest()["directory"]
    seen = []
    real_finish = dataset._finish

    def finish_while_reading(work, **kwargs):
        seen.append(read_manifest()["directory"])
        seen.append(client.get(reverse("archive:data-file", args=["archive.jsonl.gz"])).status_code)
        return real_finish(work, **kwargs)

    monkeypatch.setattr(dataset, "_finish", finish_while_reading)
    after = export_dataset().directory.name
    assert seen == [before, 200]
    assert read_manifest()["directory"] == after != before


def test_unfinished_exports_are_cleaned_up(records, media):
    leftover = media / "data" / ".tmp-20240101T000000Z-1"
    leftover.mkdir(parents=True)
    export_dataset()
    assert not leftover.exists()


def test_the_command_reports_what_it_did(records):
    out = io.StringIO()
    call_command("export_dataset", stdout=out, stderr=io.StringIO())
    assert "Exported 4 records" in out.getvalue() and "4 serialised, 0 reused" in out.getvalue()
    out = io.StringIO()
    call_command("export_dataset", stdout=out, stderr=io.StringIO())
    assert "0 serialised, 4 reused" in out.getvalue()


# --- The /data/ page and downloads -----------------------------------------------------------------


def test_the_data_page_before_any_export(client, db):
    response = client.get(reverse("archive:data"))
    assert response.status_code == 200
    assert "No export has been made yet" in response.content.decode()


def test_the_data_page_lists_the_latest_files(client, records):
    result = export_dataset()
    response = client.get(reverse("archive:data"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "4 records" in html
    for entry in result.manifest["files"]:
        assert f'href="/data/{entry["name"]}"' in html
        assert entry["sha256"][:16] in html and entry["sha256"][48:] in html
    assert "/oai/" in html
    assert response.headers["ETag"]
    assert (
        client.get(reverse("archive:data"), headers={"if-none-match": response.headers["ETag"]}).status_code
        == 304
    )


def test_a_download_streams_the_file(client, records):
    result = export_dataset()
    response = client.get(reverse("archive:data-file", args=["archive.csv.gz"]))
    assert response.status_code == 200
    assert response.streaming
    content = b"".join(response.streaming_content)
    assert content == (result.directory / "archive.csv.gz").read_bytes()
    assert response["Content-Type"] == "application/gzip"
    assert response["Content-Disposition"] == 'attachment; filename="archive.csv.gz"'
    assert response["Content-Length"] == str(len(content))
    digest = hashlib.sha256(content).hexdigest()
    assert response["ETag"] == f'"{digest}"'
    again = client.get(
        reverse("archive:data-file", args=["archive.csv.gz"]), headers={"if-none-match": f'"{digest}"'}
    )
    assert again.status_code == 304


@pytest.mark.parametrize("name", ["latest.json", "settings.py", "..%2Flatest.json", "archive.xml"])
def test_only_files_of_the_latest_export_are_served(client, records, name):
    export_dataset()
    assert client.get(f"/data/{name}").status_code == 404


def test_no_download_before_any_export(client, db):
    assert client.get(reverse("archive:data-file", args=["archive.csv.gz"])).status_code == 404


def test_the_page_and_a_download_cost_no_query(client, records, django_assert_num_queries):
    export_dataset()
    with django_assert_num_queries(0):
        client.get(reverse("archive:data"))
        b"".join(client.get(reverse("archive:data-file", args=["README.md"])).streaming_content)
