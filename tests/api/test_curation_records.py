"""The curation API's records: one nested create or update, validated as the admin validates, saved as
the admin saves (a revision with user and comment, then record_edit), and never over someone else's
newer content (If-Match)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from archive.models import Document, Footnote, Person, Text
from curation.diff import state_of_revision
from curation.history import latest_revision, revisions_of
from curation.models import AuditEntry
from curation.roles import TRANSLATORS
from tests.curation.records import save_revision
from tests.factories import (
    FootnoteFactory,
    PersonFactory,
    PlaceFactory,
    RepositoryFactory,
    TextFactory,
)

LIST = "/api/v1/curation/documents/"
EDTF_MESSAGE = '"21 May 1962" is not a date in EDTF form.'
REQUIRED = "This field is required."


def detail(document) -> str:
    return f"{LIST}{document.pk}/"


def etag_of(response) -> str:
    return response.headers["ETag"]


@pytest.fixture
def tanya(client_as, translator):
    return client_as(translator)


# --- Creating -------------------------------------------------------------------------------------


def test_a_translator_creates_a_draft_with_all_its_parts_in_one_request(tanya, translator, draft_body):
    response = tanya.post(LIST, draft_body(comment="First draft from the scan."), format="json")

    assert response.status_code == 201, response.json()
    data = response.json()
    document = Document.objects.get(pk=data["id"])
    assert response.headers["Location"] == f"http://testserver{detail(document)}"
    assert etag_of(response) == f'"{latest_revision(document).pk}"' == f'"{data["revision"]}"'
    assert (document.status, document.created_by) == ("draft", translator)
    translation = document.texts.get(kind="translation")
    assert [(note.number, note.body) for note in translation.footnotes.all()] == [
        (1, "Literally, “at twelve”.")
    ]
    assert document.provenance_events.get().agent == "RGANI"
    assert document.contributions.get().person.name == "Gary Goldberg"
    assert data["credits"][0]["person"] == Person.objects.get(name="Gary Goldberg").pk
    assert data["marker_problems"] == []


def test_the_create_is_one_revision_with_user_and_comment_and_an_audit_entry(tanya, translator, draft_body):
    document = Document.objects.get(
        pk=tanya.post(LIST, draft_body(comment="From the scan."), format="json").json()["id"]
    )

    revision = latest_revision(document)
    assert (revision.user, revision.get_comment()) == (translator, "From the scan.")
    state = state_of_revision(revision, document_id=document.pk)
    assert state["texts"]["translation:en"]["footnotes"][1]["body"] == "Literally, “at twelve”."
    entry = AuditEntry.objects.get(document=document)
    assert (entry.action, entry.revision, entry.actor) == ("edit", revision, translator)


def test_without_a_comment_the_revision_says_what_changed(tanya, draft_body):
    body = draft_body()
    document_id = tanya.post(LIST, body, format="json").json()["id"]
    response = tanya.get(f"{LIST}{document_id}/")
    tanya.patch(
        f"{LIST}{document_id}/", {"summary": "Shorter."}, format="json", HTTP_IF_MATCH=etag_of(response)
    )

    assert latest_revision(Document.objects.get(pk=document_id)).get_comment() == "Changed Summary."


def test_a_text_with_nothing_written_in_it_yet_is_kept(tanya, draft_body):
    body = draft_body()
    body["texts"].append({"kind": "translation", "language": "de"})

    data = tanya.post(LIST, body, format="json").json()

    assert [text["language"] for text in data["texts"]] == ["ru", "en", "de"]


def test_languages_are_normalised_as_in_the_admin(tanya, draft_body):
    body = draft_body(original_language="Russian")
    body["texts"][0]["language"] = "RUS"

    data = tanya.post(LIST, body, format="json").json()

    assert data["original_language"] == "ru"
    assert data["texts"][0]["language"] == "ru"


def test_a_credit_by_name_finds_the_person_the_archive_has(tanya, draft_body):
    goldberg = PersonFactory(name="Gary Goldberg")

    data = tanya.post(
        LIST, draft_body(credits=[{"person_name": "gary goldberg", "role": "translated"}]), format="json"
    ).json()

    assert data["credits"][0]["person"] == goldberg.pk
    assert Person.objects.count() == 1


def test_a_credit_by_id_wins_over_a_name(tanya, draft_body):
    savranskaya = PersonFactory(name="Svetlana Savranskaya")
    credit = {"person": savranskaya.pk, "person_name": "Someone Else", "role": "edited"}

    data = tanya.post(LIST, draft_body(credits=[credit]), format="json").json()

    assert data["credits"][0]["person_name"] == "Svetlana Savranskaya"
    assert not Person.objects.filter(name="Someone Else").exists()


def test_who_may_not_add_people_credits_only_people_the_archive_has(tanya, draft_body):
    Group.objects.get(name=TRANSLATORS).permissions.remove(Permission.objects.get(codename="add_person"))

    response = tanya.post(LIST, draft_body(), format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "credits[0].person_name": [
            "No person named “Gary Goldberg” is in the archive, and you may not add people: give the id of "
            "a person who is, or ask an editor to add them."
        ]
    }
    assert not Document.objects.exists()


# --- Validation: the admin's rules and messages, at their place in the body ------------------------


def _set(body: dict, path: str, value) -> dict:
    """Set `value` at a path like "texts[1].footnotes[0].body" ("-" as value deletes the key)."""
    target, parts = body, path.replace("]", "").replace("[", ".").split(".")
    for part in parts[:-1]:
        target = target[int(part)] if part.isdigit() else target[part]
    if value == "-":
        del target[parts[-1]]
    else:
        target[parts[-1]] = value
    return body


INVALID = [
    pytest.param("title", "", "title", REQUIRED, id="blank-title"),
    pytest.param("title", "-", "title", REQUIRED, id="missing-title"),
    pytest.param("date", "21 May 1962", "date", EDTF_MESSAGE, id="date-not-edtf"),
    pytest.param(
        "original_language", "xx", "original_language", '"xx" is not an ISO 639 language code.', id="language"
    ),
    pytest.param(
        "document_type", "poem", "document_type", "Select a valid choice. poem is not one of", id="type"
    ),
    pytest.param("repository", 999999, "repository", "Select a valid choice.", id="unknown-repository"),
    pytest.param(
        "creators", [999999], "creators", "Select a valid choice. 999999 is not one of", id="unknown-author"
    ),
    pytest.param("texts[0].language", "", "texts[0].language", REQUIRED, id="text-without-language"),
    pytest.param(
        "texts[0].language", "klingon", "texts[0].language", '"klingon" is not an ISO 639', id="text-language"
    ),
    pytest.param("texts[0].kind", "summary", "texts[0].kind", "Select a valid choice.", id="text-kind"),
    pytest.param("texts[1].footnotes[0].body", "", "texts[1].footnotes[0].body", REQUIRED, id="empty-note"),
    pytest.param(
        "texts[1].footnotes[0].number",
        0,
        "texts[1].footnotes[0].number",
        "greater than or equal to 1",
        id="note-zero",
    ),
    pytest.param(
        "texts[1].footnotes[0].number",
        "one",
        "texts[1].footnotes[0].number",
        "A valid integer is required.",
        id="note-not-a-number",
    ),
    pytest.param(
        "texts[1].footnotes[0].kind",
        "aside",
        "texts[1].footnotes[0].kind",
        "Select a valid choice.",
        id="note-kind",
    ),
    pytest.param(
        "provenance[0].kind", "stolen", "provenance[0].kind", "Select a valid choice.", id="event-kind"
    ),
    pytest.param(
        "provenance[0].date",
        "early 1990s",
        "provenance[0].date",
        "is not a date in EDTF form",
        id="event-date",
    ),
    pytest.param(
        "provenance[0].place", 999999, "provenance[0].place", "Select a valid choice.", id="event-place"
    ),
    pytest.param(
        "credits[0].role",
        "wrote",
        "credits[0].role",
        "Select a valid choice. wrote is not one of",
        id="credit-role",
    ),
    pytest.param("credits[0].person_name", "", "credits[0].person", REQUIRED, id="credit-without-person"),
    pytest.param(
        "credits[0].person", 999999, "credits[0].person", "Select a valid choice.", id="credit-unknown-person"
    ),
    pytest.param(
        "texts", "none", "texts", 'Expected a list of items but got type "str".', id="texts-not-a-list"
    ),
]


@pytest.mark.parametrize(("path", "value", "error_path", "message"), INVALID)
def test_each_invalid_value_is_reported_at_its_place_with_the_admins_message(
    tanya, draft_body, path, value, error_path, message
):
    response = tanya.post(LIST, _set(draft_body(), path, value), format="json")

    assert response.status_code == 400
    problem = response.json()
    assert response.headers["Content-Type"] == "application/problem+json"
    assert list(problem["errors"]) == [error_path], problem
    assert message in problem["errors"][error_path][0]
    assert not Document.objects.exists()


def test_rules_across_rows_are_said_on_the_row_that_breaks_them(tanya, draft_body):
    goldberg = PersonFactory(name="Gary Goldberg")
    body = draft_body(
        credits=[{"person": goldberg.pk, "role": "translated"}, {"person": goldberg.pk, "role": "translated"}]
    )
    body["texts"].append({"kind": "translation", "language": "English", "body": "Again."})
    body["texts"][1]["body"] = "Noon.[1] Later.[2]"
    body["texts"][1]["footnotes"].append({"number": 1, "body": "A second note one."})

    errors = tanya.post(LIST, body, format="json").json()["errors"]

    assert errors == {
        "texts[2].language": [
            "This document already has a text “translation (English)”: each kind appears once per language."
        ],
        "texts[1].footnotes[1].number": [
            "Footnote [1] is already used in this text; give this note another number."
        ],
        "credits[1].role": ["Gary Goldberg is already credited as “translated”."],
    }


def test_every_error_is_reported_at_once_and_nothing_is_saved(tanya, draft_body, settings):
    settings.ARCHIVE_MAX_TEXT_CHARS = 100
    body = draft_body(date="21 May 1962", external_id="wcda:1")
    body["texts"][0]["body"] = "Беседа началась в полдень и шла долго. " * 3  # 116 once the form strips it
    body["texts"][1]["footnotes"].append({"number": 2, "body": ""})
    Document.objects.create(title="Another", original_language="de", external_id="wcda:1")

    response = tanya.post(LIST, body, format="json")

    errors = response.json()["errors"]
    assert set(errors) == {"date", "external_id", "texts[0].body", "texts[1].footnotes[1].body"}
    assert errors["texts[0].body"] == ["This text is 116 characters long; the limit is 100."]
    assert response.json()["detail"] == "The request has 4 invalid field(s)."
    assert Document.objects.count() == 1
    assert not Person.objects.exists()


def test_a_body_that_is_not_json_is_refused(tanya):
    response = tanya.post(LIST, "title=Memo", content_type="application/x-www-form-urlencoded")

    assert response.status_code == 415
    assert response.json()["title"] == "Unsupported media type"


def test_a_draft_may_be_saved_with_markers_that_do_not_match_yet(tanya, draft_body):
    body = draft_body()
    body["texts"][1]["body"] = "Noon.[1] Later.[2]"

    data = tanya.post(LIST, body, format="json").json()

    assert data["marker_problems"] == ["Translation (English): marker [2] has no footnote"]


# --- Updating -------------------------------------------------------------------------------------


@pytest.fixture
def created(tanya, draft_body):
    """The draft created through the API, as a client holds it after reading it: (data, ETag)."""
    response = tanya.post(LIST, draft_body(), format="json")
    return response.json(), etag_of(response)


def test_put_replaces_the_record_updating_matched_rows_in_place(tanya, created):
    data, etag = created
    note = Footnote.objects.get(text__document_id=data["id"])
    data["texts"][1]["footnotes"][0]["body"] = "Literally, “at the twelfth hour”."
    data["texts"] = data["texts"][1:]  # the original goes
    data["provenance"] = []

    response = tanya.put(f"{LIST}{data['id']}/", data, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 200, response.json()
    note.refresh_from_db()  # the same row, changed
    assert note.body == "Literally, “at the twelfth hour”."
    document = Document.objects.get(pk=data["id"])
    assert list(document.texts.values_list("kind", flat=True)) == ["translation"]
    assert not document.provenance_events.exists()
    assert etag_of(response) == f'"{latest_revision(document).pk}"' != etag


def test_footnotes_can_be_renumbered_in_one_save(tanya, created):
    data, etag = created
    text = data["texts"][1]
    text["body"] = "First.[1] The talks began at noon.[2]"
    text["footnotes"] = [{"number": 1, "body": "A new first note."}, {**text["footnotes"][0], "number": 2}]

    response = tanya.put(f"{LIST}{data['id']}/", data, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 200, response.json()
    notes = Text.objects.get(document_id=data["id"], kind="translation").footnotes.all()
    assert [(note.number, note.body) for note in notes] == [
        (1, "A new first note."),
        (2, "Literally, “at twelve”."),
    ]


def test_patch_changes_only_the_fields_it_names(tanya, created):
    data, etag = created

    response = tanya.patch(f"{LIST}{data['id']}/", {"summary": "Shorter."}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 200
    updated = response.json()
    assert updated["summary"] == "Shorter."
    assert {
        key: value for key, value in updated.items() if key not in {"summary", "revision", "updated_at"}
    } == {key: value for key, value in data.items() if key not in {"summary", "revision", "updated_at"}}


def test_patch_validates_like_put(tanya, created):
    data, etag = created

    response = tanya.patch(f"{LIST}{data['id']}/", {"date": "21 May 1962"}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 400
    assert EDTF_MESSAGE in response.json()["errors"]["date"][0]


def test_a_translator_editing_their_published_record_reopens_it_as_a_draft(
    client_as, translator, curation_record
):
    document = curation_record("published")
    tanya = client_as(translator)
    read = tanya.get(detail(document))

    response = tanya.patch(
        detail(document), {"summary": "Revised."}, format="json", HTTP_IF_MATCH=etag_of(read)
    )

    assert response.json()["status"] == "draft"
    assert response.json()["current_version"]["number"] == 1  # still live


# --- Optimistic locking ---------------------------------------------------------------------------


def _unchanged(document: Document, revisions: int, summary: str) -> bool:
    document.refresh_from_db()
    return revisions_of(document).count() == revisions and document.summary == summary


def test_without_if_match_an_update_is_refused_with_428(tanya, created):
    data, _etag = created
    document = Document.objects.get(pk=data["id"])

    for method in (tanya.put, tanya.patch):
        response = method(detail(document), {**data, "summary": "Lost?"}, format="json")
        assert response.status_code == 428
        assert response.json()["detail"].startswith("Send If-Match with the ETag")
    assert _unchanged(document, 1, data["summary"])


def test_if_match_star_does_not_stand_in_for_the_etag(tanya, created):
    data, _etag = created

    response = tanya.patch(f"{LIST}{data['id']}/", {"summary": "x"}, format="json", HTTP_IF_MATCH="*")

    assert response.status_code == 428


def test_a_stale_if_match_is_refused_with_412_and_overwrites_nothing(tanya, client_as, editor, created):
    data, etag = created
    document = Document.objects.get(pk=data["id"])
    save_revision(document, user=editor, comment="Fixed the date.", date="1962-05-22")

    response = tanya.put(detail(document), {**data, "summary": "Mine."}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 412
    assert "saved this record at" in response.json()["detail"]
    assert "(Fixed the date.)" in response.json()["detail"]
    assert _unchanged(document, 2, data["summary"])
    assert document.date == "1962-05-22"


@pytest.mark.parametrize("if_match", ['"999999"', 'W/"1"', '"abc"', '"99999999999999999999999"'])
def test_an_if_match_that_names_no_revision_of_the_record_is_refused(tanya, created, if_match):
    data, _etag = created

    response = tanya.patch(f"{LIST}{data['id']}/", {"summary": "x"}, format="json", HTTP_IF_MATCH=if_match)

    assert response.status_code == 412
    assert "names no revision of this record" in response.json()["detail"]


def test_a_workflow_step_since_the_etag_does_not_make_it_stale(tanya, client_as, editor, created):
    """Assigning changes no content, so the translator's edit overwrites nothing."""
    data, etag = created
    client_as(editor).post(f"{LIST}{data['id']}/assign/", {"reviewer": "edith"}, format="json")

    response = tanya.patch(f"{LIST}{data['id']}/", {"summary": "Mine."}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 200
    assert response.json()["reviewer"] == "edith"


def test_the_etag_of_another_record_is_not_accepted(tanya, created, draft_body):
    data, _etag = created
    other = tanya.post(LIST, draft_body(title="Another"), format="json")

    response = tanya.patch(
        f"{LIST}{data['id']}/", {"summary": "x"}, format="json", HTTP_IF_MATCH=etag_of(other)
    )

    assert response.status_code == 412


# --- Reading, and what it costs -------------------------------------------------------------------


def test_the_list_shows_a_translator_their_own_records_only(
    client_as, translator, other_translator, curation_record
):
    mine = curation_record("draft")
    curation_record("draft", created_by=other_translator)

    data = client_as(translator).get(LIST).json()

    assert [row["id"] for row in data["results"]] == [mine.pk]
    assert data["results"][0]["revision"] == latest_revision(mine).pk


def test_the_list_filters_by_state(client_as, editor, curation_record):
    curation_record("draft")
    in_review = curation_record("in_review")

    data = client_as(editor).get(LIST, {"status": "in_review"}).json()

    assert [row["id"] for row in data["results"]] == [in_review.pk]
    assert client_as(editor).get(LIST, {"status": "drafts"}).status_code == 400


def _queries(client_as, user, url: str) -> int:
    """Queries of one GET, by a user loaded afresh as each real request loads it."""
    client = client_as(type(user).objects.get(pk=user.pk))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_for_one_record_or_many(client_as, editor, curation_record):
    curation_record("draft")
    one = _queries(client_as, editor, LIST)
    for state in ("draft", "in_review", "published", "changes_requested"):
        curation_record(state)

    assert _queries(client_as, editor, LIST) == one == 3


def test_a_record_costs_the_same_however_many_texts_footnotes_and_people(client_as, editor, curation_record):
    small, large = curation_record("draft"), curation_record("draft")
    for language in ("de", "fr", "ja"):
        text = TextFactory(document=large, language=language, body="[1] [2] [3]")
        for number in (1, 2, 3):
            FootnoteFactory(text=text, number=number)
    large.creators.set(PersonFactory.create_batch(3))
    large.places.set([PlaceFactory(), PlaceFactory()])
    large.repository = RepositoryFactory()
    save_revision(large, user=editor)

    assert _queries(client_as, editor, detail(large)) == _queries(client_as, editor, detail(small))


def test_versions_rows_are_read_once_for_the_etag(client_as, editor, curation_record):
    document = curation_record("in_review")

    response = client_as(editor).get(detail(document))

    latest = Version.objects.get_for_object(document).order_by("-revision_id").first()
    assert etag_of(response) == f'"{latest.revision_id}"'
