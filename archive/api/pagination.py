"""Cursor pagination by keyset: a page continues after the last row of the page before, never at an offset.

A list's order is a tuple of keys that ends in a unique one (the primary key). A cursor holds the key
values of the row to continue from and the direction, as an opaque URL-safe token, so a client follows
`next` and `previous` and never builds one. Because a page is "the rows after these values", a record
published or withdrawn while a client pages through the list shifts nothing: no row is skipped or shown
twice, and every page is one indexed query however deep it is.

NULLs (an undated record) sort after every value in both directions, as the reading room sorts them.
"""

import base64
import binascii
import datetime as dt
import json
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, Model, OrderBy, Q, QuerySet
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Key:
    """One column of a list's order."""

    name: str
    descending: bool = False
    nulls_last: bool = True

    @classmethod
    def of(cls, ordering: str | OrderBy) -> "Key":
        """A key from an order_by() term: "title", "-pk" or F("date_earliest").asc(nulls_last=True)."""
        if isinstance(ordering, str):
            return cls(ordering.removeprefix("-"), descending=ordering.startswith("-"))
        return cls(
            ordering.expression.name, descending=ordering.descending, nulls_last=not ordering.nulls_first
        )

    def reversed(self) -> "Key":
        return Key(self.name, descending=not self.descending, nulls_last=not self.nulls_last)

    def order_by(self) -> OrderBy:
        if self.nulls_last:
            return OrderBy(F(self.name), descending=self.descending, nulls_last=True)
        return OrderBy(F(self.name), descending=self.descending, nulls_first=True)

    def equals(self, value: Any) -> Q:
        return Q(**{f"{self.name}__isnull": True}) if value is None else Q(**{self.name: value})

    def beyond(self, value: Any) -> Q:
        """The rows this key puts after `value`."""
        if value is None:
            return Q(pk__in=[]) if self.nulls_last else Q(**{f"{self.name}__isnull": False})
        later = Q(**{f"{self.name}__{'lt' if self.descending else 'gt'}": value})
        return later | Q(**{f"{self.name}__isnull": True}) if self.nulls_last else later


@dataclass(frozen=True)
class Cursor:
    """Where a page starts: after the row with these key values, forwards or (for `previous`) backwards."""

    values: tuple
    backwards: bool = False

    def encode(self) -> str:
        data = json.dumps({"v": self.values, "b": self.backwards}, default=_jsonable, separators=(",", ":"))
        return base64.urlsafe_b64encode(data.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str, *, keys: Sequence[Key], model: type[Model]) -> "Cursor":
        """The cursor of a `next` or `previous` link; a 400 naming the parameter for anything else."""
        try:
            data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
            values, backwards = data["v"], data["b"]
            if not isinstance(values, list) or len(values) != len(keys) or not isinstance(backwards, bool):
                raise ValueError(token)
            typed = tuple(_typed(model, key.name, value) for key, value in zip(keys, values, strict=True))
        except (ValueError, TypeError, KeyError, binascii.Error, DjangoValidationError):
            raise ValidationError(
                {"cursor": [_("This cursor is not valid here; follow the next and previous links as given.")]}
            ) from None
        return cls(typed, backwards)


def _jsonable(value: Any) -> str:
    """Dates and times in full: DjangoJSONEncoder would cut microseconds, and the key must be exact."""
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a key value")


def _typed(model: type[Model], name: str, value: Any) -> Any:
    """A JSON value back as the column's Python value (a date from "1962-05-21")."""
    if value is None:
        return None
    try:
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    except FieldDoesNotExist:
        # An annotation (the search's relevance): a number.
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(value) from None
        return value
    if isinstance(value, dict | list):
        raise ValueError(value)
    return field.to_python(value)


@dataclass(frozen=True)
class KeysetPage:
    rows: list
    next: Cursor | None
    previous: Cursor | None


def paginate(queryset: QuerySet, *, keys: Sequence[Key], cursor: Cursor | None, size: int) -> KeysetPage:
    """One page of `queryset` in the order of `keys`: a single query, whatever the page's depth."""
    backwards = cursor is not None and cursor.backwards
    order = [key.reversed() for key in keys] if backwards else list(keys)
    if cursor is not None:
        queryset = queryset.filter(_after(order, cursor.values))
    rows = list(queryset.order_by(*(key.order_by() for key in order))[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    has_next = more if not backwards else True
    has_previous = cursor is not None if not backwards else more
    return KeysetPage(
        rows=rows,
        next=Cursor(_values(rows[-1], keys)) if rows and has_next else None,
        previous=Cursor(_values(rows[0], keys), backwards=True) if rows and has_previous else None,
    )


def _after(keys: Sequence[Key], values: tuple) -> Q:
    """Rows after `values` in the order of `keys`: greater on the first key, or equal on it and after on
    the rest (a row comparison, written out because NULLs and mixed directions rule out SQL's own)."""
    alternatives = []
    for position, key in enumerate(keys):
        same_before = [earlier.equals(value) for earlier, value in zip(keys[:position], values, strict=False)]
        alternatives.append(reduce(operator.and_, [*same_before, key.beyond(values[position])]))
    return reduce(operator.or_, alternatives)


def _values(row: Any, keys: Sequence[Key]) -> tuple:
    if isinstance(row, dict):
        return tuple(row[key.name] for key in keys)
    return tuple(getattr(row, key.name) for key in keys)
