"""Uncertain dates: EDTF strings in, a human display date and an earliest/latest range out.

Archives date things "May 1962", "1958?", "1961-04/1961-06". We store the Extended Date/Time Format
string (Library of Congress EDTF, ISO 8601-2) as entered, and derive from it the display date shown
to readers and the earliest/latest calendar dates that sorting and range filters use.
"""

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from edtf import parse_edtf, struct_time_to_date
from edtf.parser import edtf_exceptions
from edtf.parser.parser_classes import (
    Date,
    DateAndTime,
    Interval,
    MultipleDates,
    OneOfASet,
    Season,
    UncertainOrApproximate,
    Unspecified,
)

EXAMPLES = (
    '"1962-05-21" (a day), "1967-11" (a month), "1958" (a year), "1958?" (uncertain), '
    '"1958~" (approximate), "196X" (the 1960s), "1961-04/1961-06" (a range), "1962-21" (spring 1962)'
)
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SEASONS = {21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter"}


@dataclass(frozen=True)
class ParsedDate:
    edtf: str
    display: str
    earliest: dt.date | None
    latest: dt.date | None


def parse_date(value: str) -> ParsedDate:
    """Parse an EDTF string; raise ValidationError naming the accepted forms if it does not parse."""
    return _parse_date(value.strip())


@lru_cache(maxsize=4096)
def _parse_date(value: str) -> ParsedDate:
    # The EDTF grammar is slow (~20 ms a parse) and the same few dates are parsed on every save and
    # every display; results are immutable, so they are cached. Failures raise and are not cached.
    calendar_date = _calendar_date(value)
    if calendar_date is not None:
        return calendar_date
    try:
        parsed = parse_edtf(value)
        earliest, latest = _bound(parsed.lower_strict()), _bound(parsed.upper_strict())
    except (edtf_exceptions.EDTFParseException, TypeError, ValueError, OverflowError) as exc:
        raise ValidationError(
            _('"%(value)s" is not a date in EDTF form. Accepted forms include %(examples)s.'),
            code="invalid_edtf",
            params={"value": value, "examples": EXAMPLES},
        ) from exc
    if earliest and latest and earliest > latest:
        raise ValidationError(
            _('"%(value)s" ends before it begins.'), code="inverted_edtf", params={"value": value}
        )
    return ParsedDate(edtf=value, display=display(parsed), earliest=earliest, latest=latest)


# A plain calendar date: a year, a month or a day ("1962", "1962-05", "1962-05-21").
_CALENDAR_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _calendar_date(value: str) -> ParsedDate | None:
    """A plain calendar date read without the EDTF grammar, or None for anything else.

    Most records carry one, and the grammar's ~20 ms a parse made publishing a record with a few
    uncached dates (its own, its provenance's) slow; the result is the grammar's, to the letter.
    """
    match = _CALENDAR_DATE_RE.fullmatch(value)
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    # Years before 1000 and "months" 13-41 (EDTF seasons and the like) are left to the grammar.
    if year < 1000 or (month is not None and not 1 <= month <= 12):
        return None
    try:
        if day is not None:
            earliest = latest = dt.date(year, month, day)
            shown = f"{MONTHS[month - 1]} {day}, {year}"
        elif month is not None:
            earliest = dt.date(year, month, 1)
            latest = dt.date(year, month, calendar.monthrange(year, month)[1])
            shown = f"{MONTHS[month - 1]} {year}"
        else:
            earliest, latest, shown = dt.date(year, 1, 1), dt.date(year, 12, 31), str(year)
    except ValueError:
        return None  # "1962-02-30": the grammar says what is wrong with it
    return ParsedDate(edtf=value, display=shown, earliest=earliest, latest=latest)


def validate_edtf(value: str) -> None:
    if value:
        parse_date(value)


def _bound(struct) -> dt.date | None:
    # Open intervals ("../1962") have infinite bounds, which mean "no limit" for range filters.
    if struct is None or (isinstance(struct, float) and math.isinf(struct)):
        return None
    return struct_time_to_date(struct)


def display(parsed) -> str:
    """A reader's rendering of a parsed EDTF value: "May 21, 1962", "November 1967", "circa 1958"."""
    if isinstance(parsed, UncertainOrApproximate):
        return _("circa %(date)s") % {"date": display(parsed.date)}
    if isinstance(parsed, DateAndTime):
        return display(parsed.date)
    if isinstance(parsed, Season):
        return f"{SEASONS.get(int(parsed.season), '')} {parsed._year}".strip()
    if isinstance(parsed, Interval):
        return _display_interval(parsed)
    if isinstance(parsed, OneOfASet):
        return _(" or ").join(display(item) for item in parsed.objects)
    if isinstance(parsed, MultipleDates):
        return _(" and ").join(display(item) for item in parsed.objects)
    if isinstance(parsed, Unspecified | Date):
        return _display_date(parsed)
    return str(parsed)


def _parts(date) -> tuple[str, str | None, str | None]:
    return str(date._year), date._month, date._day


def _display_date(date) -> str:
    year, month, day = _parts(date)
    if "X" in year.upper():
        stem = year.upper().rstrip("X")
        return f"{stem}{'0' * (4 - len(stem))}s" if stem else _("unknown date")
    if not month or "X" in str(month).upper():
        return year
    month_name = MONTHS[int(month) - 1]
    if not day or "X" in str(day).upper():
        return f"{month_name} {year}"
    return f"{month_name} {int(day)}, {year}"


def _display_interval(interval: Interval) -> str:
    lower, upper = interval.lower, interval.upper
    lower_text = "" if _is_open(lower) else display(lower)
    upper_text = "" if _is_open(upper) else display(upper)
    if not lower_text and not upper_text:
        return _("unknown date")
    if not lower_text:
        return _("before %(date)s") % {"date": upper_text}
    if not upper_text:
        return _("after %(date)s") % {"date": lower_text}
    if isinstance(lower, Date) and isinstance(upper, Date) and not isinstance(lower, Unspecified):
        compact = _compact_range(lower, upper)
        if compact:
            return compact
    return f"{lower_text}–{upper_text}"


def _is_open(part) -> bool:
    return part is None or str(part) in {"..", "", "unknown", "open"}


def _compact_range(lower: Date, upper: Date) -> str | None:
    """ "April–June 1961" and "April 12–14, 1961" rather than repeating the shared year and month."""
    (ly, lm, ld), (uy, um, ud) = _parts(lower), _parts(upper)
    if ly != uy or not lm or not um:
        return None
    if not ld and not ud:
        return f"{MONTHS[int(lm) - 1]}–{MONTHS[int(um) - 1]} {ly}"
    if ld and ud and lm == um:
        return f"{MONTHS[int(lm) - 1]} {int(ld)}–{int(ud)}, {ly}"
    return None
