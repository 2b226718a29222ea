"""Reading the Wilson Center Digital Archive's plain-text records: fields, source, body and footnotes."""

from pathlib import Path

import pytest

from archive.importers.wcda import read_wcda, split_footnotes

BODY = """Memorandum of Conversation
 Khrushchev opened the talks at noon.[1]
The delegation agreed on F[idel]'s proposal [there] at the [733rd meeting].
  [1]   RGANI, F. 3, Op. 16, D. 947, Ll. 15-16."""

FIELDS = {
    "document_url": "https://digitalarchive.example.org/document/test-ban",
    "record_id": "900001",
    "title": "Memorandum of Conversation on the Test Ban",
    "original_publication_date": "May 21, 1962",
    "summary": "Khrushchev and the delegation discuss the test ban.",
    "credits": "This document was made possible with support from Example Foundation",
    "donors": '["Example Foundation", "Second Fund"]',
    "source": "RGANI, F. 3, Op. 16, D. 947, Ll. 15-16. Translated by Gary Goldberg.",
    "original_archive_title": '["Russian State Archive of Contemporary History (RGANI)"]',
    "language": '["Russian"]',
    "original_classification": "Top Secret",
    "authors": '["Khrushchev, Nikita Sergeevich"]',
    "document_contributors": "(none)",
    "associated_places": '["Soviet Union"]',
    "subjects_discussed": '["Nuclear weapons--Testing"]',
    "associated_people_orgs": "(field not captured by this scraper version)",
    "original_upload_date": "2023-10-03",
    "rights": "Reuse welcome.\nContact the archive for commercial use.",
}


def wcda_text(*, omit: tuple[str, ...] = (), body: str = BODY, **fields: str) -> str:
    """A valid WCDA record file, with some fields changed or left out."""
    values = {**FIELDS, **fields}
    header = "\n".join(f"{key}: {value}" for key, value in values.items() if key not in omit)
    return f"# A test record.\n\n{header}\n\n----- text_body (verbatim) -----\n{body}\n----- end text_body -----\n"


def read(text: str, name: str = "record.txt"):
    [candidate] = read_wcda(Path(name), text)
    return candidate


class TestAGoodRecord:
    def test_fields(self):
        record = read(wcda_text()).record
        assert record["external_id"] == "wcda:900001"
        assert record["title"] == "Memorandum of Conversation on the Test Ban"
        assert record["date"] == "1962-05-21"
        assert record["original_language"] == "ru"
        assert record["original_classification"] == "Top Secret"
        assert record["document_type"] == "memcon"
        assert record["rights"] == "Reuse welcome.\nContact the archive for commercial use."

    def test_source_becomes_repository_reference_and_credits(self):
        record = read(wcda_text()).record
        assert record["repository"]["name"] == "Russian State Archive of Contemporary History"
        assert record["repository"]["abbreviation"] == "RGANI"
        assert record["archival_reference"] == "F. 3, Op. 16, D. 947, Ll. 15-16"
        assert record["source_override"] == ""
        assert [(c["role"], c["person"]["name"]) for c in record["credits"]] == [
            ("translated", "Gary Goldberg")
        ]

    def test_source_that_follows_no_pattern_is_kept_whole(self):
        candidate = read(wcda_text(source="Courtesy of the family; scanned in 2001"))
        assert candidate.record["source_override"] == "Courtesy of the family; scanned in 2001"
        assert candidate.record["credits"] == []
        assert "kept as the source override" in candidate.notes[0]

    def test_linked_entities(self):
        record = read(wcda_text()).record
        assert record["creators"][0]["name"] == "Nikita Sergeevich Khrushchev"
        assert record["creators"][0]["sort_name"] == "Khrushchev, Nikita Sergeevich"
        assert record["people"] == []
        assert [p["name"] for p in record["places"]] == ["Soviet Union"]
        assert [s["heading"] for s in record["subjects"]] == ["Nuclear weapons--Testing"]
        assert [d["name"] for d in record["donors"]] == ["Example Foundation", "Second Fund"]

    def test_funding_line_donor_is_added_when_the_list_lacks_it(self):
        record = read(wcda_text(donors="(none)")).record
        assert [d["name"] for d in record["donors"]] == ["Example Foundation"]

    def test_page_address_and_upload_date_are_provenance(self):
        [event] = read(wcda_text()).record["provenance"]
        assert event["kind"] == "digitised"
        assert event["date"] == "2023-10-03"
        assert event["reference"] == "https://digitalarchive.example.org/document/test-ban"

    def test_body_of_a_translation(self):
        [text] = read(wcda_text()).record["texts"]
        assert (text["kind"], text["language"]) == ("translation", "en")
        assert text["body"] == (
            "Memorandum of Conversation\n\n"
            "Khrushchev opened the talks at noon.[1]\n\n"
            "The delegation agreed on F[idel]'s proposal [there] at the [733rd meeting]."
        )
        assert text["footnotes"] == [
            {"number": 1, "kind": "translator", "body": "RGANI, F. 3, Op. 16, D. 947, Ll. 15-16."}
        ]

    def test_english_original_is_the_original_text_with_original_notes(self):
        [text] = read(wcda_text(language='["English"]')).record["texts"]
        assert (text["kind"], text["language"]) == ("original", "en")
        assert text["footnotes"][0]["kind"] == "original"

    def test_month_only_date(self):
        assert read(wcda_text(original_publication_date="November 1967")).record["date"] == "1967-11"


class TestFootnotesAtTheEnd:
    def test_a_run_numbered_from_one_to_the_end(self):
        lines = ["Text.[1] More.[2]", "[…]", "[1] First note.", "  [2]   Second note."]
        assert split_footnotes(lines) == (2, [(1, "First note."), (2, "Second note.")])

    def test_a_bracketed_number_that_is_not_at_the_end_stays_in_the_body(self):
        lines = ["[1] Point one of the agenda.", "The meeting closed."]
        assert split_footnotes(lines) == (2, [])

    def test_numbers_out_of_sequence_are_not_notes(self):
        lines = ["Text.[2]", "[2] A note without its first."]
        assert split_footnotes(lines) == (2, [])


class TestBadRecords:
    def rejection(self, text: str) -> str:
        candidate = read(text)
        assert candidate.record is None
        return candidate.problem

    def test_malformed_header_line(self):
        text = wcda_text().replace("title: ", "title: x\nThis line is neither a field nor a comment\nzz: ", 1)
        assert self.rejection(text) == (
            'header: line 6: "This line is neither a field nor a comment" is not a "key: value" field (nor a comment).'
        )

    def test_field_twice(self):
        text = wcda_text().replace("summary: ", "title: Again\nsummary: ", 1)
        assert self.rejection(text) == "title: line 7: the field appears a second time."

    def test_bad_date(self):
        problem = self.rejection(wcda_text(original_publication_date="Julember 5, 1997"))
        assert (
            problem == 'original_publication_date: "Julember 5, 1997": "Julember" is not the name of a month.'
        )

    def test_unknown_language(self):
        problem = self.rejection(wcda_text(language='["Elvish"]'))
        assert problem.startswith('language: "Elvish" is not a language name or ISO 639 code')

    def test_missing_language(self):
        assert self.rejection(wcda_text(omit=("language",))).startswith("language: missing")

    def test_list_field_that_is_not_json(self):
        problem = self.rejection(wcda_text(associated_places='["Germany", "Ukraine"'))
        assert problem.startswith("associated_places: not a JSON array of strings (")

    def test_missing_record_id(self):
        assert self.rejection(wcda_text(omit=("record_id",))).startswith("record_id: missing")

    def test_body_not_closed(self):
        text = wcda_text().replace("----- end text_body -----\n", "")
        assert (
            self.rejection(text) == 'text_body: the text is not closed by a line "----- end text_body -----".'
        )

    def test_funding_line_not_understood(self):
        problem = self.rejection(wcda_text(credits="Thanks to everyone"))
        assert problem == 'credits: expected "This document was made possible with support from …".'

    def test_rejection_names_the_record(self):
        candidate = read(wcda_text(language='["Elvish"]'))
        assert candidate.name == "record 900001"


SAMPLE_FACTS = {
    "wcda-300240-kohl-kuchma-1997.txt": ("wcda:300240", "1997-07-30", "de", "translation", 1),
    "wcda-300639-japan-china-petition-1967.txt": ("wcda:300639", "1967-11-06", "ja", "translation", 0),
    "wcda-300645-kieran-cremin-1957.txt": ("wcda:300645", "1957-12-12", "en", "original", 0),
    "wcda-300646-aiken-unga-1958.txt": ("wcda:300646", "1958-09-19", "en", "original", 1),
    "wcda-300653-nehru-letter-1949.txt": ("wcda:300653", "1949-04-01", "en", "original", 0),
}


@pytest.mark.parametrize("file_name", SAMPLE_FACTS)
def test_every_sample_reads(samples_dir, file_name):
    path = samples_dir / file_name
    [candidate] = read_wcda(path, path.read_text())
    external_id, date, language, kind, notes = SAMPLE_FACTS[file_name]
    record = candidate.record
    assert (record["external_id"], record["date"], record["original_language"]) == (
        external_id,
        date,
        language,
    )
    assert record["texts"][0]["kind"] == kind
    assert len(record["texts"][0]["footnotes"]) == notes
    assert "----- " not in record["texts"][0]["body"]


def test_sample_note_is_removed_from_the_body_and_its_marker_stays(samples_dir):
    path = samples_dir / "wcda-300240-kohl-kuchma-1997.txt"
    [text] = read_wcda(path, path.read_text())[0].record["texts"]
    assert text["footnotes"] == [{"number": 1, "kind": "translator", "body": "BArch, B 136/59748, 335-336."}]
    assert "Summit in Madrid on 8 July 1997[1]" in text["body"]
    assert text["body"].endswith("(Blomeyer)")
