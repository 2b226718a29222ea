"""Cursor pagination: a page continues from where the page before ended, named by an opaque token.

A list sorted by columns (a date, a title, a publication time) is cut by keyset: the cursor holds the
sort values of the row to continue after, so a record published or withdrawn while a client pages
through the list shifts nothing, no row is skipped or shown twice, and every page is one indexed
query however deep it is. A list sorted by a computed score (search relevance, which itself changes
as the archive grows) has no stored values to continue from; its cursor holds an offset instead.

Either way the client follows `next` and `previous` and never builds a cursor. NULLs (an undated
record) sort after every value in both directions, as the reading room sorts them.
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
# Deeper than any reader pages through a relevance-ranked list; keeps OFFSET cheap.
MAX_OFFSET = 10_000


@dataclass(frozen=True)
class Key:
    """One column of a list's order."""

    name: str
    descending: bool = False
    nulls_last: bool = True

    @classmethod
    def of(cls, term: str | OrderBy) -> "Key":
        """A key from an order_by() term: "title", "-pk" or F("date_earliest").asc(nulls_last=True)."""
        if isinstance(term, str):
            return cls(term.removeprefix("-"), descending=term.startswith("-"))
        return cls(term.expression.name, descending=term.descending, nulls_last=not term.nulls_first)

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
class Order:
    """How a list is sorted (order_by() terms ending in a unique one), and so how its pages are cut."""

    name: str
    terms: tuple
    model: type[Model]
    # Sorted by a computed score: pages are cut by offset, not by the rows' values.
    by_offset: bool = False

    @property
    def keys(self) -> list[Key]:
        return [Key.of(term) for term in self.terms]


@dataclass(frozen=True)
class Cursor:
    """Where a page starts: after the row with `values` (before it, going backwards), or at `offset`."""

    order: str
    values: tuple = ()
    offset: int = 0
    backwards: bool = False

    def encode(self) -> str:
        data = {"o": self.order, "v": self.values, "n": self.offset, "b": self.backwards}
        text = json.dumps(data, default=_jsonable, separators=(",", ":"))
        return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str, *, order: Order) -> "Cursor":
        """The cursor of a `next` or `previous` link of this order; a 400 naming the parameter otherwise."""
        try:
            data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
            cursor = cls(data["o"], tuple(data["v"]), data["n"], data["b"])
            if cursor.order != order.name or not isinstance(cursor.backwards, bool):
                raise ValueError(token)
            return cursor.typed(order)
        except (
            ValueError,
            TypeError,
            KeyError,
            AttributeError,
            binascii.Error,
            FieldDoesNotExist,
            DjangoValidationError,
        ):
            raise ValidationError(
                {"cursor": [_("This cursor is not valid here; follow the next and previous links as given.")]}
            ) from None

    def typed(self, order: Order) -> "Cursor":
        """The JSON values back as the columns' Python values (a date from "1962-05-21"), checked."""
        if order.by_offset:
            if self.values or type(self.offset) is not int or not 0 <= self.offset <= MAX_OFFSET:
                raise ValueError(self.offset)
            return self
        keys = order.keys
        if len(self.values) != len(keys) or self.offset:
            raise ValueError(self.values)
        values = tuple(
            _typed(order.model, key.name, value) for key, value in zip(keys, self.values, strict=True)
        )
        return Cursor(self.order, values, 0, self.backwards)


def _jsonable(value: Any) -> str:
    """Dates and times in full: DjangoJSONEncoder would cut microseconds, and a key must be exact."""
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a key value")


def _typed(model: type[Model], name: str, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, dict | list | bool):
        raise ValueError(value)
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    return field.to_python(value)


@dataclass(frozen=True)
class Page:
    rows: list
    next: Cursor | None
    previous: Cursor | None


def paginate(queryset: QuerySet, *, order: Order, cursor: Cursor | None, size: int) -> Page:
    """One page of `queryset` in `order`: a single query, by keyset or, for a score, by offset."""
    if order.by_offset:
        return _by_offset(queryset, order=order, cursor=cursor, size=size)
    return _by_keyset(queryset, order=order, cursor=cursor, size=size)


def _by_keyset(queryset: QuerySet, *, order: Order, cursor: Cursor | None, size: int) -> Page:
    backwards = cursor is not None and cursor.backwards
    keys = [key.reversed() for key in order.keys] if backwards else order.keys
    if cursor is not None:
        queryset = queryset.filter(_after(keys, cursor.values))
    rows = list(queryset.order_by(*(key.order_by() for key in keys))[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    has_next = more if not backwards else True
    has_previous = cursor is not None if not backwards else more
    return Page(
        rows=rows,
        next=Cursor(order.name, _values(rows[-1], order.keys)) if rows and has_next else None,
        previous=Cursor(order.name, _values(rows[0], order.keys), backwards=True)
        if rows and has_previous
        else None,
    )


def _by_offset(queryset: QuerySet, *, order: Order, cursor: Cursor | None, size: int) -> Page:
    start = cursor.offset if cursor is not None else 0
    rows = list(queryset.order_by(*order.terms)[start : start + size + 1])
    more = len(rows) > size and start + size <= MAX_OFFSET
    return Page(
        rows=rows[:size],
        next=Cursor(order.name, offset=start + size) if more else None,
        previous=Cursor(order.name, offset=max(start - size, 0)) if start > 0 else None,
    )


def _after(keys: Sequence[Key], values: tuple) -> Q:
    """Rows after `values` in the order of `keys`: later on the first key, or equal on it and later on
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
