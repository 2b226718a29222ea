"""Drafts, edits made after publishing and withdrawn records never appear in any public API response.

Each scenario hides a word where only a leak could show it; `crawl` then reads everything the public API
offers (the lists with and without search and facets, every record, version and authority, and each
authority's documents) and the word must be nowhere.
"""

import json

import pytest

from archive.models import Collection, Document, Person, Subject
from curation import actions
from tests.archive.document_records import build_record
from tests.factories import FootnoteFactory, publish, record_in_state, record_revision

pytestmark = pytest.mark.django_db

AUTHORITY_LISTS = ("collections", "people", "places", "subjects", "repositories")


def crawl(api_client, *, secret: str) -> str:
    """Every public response, concatenated: the lists, each record and version, each authority."""
    seen: list[str] = []

    def get(url: str, **query) -> dict | list:
        response = api_client.get(url, query)
        assert response.status_code == 200, (url, response.content)
        seen.append(response.content.decode())
        return response.json()

    listed = get("/api/v1/documents/", page_size=100)["results"]
    get("/api/v1/documents/", q=secret)
    get("/api/v1/documents/", decade=1960, page_size=100)
    for item in listed:
        get(item["api_url"])
        for version in get(f"{item['api_url']}versions/"):
            get(version["api_url"])
    for prefix in AUTHORITY_LISTS:
        for authority in get(f"/api/v1/{prefix}/", page_size=100)["results"]:
            get(authority["api_url"])
            get(authority["documents_url"], page_size=100)
    return "\n".join(seen)


def assert_never_shown(api_client, secret: str) -> None:
    assert api_client.get("/api/v1/documents/", {"q": secret}).json()["count"] == 0
    assert secret.lower() not in crawl(api_client, secret=secret).lower()


def add_note(document: Document, body: str) -> None:
    """A second footnote in the English text, with its marker."""
    text = document.texts.get(language="en")
    text.body += "\n\nA later paragraph.[2]"
    text.save()
    FootnoteFactory(text=text, number=2, body=body)


@pytest.fixture
def public_record(published_record):
    """Something public beside each hidden thing, so that the crawl has lists, facets and authorities."""
    return published_record(title="A public memorandum")


def _hidden_links(document: Document, secret: str) -> dict:
    """Authorities that only `document` links to, each named with the secret."""
    links = {
        "subject": Subject.objects.create(heading=f"{secret} affairs"),
        "collection": Collection.objects.create(title=f"{secret} papers"),
        "person": Person.objects.create(name=f"{secret} Person"),
    }
    document.subjects.add(links["subject"])
    document.collections.add(links["collection"])
    document.people.add(links["person"])
    return links


def _assert_authorities_private(api_client, links: dict) -> None:
    paths = {"subject": "subjects", "collection": "collections", "person": "people"}
    for name, authority in links.items():
        assert api_client.get(f"/api/v1/{paths[name]}/{authority.pk}/").status_code == 404
        assert api_client.get("/api/v1/documents/", {name: authority.pk}).json()["count"] == 0


@pytest.mark.parametrize("state", ["draft", "in_review", "changes_requested"])
def test_an_unpublished_record_never_appears(api_client, public_record, translator, editor, state):
    document = record_in_state(state, translator=translator, editor=editor, title="Zanzibar memorandum")
    links = _hidden_links(document, "Zanzibar")
    assert_never_shown(api_client, "Zanzibar")
    _assert_authorities_private(api_client, links)
    for path in ("", "versions/", "versions/1/"):
        assert api_client.get(f"/api/v1/documents/{document.pk}/{path}").status_code == 404


@pytest.mark.parametrize("submitted", [False, True])
def test_an_edit_after_publishing_stays_private_until_approved(
    api_client, public_record, translator, editor, second_editor, submitted
):
    document = build_record(author=translator, title="Memorandum as published")
    publish(document, approver=second_editor)
    document.title = "Quokka memorandum"
    document.summary = "Quokka summary."
    add_note(document, "A quokka note.")
    links = _hidden_links(document, "Quokka")
    record_revision(document, user=editor, comment="Edited after publishing.")
    if submitted:
        actions.submit_for_review(document, actor=editor)

    assert_never_shown(api_client, "Quokka")
    _assert_authorities_private(api_client, links)
    body = api_client.get(f"/api/v1/documents/{document.pk}/").json()
    assert body["title"] == "Memorandum as published" and body["version"] == 1
    assert [note["number"] for note in body["texts"][1]["footnotes"]] == [1]


def test_a_withdrawn_record_never_appears_but_as_a_tombstone(
    api_client, public_record, translator, editor, second_editor
):
    document = build_record(author=translator, title="Memorandum later withdrawn", summary="Wombat summary.")
    links = _hidden_links(document, "Wombat")
    add_note(document, "A wombat note.")
    publish(document, approver=second_editor)
    assert api_client.get("/api/v1/documents/", {"q": "wombat"}).json()["count"] == 1

    actions.withdraw(document, actor=editor, reason="Published in error.")

    assert_never_shown(api_client, "Wombat")
    _assert_authorities_private(api_client, links)
    for path in ("", "versions/", "versions/1/"):
        response = api_client.get(f"/api/v1/documents/{document.pk}/{path}")
        assert response.status_code == 410
        assert "wombat" not in response.content.decode().lower()
        assert json.loads(response.content)["tombstone"]["reason"] == "Published in error."


def test_the_counts_and_facets_count_only_current_versions(api_client, public_record, editor, second_editor):
    public_record.title = "A public memorandum, corrected"
    publish(public_record, approver=second_editor, author=editor, note="Corrected the title.")
    body = api_client.get("/api/v1/documents/", {"decade": 1960}).json()
    assert body["count"] == 1
    language = next(group for group in body["facets"] if group["name"] == "language")
    assert language["values"][0]["count"] == 1
    subjects = api_client.get("/api/v1/subjects/").json()["results"]
    assert [item["document_count"] for item in subjects] == [1]
