"""export_records and the JSON record format: export then import changes nothing."""

import hashlib
import json
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from archive.importers import Status, dump_records, export_queryset, import_paths
from archive.models import (
    Attachment,
    Collection,
    Document,
    Donor,
    Person,
    Place,
    Repository,
    Subject,
)
from tests.factories import (
    CollectionFactory,
    ContributionFactory,
    DocumentFactory,
    DonorFactory,
    FootnoteFactory,
    PersonFactory,
    PlaceFactory,
    ProvenanceEventFactory,
    RepositoryFactory,
    SubjectFactory,
    TextFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def complete_document() -> Document:
    """A hand-entered record that uses every part of the format (no external id)."""
    moscow = PlaceFactory(
        name="Moscow",
        parent=PlaceFactory(name="Soviet Union", kind="country"),
        kind="city",
        latitude=Decimal("55.755800"),
        longitude=Decimal("37.617300"),
        geonames_id="524901",
    )
    document = DocumentFactory(
        title="Record of a Conversation with N. S. Khrushchev",
        date="1962-05~",
        display_date_override="late May 1962",
        original_classification="Top Secret",
        rights="Public domain.",
        repository=RepositoryFactory(
            name="Russian State Archive of Contemporary History", abbreviation="RGANI"
        ),
        archival_reference="F. 3, Op. 16, D. 947, Ll. 15-16",
    )
    khrushchev = PersonFactory(name="Nikita Khrushchev", wikidata_id="Q35004", name_variants="Хрущёв")
    document.creators.set([khrushchev])
    document.people.set([PersonFactory(name="John F. Kennedy", kind="person")])
    document.places.set([moscow])
    document.subjects.set([SubjectFactory(heading="Nuclear weapons--Testing", scope_note="Tests.")])
    document.collections.set([CollectionFactory(title="Test Ban Talks", description="*Talks*.")])
    document.donors.set([DonorFactory(name="Example Foundation", url="https://example.org/")])
    ContributionFactory(document=document, person=PersonFactory(name="Gary Goldberg"), role="translated")
    ContributionFactory(document=document, person=PersonFactory(name="Y Helper"), role="assisted", order=1)
    original = TextFactory(document=document, kind="original", language="ru", body="Начало.[1]", order=0)
    FootnoteFactory(text=original, number=1, kind="original", body="Примечание.")
    translation = TextFactory(
        document=document, kind="translation", language="en", body="Start.[1] End.[2]", order=1
    )
    FootnoteFactory(text=translation, number=1, body="Note one.")
    FootnoteFactory(text=translation, number=2, kind="editor", body="Note *two*.")
    ProvenanceEventFactory(document=document, kind="created", date="1962-05", place=moscow, order=0)
    ProvenanceEventFactory(
        document=document, kind="declassified", date="1992", order=1, reference="Decree 20"
    )
    default_storage.save("attachments/scan.pdf", ContentFile(b"%PDF-1.4 scan"))
    Attachment.objects.create(
        document=document, file="attachments/scan.pdf", caption="First page", content_type="application/pdf"
    )
    document.related_documents.set([DocumentFactory(external_id="wcda:1", title="Related record")])
    return document


def wipe() -> None:
    Document.objects.all().delete()
    for model in (Person, Subject, Collection, Donor, Repository):
        model.objects.all().delete()
    while Place.objects.exists():  # innermost places first: a place protects the places within it
        Place.objects.filter(children__isnull=True).delete()


def export(path) -> str:
    call_command("export_records", output=str(path))
    return path.read_text(encoding="utf-8")


class TestRoundTrip:
    def test_export_then_import_into_the_same_database_changes_nothing(self, tmp_path):
        complete_document()
        export(tmp_path / "export.json")
        report = import_paths([tmp_path / "export.json"])
        assert report.count(Status.UNCHANGED) == 2
        assert report.count(Status.CREATED) + report.count(Status.UPDATED) + report.rejected == 0

    def test_export_wipe_import_export_is_byte_identical(self, tmp_path):
        complete_document()
        first = export(tmp_path / "first.json")
        wipe()
        report = import_paths([tmp_path / "first.json"])
        assert report.count(Status.CREATED) == 2, [str(outcome) for outcome in report.outcomes]
        assert export(tmp_path / "second.json") == first

    def test_samples_round_trip(self, samples_dir, tmp_path):
        import_paths([samples_dir])
        first = export(tmp_path / "first.json")
        assert import_paths([tmp_path / "first.json"]).count(Status.UNCHANGED) == 7
        wipe()
        import_paths([tmp_path / "first.json"])
        assert export(tmp_path / "second.json") == first

    def test_hand_entered_record_is_exported_as_archive_id_and_found_again(self, tmp_path):
        document = DocumentFactory(external_id=None)
        data = json.loads(export(tmp_path / "export.json"))
        assert data["records"][0]["external_id"] == f"archive:{document.pk}"
        assert import_paths([tmp_path / "export.json"]).count(Status.UNCHANGED) == 1
        assert Document.objects.count() == 1


class TestTheFormat:
    def test_shape(self):
        complete_document()
        data = json.loads(dump_records(export_queryset(Document.objects.filter(external_id=None))))
        assert (data["format"], data["version"]) == ("archive-records", 1)
        [record] = data["records"]
        assert record["repository"] == {
            "name": "Russian State Archive of Contemporary History",
            "abbreviation": "RGANI",
            "location": "",
            "url": "",
        }
        assert record["places"][0]["within"]["name"] == "Soviet Union"
        assert record["places"][0]["latitude"] == "55.755800"
        assert record["credits"][1]["role"] == "assisted"
        assert record["texts"][1]["footnotes"][1] == {"number": 2, "kind": "editor", "body": "Note *two*."}
        assert record["related_documents"] == ["wcda:1"]
        assert record["attachments"][0]["sha256"] == hashlib.sha256(b"%PDF-1.4 scan").hexdigest()
        assert "status" not in record

    def test_export_reads_in_a_fixed_number_of_queries(self, django_assert_num_queries):
        complete_document()
        with django_assert_num_queries(17):
            dump_records(export_queryset())
        for number in range(3):
            copy = DocumentFactory(repository=Repository.objects.get(), external_id=f"copy:{number}")
            copy.creators.set(Person.objects.all())
            copy.places.set(Place.objects.filter(parent__isnull=False))
            ProvenanceEventFactory(document=copy, place=Place.objects.get(name="Moscow"))
            TextFactory(document=copy, body="Copy.[1]")
        with django_assert_num_queries(17):
            dump_records(export_queryset())


class TestAttachments:
    def record_with_attachment(self, **attachment) -> dict:
        return {
            "external_id": "t:1",
            "title": "T",
            "original_language": "en",
            "attachments": [{"path": "attachments/missing.pdf", **attachment}],
        }

    def import_record(self, tmp_path, record: dict):
        payload = {"format": "archive-records", "version": 1, "records": [record]}
        (tmp_path / "records.json").write_text(json.dumps(payload))
        [outcome] = import_paths([tmp_path / "records.json"]).outcomes
        return outcome

    def test_missing_file_is_rejected(self, tmp_path):
        outcome = self.import_record(tmp_path, self.record_with_attachment())
        assert outcome.detail == 'attachments[0].path: "attachments/missing.pdf" is not in the media storage.'

    def test_checksum_mismatch_is_rejected(self, tmp_path):
        default_storage.save("attachments/missing.pdf", ContentFile(b"other bytes"))
        outcome = self.import_record(tmp_path, self.record_with_attachment(sha256="0" * 64))
        assert outcome.detail.startswith("attachments[0].sha256: the stored file's SHA-256 is ")


class TestTheCommand:
    def test_stdout_by_default(self, capsys):
        DocumentFactory(external_id="wcda:7")
        call_command("export_records")
        assert json.loads(capsys.readouterr().out)["records"][0]["external_id"] == "wcda:7"

    def test_selected_ids(self, tmp_path):
        chosen = DocumentFactory(external_id="wcda:7")
        other = DocumentFactory(external_id="wcda:8")
        call_command("export_records", "--ids", "wcda:7", str(other.pk), output=str(tmp_path / "out.json"))
        records = json.loads((tmp_path / "out.json").read_text())["records"]
        assert [record["external_id"] for record in records] == [chosen.external_id, other.external_id]

    def test_unknown_id(self):
        with pytest.raises(CommandError, match="No record with the id"):
            call_command("export_records", "--ids", "wcda:404")
