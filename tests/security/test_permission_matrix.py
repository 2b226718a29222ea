"""The permission matrix: every URL of the site × who asks × the state of the record, from the URLconf.

Every route that django.urls.get_resolver() knows (the reading room, both APIs, the admin with every
model it registers, OAI-PMH, media) must be classified in RULES below, or the first test fails naming
it: a new view cannot escape the matrix. Each rule says who may have the page, and the matrix asserts
both sides of it: that those may (2xx, a redirect that is not to the login page, or 405 from an endpoint
that only takes POST) and that everyone else is refused (a redirect to the login page, 401, 403, 404)
or told the record is gone (410). Requests are GETs; changing requests are the workflow tests' job
(tests/curation, tests/api/test_curation_permissions.py), but the curation API's actions are also
POSTed here with a body that cannot pass validation, to show who may even reach the record.

"A new user who tries to read a draft, a withdrawn text or another translator's record by any URL,
API call, feed or search gets nothing": the rules PUBLISHED and WORKROOM_RECORD are that sentence.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO

import pytest
import reversion
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from archive.dataset import read_manifest
from archive.models import Collection, Document, Donor, Person, Place, Repository, Subject
from curation import permissions
from curation.history import latest_revision
from curation.models import ApiToken
from tests.archive.document_records import attach, png_bytes
from tests.curation.records import make_record
from tests.security.urlconf import Route, all_routes

pytestmark = pytest.mark.django_db
Status = Document.Status

PERSONAS = ("anonymous", "outsider", "translator", "other translator", "editor", "administrator")
ROLES = {"translator", "other translator", "editor", "administrator"}
EDITORS = {"editor", "administrator"}
STATES = (Status.DRAFT, Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.PUBLISHED, Status.WITHDRAWN)


# --- Rules: who may have a page -----------------------------------------------------------------------

Rule = Callable[[str, str], bool]  # (persona, state of the record) -> may have it


def anyone(persona: str, state: str) -> bool:
    return True


def nobody(persona: str, state: str) -> bool:
    return False


def published(persona: str, state: str) -> bool:
    """The public side shows a record only while a version of it is published, to everyone alike:
    editors do not see drafts there either, and a withdrawn record is a tombstone (410)."""
    return state == Status.PUBLISHED


def workroom(persona: str, state: str) -> bool:
    """Any translator or editor (staff with a role); no outsider, no anonymous reader."""
    return persona in ROLES


def editors(persona: str, state: str) -> bool:
    return persona in EDITORS


def administrator(persona: str, state: str) -> bool:
    return persona == "administrator"


def workroom_record(persona: str, state: str) -> bool:
    """The record's translator and every editor; never another translator (DESIGN.md, "Roles")."""
    return persona in {"translator", *EDITORS}


def published_or_workroom_record(persona: str, state: str) -> bool:
    """Uploaded files: public with a published version that shows them, else as the record itself."""
    return published(persona, state) or workroom_record(persona, state)


def editors_never_published(persona: str, state: str) -> bool:
    """Deleting: editors only, and only a record that was never published."""
    return persona in EDITORS and state not in (Status.PUBLISHED, Status.WITHDRAWN)


def editors_in_review(persona: str, state: str) -> bool:
    return persona in EDITORS and state == Status.IN_REVIEW


ADMIN_ACTIONS = ("request_changes", "approve", "revert", "submit", "assign")
API_ACTIONS = ("submit", "request-changes", "approve", "withdraw", "revert", "assign")


@dataclass(frozen=True)
class Classification:
    rule: Rule
    # Does the answer depend on the record (and so on its state)? Then every state is tried.
    per_record: bool = False


def c(rule: Rule, per_record: bool = False) -> Classification:
    return Classification(rule, per_record)


RULES: dict[str, Classification] = {
    # The reading room (archive.urls).
    "archive:home": c(anyone),
    "archive:search": c(anyone),
    "archive:document-detail": c(published, True),
    "archive:version-detail": c(published, True),
    "archive:document-pdf": c(published, True),
    "archive:document-txt": c(published, True),
    "archive:document-json": c(published, True),
    "archive:version-pdf": c(published, True),
    "archive:version-txt": c(published, True),
    "archive:version-json": c(published, True),
    "archive:citation-export": c(published, True),
    "archive:version-citation-export": c(published, True),
    "archive:document-slug": c(published, True),
    "archive:document-manifest": c(published, True),
    "archive:collection-list": c(anyone),
    # An authority (collection, person, place, subject, repository) is public while a published
    # version links to it.
    "archive:collection-detail": c(published, True),
    "archive:person-list": c(anyone),
    "archive:person-detail": c(published, True),
    "archive:place-list": c(anyone),
    "archive:place-detail": c(published, True),
    "archive:subject-list": c(anyone),
    "archive:subject-detail": c(published, True),
    "archive:browse": c(anyone),
    "archive:browse-decade": c(anyone),
    "archive:browse-year": c(anyone),
    "archive:feed-latest": c(anyone),
    "archive:feed-collection": c(published, True),
    "archive:sitemap": c(anyone),
    "archive:sitemap-section": c(anyone),
    "archive:robots": c(anyone),
    "archive:oai": c(anyone),
    "archive:oai-record-schema": c(anyone),
    "archive:data": c(anyone),
    "archive:data-file": c(anyone),
    "healthz": c(anyone),
    "media": c(published_or_workroom_record, True),
    # The public API (archive.api) and its documentation.
    "api-schema": c(anyone),
    "api-docs": c(anyone),
    "api-redoc": c(anyone),
    "api:document-list": c(anyone),
    "api:document-detail": c(published, True),
    "api:version-list": c(published, True),
    "api:version-detail": c(published, True),
    **{f"api:{name}-list": c(anyone) for name in ("collection", "person", "place", "subject", "repository")},
    "api:collection-detail": c(published, True),
    "api:person-detail": c(published, True),
    "api:place-detail": c(published, True),
    "api:subject-detail": c(published, True),
    "api:repository-detail": c(published, True),
    # The curation API (curation.api): translators and editors; a record as in the workroom.
    "curation-api:document-list": c(workroom),
    "curation-api:document-detail": c(workroom_record, True),
    "curation-api:revision-list": c(workroom_record, True),
    "curation-api:revision-diff": c(workroom_record, True),
    **{
        f"curation-api:document-{action}": c(workroom, True)  # GET: 405 to any role; see the POST test
        for action in API_ACTIONS
    },
    # The admin's own pages.
    "admin:index": c(workroom),
    "admin:login": c(anyone),
    "admin:logout": c(workroom),  # POST only: 405 to staff, the login page to anyone else
    "admin:password_change": c(workroom),
    "admin:password_change_done": c(workroom),
    "admin:autocomplete": c(workroom),  # asked for people, as the record's form asks
    "admin:jsi18n": c(workroom),
    "admin:view_on_site": c(workroom_record, True),
    "admin:app_list": c(workroom),
    "admin:[admin/(?P<url>.*)$]": c(nobody),  # an unknown admin address: the login page, or 404
    # The workroom's record pages (curation.admin, curation.review).
    "admin:archive_document_changelist": c(workroom),
    "admin:archive_document_add": c(workroom),
    "admin:archive_document_change": c(workroom_record, True),
    "admin:archive_document_history": c(workroom_record, True),
    "admin:archive_document_delete": c(editors_never_published, True),
    "admin:[admin/archive/document/<path:object_id>/]": c(workroom_record, True),
    "admin:archive_document_preview": c(workroom),
    "admin:archive_document_review_queue": c(editors),
    "admin:archive_document_my_work": c(workroom),
    "admin:archive_document_review": c(workroom_record, True),
    # POST only: a GET answers 405 to any translator or editor; see the POST test for the record.
    **{f"admin:archive_document_{action}": c(workroom, True) for action in ADMIN_ACTIONS},
    "admin:archive_document_revision": c(workroom_record, True),
    "admin:archive_document_recoverlist": c(editors),
    "admin:archive_document_recover": c(editors),  # curation.permissions.can_recover
}

# The admin's pages for the other models it registers, by who may curate them (curation.roles).
ADMIN_MODELS: dict[str, dict[str, Rule]] = {
    # Translators add people, places and subjects while entering a record; editors curate them.
    **{
        f"archive_{model}": {"view": workroom, "add": workroom, "change": editors, "delete": editors}
        for model in ("person", "place", "subject")
    },
    **{
        f"archive_{model}": {"view": workroom, "add": editors, "change": editors, "delete": editors}
        for model in ("collection", "repository", "donor")
    },
    # Each translator and editor manages their own API tokens (the one here is the translator's).
    "curation_apitoken": {
        "view": lambda persona, state: persona in {"translator", "administrator"},
        "list": workroom,
        "add": workroom,
        "change": lambda persona, state: persona in {"translator", "administrator"},
        "delete": nobody,  # tokens are revoked, never deleted
    },
    **{
        name: {"view": administrator, "add": administrator, "change": administrator, "delete": administrator}
        for name in ("auth_user", "auth_group")
    },
    # Login attempts are recorded by django-axes, never entered by hand.
    **{
        name: {"view": administrator, "add": nobody, "change": administrator, "delete": administrator}
        for name in ("axes_accessattempt", "axes_accesslog", "axes_accessfailurelog")
    },
}
VERSIONED = {
    "archive_person",
    "archive_place",
    "archive_subject",
    "archive_collection",
    "archive_repository",
    "archive_donor",
}


def _admin_model_rules() -> dict[str, Classification]:
    rules = {}
    for model, may in ADMIN_MODELS.items():
        app, _sep, name = model.partition("_")
        prefix = f"admin/{app}/{name}/"
        rules |= {
            f"admin:{model}_changelist": c(may.get("list", may["view"])),
            f"admin:{model}_add": c(may["add"]),
            f"admin:{model}_change": c(may["view"]),
            f"admin:{model}_history": c(may["view"]),
            f"admin:{model}_delete": c(may["delete"]),
            f"admin:[{prefix}<path:object_id>/]": c(may["view"]),
        }
        if model in VERSIONED:
            # django-reversion: the deleted list needs add and change; recovering one needs add;
            # an earlier version is shown to whoever may view the object.
            rules |= {
                f"admin:{model}_recoverlist": c(may["change"]),
                f"admin:{model}_recover": c(may["add"]),
                f"admin:{model}_revision": c(may["view"]),
            }
    rules["admin:auth_user_password_change"] = c(administrator)
    return rules


RULES |= _admin_model_rules()


# --- The world the requests are made in ---------------------------------------------------------------


@dataclass
class World:
    records: dict[str, Document]
    users: dict[str, object]
    values: dict[str, dict[str, object]]  # route parameter values, per state


@pytest.fixture
def world(translator, other_translator, editor, administrator, outsider, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SEARCH_RATE_LIMIT = ""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    second = type(editor).objects.create(username="emma", is_staff=True)
    second.groups.add(*editor.groups.all())
    records = {}
    for state in STATES:
        record = make_record(Status.DRAFT, translator=translator, editor=second, title=f"A {state} record")
        of = f"of the {state} record"
        record.people.set([versioned(Person, name=f"Person {of}")])
        record.places.set([versioned(Place, name=f"Place {of}")])
        record.subjects.set([versioned(Subject, heading=f"Subject {of}")])
        record.collections.set([versioned(Collection, title=f"Collection {of}")])
        record.repository = versioned(Repository, name=f"Archive {of}", abbreviation=state)
        record.save()
        attach(
            record, kind="image", name="scan.png", content=png_bytes(), content_type="image/png", caption=""
        )
        records[state] = _bring_to(record, state, translator=translator, editor=second)
    shared = _shared_values(translator, administrator) | {"deleted": _deleted_versions(translator, second)}
    call_command("export_dataset", stdout=StringIO())
    shared["data file"] = read_manifest()["files"][0]["name"]
    values = {state: {**shared, **_record_values(records[state])} for state in STATES}
    users = {
        "anonymous": None,
        "outsider": outsider,
        "translator": translator,
        "other translator": other_translator,
        "editor": editor,
        "administrator": administrator,
    }
    return World(records, users, values)


def versioned(model, **fields):
    """An authority record saved as the admin saves it: with a revision (so its history has one)."""
    with reversion.create_revision():
        return model.objects.create(**fields)


def _deleted_versions(translator, editor) -> dict[str, int]:
    """A deleted object of each versioned model, by admin family: the version to recover it from."""
    deleted = {}
    made = {
        "archive_person": lambda: versioned(Person, name="A deleted person"),
        "archive_place": lambda: versioned(Place, name="A deleted place"),
        "archive_subject": lambda: versioned(Subject, heading="A deleted subject"),
        "archive_collection": lambda: versioned(Collection, title="A deleted collection"),
        "archive_repository": lambda: versioned(Repository, name="A deleted archive", abbreviation="DEL"),
        "archive_donor": lambda: versioned(Donor, name="A deleted foundation"),
        "archive_document": lambda: make_record(
            Status.DRAFT, translator=translator, editor=editor, title="Gone"
        ),
    }
    for family, make in made.items():
        obj = make()
        deleted[family] = Version.objects.get_for_object(obj).first().pk
        obj.delete()
    return deleted


def _bring_to(record: Document, state: str, *, translator, editor) -> Document:
    from tests.curation.records import bring_to, save_revision

    save_revision(record, user=translator, comment="With its links and scan.")
    bring_to(record, state, author=translator, editor=editor)
    record.refresh_from_db()
    return record


def _record_values(record: Document) -> dict[str, object]:
    person, place, subject = record.people.get(), record.places.get(), record.subjects.get()
    revision = latest_revision(record)
    version = Version.objects.get_for_object(record).first()
    return {
        "pk": record.pk,
        "id": record.pk,
        "object_id": record.pk,
        "number": 1,
        "revision": revision.pk,
        "slug": record.slug or "record",
        "path": record.attachments.get().file.name,
        "content_type_id": ContentType.objects.get_for_model(Document).pk,
        "person": person.pk,
        "place": place.pk,
        "subject": subject.pk,
        "repository": record.repository,
        "collection": record.collections.get(),
        "arg0": record.pk,
        "arg1": version.pk,
    }


def _shared_values(translator, administrator) -> dict[str, object]:
    token = ApiToken.objects.create(user=translator, name="scripts", prefix="abcd1234", secret_hash="0" * 64)
    AccessAttempt.objects.create(username="someone", ip_address="203.0.113.1", failures_since_start=1)
    AccessLog.objects.create(username="someone", ip_address="203.0.113.1")
    AccessFailureLog.objects.create(username="someone", ip_address="203.0.113.1", locked_out=False)
    return {
        "extension": "ris",
        "decade": 1960,
        "year": 1962,
        "section": "documents",
        "name": "latest.json",
        "app_label": "archive",
        "url": "nowhere/",
        "donor": versioned(Donor, name="A Foundation"),
        "token": token,
        "group": Group.objects.first(),
        "user": administrator,
    }


# --- Building each request ------------------------------------------------------------------------


def url_for(route: Route, values: dict[str, object]) -> str:
    """The route's URL for the record (or the model object its admin family is about)."""
    filled = dict(values)
    family = _admin_family(route)
    if family is not None and route.name.endswith("_recover"):
        filled |= {"arg0": values["deleted"][family]}
    elif family is not None and family != "archive_document":
        obj = _family_object(family, values)
        filled |= {"object_id": obj.pk, "id": obj.pk, "arg0": obj.pk, "arg1": _first_version_id(obj)}
    if route.name in ("archive:person-detail", "api:person-detail"):
        filled |= {"pk": values["person"], "id": values["person"]}
    if route.name in ("archive:place-detail", "api:place-detail"):
        filled |= {"pk": values["place"], "id": values["place"]}
    if route.name in ("archive:subject-detail", "api:subject-detail"):
        filled |= {"pk": values["subject"], "id": values["subject"]}
    if route.name in ("archive:collection-detail", "archive:feed-collection"):
        filled |= {"slug": values["collection"].slug}
    if route.name == "api:collection-detail":
        filled |= {"id": values["collection"].pk}
    if route.name == "api:repository-detail":
        filled |= {"id": values["repository"].pk}
    if route.name == "admin:view_on_site":
        filled |= {"object_id": values["pk"]}
    if route.name == "archive:data-file":
        filled |= {"name": values["data file"]}
    url = route.url(**filled)
    if route.name == "admin:autocomplete":
        url += "?app_label=archive&model_name=document&field_name=people&term=Person"
    return url


def _admin_family(route: Route) -> str | None:
    for family in (*ADMIN_MODELS, "archive_document"):
        app, _sep, name = family.partition("_")
        if route.name.startswith((f"admin:{family}_", f"admin:[admin/{app}/{name}/")):
            return family
    return None


def _family_object(family: str, values: dict[str, object]):
    simple = {
        "curation_apitoken": "token",
        "auth_group": "group",
        "auth_user": "user",
        "archive_collection": "collection",
        "archive_repository": "repository",
        "archive_donor": "donor",
    }
    if family in simple:
        return values[simple[family]]
    if family in ("archive_person", "archive_place", "archive_subject"):
        model = {"archive_person": Person, "archive_place": Place, "archive_subject": Subject}[family]
        return model.objects.get(pk=values[family.removeprefix("archive_")])
    model = {
        "axes_accessattempt": AccessAttempt,
        "axes_accesslog": AccessLog,
        "axes_accessfailurelog": AccessFailureLog,
    }
    return model[family].objects.first()


def _first_version_id(obj) -> int:
    if not reversion.is_registered(type(obj)):
        return 1
    version = Version.objects.get_for_object(obj).first()
    return version.pk if version else 1


ADMIN_NOT_FOR_YOU = re.compile(r"^/admin/(\w+/\w+/)?$")


def outcome(client: Client, url: str) -> str:
    """ "allowed", or "refused" (the login page, 401, 403, 404) / "gone" (410); a failure otherwise.

    A redirect within the site is followed (a slug alias leads to the record's page, which decides).
    From an admin page about one object, the admin's redirect to its index or to the model's list is
    how it says that the object does not exist for you.
    """
    response = client.get(url)
    for _hop in range(3):
        if response.status_code not in (301, 302, 303, 307, 308):
            break
        location = response["Location"].removeprefix("http://testserver")
        if "/admin/login/" in location:
            return "refused"
        if url.startswith("/admin/") and url.count("/") > 4 and ADMIN_NOT_FOR_YOU.match(location):
            return "refused"
        if not location.startswith("/"):
            return "allowed"
        url, response = location, client.get(location)
    status = response.status_code
    if status in (401, 403, 404):
        return "refused"
    if status == 410:
        return "gone"
    if 200 <= status < 300 or status in (304, 405):
        return "allowed"
    raise AssertionError(f"status {status}: {response.content[:300]!r}")


def clients(world: World) -> dict[str, Client]:
    made = {}
    for persona, user in world.users.items():
        client = Client(raise_request_exception=True)
        if user is not None:
            client.force_login(user)
        made[persona] = client
    return made


# --- The tests --------------------------------------------------------------------------------------


def test_every_url_of_the_site_is_classified():
    names = {route.name for route in all_routes()}

    unclassified = sorted(names - RULES.keys())
    stale = sorted(RULES.keys() - names)

    assert unclassified == [], (
        f"classify these URLs in RULES (tests/security/test_permission_matrix.py): {unclassified}"
    )
    assert stale == [], f"these RULES name URLs that no longer exist: {stale}"


def routes(per_record: bool) -> list[Route]:
    return [
        route for route in all_routes() if route.name in RULES and RULES[route.name].per_record is per_record
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_pages_that_are_not_about_one_record(world, persona):
    client = clients(world)[persona]
    values = world.values[Status.PUBLISHED]
    wrong = []
    for route in routes(per_record=False):
        url = url_for(route, values)
        expected = "allowed" if RULES[route.name].rule(persona, Status.PUBLISHED) else "refused"
        got = outcome(client, url)
        if got != expected:
            wrong.append(f"{route.name} {url}: {got}, expected {expected}")

    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_pages_about_a_record_in_each_state(world, persona, state):
    client = clients(world)[persona]
    values = world.values[state]
    wrong = []
    for route in routes(per_record=True):
        url = url_for(route, values)
        may = RULES[route.name].rule(persona, state)
        got = outcome(client, url)
        if (may and got != "allowed") or (not may and got == "allowed"):
            wrong.append(f"{route.name} {url}: {got}, expected {'allowed' if may else 'refused or gone'}")

    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_the_curation_apis_actions_reach_a_record_only_for_those_who_may_see_it(world, persona, state):
    """POSTed with a body no action accepts: whoever may see the record hears what is wrong with the
    body (400) or the state (409); everyone else is refused before that, and nothing changes."""
    client = clients(world)[persona]
    record = world.records[state]
    invalid = {"comment": ["x"], "note": ["x"], "reason": ["x"], "revision": "x", "translator": ["x"]}
    before = (record.status, latest_revision(record).pk)
    wrong = []
    for action in API_ACTIONS:
        url = f"/api/v1/curation/documents/{record.pk}/{action}/"
        response = client.post(url, invalid, content_type="application/json")
        reached = response.status_code in (400, 409)
        if reached != workroom_record(persona, state):
            wrong.append(f"{action}: {response.status_code}")

    record.refresh_from_db()
    assert (record.status, latest_revision(record).pk) == before
    assert wrong == [], "\n".join(wrong)


# Who may do what, in curation.permissions: the admin's action views must follow it.
ADMIN_ACTION_PERMITTED = {
    "submit": permissions.can_submit,
    "request_changes": permissions.can_review,
    "approve": permissions.can_review,
    "revert": permissions.can_revert,
    "assign": permissions.can_assign,
}


def workflow_state(record: Document) -> tuple:
    record.refresh_from_db()
    return (record.status, record.assigned_translator_id, record.reviewer_id, latest_revision(record).pk)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_the_admins_actions_follow_the_permissions(world, persona, state):
    """Each POSTed as a browser would, and undone afterwards. Whoever may not see the record is
    refused as if it did not exist; whoever may see it but not do this is refused (403, or the page
    again with the reason) and nothing changes; whoever may do it is not refused."""
    client = clients(world)[persona]
    user, record = world.users[persona], world.records[state]
    wrong = []
    for action in ADMIN_ACTIONS:
        url = reverse(f"admin:archive_document_{action}", args=[record.pk])
        sees = workroom_record(persona, state)
        permitted = sees and ADMIN_ACTION_PERMITTED[action](user, record)
        with transaction.atomic():
            before = workflow_state(record)
            response = client.post(url, {"comment": "Posted by the permission matrix."})
            changed = workflow_state(record) != before
            transaction.set_rollback(True)
        record.refresh_from_db()
        location = response.get("Location", "")
        hidden = response.status_code == 404 or "/admin/login/" in location or location == "/admin/"
        if hidden == sees or (not permitted and changed) or (permitted and response.status_code == 403):
            wrong.append(f"{action}: {response.status_code} {location} changed={changed}")

    assert wrong == [], "\n".join(wrong)


def test_searches_feeds_and_sitemaps_name_only_the_published_record(world):
    """Whoever asks, the search page, the API's search, the feed and the sitemap list the published
    record and none of the others, by title or by address."""
    published_record = world.records[Status.PUBLISHED]
    hidden = [world.records[state] for state in STATES if state != Status.PUBLISHED]
    for persona, client in clients(world).items():
        for url in (
            "/search/?q=record",
            "/api/v1/documents/?q=record",
            "/feeds/latest/",
            "/sitemap-documents.xml",
        ):
            page = client.get(url).content.decode()
            assert f"/documents/{published_record.pk}/" in page, (persona, url)
            for record in hidden:
                assert record.title not in page and f"/documents/{record.pk}/" not in page, (
                    persona,
                    url,
                    record,
                )
