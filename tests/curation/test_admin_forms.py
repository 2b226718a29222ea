"""The record's change form as a translator fills it in: texts with nested footnotes, provenance, credits.

`ChangeForm` reads the form out of the rendered page, as a browser would, so that each test states
only what the translator types; the other admin test modules import it from here.
"""

import re
from collections import defaultdict

import lxml.html
import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from reversion.models import Revision, Version

from archive.models import Contribution, Document, Footnote, ProvenanceEvent, Text
from curation.models import AuditEntry
from tests.factories import DocumentFactory, FootnoteFactory, PersonFactory, PlaceFactory, TextFactory

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:archive_document_add")

RUSSIAN_BODY = "Товарищ Хрущев принял посла.[1] Ф[идель] прибыл в [1961] году."
ENGLISH_BODY = "Comrade Khrushchev received the ambassador.[1] F[idel] arrived [there] in [1961].[2]"


class ChangeForm:
    """The data a browser would post from the admin change form in `response`, ready to be edited."""

    def __init__(self, response) -> None:
        assert response.status_code == 200, response.status_code
        self.url = response.request["PATH_INFO"]
        page = lxml.html.fromstring(response.content.decode())
        self.data: dict[str, list[str]] = defaultdict(list)
        # The empty rows that "Add another …" copies, by their "__prefix__" names.
        self.templates: dict[str, list[str]] = defaultdict(list)
        for element in page.get_element_by_id("document_form").inputs:
            self._read(element)

    def _read(self, element) -> None:
        name = element.get("name")
        if not name:
            return
        target = self.templates if "__prefix__" in name else self.data
        kind = element.get("type", "").lower()
        if element.tag == "input" and kind in {"submit", "button", "file", "image", "reset"}:
            return
        if element.tag == "input" and kind in {"checkbox", "radio"}:
            if element.checked:
                target[name].append(element.get("value", "on"))
            return
        if element.tag == "select":
            target[name].extend(
                option.get("value", option.text or "")
                for option in element.iter("option")
                if option.get("selected") is not None
            )
            return
        value = element.text or "" if element.tag == "textarea" else element.get("value", "")
        # Browsers drop the newline that Django writes after <textarea>.
        target[name].append(value.removeprefix("\n") if element.tag == "textarea" else value)

    def __getitem__(self, name: str) -> str:
        return self.data[name][0] if self.data.get(name) else ""

    def __setitem__(self, name: str, value) -> None:
        self.data[name] = [str(item) for item in value] if isinstance(value, list | tuple) else [str(value)]

    def fill(self, prefix: str, **values) -> None:
        """Type into the row `prefix` ("texts-0", "contributions-1"); True ticks a checkbox."""
        for field, value in values.items():
            name = f"{prefix}-{field}" if prefix else field
            if value is False:
                self.data.pop(name, None)
            else:
                self[name] = "on" if value is True else value

    def add_row(self, prefix: str, **values) -> str:
        """Press "Add another …" in the formset `prefix` (a copy of its empty row); return the row's prefix."""
        index = int(self[f"{prefix}-TOTAL_FORMS"])
        self[f"{prefix}-TOTAL_FORMS"] = index + 1
        row = f"{prefix}-{index}"
        # A text added by this helper has no empty footnote row of its own: use the new text's.
        for template in (prefix, re.sub(r"-\d+(?=-|$)", "-__prefix__", prefix)):
            start = f"{template}-__prefix__-"
            copied = {
                f"{row}-{name.removeprefix(start)}": value
                for name, value in self.templates.items()
                if name.startswith(start) and "__prefix__" not in name.removeprefix(start)
            }
            if copied:
                self.data.update(copied)
                break
        self.fill(row, **values)
        return row

    def post(self, client: Client, **extra):
        return client.post(self.url, {**self.data, **extra})


def open_add_form(client: Client) -> ChangeForm:
    return ChangeForm(client.get(ADD_URL))


def open_change_form(client: Client, document: Document) -> ChangeForm:
    return ChangeForm(client.get(reverse("admin:archive_document_change", args=[document.pk])))


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def fill_complete_record(form: ChangeForm) -> None:
    """A Russian original and an English translation, three footnotes, two events and two credits."""
    translator_person, editor_person = PersonFactory(name="Gary Goldberg"), PersonFactory(name="Jane Editor")
    moscow = PlaceFactory(name="Moscow")
    form.fill(
        "",
        title="Record of Conversation between N. S. Khrushchev and the Ambassador",
        date="1962-05-21",
        original_language="ru",
        document_type="memcon",
        summary="Khrushchev and the ambassador discuss the test ban.",
    )
    form.fill("texts-0", kind="original", language="ru", body=RUSSIAN_BODY)
    form.fill("texts-0-footnotes-0", number=1, kind="original", body="Примечание в оригинале.")
    form.fill("texts-1", kind="translation", language="en", body=ENGLISH_BODY)
    form.fill("texts-1-footnotes-0", number=1, kind="translator", body="Literally, 'the envoy'.")
    form.add_row("texts-1-footnotes", number=2, kind="editor", body="The year is uncertain.")
    form.fill(
        "provenance_events-0", order=1, kind="declassified", date="1992", agent="RGANI", place=moscow.pk
    )
    form.add_row("provenance_events", order=2, kind="translated", date="2008-03", agent="CWIHP")
    form.fill(
        "contributions-0", order=1, person=translator_person.pk, role="translated", qualifier="for CWIHP"
    )
    form.add_row("contributions", order=2, person=editor_person.pk, role="edited")


def saved_footnotes(document: Document) -> dict[str, list[int]]:
    return {
        str(text): list(text.footnotes.values_list("number", flat=True))
        for text in document.texts.order_by("pk")
    }


def test_a_translator_enters_a_complete_record(client, translator):
    client.force_login(translator)
    form = open_add_form(client)
    fill_complete_record(form)

    response = form.post(client)

    assert response.status_code == 302, response.content.decode()[:3000]
    document = Document.objects.get()
    assert document.created_by == translator
    assert document.status == Document.Status.DRAFT
    assert saved_footnotes(document) == {"original (Russian)": [1], "translation (English)": [1, 2]}
    assert document.texts.get(language="ru").body == RUSSIAN_BODY
    assert list(document.provenance_events.values_list("kind", flat=True)) == ["declassified", "translated"]
    assert document.provenance_events.first().place.name == "Moscow"
    assert [str(c) for c in document.contributions.all()] == [
        "translated by Gary Goldberg",
        "edited by Jane Editor",
    ]
    assert not [message for message in messages_of(response) if "marker" in message]


def test_one_revision_per_save_with_user_comment_and_every_footnote(client, translator):
    client.force_login(translator)
    form = open_add_form(client)
    fill_complete_record(form)
    form.post(client)
    document = Document.objects.get()

    revision = Revision.objects.get()
    assert revision.user == translator
    assert revision.get_comment().startswith("Added.")
    assert "Added footnote “[2] in translation (English)”." in revision.get_comment()
    saved = {version.object_id for version in revision.version_set.filter(content_type__model="footnote")}
    assert saved == {str(pk) for pk in Footnote.objects.values_list("pk", flat=True)}
    assert len(saved) == 3

    form = open_change_form(client, document)
    form.fill("", title="Record of Conversation (revised)")
    english = form.data["texts-INITIAL_FORMS"] and next(
        prefix for prefix in ("texts-0", "texts-1") if form[f"{prefix}-language"] == "en"
    )
    form.fill(f"{english}-footnotes-1", body="The year is certain after all.")
    response = form.post(client)

    assert response.status_code == 302
    assert Revision.objects.count() == 2
    latest = Revision.objects.latest("pk")
    comment = latest.get_comment()
    assert "Changed Title." in comment
    assert "Changed footnotes for text “translation (English)”." in comment
    assert "Changed Note for footnote “[2] in translation (English)”." in comment
    # The revision holds the whole record, unchanged footnotes included.
    footnote_versions = Version.objects.filter(revision=latest, content_type__model="footnote")
    assert footnote_versions.count() == 3


def test_footnotes_can_be_renumbered_and_deleted_in_one_save(client, translator):
    document = DocumentFactory(created_by=translator)
    text = TextFactory(document=document, body="One.[1] Two.[2] Three.[3]")
    for number in (1, 2, 3):
        FootnoteFactory(text=text, number=number, body=f"Note {number}.")
    client.force_login(translator)
    form = open_change_form(client, document)
    # Delete [1]; [2] becomes [1] and [3] becomes [2].
    form.fill("texts-0", body="Two.[1] Three.[2]")
    form.fill("texts-0-footnotes-0", DELETE=True)
    form.fill("texts-0-footnotes-1", number=1)
    form.fill("texts-0-footnotes-2", number=2)

    response = form.post(client)

    assert response.status_code == 302
    assert list(text.footnotes.values_list("number", "body")) == [(1, "Note 2."), (2, "Note 3.")]


def test_a_third_text_can_be_added_with_its_footnotes(client, translator):
    document = DocumentFactory(created_by=translator)
    TextFactory(document=document, language="en", body="Noon.[1]")
    client.force_login(translator)
    form = open_change_form(client, document)
    row = form.add_row("texts", kind="translation", language="de", body="Mittag.[1]")
    form.add_row(f"{row}-footnotes", number=1, kind="translator", body="Wörtlich: zwölf Uhr.")
    form.fill("texts-0-footnotes-0", number=1, kind="translator", body="Literally, twelve o'clock.")

    response = form.post(client)

    assert response.status_code == 302
    assert saved_footnotes(document) == {"translation (English)": [1], "translation (German)": [1]}


def test_status_cannot_be_posted_and_created_by_is_kept(client, translator, other_translator):
    document = DocumentFactory(created_by=other_translator, assigned_translator=translator)
    client.force_login(translator)
    form = open_change_form(client, document)
    assert "status" not in form.data

    response = form.post(client, status="published", created_by=translator.pk)

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == Document.Status.DRAFT
    assert document.created_by == other_translator


def test_assignments_are_shown_but_only_workflow_actions_change_them(
    client, editor, translator, other_translator
):
    document = DocumentFactory(created_by=translator, assigned_translator=translator)
    client.force_login(editor)
    form = open_change_form(client, document)
    assert "assigned_translator" not in form.data

    form.post(client, assigned_translator=other_translator.pk, reviewer=editor.pk)

    document.refresh_from_db()
    assert (document.assigned_translator, document.reviewer) == (translator, None)


def test_each_save_is_recorded_by_the_workflow(client, translator):
    client.force_login(translator)
    form = open_add_form(client)
    form.fill("", title="A letter", original_language="de")
    form.post(client)
    document = Document.objects.get()

    entry = AuditEntry.objects.get(document=document)
    assert (entry.action, entry.actor, entry.to_state) == (AuditEntry.Action.EDIT, translator, "draft")
    assert entry.revision == Revision.objects.get()


def test_an_editor_editing_a_published_record_reopens_it_as_a_draft(client, editor, record_in):
    document = record_in("published")
    client.force_login(editor)
    form = open_change_form(client, document)
    form.fill("", title="A corrected title")

    assert form.post(client).status_code == 302
    document.refresh_from_db()
    assert document.status == Document.Status.DRAFT
    assert document.current_version is not None


@pytest.mark.parametrize("typed", ["ru", "RU", "rus", "Russian", "russian"])
def test_languages_are_accepted_by_code_or_english_name(client, translator, typed):
    client.force_login(translator)
    form = open_add_form(client)
    form.fill("", title="A letter", original_language=typed)
    form.fill("texts-0", language=typed, body="Письмо.")

    assert form.post(client).status_code == 302
    document = Document.objects.get()
    assert document.original_language == "ru"
    assert document.texts.get().language == "ru"


def test_the_form_offers_iso_639_names(client, translator):
    client.force_login(translator)
    response = client.get(ADD_URL)
    page = lxml.html.fromstring(response.content.decode())
    options = {option.get("value"): option.text for option in page.get_element_by_id("iso639-languages")}
    assert options["ru"] == "Russian"
    assert options["zh"] == "Chinese"
    assert page.get_element_by_id("id_texts-0-language").get("list") == "iso639-languages"


def test_untouched_extra_rows_are_ignored(client, translator):
    client.force_login(translator)
    form = open_add_form(client)
    form.fill("", title="Only a title", original_language="de")

    assert form.post(client).status_code == 302
    document = Document.objects.get()
    assert not document.texts.exists()
    assert not ProvenanceEvent.objects.exists()
    assert not Contribution.objects.exists()


def test_a_saved_text_shows_its_preview_with_linked_markers(client, translator):
    document = DocumentFactory(created_by=translator)
    text = TextFactory(document=document, body="Noon.[1] F[idel] came.")
    FootnoteFactory(text=text, number=1, body="Literally *twelve*.")
    client.force_login(translator)

    html = client.get(reverse("admin:archive_document_change", args=[document.pk])).content.decode()

    assert f'href="#t{text.pk}-1"' in html
    assert "F[idel]" in html
    assert "<em>twelve</em>" in html


def test_the_admin_is_branded_with_the_archive_name(client, translator, settings):
    client.force_login(translator)
    html = client.get(reverse("admin:index")).content.decode()
    assert f"{settings.ARCHIVE_NAME} — Workroom" in html


def test_the_change_form_loads_its_script_from_a_file(client, translator):
    client.force_login(translator)
    page = lxml.html.fromstring(client.get(ADD_URL).content.decode())
    scripts = page.findall(".//script")
    assert any((script.get("src") or "").endswith("curation/document_form.js") for script in scripts)
    assert all(
        not (script.text or "").strip() for script in scripts if script.get("type") != "application/json"
    )


def test_text_kind_is_a_text_field_choice(client, translator):
    # Guard for the helper: the text kind select reads its selected option.
    client.force_login(translator)
    form = open_add_form(client)
    assert form["texts-0-kind"] == Text.Kind.ORIGINAL
    assert form["texts-1-kind"] == Text.Kind.TRANSLATION
    assert form["texts-1-language"] == "en"


def test_a_new_text_with_nothing_written_in_it_is_left_out(client, translator):
    # The form's script fills in the original's language from the record's; that alone is no text.
    client.force_login(translator)
    form = open_add_form(client)
    form.fill("", title="A letter", original_language="de")
    form.fill("texts-0", language="de")

    assert form.post(client).status_code == 302
    assert not Document.objects.get().texts.exists()
