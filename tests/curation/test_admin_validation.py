"""Every mistake a translator can make in the record's form gets a message that says what and where."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.models import Attachment, Document, Footnote
from tests.curation.test_admin_forms import (
    RUSSIAN_BODY,
    ChangeForm,
    messages_of,
    open_add_form,
    open_change_form,
)
from tests.factories import DocumentFactory, FootnoteFactory, PersonFactory, TextFactory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"\x00" * 64


@pytest.fixture
def form(client, translator) -> ChangeForm:
    client.force_login(translator)
    form = open_add_form(client)
    form.fill("", title="Record of Conversation", original_language="ru", date="1962-05-21")
    form.fill("texts-0", kind="original", language="ru", body=RUSSIAN_BODY)
    form.fill("texts-0-footnotes-0", number=1, kind="original", body="Примечание.")
    return form


def summary(response) -> list[str]:
    """The error summary above the form, as "where: message" lines."""
    assert response.status_code == 200, "the form was saved"
    return [f"{item.where}: {item.message}" for item in response.context["error_summary"]]


def field_errors(response, form_index: int | None = None, prefix: str = "") -> dict:
    """Errors attached to fields of the document form or of one inline row."""
    if prefix == "":
        return dict(response.context["adminform"].form.errors)
    formsets = {inline.formset.prefix: inline.formset for inline in response.context["inline_admin_formsets"]}
    return dict(formsets[prefix].forms[form_index].errors)


def test_a_date_that_is_not_edtf_names_the_accepted_forms(client, form):
    form.fill("", date="21 May 1962")

    response = form.post(client)

    [message] = field_errors(response)["date"]
    assert '"21 May 1962" is not a date in EDTF form' in message
    assert '"1962-05-21" (a day)' in message and '"1958?" (uncertain)' in message
    assert any(line.startswith("Document, Date (EDTF): ") for line in summary(response))
    assert not Document.objects.exists()


def test_a_provenance_date_that_is_not_edtf_is_reported_on_its_row(client, form):
    form.fill("provenance_events-0", kind="declassified", date="sometime in 1992")

    response = form.post(client)

    assert "is not a date in EDTF form" in field_errors(response, 0, "provenance_events")["date"][0]
    assert any(line.startswith("Provenance event #1, Date (EDTF): ") for line in summary(response))


def test_an_unknown_language_code_is_refused_with_examples(client, form):
    form.fill("texts-1", kind="translation", language="xx", body="Noon.")

    response = form.post(client)

    [message] = field_errors(response, 1, "texts")["language"]
    assert (
        message == '"xx" is not an ISO 639 language code. Use a code such as "en", "ru", "de", "ja" or "zh".'
    )
    assert any(line.startswith("Translation (xx), Language: ") for line in summary(response))


def test_an_unknown_original_language_is_refused(client, form):
    form.fill("", original_language="Klingon")

    response = form.post(client)

    assert "is not an ISO 639 language code" in field_errors(response)["original_language"][0]


def test_a_body_over_the_size_limit_is_refused(client, form, settings):
    settings.ARCHIVE_MAX_TEXT_CHARS = 100
    form.fill("texts-1", kind="translation", language="en", body="x" * 101)

    response = form.post(client)

    [message] = field_errors(response, 1, "texts")["body"]
    assert message == "This text is 101 characters long; the limit is 100."
    assert "Translation (English), Body: This text is 101 characters long; the limit is 100." in summary(
        response
    )


def test_a_footnote_over_the_size_limit_is_refused_on_the_note(client, form, settings):
    settings.ARCHIVE_MAX_TEXT_CHARS = 100
    form.fill("texts-0-footnotes-0", body="x" * 150)

    response = form.post(client)

    assert (
        "Original (Russian), footnote [1], Note: This text is 150 characters long; the limit is 100."
        in summary(response)
    )


def test_two_footnotes_with_one_number_are_refused_on_the_second(client, form):
    form.add_row("texts-0-footnotes", number=1, kind="editor", body="Another note.")

    response = form.post(client)

    lines = summary(response)
    assert (
        "Original (Russian), footnote [1], Number: Footnote [1] is already used in this text; "
        "give this note another number." in lines
    )
    assert not Footnote.objects.exists()


def test_a_new_footnote_may_not_reuse_a_saved_number(client, translator):
    document = DocumentFactory(created_by=translator)
    text = TextFactory(document=document, body="Noon.[1]")
    FootnoteFactory(text=text, number=1)
    client.force_login(translator)
    form = open_change_form(client, document)
    form.fill("texts-0-footnotes-1", number=1, body="Again.")

    response = form.post(client)

    assert any("Footnote [1] is already used in this text" in line for line in summary(response))


def test_a_footnote_needs_its_number_and_text(client, form):
    form.add_row("texts-0-footnotes", kind="editor", body="")
    form.fill("texts-0-footnotes-1", number="", body="A note without a number.")

    response = form.post(client)

    assert "Original (Russian), footnote #2, Number: This field is required." in summary(response)


def test_two_texts_of_one_kind_and_language_are_refused(client, form):
    form.fill("texts-1", kind="original", language="ru", body="Ещё раз.")

    response = form.post(client)

    [message] = field_errors(response, 1, "texts")["language"]
    assert (
        message
        == "This document already has a text “original (Russian)”: each kind appears once per language."
    )


def test_one_person_credited_twice_in_one_role_is_refused(client, form):
    person = PersonFactory(name="Gary Goldberg")
    form.fill("contributions-0", person=person.pk, role="translated")
    form.add_row("contributions", person=person.pk, role="translated")

    response = form.post(client)

    assert field_errors(response, 1, "contributions")["role"] == [
        "Gary Goldberg is already credited as “translated”."
    ]


def test_a_draft_with_a_marker_and_no_footnote_is_saved_with_a_precise_warning(client, form):
    form.fill(
        "texts-1",
        kind="translation",
        language="en",
        body="Noon.[1] Later.[3] F[idel] [there] [733rd meeting]",
    )
    form.fill("texts-1-footnotes-0", number=1, body="Literally, twelve.")
    form.add_row("texts-1-footnotes", number=2, body="A note without its marker.")

    response = form.post(client)

    assert response.status_code == 302
    document = Document.objects.get()
    assert document.texts.get(language="en").footnotes.count() == 2
    warnings = messages_of(response)
    assert "Translation (English): marker [3] has no footnote" in warnings
    assert "Translation (English): footnote [2] has no marker [2] in the text" in warnings
    assert not any("[1]" in warning or "idel" in warning or "733" in warning for warning in warnings)


def test_a_repeated_marker_is_a_warning(client, form):
    form.fill("texts-0", body="Один.[1] Два.[1]")

    response = form.post(client)

    assert response.status_code == 302
    assert (
        "Original (Russian): marker [1] appears 2 times; each footnote has exactly one marker"
        in messages_of(response)
    )


def test_marker_problems_of_a_saved_text_are_shown_beside_it(client, translator):
    document = DocumentFactory(created_by=translator)
    TextFactory(document=document, body="Noon.[1]")
    client.force_login(translator)

    html = client.get(reverse("admin:archive_document_change", args=[document.pk])).content.decode()

    assert "Translation (English): marker [1] has no footnote" in html


def test_a_matching_record_gets_no_warning(client, form):
    response = form.post(client)

    assert response.status_code == 302
    assert not any("marker" in message for message in messages_of(response))


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_attachments_are_checked_by_content_not_name(client, form, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    row = form.add_row("attachments", kind="scan", caption="Page 1")

    response = form.post(client, **{f"{row}-file": upload("scan.pdf", b"MZ\x90\x00 a Windows program")})

    [message] = field_errors(response, 0, "attachments")["file"]
    assert message.startswith("“scan.pdf” is not a PDF, PNG, JPEG, TIFF or WebP file")
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("page.pdf", PDF, "application/pdf"),
        ("page.png", PNG, "image/png"),
        ("page.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 32, "image/jpeg"),
        ("page.tif", b"II*\x00" + b"\x00" * 32, "image/tiff"),
        ("page.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32, "image/webp"),
        ("misnamed.txt", PNG, "image/png"),
    ],
)
def test_accepted_attachments_are_saved_with_type_checksum_and_size(
    client, form, settings, tmp_path, name, content, content_type
):
    settings.MEDIA_ROOT = tmp_path
    row = form.add_row("attachments", kind="scan", caption="Page 1")

    response = form.post(client, **{f"{row}-file": upload(name, content)})

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.content_type, attachment.size) == (content_type, len(content))
    assert len(attachment.checksum) == 64


def test_an_attachment_over_the_size_limit_is_refused(client, form, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 50
    row = form.add_row("attachments", kind="pdf")

    response = form.post(client, **{f"{row}-file": upload("big.pdf", PDF)})

    [message] = field_errors(response, 0, "attachments")["file"]
    assert message == "“big.pdf” is 73\xa0bytes; the largest file accepted is 50\xa0bytes."


def test_an_attachment_kind_must_match_its_content(client, form, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    row = form.add_row("attachments", kind="pdf")

    response = form.post(client, **{f"{row}-file": upload("scan.png", PNG)})

    assert field_errors(response, 0, "attachments")["kind"] == [
        "You chose “PDF” but “scan.png” is image/png."
    ]


def test_someone_elses_later_save_is_not_overwritten(client, translator, editor):
    client.force_login(translator)
    form = open_add_form(client)
    form.fill("", title="A letter", original_language="de")
    form.post(client)
    document = Document.objects.get()
    stale = open_change_form(client, document)

    client.force_login(editor)
    newer = open_change_form(client, document)
    newer.fill("", title="The editor's title")
    assert newer.post(client).status_code == 302

    client.force_login(translator)
    stale.fill("", title="The translator's title")
    response = stale.post(client)

    [line] = summary(response)
    assert line.startswith("Document: Edith Editor saved this record at ")
    assert "Changed Title." in line and "Your changes have not been saved" in line
    document.refresh_from_db()
    assert document.title == "The editor's title"
    assert "The translator&#x27;s title" in response.content.decode()


def test_every_error_is_listed_once_in_the_summary_with_a_link(client, form):
    form.fill("", date="not a date")
    form.fill("texts-1", kind="translation", language="xx", body="Noon.")

    response = form.post(client)

    items = response.context["error_summary"]
    assert [item.anchor for item in items] == ["id_date", "id_texts-1-language"]
    html = response.content.decode()
    assert 'href="#id_texts-1-language"' in html


def test_an_empty_title_is_required(client, form):
    form.fill("", title="")

    response = form.post(client)

    assert "Document, Title: This field is required." in summary(response)


def test_the_summary_is_empty_on_a_fresh_form(client, translator):
    client.force_login(translator)
    response = client.get(reverse("admin:archive_document_add"))
    assert response.context["error_summary"] == []


def test_a_footnote_number_beyond_any_marker_is_refused(client, form):
    form.fill("texts-0-footnotes-0", number=1000)

    response = form.post(client)

    assert (
        "Original (Russian), footnote [1000], Number: Ensure this value is less than or equal to 999."
        in summary(response)
    )
