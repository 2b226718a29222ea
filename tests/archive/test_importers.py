"""import_paths into the database: every sample, idempotency, updates, and bad records beside good ones."""

import json
import re
from pathlib import Path

import pytest
from reversion.models import Version

from archive.importers import Status, import_paths
from archive.models import Document, Person, Repository
from tests.archive.test_import_wcda import wcda_text

pytestmark = pytest.mark.django_db

WCDA_SAMPLES = [
    "wcda-300240-kohl-kuchma-1997.txt",
    "wcda-300639-japan-china-petition-1967.txt",
    "wcda-300645-kieran-cremin-1957.txt",
    "wcda-300646-aiken-unga-1958.txt",
    "wcda-300653-nehru-letter-1949.txt",
]
TEI_SAMPLE = "frus1961-63v06-d09-d10-kennedy-khrushchev-1961.tei.xml"


def write(directory: Path, name: str, content: str) -> Path:
    path = directory / name
    path.write_text(content, encoding="utf-8")
    return path


def json_records(*records: dict) -> str:
    return json.dumps({"format": "archive-records", "version": 1, "records": list(records)})


def by_status(report, status: Status) -> dict[str, str]:
    return {outcome.record: outcome.detail for outcome in report.outcomes if outcome.status == status}


def revisions(document: Document) -> list:
    return [version.revision for version in Version.objects.get_for_object(document)]


class TestEverySample:
    def test_all_records_import_and_the_readme_is_skipped(self, samples_dir):
        report = import_paths([samples_dir])
        assert report.count(Status.CREATED) == 7
        assert report.rejected == 0
        assert by_status(report, Status.SKIPPED) == {
            "file": "not a record file in a format this archive reads."
        }
        assert Document.objects.count() == 7

    @pytest.mark.parametrize("file_name", WCDA_SAMPLES)
    def test_source_sentence_regenerates_exactly_from_structured_fields(self, samples_dir, file_name):
        import_paths([samples_dir / file_name])
        source = re.search(r"^source: (.*)$", (samples_dir / file_name).read_text(), re.MULTILINE)[1]
        document = Document.objects.get()
        assert document.source_override == ""
        assert document.source_sentence == source

    def test_footnotes_credits_and_dates_intact(self, samples_dir):
        import_paths([samples_dir / "wcda-300240-kohl-kuchma-1997.txt"])
        document = Document.objects.get(external_id="wcda:300240")
        assert (document.date, document.display_date) == ("1997-07-30", "July 30, 1997")
        assert str(document.date_earliest) == str(document.date_latest) == "1997-07-30"
        assert document.original_language == "de"
        assert str(document.repository) == "German Federal Archives (BArch)"
        assert document.archival_reference == "B 136/59748, 335-336"
        assert [(c.role, c.person.name) for c in document.contributions.all()] == [
            ("contributed", "Stephan Kieninger"),
            ("transcribed", "Stephan Kieninger"),
            ("translated", "Stephan Kieninger"),
        ]
        [text] = document.texts.all()
        assert (text.kind, text.language) == ("translation", "en")
        assert [(note.number, note.body) for note in text.footnotes.all()] == [
            (1, "BArch, B 136/59748, 335-336.")
        ]
        assert "[1]" in text.body and "BArch, B 136" not in text.body

    def test_month_and_organisation_and_donors(self, samples_dir):
        import_paths([samples_dir / "wcda-300639-japan-china-petition-1967.txt"])
        document = Document.objects.get()
        assert document.credit_sentence == "Contributed by Robert Hoppens and translated by Stephen Mercado."
        assert {person.kind for person in document.creators.all()} == {"person", "organization"}
        assert [donor.name for donor in document.donors.all()] == ["Chun & Jane Chiu Family Foundation"]

    def test_english_original_without_credits(self, samples_dir):
        import_paths([samples_dir / "wcda-300653-nehru-letter-1949.txt"])
        document = Document.objects.get()
        assert document.credit_sentence == ""
        assert document.original_classification == "Secret"
        assert document.texts.get().kind == "original"
        assert len(document.texts.get().body) > 20_000

    def test_tei_records_are_linked_both_ways_and_keep_their_notes(self, samples_dir):
        import_paths([samples_dir / TEI_SAMPLE])
        d9 = Document.objects.get(external_id="frus1961-63v06:d9")
        d10 = Document.objects.get(external_id="frus1961-63v06:d10")
        assert list(d9.related_documents.all()) == [d10]
        assert list(d10.related_documents.all()) == [d9]
        assert d10.texts.get().footnotes.count() == 2
        assert d9.source_sentence.startswith(
            "Department of State, Presidential Correspondence: Lot 66 D 204."
        )
        assert d10.display_date == "April 18, 1961"

    def test_imported_records_are_drafts_with_a_revision_naming_the_file(self, samples_dir, translator):
        import_paths([samples_dir / "wcda-300240-kohl-kuchma-1997.txt"], user=translator)
        document = Document.objects.get()
        assert document.status == Document.Status.DRAFT
        assert document.created_by == translator
        [revision] = revisions(document)
        assert revision.comment == "Imported from wcda-300240-kohl-kuchma-1997.txt"
        assert revision.user == translator
        models = {version.content_type.model for version in revision.version_set.all()}
        assert {"document", "text", "footnote", "contribution"} <= models


class TestIdempotency:
    def test_importing_again_changes_nothing(self, samples_dir):
        import_paths([samples_dir])
        counts = (Document.objects.count(), Person.objects.count(), Version.objects.count())
        report = import_paths([samples_dir])
        assert report.count(Status.UNCHANGED) == 7
        assert (Document.objects.count(), Person.objects.count(), Version.objects.count()) == counts

    def test_a_changed_record_is_updated_in_place_with_a_new_revision(self, tmp_path):
        path = write(tmp_path, "record.txt", wcda_text())
        import_paths([path])
        document = Document.objects.get()
        footnote_pk = document.texts.get().footnotes.get().pk
        write(tmp_path, "record.txt", wcda_text(title="A Corrected Title"))
        report = import_paths([path])
        assert by_status(report, Status.UPDATED) == {"wcda:900001": "A Corrected Title"}
        document.refresh_from_db()
        assert document.title == "A Corrected Title"
        assert len(revisions(document)) == 2
        assert document.texts.get().footnotes.get().pk == footnote_pk  # updated in place, not re-created

    def test_removed_footnote_and_credit_are_removed(self, tmp_path):
        path = write(tmp_path, "record.txt", wcda_text())
        import_paths([path])
        write(tmp_path, "record.txt", wcda_text(body="No notes any more.", source="RGANI, F. 3."))
        import_paths([path])
        document = Document.objects.get()
        assert document.texts.get().footnotes.count() == 0
        assert document.contributions.count() == 0
        assert document.source_sentence == "RGANI, F. 3."

    def test_a_record_in_review_is_not_changed(self, tmp_path):
        path = write(tmp_path, "record.txt", wcda_text())
        import_paths([path])
        Document.objects.update(status=Document.Status.IN_REVIEW)
        assert import_paths([path]).count(Status.UNCHANGED) == 1
        write(tmp_path, "record.txt", wcda_text(title="Changed behind the reviewer's back"))
        report = import_paths([path])
        assert by_status(report, Status.REJECTED) == {
            "wcda:900001": "status: the record is in review; an import changes only drafts and records "
            "sent back for changes. Change it in the admin."
        }
        assert Document.objects.get().title == "Memorandum of Conversation on the Test Ban"

    def test_existing_authority_records_are_linked_not_changed(self, tmp_path):
        kept = Person.objects.create(name="Gary Goldberg", description="Translator of many records.")
        import_paths([write(tmp_path, "record.txt", wcda_text())])
        assert Document.objects.get().contributions.get().person == kept
        kept.refresh_from_db()
        assert kept.description == "Translator of many records."


class TestSourceLineKeptWhenTheArchiveWouldPrintAnother:
    def test_repository_known_without_its_abbreviation(self, tmp_path):
        Repository.objects.create(name="Russian State Archive of Contemporary History")
        path = write(tmp_path, "record.txt", wcda_text())
        [outcome] = import_paths([path]).outcomes
        document = Document.objects.get()
        source = "RGANI, F. 3, Op. 16, D. 947, Ll. 15-16. Translated by Gary Goldberg."
        assert (document.source_override, document.source_sentence) == (source, source)
        assert document.archival_reference == "F. 3, Op. 16, D. 947, Ll. 15-16"
        assert outcome.notes == (
            "the archive's records would print \"Russian State Archive of Contemporary History, F. 3, Op. 16, "
            'D. 947, Ll. 15-16. Translated by Gary Goldberg.": the source line is kept as the override.',
        )
        assert import_paths([path]).count(Status.UNCHANGED) == 1

    def test_repository_known_under_another_abbreviation_is_cited_as_the_file_cites_it(self, tmp_path):
        name = "Diplomatic Archives of the Ministry of Foreign Affairs of Japan"
        Repository.objects.create(name=name, abbreviation="DAMFAJ")
        source = f"{name}, File A’0392 (Microfilm). Translated by Gary Goldberg."
        text = wcda_text(original_archive_title=f'["{name}"]', source=source)
        [outcome] = import_paths([write(tmp_path, "record.txt", text)]).outcomes
        document = Document.objects.get()
        assert (document.source_override, document.source_sentence) == ("", source)
        assert document.archival_reference == f"{name}, File A’0392 (Microfilm)"
        assert outcome.notes == ()


class TestBadRecordsBesideGoodOnes:
    @pytest.fixture
    def report(self, tmp_path, settings):
        settings.ARCHIVE_MAX_TEXT_CHARS = 2_000
        good = {"external_id": "test:good", "title": "Good JSON record", "original_language": "en"}
        write(tmp_path, "a-good.txt", wcda_text())
        write(
            tmp_path, "b-bad-date.txt", wcda_text(record_id="2", original_publication_date="Julember 5, 1997")
        )
        write(tmp_path, "c-unknown-language.txt", wcda_text(record_id="3", language='["Elvish"]'))
        write(
            tmp_path, "d-malformed.txt", wcda_text(record_id="4").replace("summary:", "Not a field\nsummary:")
        )
        write(tmp_path, "e-oversized.txt", wcda_text(record_id="5", body="word " * 500))
        write(tmp_path, "f-invalid.json", '{"format": "archive-records", "records": [')
        write(tmp_path, "g-broken.xml", '<group xmlns="http://www.tei-c.org/ns/1.0"><div>')
        missing_title = {"external_id": "test:untitled", "original_language": "en"}
        write(tmp_path, "h-records.json", json_records(good, missing_title, {**good, "title": "Copy"}))
        bad_note = {**good, "external_id": "test:bad-note", "texts": [
            {"kind": "original", "language": "en", "body": "x[1]", "footnotes": [{"number": 0, "body": "n"}]}
        ], "creators": [{"name": "A Person Created Too Early"}]}  # fmt: skip
        write(tmp_path, "i-late-failure.json", json_records(bad_note))
        return import_paths([tmp_path])

    def test_the_good_records_are_imported(self, report):
        assert set(by_status(report, Status.CREATED)) == {"wcda:900001", "test:good"}
        assert set(Document.objects.values_list("external_id", flat=True)) == {"wcda:900001", "test:good"}

    def test_each_bad_record_is_rejected_with_a_precise_reason(self, report):
        rejected = {
            (outcome.file, outcome.record): outcome.detail
            for outcome in report.outcomes
            if outcome.status == "rejected"
        }
        assert rejected[("b-bad-date.txt", "record 2")] == (
            'original_publication_date: "Julember 5, 1997": "Julember" is not the name of a month.'
        )
        assert rejected[("c-unknown-language.txt", "record 3")].startswith(
            'language: "Elvish" is not a language name or ISO 639 code'
        )
        assert rejected[("d-malformed.txt", "record 4")] == (
            'header: line 7: "Not a field" is not a "key: value" field (nor a comment).'
        )
        assert rejected[("e-oversized.txt", "wcda:5")] == (
            "texts[0].body: This text is 2499 characters long; the limit is 2000."
        )
        assert rejected[("f-invalid.json", "file")].startswith("not valid JSON: line 1, column ")
        assert rejected[("g-broken.xml", "file")].startswith("broken XML: ")
        assert rejected[("h-records.json", "test:untitled")] == "title: This field cannot be blank."
        assert rejected[("h-records.json", "test:good")].startswith(
            "external_id: appears a second time in this import (first in h-records.json, record 1)"
        )
        assert rejected[("i-late-failure.json", "test:bad-note")] == (
            "texts[0].footnotes[0].number: Ensure this value is greater than or equal to 1."
        )
        assert report.rejected == 9

    def test_a_record_that_fails_late_leaves_nothing_behind(self, report):
        assert not Person.objects.filter(name="A Person Created Too Early").exists()
        assert not Document.objects.filter(external_id="test:bad-note").exists()


class TestJsonRecordChecks:
    @pytest.mark.parametrize(
        ("record", "reason"),
        [
            ({"title": "No id", "original_language": "en"}, "external_id: is required."),
            ({"external_id": "t:1", "titel": "Typo"}, "titel: is not a field of this format"),
            ({"external_id": "t:1", "title": 5}, "title: expected a string, found the number 5."),
            ({"external_id": "t:1", "texts": {}}, "texts: expected a list, found an object."),
            ({"external_id": "t:1", "title": "T", "original_language": "xx"}, 'original_language: "xx" is not an ISO 639'),
            ({"external_id": "t:1", "title": "T", "original_language": "en", "date": "May 1962"}, 'date: "May 1962" is not a date in EDTF form'),
            (
                {"external_id": "t:1", "title": "T", "original_language": "en", "credits": [{"role": "wrote", "person": {"name": "X"}}]},
                "credits[0].role: Value 'wrote' is not a valid choice.",
            ),
        ],
    )  # fmt: skip
    def test_wrong_fields(self, tmp_path, record, reason):
        report = import_paths([write(tmp_path, "records.json", json_records(record))])
        [outcome] = report.outcomes
        assert outcome.status == Status.REJECTED
        assert outcome.detail.startswith(reason)

    @pytest.mark.parametrize(
        ("content", "reason"),
        [
            ("[]", "not an archive records file"),
            ('{"format": "archive-records", "version": 2, "records": []}', "format version 2 is not one"),
            ('{"format": "archive-records", "version": 1, "records": {}}', '"records" must be a list'),
        ],
    )
    def test_wrong_files(self, tmp_path, content, reason):
        [outcome] = import_paths([write(tmp_path, "records.json", content)]).outcomes
        assert (outcome.status, outcome.record) == (Status.REJECTED, "file")
        assert outcome.detail.startswith(reason)

    def test_related_record_not_in_the_archive_is_a_note(self, tmp_path):
        record = {
            "external_id": "t:1",
            "title": "T",
            "original_language": "en",
            "related_documents": ["t:404"],
        }
        [outcome] = import_paths([write(tmp_path, "records.json", json_records(record))]).outcomes
        assert outcome.status == Status.CREATED
        assert outcome.notes == ('related document "t:404" is not in the archive; link left out.',)

    def test_missing_file_is_rejected(self, tmp_path):
        [outcome] = import_paths([tmp_path / "nowhere.txt"]).outcomes
        assert (outcome.status, outcome.detail) == (
            Status.REJECTED,
            "cannot be read: No such file or directory.",
        )
