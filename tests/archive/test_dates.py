import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from archive.dates import parse_date


@pytest.mark.parametrize(
    ("edtf", "display", "earliest", "latest"),
    [
        ("1962-05-21", "May 21, 1962", dt.date(1962, 5, 21), dt.date(1962, 5, 21)),
        ("1967-11", "November 1967", dt.date(1967, 11, 1), dt.date(1967, 11, 30)),
        ("1958", "1958", dt.date(1958, 1, 1), dt.date(1958, 12, 31)),
        ("1958?", "circa 1958", dt.date(1958, 1, 1), dt.date(1958, 12, 31)),
        ("1958~", "circa 1958", dt.date(1958, 1, 1), dt.date(1958, 12, 31)),
        ("196X", "1960s", dt.date(1960, 1, 1), dt.date(1969, 12, 31)),
        ("1961-04/1961-06", "April–June 1961", dt.date(1961, 4, 1), dt.date(1961, 6, 30)),
        ("1961-04-12/1961-04-14", "April 12–14, 1961", dt.date(1961, 4, 12), dt.date(1961, 4, 14)),
        ("1961/1963", "1961–1963", dt.date(1961, 1, 1), dt.date(1963, 12, 31)),
        ("1962-21", "Spring 1962", dt.date(1962, 3, 1), dt.date(1962, 5, 31)),
        ("1961-06-04T10:15:00+02:00", "June 4, 1961", dt.date(1961, 6, 4), dt.date(1961, 6, 4)),
    ],
)
def test_edtf_gives_display_date_and_range(edtf, display, earliest, latest):
    parsed = parse_date(edtf)
    assert (parsed.display, parsed.earliest, parsed.latest) == (display, earliest, latest)


@pytest.mark.parametrize("bad", ["1960s", "May 1962", "1962-13-01", "21/05/1962"])
def test_unparseable_date_names_the_value_and_accepted_forms(bad):
    with pytest.raises(ValidationError) as error:
        parse_date(bad)
    message = error.value.messages[0]
    assert f'"{bad}" is not a date in EDTF form' in message
    assert '"1958?" (uncertain)' in message
