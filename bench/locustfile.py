"""The load test's traffic (bench/load.sh runs it): readers, searchers and API clients at once.

Each simulated user is one of three kinds, in the proportions a public archive sees: readers who open
documents, versions and browse pages; searchers who run full-text searches, some narrowed by a facet;
and scripts reading the public API. Requests go to gunicorn on the loopback with production settings,
as the TLS proxy would forward them (X-Forwarded-Proto: https). Any answer but 200 is a failure.

Environment: LOAD_IDS (a file of published record ids, one per line; bench/load.sh writes it).
"""

import os
import random
from pathlib import Path

from locust import HttpUser, between, task

PROXY_HEADERS = {"X-Forwarded-Proto": "https", "Accept-Language": "en"}
# Words common, middling and rare in the synthetic corpus (curation.corpus.words), and two phrases.
SEARCH_TERMS = [
    "nuclear",
    "agreement",
    "treaty conference",
    "soviet delegation",
    "missile testing",
    "grain trade",
    '"foreign affairs"',
    "berlin",
    "ambassador",
    "cooperation economic",
]
FACETS = ["decade=1960", "decade=1950", "language=ru", "language=en", "sort=date"]


def _record_ids() -> list[int]:
    path = os.environ.get("LOAD_IDS", "")
    ids = [int(line) for line in Path(path).read_text().split()] if path else []
    if not ids:
        raise RuntimeError("LOAD_IDS must name a file of published record ids (bench/load.sh writes it)")
    return ids


RECORD_IDS = _record_ids()


class ArchiveUser(HttpUser):
    abstract = True
    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        self.client.headers.update(PROXY_HEADERS)

    def record(self) -> int:
        return random.choice(RECORD_IDS)


class Reader(ArchiveUser):
    """Reads document pages (the bulk of the traffic), an earlier version, browse pages."""

    weight = 6

    @task(10)
    def document(self) -> None:
        self.client.get(f"/documents/{self.record()}/", name="/documents/[id]/")

    @task(2)
    def version(self) -> None:
        self.client.get(f"/documents/{self.record()}/v/1/", name="/documents/[id]/v/1/")

    @task(1)
    def home(self) -> None:
        self.client.get("/", name="/")

    @task(1)
    def browse(self) -> None:
        self.client.get(f"/browse/{random.choice([1950, 1960, 1970])}s/", name="/browse/[decade]s/")

    @task(1)
    def collections(self) -> None:
        self.client.get("/collections/", name="/collections/")


class Searcher(ArchiveUser):
    """Searches, sometimes narrowing by a facet, and opens a hit now and then."""

    weight = 3

    @task(5)
    def search(self) -> None:
        self.client.get("/search/", params={"q": random.choice(SEARCH_TERMS)}, name="/search/?q=")

    @task(2)
    def search_with_facet(self) -> None:
        query = f"q={random.choice(SEARCH_TERMS)}&{random.choice(FACETS)}"
        self.client.get(f"/search/?{query}", name="/search/?q=&facet")

    @task(2)
    def open_a_hit(self) -> None:
        self.client.get(f"/documents/{self.record()}/", name="/documents/[id]/")


class ApiClient(ArchiveUser):
    """A script reading the public API: lists, records, versions, a search."""

    weight = 2
    wait_time = between(0.1, 0.5)

    @task(3)
    def record_json(self) -> None:
        self.client.get(f"/api/v1/documents/{self.record()}/", name="/api/v1/documents/[id]/")

    @task(2)
    def document_list(self) -> None:
        self.client.get("/api/v1/documents/", name="/api/v1/documents/")

    @task(1)
    def versions(self) -> None:
        self.client.get(
            f"/api/v1/documents/{self.record()}/versions/", name="/api/v1/documents/[id]/versions/"
        )

    @task(1)
    def api_search(self) -> None:
        self.client.get(
            "/api/v1/documents/", params={"q": random.choice(SEARCH_TERMS)}, name="/api/v1/documents/?q="
        )
