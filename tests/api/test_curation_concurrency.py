"""Two clients updating one record at the same moment with the same ETag: the row lock makes them take
turns, and the second is refused (412) instead of overwriting the first.

Only PostgreSQL runs this: SQLite has no row locks, and its in-memory test database is not shared
between threads.
"""

import threading
import time

import pytest
from django.db import connection

from archive.models import Document
from curation.api import views, writes
from curation.history import revisions_of

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    # The test empties every table when it ends; the role groups come back through post_migrate.
    pytest.mark.django_db(transaction=True),
]

LIST = "/api/v1/curation/documents/"


def test_two_updates_from_the_same_etag_at_once_cannot_both_pass(
    client_as, translator, editor, draft_body, monkeypatch
):
    created = client_as(translator).post(LIST, draft_body(), format="json")
    url, etag = f"{LIST}{created.json()['id']}/", created.headers["ETag"]
    first_is_saving, second_has_started = threading.Event(), threading.Event()
    save = writes.save

    def slow_first_save(write, *, user):
        if user == editor:
            first_is_saving.set()
            second_has_started.wait(10)
            time.sleep(0.5)  # the second request is now waiting for the row lock
        return save(write, user=user)

    monkeypatch.setattr(views.writes, "save", slow_first_save)
    responses = {}

    def patch(name, user, summary, before=None):
        if before is not None:
            before.wait(10)
            second_has_started.set()
        try:
            responses[name] = client_as(user).patch(
                url, {"summary": summary}, format="json", HTTP_IF_MATCH=etag
            )
        finally:
            connection.close()

    threads = [
        threading.Thread(target=patch, args=("first", editor, "The editor's summary.")),
        threading.Thread(target=patch, args=("second", translator, "The translator's.", first_is_saving)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert responses["first"].status_code == 200
    assert responses["second"].status_code == 412
    document = Document.objects.get(pk=created.json()["id"])
    assert document.summary == "The editor's summary."
    assert revisions_of(document).count() == 2
