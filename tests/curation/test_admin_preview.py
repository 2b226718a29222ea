"""The "Preview" of a text as typed: rendered with its markers linked, and its marker problems listed."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = reverse("admin:archive_document_preview")


def preview(client, **data):
    response = client.post(URL, data)
    assert response.status_code == 200
    return response.json()


def test_unsaved_text_is_rendered_with_linked_markers_and_notes(client, translator):
    client.force_login(translator)

    result = preview(
        client,
        body="Noon.[1] F[idel] arrived [there].",
        kind="translation",
        language="en",
        prefix="texts-1",
        note_number=["1"],
        note_kind=["translator"],
        note_body=["Literally *twelve*."],
    )

    assert 'href="#texts-1-1"' in result["html"]
    assert 'id="texts-1-1"' in result["html"]
    assert "F[idel] arrived [there]." in result["html"]
    assert "<em>twelve</em>" in result["html"]
    assert "translator&#x27;s note" in result["html"]
    assert result["problems"] == []


def test_preview_names_each_mismatch(client, translator):
    client.force_login(translator)

    result = preview(
        client,
        body="Полдень.[1] Позже.[3]",
        kind="original",
        language="ru",
        note_number=["1", "2"],
        note_kind=["original", "editor"],
        note_body=["Один.", "Два."],
    )

    assert result["problems"] == [
        "Original (Russian): marker [3] has no footnote",
        "Original (Russian): footnote [2] has no marker [2] in the text",
    ]


def test_preview_escapes_what_the_translator_types(client, translator):
    client.force_login(translator)
    result = preview(client, body="<script>alert(1)</script>[x](javascript:alert(1))", prefix='"><b')
    assert "<script>" not in result["html"]
    assert 'href="javascript' not in result["html"]


def test_preview_refuses_a_body_over_the_limit(client, translator, settings):
    settings.ARCHIVE_MAX_TEXT_CHARS = 10
    client.force_login(translator)
    result = preview(client, body="x" * 11)
    assert result == {"html": "", "problems": ["This text is 11 characters long; the limit is 10."]}


def test_preview_needs_a_post(client, translator):
    client.force_login(translator)
    assert client.get(URL).status_code == 405


def test_preview_needs_a_csrf_token(translator):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(translator)
    assert strict.post(URL, {"body": "x"}).status_code == 403
