"""A whole FRUS volume in one TEI file: front matter, chapters, editorial notes and documents that cite
one another. Every document becomes a record; a note citing another document becomes a link."""

import pytest

from archive.importers import Status, import_paths
from archive.models import Document

pytestmark = pytest.mark.django_db

VOLUME = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Foreign Relations of the United States, 1961–1963, Volume XCIX</title></titleStmt>
      <publicationStmt>
        <idno type="frus">frus1961-63v99</idno>
        <availability><p>This volume is in the public domain.</p></availability>
      </publicationStmt>
      <sourceDesc><p>Born digital.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <front>
      <div type="section" xml:id="preface"><head>Preface</head><p>About this volume.</p></div>
    </front>
    <body>
      <div type="chapter" xml:id="ch1">
        <head>The Berlin Crisis</head>
        <div type="document" xml:id="d1" n="1">
          <head>1. Telegram From the Embassy in the Soviet Union to the Department of State</head>
          <opener><dateline><placeName>Moscow</placeName>, <date when="1961-06-04T10:00:00+03:00">June 4, 1961</date></dateline></opener>
          <p>The Chairman spoke at length.<note n="1" xml:id="d1fn1">See <ref target="#d3">Document 3</ref>.</note></p>
        </div>
        <div type="document" xml:id="d2" n="2" subtype="editorial-note">
          <head>2. Editorial Note</head>
          <p>On June 5 the President met his advisers; see also <ref target="frus1961-63v05#d10">volume V, Document 10</ref>.</p>
        </div>
      </div>
      <div type="chapter" xml:id="ch2">
        <head>Aftermath</head>
        <div type="document" xml:id="d3" n="3">
          <head>3. Memorandum for the Record</head>
          <opener><dateline><placeName>Washington</placeName>, <date when="1961-06-06">June 6, 1961</date></dateline></opener>
          <p>Further to <ref target="#d1">Document 1</ref>, the discussion continued.</p>
        </div>
      </div>
    </body>
    <back><div type="section" xml:id="index"><head>Index</head><p>Berlin, 1, 3.</p></div></back>
  </text>
</TEI>
"""


@pytest.fixture
def imported(tmp_path):
    path = tmp_path / "frus1961-63v99.xml"
    path.write_text(VOLUME, encoding="utf-8")
    return import_paths([path])


def test_every_document_of_the_volume_is_a_record_and_nothing_else(imported):
    assert [(outcome.status, outcome.record) for outcome in imported.outcomes] == [
        (Status.CREATED, "frus1961-63v99:d1"),
        (Status.CREATED, "frus1961-63v99:d2"),
        (Status.CREATED, "frus1961-63v99:d3"),
    ]
    assert Document.objects.count() == 3
    assert Document.objects.get(external_id="frus1961-63v99:d2").title == "Editorial Note"


def test_documents_that_cite_each_other_are_linked_both_ways(imported):
    first = Document.objects.get(external_id="frus1961-63v99:d1")
    third = Document.objects.get(external_id="frus1961-63v99:d3")
    assert list(first.related_documents.all()) == [third]
    assert list(third.related_documents.all()) == [first]
    note = first.texts.get().footnotes.get()
    assert note.body == "See [Document 3](https://history.state.gov/historicaldocuments/frus1961-63v99/d3)."
    body = third.texts.get().body
    assert "[Document 1](https://history.state.gov/historicaldocuments/frus1961-63v99/d1)" in body


def test_a_citation_of_another_volume_is_a_link_and_a_note_in_the_report(imported):
    note = Document.objects.get(external_id="frus1961-63v99:d2")
    assert "[volume V, Document 10](https://history.state.gov/historicaldocuments/frus1961-63v05/d10)" in (
        note.texts.get().body
    )
    outcome = imported.outcomes[1]
    assert outcome.notes == ('related document "frus1961-63v05:d10" is not in the archive; link left out.',)


def test_importing_the_volume_again_changes_nothing(imported, tmp_path):
    again = import_paths([tmp_path / "frus1961-63v99.xml"])
    assert [outcome.status for outcome in again.outcomes] == [Status.UNCHANGED] * 3
