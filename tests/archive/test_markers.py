import pytest

from archive.markers import MARKER_RE, compare_markers, find_markers


def test_numbered_brackets_are_markers():
    assert find_markers("Madrid[1] and then [2]. Later [10].") == [1, 2, 10]


@pytest.mark.parametrize(
    "body",
    [
        "F[idel] said [there] was no [733rd meeting].",
        "In [1961] the talks began.",
        "See [1](https://example.org) and [2]: https://example.org",
        r"An escaped \[3\] bracket.",
        "A zero [0] is not a note.",
    ],
)
def test_editorial_brackets_are_text(body):
    assert find_markers(body) == []


def test_compare_reports_each_mismatch():
    report = compare_markers("One[1] two[2] two again[2] four[4]", [1, 3, 4])
    assert report.missing_notes == (2,)
    assert report.unmarked_notes == (3,)
    assert report.repeated_markers == (2,)
    assert not report.ok
    assert compare_markers("One[1]", [1]).ok


def test_a_marker_read_at_a_position_still_sees_the_backslash_before_it():
    """The Markdown rule reads markers with match() at the "[" it stands on (archive.rendering)."""
    assert MARKER_RE.match("see [4] here", 4)["number"] == "4"
    assert MARKER_RE.match(r"see \[4] here", 5) is None
    assert [m["number"] for m in MARKER_RE.finditer(r"[1]\[2][3]")] == ["1", "3"]
