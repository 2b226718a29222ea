"""A withdrawn record answers 410 with its tombstone everywhere it was public; its text is gone."""

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from curation import actions
from tests.archive.document_records import build_record
from tests.factories import publish, record_revision

pytestmark = pytest.mark.django_db

REASON = "The original proved to be a forgery; see the editors' note of 3 March 2027."
WITHDRAWN_PATHS = [
    "/documents/{pk}/",
    "/documents/{pk}/v/1/",
    "/documents/{pk}/download.pdf",
    "/documents/{pk}/download.txt",
    "/documents/{pk}/download.json",
    "/documents/{pk}/v/1/download.json",
]


@pytest.fixture
def withdrawn(translator, editor, second_editor):
    record = build_record(author=translator, title="Report on the Novocherkassk events")
    publish(record, approver=second_editor)
    actions.withdraw(record, actor=editor, reason=REASON)
    return record


@pytest.mark.parametrize("path", WITHDRAWN_PATHS)
def test_a_withdrawn_record_answers_410_and_never_its_text(client, withdrawn, path):
    response = client.get(path.format(pk=withdrawn.pk))
    html = response.content.decode()
    assert response.status_code == 410
    assert "Report on the Novocherkassk events" in html
    assert "Paragraph 1 of the en-translation text." not in html
    assert "Note 1 of the" not in html
    assert not response.has_header("ETag")


def test_the_tombstone_gives_the_reason_the_date_and_the_citation(client, withdrawn, settings):
    html = client.get(f"/documents/{withdrawn.pk}/").content.decode()
    withdrawn_on = date_format(timezone.localtime(withdrawn.withdrawn_at), "j F Y")
    assert REASON.replace("'", "&#x27;") in html
    assert f"This document was withdrawn from the archive on {withdrawn_on}." in html
    assert (
        f"&quot;Report on the Novocherkassk events,&quot; May 21, 1962, {settings.ARCHIVE_NAME}, "
        f"RGANI, F. 3, Op. 16, D. 947, Ll. 15-16. Translated by Gary Goldberg. "
        f"{settings.SITE_URL}/documents/{withdrawn.pk}/"
    ) in html
    assert '<meta name="robots" content="noindex">' in html


def test_a_withdrawn_record_has_no_json_ld(client, withdrawn):
    assert "application/ld+json" not in client.get(f"/documents/{withdrawn.pk}/").content.decode()


def test_a_record_withdrawn_with_an_unpublished_edit_shows_neither_version(
    client, translator, editor, second_editor
):
    record = build_record(author=translator, title="Report on the Novocherkassk events")
    publish(record, approver=second_editor)
    record.title = "A draft title nobody approved"
    record_revision(record, user=editor)
    actions.withdraw(record, actor=editor, reason=REASON)
    html = client.get(f"/documents/{record.pk}/").content.decode()
    assert "Report on the Novocherkassk events" in html
    assert "A draft title nobody approved" not in html


def test_the_tombstone_costs_few_queries(client, withdrawn, django_assert_num_queries):
    with django_assert_num_queries(3):
        assert client.get(f"/documents/{withdrawn.pk}/").status_code == 410
