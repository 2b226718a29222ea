"""Reading TEI P5 as FRUS publishes it: one record per document div, notes, links, persons, dates."""

from pathlib import Path

import pytest

from archive.importers.problems import FileRejected
from archive.importers.tei import read_tei
from archive.markers import compare_markers

SAMPLE = "frus1961-63v06-d09-d10-kennedy-khrushchev-1961.tei.xml"


def tei(body: str, *, doctype: str = "") -> bytes:
    return (
        f'<?xml version="1.0"?>{doctype}<group xmlns="http://www.tei-c.org/ns/1.0">{body}</group>'
    ).encode()


def document_div(inner: str, *, xml_id: str = "d1", number: str = "1") -> str:
    return f'<div type="document" xml:id="{xml_id}" n="{number}">{inner}</div>'


def read(data: bytes, name: str = "frus1964-68v99-test.xml"):
    return read_tei(Path(name), data)


@pytest.fixture
def sample(samples_dir):
    path = samples_dir / SAMPLE
    return {candidate.external_id: candidate.record for candidate in read_tei(path, path.read_bytes())}


class TestTheFrusSample:
    def test_each_document_div_is_a_record(self, sample):
        assert list(sample) == ["frus1961-63v06:d9", "frus1961-63v06:d10"]

    def test_title_without_number_and_note(self, sample):
        assert sample["frus1961-63v06:d9"]["title"] == (
            "Telegram From the Embassy in the Soviet Union to the Department of State"
        )
        assert sample["frus1961-63v06:d10"]["title"] == "Letter From President Kennedy to Chairman Khrushchev"

    def test_date_at_day_precision_in_the_documents_own_time_zone(self, sample):
        assert sample["frus1961-63v06:d9"]["date"] == "1961-04-18"
        assert sample["frus1961-63v06:d10"]["date"] == "1961-04-18"

    def test_source_note_is_the_source_sentence_and_provenance(self, sample):
        record = sample["frus1961-63v06:d9"]
        assert record["source_override"].startswith(
            "Department of State, Presidential Correspondence: Lot 66 D 204. Secret; Niact; Limit Distribution."
        )
        assert record["source_override"].endswith("(Department of State, Central Files, 611.37/5-361)")
        assert record["original_classification"] == "Secret"
        held = record["provenance"][-1]
        assert (held["kind"], held["agent"], held["reference"]) == (
            "held",
            "Department of State",
            "Presidential Correspondence: Lot 66 D 204",
        )
        assert sample["frus1961-63v06:d10"]["original_classification"] == ""

    def test_the_source_note_is_not_a_footnote(self, sample):
        assert sample["frus1961-63v06:d9"]["texts"][0]["footnotes"] == []

    def test_numbered_notes_leave_markers_where_they_stood(self, sample):
        [text] = sample["frus1961-63v06:d10"]["texts"]
        assert [note["number"] for note in text["footnotes"]] == [1, 2]
        assert "affect peace in all parts of the world.[1] I trust" in text["body"]
        assert text["body"].endswith("**John F. Kennedy**[2]")
        assert compare_markers(text["body"], [1, 2]).ok

    def test_note_pointing_to_another_document(self, sample):
        [text] = sample["frus1961-63v06:d10"]["texts"]
        assert text["footnotes"][0]["body"] == (
            "See [Document 9](https://history.state.gov/historicaldocuments/frus1961-63v06/d9)."
        )
        assert text["footnotes"][0]["kind"] == "editor"
        assert sample["frus1961-63v06:d10"]["related_documents"] == ["frus1961-63v06:d9"]

    def test_page_breaks_are_dropped(self, sample):
        body = sample["frus1961-63v06:d9"]["texts"][0]["body"]
        assert "Armed aggression has begun against Cuba." in body

    def test_emphasis_and_dateline(self, sample):
        body = sample["frus1961-63v06:d9"]["texts"][0]["body"]
        assert body.startswith("Moscow, April 18, 1961, 2 p.m.\n\n2550. Following letter")
        assert "at 12:15 today.*Begin text*:" in body

    def test_tagged_persons(self, sample):
        d10 = sample["frus1961-63v06:d10"]
        # persName type="from" in the head, fullest name of its corresp id in the file.
        assert [person["name"] for person in d10["creators"]] == ["John F. Kennedy"]
        assert [person["name"] for person in d10["people"]] == ["Khrushchev", "Castro"]
        # The signer in the closer is the author of the telegram.
        assert [person["name"] for person in sample["frus1961-63v06:d9"]["creators"]] == ["Freers"]

    def test_created_event_with_place(self, sample):
        created = sample["frus1961-63v06:d9"]["provenance"][0]
        assert (created["kind"], created["date"], created["place"]["name"]) == (
            "created",
            "1961-04-18",
            "Moscow",
        )
        assert created["agent"] == "Embassy in the Soviet Union"

    def test_original_text_in_english(self, sample):
        [text] = sample["frus1961-63v06:d9"]["texts"]
        assert (text["kind"], text["language"]) == ("original", "en")
        assert sample["frus1961-63v06:d9"]["document_type"] == "telegram"


class TestBadTei:
    def test_broken_xml(self):
        with pytest.raises(FileRejected, match=r"^broken XML: .*line 1"):
            read(b'<group xmlns="http://www.tei-c.org/ns/1.0"><div type="document">')

    def test_no_document_divs(self):
        with pytest.raises(FileRejected, match='no <div type="document">'):
            read(tei("<div type='chapter'/>"))

    def test_div_without_id_is_rejected_alone(self):
        data = tei(
            '<div type="document" n="1"><head>1. A</head></div>'
            + document_div("<head>2. B</head>", xml_id="d2", number="2")
        )
        first, second = read(data)
        assert first.problem == 'xml:id: the <div type="document"> has no xml:id to identify it by.'
        assert second.record["title"] == "B"

    def test_bad_when(self):
        data = tei(
            document_div('<head>1. A</head><dateline><date when="18 April">April 18</date></dateline>')
        )
        [candidate] = read(data)
        assert candidate.problem.startswith('dateline/date/@when: "18 April" is not an ISO 8601 date')

    def test_entities_are_never_expanded(self):
        doctype = '<!DOCTYPE group [<!ENTITY secret SYSTEM "file:///etc/passwd"><!ENTITY word "expanded">]>'
        data = tei(document_div("<head>1. A</head><p>Before &secret; and &word; after</p>"), doctype=doctype)
        [candidate] = read(data)
        body = candidate.record["texts"][0]["body"]
        assert body == "Before and after"

    def test_volume_from_the_file_name_and_id_from_the_div(self):
        [candidate] = read(
            tei(document_div("<head>1. A</head>", xml_id="d7")), name="frus1964-68v99-extract.xml"
        )
        assert candidate.external_id == "frus1964-68v99:d7"

    def test_literal_brackets_and_stars_in_tei_text_stay_text(self):
        [candidate] = read(tei(document_div("<head>1. A</head><p>Item [3] costs *5*.</p>")))
        [text] = candidate.record["texts"]
        assert text["body"] == "Item \\[3] costs \\*5\\*."
        assert compare_markers(text["body"], []).ok
