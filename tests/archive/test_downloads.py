"""Downloads: PDF (WeasyPrint), plain text and JSON, of the current version and of each version."""

import json
import shutil
import subprocess

import pytest
from django.core.cache import cache

from archive.views.downloads import PUBLIC_FIELDS
from tests.archive.document_records import add_text, build_record
from tests.factories import publish, record_revision

pytestmark = pytest.mark.django_db

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="pdftotext (poppler-utils) is not installed; `make browser` installs it",
)


@pytest.fixture(autouse=True)
def _fresh_pdf_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def record(translator, second_editor):
    record = build_record(
        author=translator, title="Conversation between N. S. Khrushchev and Mao Zedong", footnotes=2
    )
    publish(record, approver=second_editor)
    return record


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "download.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def pdf_fonts(content: bytes, tmp_path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout


@needs_poppler
def test_the_pdf_has_the_title_texts_notes_citation_and_version(client, record, tmp_path, settings):
    response = client.get(f"/documents/{record.pk}/download.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{record.slug}-{record.pk}-v1.pdf"' in response["Content-Disposition"]
    text = " ".join(pdf_text(response.content, tmp_path).split())
    assert "Conversation between N. S. Khrushchev and Mao Zedong" in text
    assert "Paragraph 2 of the en-translation text." in text
    assert "Note 2 of the en-translation text." in text
    assert "Note 1 of the ru-original text." in text
    assert "RGANI, F. 3, Op. 16, D. 947, Ll. 15-16. Translated by Gary Goldberg." in text
    assert "Version 1, published" in text
    assert f"{settings.SITE_URL}/documents/{record.pk}/" in text


@needs_poppler
def test_the_pdf_renders_cyrillic_and_cjk_with_real_glyphs(client, translator, second_editor, tmp_path):
    record = build_record(author=translator, texts=())
    russian = add_text(record, language="ru", kind="original", footnotes=0, order=0)
    russian.body = "Товарищ Хрущёв сказал: «Мы за запрещение испытаний»."
    russian.save()
    japanese = add_text(record, language="ja", kind="translation", footnotes=0, order=1)
    japanese.body = "フルシチョフ同志は核実験の禁止に賛成だと述べた。"
    japanese.save()
    chinese = add_text(record, language="zh", kind="translation", footnotes=0, order=2)
    chinese.body = "赫鲁晓夫同志说：我们赞成禁止核试验。"
    chinese.save()
    publish(record, approver=second_editor)
    content = client.get(f"/documents/{record.pk}/download.pdf").content
    text = "".join(pdf_text(content, tmp_path).split())
    assert "ТоварищХрущёвсказал" in text
    assert "フルシチョフ同志は核実験の禁止に賛成だと述べた。" in text
    assert "赫鲁晓夫同志说：我们赞成禁止核试验。" in text
    fonts = pdf_fonts(content, tmp_path)
    assert "DejaVu" in fonts
    assert "CJK" in fonts, "no CJK font embedded: install fonts-noto-cjk (make browser)"


def test_the_text_download_has_notes_at_the_end_and_the_citation(client, record, settings):
    response = client.get(f"/documents/{record.pk}/download.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("Conversation between N. S. Khrushchev and Mao Zedong\n")
    translation = text.index("ENGLISH TRANSLATION")
    notes = text.index("Notes", translation)
    assert text.index("Paragraph 2 of the en-translation text.[2]", translation) < notes
    assert "[2] translator's note: Note 2 of the en-translation text." in text[notes:]
    assert "Source: RGANI, F. 3, Op. 16, D. 947, Ll. 15-16. Translated by Gary Goldberg." in text
    assert (
        f'Cite as: "Conversation between N. S. Khrushchev and Mao Zedong," May 21, 1962, {settings.ARCHIVE_NAME}'
        in text
    )
    assert f"URL: {settings.SITE_URL}/documents/{record.pk}/" in text


def test_the_json_download_is_the_public_payload_with_versions_and_citations(client, record, settings):
    response = client.get(f"/documents/{record.pk}/download.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)
    assert set(PUBLIC_FIELDS) <= set(data)
    assert data["title"] == "Conversation between N. S. Khrushchev and Mao Zedong"
    assert [text["language"] for text in data["texts"]] == ["ru", "en"]
    assert data["texts"][1]["footnotes"][1]["body"] == "Note 2 of the en-translation text."
    assert data["version"]["number"] == 1 and data["version"]["is_current"] is True
    assert data["version"]["url"] == f"{settings.SITE_URL}/documents/{record.pk}/v/1/"
    assert [item["number"] for item in data["versions"]] == [1]
    assert data["citations"]["house"]["text"].startswith(
        '"Conversation between N. S. Khrushchev and Mao Zedong,"'
    )


def test_the_json_download_has_no_internal_field(client, record, second_editor):
    raw = client.get(f"/documents/{record.pk}/download.json").content.decode()
    data = json.loads(raw)
    for internal in (
        "revision_id",
        "approved_by",
        "schema",
        "status",
        "created_by",
        "reviewer",
        "note_prefix",
    ):
        assert internal not in data
    assert all("id" not in text for text in data["texts"])
    assert second_editor.username not in raw
    assert "emil" not in raw


def test_each_version_has_its_own_downloads(client, record, editor, second_editor):
    record.title = "Conversation between Khrushchev and Mao, 31 July 1958"
    publish(record, author=editor, approver=second_editor, note="The title gives the date.")
    first = json.loads(client.get(f"/documents/{record.pk}/v/1/download.json").content)
    current = json.loads(client.get(f"/documents/{record.pk}/download.json").content)
    assert first["title"] == "Conversation between N. S. Khrushchev and Mao Zedong"
    assert first["version"]["is_current"] is False
    assert first["citations"]["house"]["text"].endswith(f"/documents/{record.pk}/v/1/")
    assert current["title"] == "Conversation between Khrushchev and Mao, 31 July 1958"
    text = client.get(f"/documents/{record.pk}/v/1/download.txt").content.decode()
    assert text.startswith("Conversation between N. S. Khrushchev and Mao Zedong\n")
    assert client.get(f"/documents/{record.pk}/v/1/download.pdf")["Content-Type"] == "application/pdf"
    assert client.get(f"/documents/{record.pk}/v/9/download.pdf").status_code == 404


@pytest.mark.parametrize("extension", [pytest.param("pdf", marks=needs_poppler), "txt", "json"])
def test_unpublished_edits_never_reach_a_download(client, record, editor, extension, tmp_path):
    text = record.texts.get(language="en")
    text.body = "UNAPPROVED SENTENCE.[1]\n\nUNAPPROVED TOO.[2]"
    text.save()
    record_revision(record, user=editor)
    content = client.get(f"/documents/{record.pk}/download.{extension}").content
    body = pdf_text(content, tmp_path) if extension == "pdf" else content.decode()
    assert "UNAPPROVED" not in body
    assert "Paragraph 1 of the en-translation text." in " ".join(body.split())


def test_a_draft_has_no_downloads(client, translator):
    draft = build_record(author=translator)
    record_revision(draft, user=translator)
    for extension in ("pdf", "txt", "json"):
        assert client.get(f"/documents/{draft.pk}/download.{extension}").status_code == 404


@pytest.mark.parametrize("extension", ["txt", "json"])
def test_downloads_cost_constant_queries(
    client,
    translator,
    second_editor,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
    extension,
):
    small = build_record(author=translator, footnotes=1)
    large = build_record(author=translator, footnotes=60, people=20)
    with django_capture_on_commit_callbacks(execute=True):  # as in production: citations rendered
        publish(small, approver=second_editor)
        publish(large, approver=second_editor)
    for record in (small, large):
        # The JSON's citations read their stored Chicago, MLA and APA.
        with django_assert_num_queries(3 if extension == "json" else 2):
            assert client.get(f"/documents/{record.pk}/download.{extension}").status_code == 200


def test_the_pdf_is_made_once_per_version(client, record, django_assert_num_queries, monkeypatch):
    from archive.views import downloads

    calls = []
    real = downloads.render_pdf
    monkeypatch.setattr(
        downloads, "render_pdf", lambda *args, **kwargs: calls.append(1) or real(*args, **kwargs)
    )
    for _ in range(2):
        with django_assert_num_queries(2):
            assert client.get(f"/documents/{record.pk}/download.pdf").status_code == 200
    assert len(calls) == 1
