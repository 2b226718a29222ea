"""What is measured, on which records, with which queries, and how many times.

Pages and API records rotate through a sample of published records spread over the whole corpus,
so that a measure is not one hot row. Search terms are picked from the corpus itself: a common word,
two words, a phrase taken from a record's text, and a rare code name (curation.corpus.synth), one
found in about as many records at every size.
"""

import re
from importlib import import_module
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import login
from django.db.models import Count
from django.db.models.fields.json import KT
from django.http import HttpRequest
from django.test import Client

from archive.models import Collection, Footnote, PublishedVersion
from archive.search.backends import get_backend
from archive.search.models import SearchEntry, SearchFacet
from archive.search.syntax import parse
from bench import fixtures
from bench.measure import Measure

# More records than a process keeps the per-version parts of a page for (archive.views.documents,
# 512): each page view is measured as the first view of its version in the process, which is what
# most views are in an archive of 100,000 records.
SAMPLE_RECORDS = 1000
COMMON_TERM = "nuclear"
SECOND_TERM = "agreement"
# The rare term is a code name found in about this many records, at every size of the corpus.
RARE_MATCHES = 5
RARE_CANDIDATES = 2000
# Repetitions per measure at scale 1: cheap requests more, costly ones fewer.
REPEAT = {"page": 300, "search": 60, "api": 300, "admin": 40, "heavy": 25, "publish": 20}


def build_plan(scale: float) -> tuple[list[Measure], dict]:
    def times(kind: str) -> int:
        return max(5, round(REPEAT[kind] * scale))

    people = fixtures.actors()
    records = _sample_records()
    noted = _record_with_most_notes()
    much_edited = fixtures.hundred_revisions(people)
    diffed, old, new = fixtures.long_diff(people)
    to_publish = fixtures.records_in_review(people, times("publish") + max(2, times("publish") // 10) + 3)
    reader, editor = Client(), _logged_in(people.editor)
    etags = {pk: reader.get(f"/documents/{pk}/")["ETag"] for pk in records}
    phrase = _phrase(records[0])
    rare, rare_matches = _rare_term()
    collection = _largest_collection()

    def page(i: int):
        return reader.get(f"/documents/{records[i % len(records)]}/")

    def revalidated(i: int):
        pk = records[i % len(records)]
        return reader.get(f"/documents/{pk}/", HTTP_IF_NONE_MATCH=etags[pk])

    def searching(**params):
        url = f"/search/?{urlencode(params)}"
        return lambda i: reader.get(url)

    def publishing(i: int):
        document, revision = to_publish.pop()
        return fixtures.publish(document, revision, people)

    plan = [
        Measure(
            "trivial",
            "baseline: trivial Django view",
            lambda i: reader.get("/__bench__/trivial/"),
            times("page"),
            static_suffix=None,
        ),
        Measure("document", "document page", page, times("page")),
        Measure(
            "document_60_notes",
            f"document page, {noted[1]} footnotes",
            lambda i: reader.get(f"/documents/{noted[0]}/"),
            times("page"),
        ),
        Measure(
            "document_304",
            "document page, revalidated (304)",
            revalidated,
            times("page"),
            expect=304,
            static_suffix=None,
        ),
        Measure("search_one", "search: one term", searching(q=COMMON_TERM), times("search")),
        Measure(
            "search_two", "search: two terms", searching(q=f"{COMMON_TERM} {SECOND_TERM}"), times("search")
        ),
        Measure("search_phrase", "search: a phrase", searching(q=f'"{phrase}"'), times("search")),
        Measure(
            "search_rare_by_date",
            "search: rare term, sorted by date",
            searching(q=rare, sort="date"),
            times("search"),
        ),
        Measure(
            "search_facet",
            "search: one term and a facet filter",
            searching(q=COMMON_TERM, collection=collection),
            times("search"),
        ),
        Measure(
            "api_list",
            "API: document list",
            lambda i: reader.get("/api/v1/documents/"),
            times("api"),
            static_suffix=".json",
        ),
        Measure(
            "api_detail",
            "API: document detail",
            lambda i: reader.get(f"/api/v1/documents/{records[i % len(records)]}/"),
            times("api"),
            static_suffix=".json",
        ),
        Measure(
            "admin_changelist",
            "admin: document change list",
            lambda i: editor.get("/admin/archive/document/"),
            times("admin"),
        ),
        Measure(
            "admin_change_100",
            "admin: change form, 100 revisions",
            lambda i: editor.get(f"/admin/archive/document/{much_edited.pk}/change/"),
            times("heavy"),
        ),
        Measure(
            "review_diff",
            "review: diff of two 30 KB revisions",
            lambda i: editor.get(f"/admin/archive/document/{diffed.pk}/review/?old={old.pk}&new={new.pk}"),
            times("heavy"),
        ),
        Measure(
            "publish",
            "publish one record (approve_revision)",
            publishing,
            times("publish"),
            static_suffix=None,
        ),
    ]
    context = {
        "published_records": PublishedVersion.objects.current().count(),
        "sample_records": len(records),
        "record_with_most_notes": {"document": noted[0], "footnotes": noted[1]},
        "hundred_revisions_record": much_edited.pk,
        "diff_record": {"document": diffed.pk, "old": old.pk, "new": new.pk},
        "search_terms": {
            "one": COMMON_TERM,
            "two": f"{COMMON_TERM} {SECOND_TERM}",
            "phrase": phrase,
            "rare": rare,
            "rare_matches": rare_matches,
            "collection": collection,
        },
    }
    return plan, context


def _logged_in(user) -> Client:
    """A client with the user's session, as Client.force_login makes one, but from an address: the
    login lockout (django-axes) records the address of every login, and PostgreSQL refuses none."""
    client = Client()
    request = HttpRequest()
    request.META["REMOTE_ADDR"] = "127.0.0.1"
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    login(request, user, "django.contrib.auth.backends.ModelBackend")
    request.session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = request.session.session_key
    return client


def _sample_records() -> list[int]:
    """Published records spread evenly over the corpus, the benchmark's own records left out."""
    ids = list(
        PublishedVersion.objects.current()
        .filter(document__external_id__startswith="corpus:")
        .order_by("document_id")
        .values_list("document_id", flat=True)
    )
    step = max(1, len(ids) // SAMPLE_RECORDS)
    return ids[::step][:SAMPLE_RECORDS]


def _record_with_most_notes() -> tuple[int, int]:
    row = (
        Footnote.objects.filter(
            text__document__external_id__startswith="corpus:", text__document__current_version__isnull=False
        )
        .values("text__document_id")
        .annotate(notes=Count("pk"))
        .order_by("-notes", "text__document_id")
        .first()
    )
    return row["text__document_id"], row["notes"]


def _phrase(document_id: int) -> str:
    """Three words in a row from the record's English text: a phrase that is there to be found."""
    payload = PublishedVersion.objects.current().get(document_id=document_id).payload
    text = next((text for text in payload["texts"] if text["language"] == "en"), payload["texts"][0])
    words = re.findall(r"[^\W\d_]{4,}", text["body"])
    return " ".join(words[20:23]) if len(words) >= 23 else " ".join(words[:3])


def _rare_term() -> tuple[str, int]:
    """A code name found in as nearly RARE_MATCHES records as any, and in how many.

    The code names are drawn from a pool that grows more slowly than the corpus (1 per 50 records,
    at least 60): the first record's code name was found in 1 record at 1,000 and 22 at 100,000,
    which measured the number of results shown rather than the size of the archive. Holding the
    number of matches equal measures what a rare term costs as the archive grows."""
    summaries = (
        PublishedVersion.objects.current()
        .annotate(summary=KT("payload__summary"))
        .filter(summary__contains="Code name ")
        .order_by("document_id")
        .values_list("summary", flat=True)[:RARE_CANDIDATES]
    )
    names = dict.fromkeys(summary.rsplit("Code name ", 1)[1].rstrip(".") for summary in summaries)
    matching = get_backend().matcher
    found = [(name, matching(parse(name)).filter(SearchEntry.objects.all()).count()) for name in names]
    return min(found, key=lambda pair: abs(pair[1] - RARE_MATCHES))


def _largest_collection() -> str:
    row = (
        SearchFacet.objects.filter(facet=SearchFacet.Name.COLLECTION)
        .values("value")
        .annotate(count=Count("pk"))
        .order_by("-count")
        .first()
    )
    return (
        row["value"] if row else str(Collection.objects.order_by("pk").values_list("pk", flat=True).first())
    )
