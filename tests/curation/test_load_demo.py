"""`manage.py load_demo`: the promised variety, the workflow states, the accounts and their passwords,
and a second run that changes nothing.

Loading the demo takes seconds (every record goes through the real workflow actions), so each test
that runs the command checks one whole aspect of the result; the account rules are tested on
`ensure_demo_users` directly.
"""

import io
import re
import stat

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from reversion.models import Revision

from archive.markers import compare_markers
from archive.models import (
    Collection,
    Contribution,
    Document,
    Footnote,
    Person,
    Place,
    ProvenanceEvent,
    PublishedVersion,
    Subject,
    Text,
)
from curation.demo import DEMO_NOTE, DEMO_RIGHTS
from curation.demo.users import AccountState, ensure_demo_users
from curation.history import revisions_of
from curation.models import AuditEntry
from curation.roles import EDITORS, TRANSLATORS

Status = Document.Status
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
USERNAMES = {"admin", "translator", "editor", "reviewer"}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def credentials_file(tmp_path):
    return tmp_path / "var" / "demo-credentials.txt"


def run_demo(credentials_file) -> str:
    out = io.StringIO()
    call_command("load_demo", credentials_file=credentials_file, stdout=out)
    return out.getvalue()


def printed_passwords(output: str) -> dict[str, str]:
    accounts = output.split("Log in at http://127.0.0.1:8000/admin/ as:", 1)[1]
    return dict(re.findall(r"^  (\S+) +(\S+) ", accounts, flags=re.MULTILINE))


@pytest.fixture
def demo_output(db, credentials_file) -> str:
    return run_demo(credentials_file)


@pytest.fixture
def demo_documents(demo_output):
    return Document.objects.filter(external_id__startswith="demo:")


# --- The content -----------------------------------------------------------------------------------


def test_the_demo_has_the_promised_variety(demo_documents):
    assert demo_documents.count() >= 8
    check_collections(demo_documents)
    check_honest_labels(demo_documents)
    check_languages(demo_documents)
    check_dates(demo_documents)
    check_footnotes(demo_documents)
    check_credits(demo_documents)
    check_sources_provenance_and_authorities(demo_documents)


def check_collections(documents) -> None:
    collections = Collection.objects.filter(documents__in=documents).distinct()
    assert collections.count() >= 3
    assert all(collection.documents.count() >= 2 for collection in collections)


def check_honest_labels(documents) -> None:
    """Every demo record says it is a demonstration written for the project, not a real record."""
    for document in documents:
        assert DEMO_NOTE in document.summary, document.external_id
        assert document.rights == DEMO_RIGHTS, document.external_id


def check_languages(documents) -> None:
    assert {"ru", "de", "fr", "ja", "zh", "en"} <= set(documents.values_list("original_language", flat=True))
    for document in documents.exclude(original_language="en"):
        original = document.texts.get(kind=Text.Kind.ORIGINAL)
        assert original.language == document.original_language
        assert document.texts.filter(kind=Text.Kind.TRANSLATION, language="en").exists()
    russian = documents.filter(original_language="ru")
    assert russian.exists()
    assert all(CYRILLIC.search(document.texts.get(language="ru").body) for document in russian)


def check_dates(documents) -> None:
    dates = set(documents.values_list("date", flat=True))
    assert {"1958?", "196X", "1961-04/1961-06", "1962-05", "1958-11-12"} <= dates
    assert all(document.date_earliest and document.date_latest for document in documents)


def check_footnotes(documents) -> None:
    texts = Text.objects.filter(document__in=documents).prefetch_related("footnotes")
    for text in texts:
        report = compare_markers(text.body, [note.number for note in text.footnotes.all()])
        assert report.ok, (text.document.external_id, text.language, report)
    kinds = set(Footnote.objects.filter(text__in=texts).values_list("kind", flat=True))
    assert kinds == {Footnote.Kind.TRANSLATOR, Footnote.Kind.EDITOR, Footnote.Kind.ORIGINAL}
    # Editorial brackets are text, not markers.
    assert any("[name withheld in the copy]" in text.body for text in texts)


def check_credits(documents) -> None:
    sentences = {document.credit_sentence for document in documents}
    assert "Contributed, transcribed, and translated by Helga Brandt." in sentences
    assert "Translated and edited by Anna Kovalenko, with assistance from Peter Novak." in sentences
    assert "Contributed by Claire Dubois and translated by Daniel Whitcomb." in sentences
    assert "Obtained and translated for this edition by Kenji Mori." in sentences
    assert "" in sentences  # a record nobody is credited for


def check_sources_provenance_and_authorities(documents) -> None:
    telegram = documents.get(external_id="demo:test-ban-geneva-telegram-1958")
    assert telegram.source_sentence.startswith("RGANI, F. 3, Op. 12, D. 540, Ll. 15-17. Contributed by")
    assert documents.filter(repository__isnull=True, archival_reference="").exists()
    assert ProvenanceEvent.objects.filter(document__in=documents).count() >= 3 * documents.count()
    assert Person.objects.get(name="Nikita Khrushchev").wikidata_id == "Q19777"
    assert [str(place) for place in Place.objects.get(name="Hiroshima").ancestors()] == [
        "Hiroshima Prefecture, Japan",
        "Japan",
    ]
    assert Subject.objects.filter(heading__contains="--").count() >= 5
    assert documents.filter(related_documents__isnull=False).exists()
    assert documents.filter(donors__isnull=False).exists()


# --- The workflow ----------------------------------------------------------------------------------


def test_every_workflow_state_reached_through_the_actions(demo_documents):
    assert set(demo_documents.values_list("status", flat=True)) == set(Status.values)
    for document in demo_documents:
        last = AuditEntry.objects.for_document(document).first()
        assert last is not None and last.to_state == document.status, document.external_id
        revisions = revisions_of(document)
        assert all(revision.user_id and revision.comment for revision in revisions), document.external_id

    published = demo_documents.filter(status=Status.PUBLISHED)
    assert published.count() >= 3
    assert all(document.current_version is not None for document in published)
    assert [document.published_versions.count() for document in published].count(2) >= 2

    # Edited after publication: the working copy is a draft again while version 1 stays public.
    reopened = demo_documents.get(external_id="demo:east-asia-trade-opinions-196x")
    assert reopened.status == Status.DRAFT and reopened.current_version.number == 1
    assert reopened.summary != reopened.current_version.payload["summary"]

    withdrawn = demo_documents.get(status=Status.WITHDRAWN)
    assert withdrawn.withdrawal_reason and withdrawn.current_version is None

    for version in PublishedVersion.objects.filter(document__in=demo_documents).select_related("revision"):
        assert version.approved_by_id != version.revision.user_id  # four eyes


# --- The accounts and a second run -----------------------------------------------------------------


def test_accounts_passwords_and_a_second_run_that_changes_nothing(demo_output, credentials_file):
    users = get_user_model().objects
    assert users.get(username="admin").is_superuser
    assert list(users.get(username="translator").groups.values_list("name", flat=True)) == [TRANSLATORS]
    assert list(users.get(username="editor").groups.values_list("name", flat=True)) == [EDITORS]
    assert list(users.get(username="reviewer").groups.values_list("name", flat=True)) == [EDITORS]

    passwords = printed_passwords(demo_output)
    assert set(passwords) == USERNAMES
    assert stat.S_IMODE(credentials_file.stat().st_mode) == 0o600
    for username, password in passwords.items():
        assert f"{username}\t{password}\n" in credentials_file.read_text()
        assert users.get(username=username).check_password(password)

    models = (Document, Text, Footnote, Contribution, ProvenanceEvent, Person, Place, Subject, Collection)
    models += (PublishedVersion, AuditEntry, Revision, get_user_model())
    before = {model: model.objects.count() for model in models}

    again = run_demo(credentials_file)

    assert {model: model.objects.count() for model in models} == before
    assert printed_passwords(again) == passwords
    assert "Documents: 0 created" in again


def test_an_existing_account_without_its_role_stops_the_load(db, credentials_file):
    get_user_model().objects.create_user("translator", password="someone else's")

    with pytest.raises(CommandError, match='"translator" already exists but is not a translator'):
        run_demo(credentials_file)

    assert not Document.objects.filter(external_id__startswith="demo:").exists()


def test_stored_passwords_are_reused_on_a_fresh_database(db, credentials_file):
    credentials_file.parent.mkdir(parents=True)
    credentials_file.write_text("# from an earlier run\ntranslator\tstored-earlier-Xy7\n")

    accounts = {account.spec.username: account for account in ensure_demo_users(credentials_file)}

    assert accounts["translator"].password == "stored-earlier-Xy7"
    assert accounts["translator"].user.check_password("stored-earlier-Xy7")
    assert all(account.state == AccountState.CREATED for account in accounts.values())
    stored = credentials_file.read_text()
    assert all(f"{username}\t{accounts[username].password}\n" in stored for username in USERNAMES)
    assert stat.S_IMODE(credentials_file.stat().st_mode) == 0o600


def test_an_account_that_was_there_before_is_left_alone(db, credentials_file):
    admin = get_user_model().objects.create_superuser("admin", "ops@example.org", "the site's own password")

    accounts = {account.spec.username: account for account in ensure_demo_users(credentials_file)}

    admin.refresh_from_db()
    assert admin.check_password("the site's own password")
    assert accounts["admin"].state == AccountState.NOT_DEMO and accounts["admin"].password is None
    assert "admin\t" not in credentials_file.read_text()


def test_a_password_changed_since_is_reported_not_reset(db, credentials_file):
    ensure_demo_users(credentials_file)
    editor = get_user_model().objects.get(username="editor")
    editor.set_password("chosen in the admin")
    editor.save()

    accounts = {account.spec.username: account for account in ensure_demo_users(credentials_file)}

    assert accounts["editor"].state == AccountState.PASSWORD_CHANGED
    assert "changed since" in accounts["editor"].password_display
    editor.refresh_from_db()
    assert editor.check_password("chosen in the admin")
    assert accounts["translator"].state == AccountState.KEPT
