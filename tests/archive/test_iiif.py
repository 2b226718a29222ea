"""IIIF Presentation 3 manifests at /documents/<id>/manifest.json, validated against the IIIF JSON Schema."""

import json

import jsonschema
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.models import Attachment
from curation import actions
from tests.archive.document_records import build_record, png_bytes
from tests.archive.harvest_records import assert_no_secrets, iiif_schema
from tests.factories import publish, record_revision

pytestmark = pytest.mark.django_db

CONTEXT = "http://iiif.io/api/presentation/3/context.json"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def add_image(document, *, name: str, width: int | None, height: int | None, caption: str = ""):
    """An image whose dimensions the record states (as an import gives them), or none at all."""
    content = png_bytes() if width else b"not an image the archive can measure"
    return Attachment.objects.create(
        document=document,
        kind=Attachment.Kind.SCAN,
        file=SimpleUploadedFile(name, content, content_type="image/png"),
        checksum="0" * 64,  # given, as an import gives it: the stated size is kept, not measured
        caption=caption,
        content_type="image/png",
        width=width,
        height=height,
    )


@pytest.fixture
def scanned(translator, second_editor):
    """A record in Russian and English with two scanned pages and a PDF of the original."""
    document = build_record(author=translator, title="Letter from Khrushchev", summary="On **the test ban**.")
    english = document.texts.get(language="en")
    english.title = "Letter from Khrushchev"
    english.save()
    russian = document.texts.get(language="ru")
    russian.title = "Письмо Хрущёва"
    russian.save()
    add_image(document, name="page1.png", width=2480, height=3508, caption="Page 1")
    add_image(document, name="page2.png", width=2400, height=3500, caption="Page 2")
    add_image(document, name="unsized.png", width=None, height=None, caption="Not measured")
    Attachment.objects.create(
        document=document,
        kind=Attachment.Kind.PDF,
        file=SimpleUploadedFile("original.pdf", b"%PDF-1.4\n", content_type="application/pdf"),
        caption="The original",
        content_type="application/pdf",
    )
    publish(document, approver=second_editor)
    return document


def get(client, document, **headers):
    return client.get(reverse("archive:document-manifest", args=[document.pk]), headers=headers)


def manifest_of(client, document) -> dict:
    response = get(client, document)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == f'application/ld+json;profile="{CONTEXT}"'
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


def test_the_manifest_validates_against_the_iiif_schema(client, scanned):
    manifest = manifest_of(client, scanned)
    validator = jsonschema.Draft7Validator(iiif_schema())
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(manifest)]
    assert not errors, "\n".join(errors)


def test_the_manifest_has_a_canvas_per_sized_image(client, scanned, settings):
    manifest = manifest_of(client, scanned)
    base = f"{settings.SITE_URL}/documents/{scanned.pk}/manifest.json"
    assert manifest["@context"] == CONTEXT
    assert (manifest["id"], manifest["type"]) == (base, "Manifest")
    canvases = manifest["items"]
    assert [(canvas["width"], canvas["height"], canvas["label"]) for canvas in canvases] == [
        (2480, 3508, {"none": ["Page 1"]}),
        (2400, 3500, {"none": ["Page 2"]}),
    ]
    annotation = canvases[0]["items"][0]["items"][0]
    assert (annotation["motivation"], annotation["target"]) == ("painting", f"{base}/canvas/1")
    body = annotation["body"]
    assert body["type"] == "Image" and body["format"] == "image/png"
    assert (body["width"], body["height"]) == (2480, 3508)
    assert body["id"].startswith(f"{settings.SITE_URL}/media/attachments/{scanned.pk}/page1")


def test_labels_and_summary_are_language_maps(client, scanned):
    manifest = manifest_of(client, scanned)
    assert manifest["label"] == {"en": ["Letter from Khrushchev"], "ru": ["Письмо Хрущёва"]}
    assert manifest["summary"] == {"en": ["On the test ban."]}
    metadata = {entry["label"]["en"][0]: entry["value"]["en"][0] for entry in manifest["metadata"]}
    assert metadata["Date"] == "May 21, 1962"
    assert metadata["Original language"] == "Russian"
    assert metadata["Source"] == "RGANI, F. 3, Op. 16, D. 947, Ll. 15-16. Translated by Gary Goldberg."
    assert manifest["requiredStatement"]["value"] == {"en": [metadata["Source"]]}
    assert manifest["navDate"] == "1962-05-21T00:00:00Z"


def test_the_manifest_links_the_page_the_data_and_the_pdfs(client, scanned, settings):
    manifest = manifest_of(client, scanned)
    assert manifest["homepage"][0]["id"] == f"{settings.SITE_URL}/documents/{scanned.pk}/"
    assert manifest["homepage"][0]["language"] == ["en", "ru"]
    assert manifest["provider"][0]["label"] == {"en": [settings.ARCHIVE_NAME]}
    see_also = [item["id"] for item in manifest["seeAlso"]]
    assert f"identifier=oai:archive.localhost:{scanned.pk}" in see_also[0]
    assert see_also[1] == f"{settings.SITE_URL}/documents/{scanned.pk}/download.json"
    renderings = [(item["label"]["en"][0], item["format"]) for item in manifest["rendering"]]
    assert renderings == [("PDF of this record", "application/pdf"), ("The original", "application/pdf")]


def test_an_uploaded_image_is_measured_for_its_canvas(client, translator, second_editor):
    document = build_record(author=translator)
    Attachment.objects.create(
        document=document,
        file=SimpleUploadedFile("scan.png", png_bytes(), content_type="image/png"),
        content_type="image/png",
    )
    publish(document, approver=second_editor)
    [canvas] = manifest_of(client, document)["items"]
    assert (canvas["width"], canvas["height"]) == (8, 6)


def test_no_images_no_manifest(client, translator, second_editor):
    document = build_record(author=translator)
    add_image(document, name="unsized.png", width=None, height=None)
    publish(document, approver=second_editor)
    response = get(client, document)
    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_withdrawn_record_is_gone(client, scanned, editor):
    actions.withdraw(scanned, actor=editor, reason="Published in error.")
    response = get(client, scanned)
    assert response.status_code == 410
    assert json.loads(response.content)["status"] == 410


def test_a_draft_has_no_manifest(client, translator):
    document = build_record(author=translator, title="DRAFTONLY")
    add_image(document, name="page.png", width=100, height=200)
    record_revision(document, user=translator)
    assert get(client, document).status_code == 404


def test_an_unpublished_edit_is_not_in_the_manifest(client, scanned, translator):
    scanned.title = "Letter UNPUBLISHEDEDIT"
    record_revision(scanned, user=translator)
    add_image(scanned, name="page3.png", width=10, height=10, caption="UNPUBLISHEDEDIT page")
    response = get(client, scanned)
    assert_no_secrets(response.content.decode())
    assert len(json.loads(response.content)["items"]) == 2


def test_revalidation_answers_304_and_costs_one_query(client, scanned, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = get(client, scanned)
    with django_assert_num_queries(1):
        again = get(client, scanned, if_none_match=response["ETag"])
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"


def test_the_document_page_links_its_manifest(client, scanned, settings):
    html = client.get(reverse("archive:document-detail", args=[scanned.pk])).content.decode()
    href = f"{settings.SITE_URL}/documents/{scanned.pk}/manifest.json"
    assert (
        f'<link rel="alternate" type="application/ld+json;profile=&quot;{CONTEXT}&quot;" href="{href}"'
        in html
    )


def test_a_page_without_images_has_no_manifest_link(client, translator, second_editor):
    document = build_record(author=translator)
    publish(document, approver=second_editor)
    html = client.get(reverse("archive:document-detail", args=[document.pk])).content.decode()
    assert "manifest.json" not in html
