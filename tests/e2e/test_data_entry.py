"""A translator enters a complete record in the browser and finds it in the list (issue 2, "How it is
judged"): a Russian original and an English translation, three footnotes, two provenance events and
two credits; then a marker without its note gets a precise message."""

import re

import pytest
from playwright.sync_api import Page, expect

from archive.models import Document
from tests.factories import PersonFactory, PlaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory


def log_in(page: Page, username: str, next_path: str) -> None:
    page.goto(f"/admin/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def choose_person(page: Page, row: str, name: str) -> None:
    """Pick a person in the autocomplete (select2) of a credit row."""
    page.locator(f"#{row} .field-person .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(name.split()[-1])
    page.locator(".select2-results__option", has_text=name).click()


def add_row(page: Page, group: str) -> None:
    page.locator(f"#{group}-group .add-row a").click()


def test_a_translator_enters_a_record_and_finds_it_in_the_list(page: Page, translator):
    PersonFactory(name="Gary Goldberg")
    PersonFactory(name="Jane Editor")
    PlaceFactory(name="Moscow")

    log_in(page, translator.username, "/admin/archive/document/add/")
    page.fill("#id_title", "Record of Conversation between Khrushchev and the Ambassador")
    page.fill("#id_date", "1962-05-21")
    page.fill("#id_original_language", "ru")
    page.press("#id_original_language", "Tab")
    page.select_option("#id_document_type", "memcon")
    # The original's language follows the record's original language.
    expect(page.locator("#id_texts-0-language")).to_have_value("ru")

    page.fill("#id_texts-0-body", "Товарищ Хрущев принял посла.[1] Ф[идель] прибыл [туда].")
    page.fill("#id_texts-0-footnotes-0-number", "1")
    page.select_option("#id_texts-0-footnotes-0-kind", "original")
    page.fill("#id_texts-0-footnotes-0-body", "Примечание в оригинале.")

    page.fill(
        "#id_texts-1-body", "Comrade Khrushchev received the ambassador.[1] F[idel] arrived [there].[2]"
    )
    page.fill("#id_texts-1-footnotes-0-number", "1")
    page.fill("#id_texts-1-footnotes-0-body", "Literally, 'the envoy'.")
    page.locator("#texts-1 button.add-footnote").click()
    expect(page.locator("#id_texts-1-footnotes-1-number")).to_have_value("2")
    page.fill("#id_texts-1-footnotes-1-body", "Fidel Castro.")
    page.select_option("#id_texts-1-footnotes-1-kind", "editor")

    page.locator("#texts-1 button.preview-button").click()
    expect(page.locator("#texts-1 .preview-output sup.note-ref")).to_have_count(2)
    expect(page.locator("#texts-1 .preview-output")).to_contain_text("F[idel] arrived [there].")
    expect(page.locator("#texts-1 .marker-problems li")).to_have_count(0)

    page.select_option("#id_provenance_events-0-kind", "declassified")
    page.fill("#id_provenance_events-0-date", "1992")
    page.fill("#id_provenance_events-0-agent", "RGANI")
    add_row(page, "provenance_events")
    page.select_option("#id_provenance_events-1-kind", "translated")
    page.fill("#id_provenance_events-1-date", "2008-03")
    page.fill("#id_provenance_events-1-agent", "CWIHP")

    choose_person(page, "contributions-0", "Gary Goldberg")
    page.select_option("#id_contributions-0-role", "translated")
    add_row(page, "contributions")
    choose_person(page, "contributions-1", "Jane Editor")
    page.select_option("#id_contributions-1-role", "edited")

    page.locator("input[name=_save]").last.click()

    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    expect(page.locator("#result_list")).to_contain_text("Record of Conversation between Khrushchev")
    expect(page.locator("#result_list")).to_contain_text("May 21, 1962")
    document = Document.objects.get()
    assert {str(text): text.footnotes.count() for text in document.texts.all()} == {
        "original (Russian)": 1,
        "translation (English)": 2,
    }
    assert document.provenance_events.count() == 2
    assert [str(credit) for credit in document.contributions.all()] == [
        "translated by Gary Goldberg",
        "edited by Jane Editor",
    ]

    # A marker without its note: saved as a draft, with a message naming the text and the marker.
    page.locator("#result_list a", has_text="Record of Conversation").click()
    english = page.locator(".text-form", has=page.locator("input.language-code[value=en]"))
    body = english.locator("textarea.text-body")
    body.fill(body.input_value() + " Later that day.[3]")
    english.locator("button.preview-button").click()
    expect(english.locator(".marker-problems")).to_contain_text(
        "Translation (English): marker [3] has no footnote"
    )
    page.locator("input[name=_continue]").last.click()

    expect(page.locator(".messagelist")).to_contain_text("Translation (English): marker [3] has no footnote")
    expect(page.locator(".messagelist")).to_contain_text(re.compile("cannot be submitted for review"))
