"""Invariants the schema itself enforces, on SQLite and PostgreSQL alike."""

import pytest
from django.db import IntegrityError, transaction

from archive.models import Document, Footnote, Place, Text
from tests.factories import DocumentFactory, PlaceFactory, TextFactory

pytestmark = pytest.mark.django_db


def test_a_place_name_is_unique_within_its_parent_and_at_the_top_level():
    union = PlaceFactory(name="Soviet Union")
    PlaceFactory(name="Moscow", parent=union)
    PlaceFactory(name="Moscow", parent=PlaceFactory(name="Idaho"))  # another Moscow, elsewhere
    with transaction.atomic(), pytest.raises(IntegrityError):
        Place.objects.create(name="Moscow", parent=union)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Place.objects.create(name="Soviet Union")


def test_footnote_numbers_are_unique_per_text_and_positive():
    text = TextFactory()
    Footnote.objects.create(text=text, number=1, body="One.")
    with transaction.atomic(), pytest.raises(IntegrityError):
        Footnote.objects.create(text=text, number=1, body="Again.")
    with transaction.atomic(), pytest.raises(IntegrityError):
        Footnote.objects.create(text=text, number=0, body="Zero.")


def test_one_text_per_kind_and_language():
    document = DocumentFactory()
    Text.objects.create(document=document, kind=Text.Kind.TRANSLATION, language="en", body="x")
    with transaction.atomic(), pytest.raises(IntegrityError):
        Text.objects.create(document=document, kind=Text.Kind.TRANSLATION, language="en", body="y")


def test_a_document_needs_a_title_and_dates_in_order():
    with transaction.atomic(), pytest.raises(IntegrityError):
        Document.objects.bulk_create([Document(title="", original_language="en")])
    with transaction.atomic(), pytest.raises(IntegrityError):
        Document.objects.bulk_create(
            [
                Document(
                    title="T", original_language="en", date_earliest="1962-05-02", date_latest="1962-05-01"
                )
            ]
        )


def test_the_date_range_follows_the_edtf_date():
    document = DocumentFactory(date="1961-04/1961-06")
    assert (str(document.date_earliest), str(document.date_latest)) == ("1961-04-01", "1961-06-30")
    assert document.display_date == "April–June 1961"
