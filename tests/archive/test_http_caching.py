"""HTTP caching of the document page and its downloads: ETag, Last-Modified, 304, Cache-Control."""

import pytest
from django.utils.http import http_date

from curation import actions
from tests.archive.document_records import build_record
from tests.factories import publish, record_revision

pytestmark = pytest.mark.django_db

PATHS = [
    "/documents/{pk}/",
    "/documents/{pk}/v/1/",
    "/documents/{pk}/download.txt",
    "/documents/{pk}/download.json",
]


@pytest.fixture
def record(translator, second_editor):
    record = build_record(author=translator)
    publish(record, approver=second_editor)
    return record


@pytest.mark.parametrize("path", PATHS)
def test_responses_carry_validators_and_are_publicly_cacheable(client, record, path):
    response = client.get(path.format(pk=record.pk))
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"] == http_date(record.current_version.published_at.timestamp())
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]


@pytest.mark.parametrize("path", PATHS)
def test_revalidation_with_the_etag_answers_304_in_one_query(client, record, path, django_assert_num_queries):
    url = path.format(pk=record.pk)
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(1):
        response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_revalidation_by_date_answers_304(client, record):
    url = f"/documents/{record.pk}/"
    last_modified = client.get(url)["Last-Modified"]
    assert client.get(url, headers={"if-modified-since": last_modified}).status_code == 304


def test_a_new_version_changes_the_validators_of_every_version(client, record, editor, second_editor):
    current, first = f"/documents/{record.pk}/", f"/documents/{record.pk}/v/1/"
    old = {url: client.get(url)["ETag"] for url in (current, first)}
    record.title = "A corrected title"
    publish(record, author=editor, approver=second_editor, note="Title corrected.")
    for url, etag in old.items():
        response = client.get(url, headers={"if-none-match": etag})
        assert response.status_code == 200
        assert response["ETag"] != etag
    assert "A corrected title" in client.get(current).content.decode()


def test_an_unpublished_edit_changes_nothing(client, record, editor):
    url = f"/documents/{record.pk}/"
    etag = client.get(url)["ETag"]
    record.title = "A draft title"
    record_revision(record, user=editor)
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_withdrawal_ends_revalidation(client, record, editor):
    url = f"/documents/{record.pk}/"
    etag = client.get(url)["ETag"]
    actions.withdraw(record, actor=editor, reason="Withdrawn at the rights holder's request.")
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 410
    assert not response.has_header("ETag")


def test_head_is_answered_and_writes_are_refused(client, record):
    url = f"/documents/{record.pk}/"
    head = client.head(url)
    assert head.status_code == 200
    assert head.has_header("ETag")
    assert client.post(url).status_code == 405
