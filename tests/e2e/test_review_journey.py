"""The whole review journey in Chromium (issue 3, "How it is judged").

A translator enters and submits a record -> an editor compares it and requests changes -> the
translator fixes and resubmits -> the editor approves -> the record is public as version 1. The
translator edits again -> the public page still shows version 1 until version 2 is approved with a
change note.
"""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from archive.models import Document, PublishedVersion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory
TITLE = "Record of Conversation with the Soviet Ambassador"
FIRST_BODY = "The ambassador arrived at noon.[1] The talks began at once."
FIXED_BODY = "The ambassador arrived at noon.[1] The talks began at one o'clock."
SECOND_BODY = "The ambassador arrived at noon.[1] The talks began at one o'clock sharp."


def signed_in(browser: Browser, live_server, username: str) -> Page:
    """A tab of its own (own cookies) signed in to the workroom as `username`."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()
    return page


def messages(page: Page):
    return page.locator("ul.messagelist")


def open_from_my_work(page: Page) -> None:
    page.click(".nav-my-work")
    page.get_by_role("link", name=TITLE).first.click()


def set_translation(page: Page, body: str) -> None:
    page.fill("#id_texts-1-body", body)
    page.click("input[name=_continue]")
    expect(messages(page)).to_contain_text("was changed successfully")


def submit(page: Page) -> None:
    page.click(".submit-for-review-button")
    expect(messages(page)).to_contain_text("is submitted for review")


def open_from_queue(page: Page) -> None:
    page.click(".nav-review-queue")
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator("h1")).to_contain_text("Review")


def test_from_first_draft_to_version_two(browser, live_server, translator, editor):
    tanya = signed_in(browser, live_server, translator.username)
    edith = signed_in(browser, live_server, editor.username)

    # The translator enters a record with an original, a translation and a footnote, and submits it.
    tanya.click(".nav-my-work")
    tanya.get_by_role("link", name="Enter a new record").click()
    tanya.fill("#id_title", TITLE)
    tanya.fill("#id_date", "1962-05-21")
    tanya.fill("#id_original_language", "ru")
    tanya.press("#id_original_language", "Tab")
    tanya.fill("#id_texts-0-body", "Посол прибыл в полдень.[1] Переговоры начались сразу.")
    tanya.fill("#id_texts-0-footnotes-0-number", "1")
    tanya.fill("#id_texts-0-footnotes-0-body", "Примечание переводчика.")
    tanya.fill("#id_texts-1-body", FIRST_BODY)
    tanya.fill("#id_texts-1-footnotes-0-number", "1")
    tanya.fill("#id_texts-1-footnotes-0-body", "At the Kremlin.")
    tanya.click("input[name=_continue]")
    expect(messages(tanya)).to_contain_text("was added successfully")
    submit(tanya)
    document = Document.objects.get(title=TITLE)
    assert document.status == Document.Status.IN_REVIEW

    # The editor finds it in the queue, compares it and requests changes.
    open_from_queue(edith)
    expect(edith.locator("#diff-text-translation-en")).to_contain_text("The talks began at once.")
    expect(edith.locator("#side-by-side")).to_contain_text("Посол прибыл в полдень.")
    edith.click("button[name=request_changes]")  # without a comment: refused, precisely
    expect(edith.locator(".request-changes-form .errorlist")).to_contain_text("Say what needs to change")
    edith.fill("#id_comment", "“At once” is not in the original: give the hour.")
    edith.click("button[name=request_changes]")
    expect(messages(edith)).to_contain_text("Returned")

    # The translator reads the comment in "My work", fixes the text and resubmits.
    tanya.click(".nav-my-work")
    expect(tanya.locator("#my-work-changes_requested")).to_contain_text("give the hour")
    open_from_my_work(tanya)
    set_translation(tanya, FIXED_BODY)
    submit(tanya)

    # The editor sees exactly what changed since the last submission and approves: version 1.
    open_from_queue(edith)
    expect(edith.locator("#diff-text-translation-en del")).to_contain_text(["once"])
    expect(edith.locator("#diff-text-translation-en ins").first).to_contain_text("one o'clock")
    edith.click("button[name=approve]")
    expect(messages(edith)).to_contain_text("is public as version 1")

    version_1 = PublishedVersion.objects.get(document=document)
    assert (version_1.number, version_1.is_current, version_1.approved_by) == (1, True, editor)
    english = next(text for text in version_1.payload["texts"] if text["language"] == "en")
    assert english["body"] == FIXED_BODY
    public = tanya.context.new_page()
    public.goto(f"/documents/{document.pk}/")
    expect(public.locator("#document-title")).to_have_text(TITLE)
    expect(public.locator("article.document")).to_contain_text("one o'clock.")

    # The translator edits again: the record is a draft, the public still reads version 1.
    open_from_my_work(tanya)
    set_translation(tanya, SECOND_BODY)
    document.refresh_from_db()
    assert document.status == Document.Status.DRAFT
    public.reload()
    expect(public.locator("article.document")).not_to_contain_text("sharp")
    assert PublishedVersion.objects.get(pk=version_1.pk).payload == version_1.payload
    submit(tanya)

    # Version 2 needs a change note; with one, it goes live.
    open_from_queue(edith)
    expect(edith.locator(".approve-form h3")).to_have_text("Approve as version 2")
    expect(edith.locator("#diff-text-translation-en ins")).to_contain_text(["sharp"])
    edith.click("button[name=approve]")
    expect(edith.locator(".approve-form .errorlist")).to_contain_text("write a change note")
    edith.fill("#id_note", "Gave the exact hour the talks began.")
    edith.click("button[name=approve]")
    expect(messages(edith)).to_contain_text("is public as version 2")

    public.reload()
    expect(public.locator("article.document")).to_contain_text("sharp")
    expect(public.locator("article.document")).to_contain_text("Gave the exact hour the talks began.")
    assert list(document.published_versions.order_by("number").values_list("number", "is_current")) == [
        (1, False),
        (2, True),
    ]
    public.goto(f"/documents/{document.pk}/v/1/")
    expect(public.locator("article.document")).not_to_contain_text("sharp")
    assert re.search(r"one o'clock\.", public.content())
