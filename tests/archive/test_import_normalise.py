"""Values from other systems made the archive's own: display dates, language names, headings, Markdown."""

import pytest

from archive.importers.normalise import (
    edtf_from_display,
    escape_block_start,
    escape_inline,
    guess_document_type,
    language_code,
    person_from_heading,
)
from archive.importers.problems import RecordRejected
from archive.markers import find_markers


@pytest.mark.parametrize(
    ("display", "edtf"),
    [
        ("July 30, 1997", "1997-07-30"),
        ("November 6, 1967", "1967-11-06"),
        ("November 1967", "1967-11"),
        ("30 July 1997", "1997-07-30"),
        ("1st April, 1949", "1949-04-01"),
        ("Sept. 19, 1958", "1958-09-19"),
        ("1997", "1997"),
        ("circa 1958", "1958~"),
        ("1961-04/1961-06", "1961-04/1961-06"),
        ("1958?", "1958?"),
    ],
)
def test_display_dates_become_edtf(display, edtf):
    assert edtf_from_display(display, field="date") == edtf


@pytest.mark.parametrize(
    ("display", "reason"),
    [
        ("Julember 5, 1997", '"Julember" is not the name of a month'),
        ("February 30, 1997", "is not a day of the calendar"),
        ("the day after", "is not a date; write it as"),
    ],
)
def test_bad_dates_say_what_is_wrong(display, reason):
    with pytest.raises(RecordRejected) as rejected:
        edtf_from_display(display, field="original_publication_date")
    assert str(rejected.value).startswith("original_publication_date: ")
    assert reason in str(rejected.value)


@pytest.mark.parametrize(
    ("name", "code"),
    [("German", "de"), ("japanese", "ja"), ("de", "de"), ("rus", "ru"), ("Greek", "el"), ("Malay", "ms")],
)
def test_language_names_and_codes(name, code):
    assert language_code(name, field="language") == code


def test_unknown_language_is_rejected():
    with pytest.raises(RecordRejected, match=r'^language: "Elvish" is not a language name or ISO 639 code'):
        language_code("Elvish", field="language")


@pytest.mark.parametrize(
    ("heading", "name", "kind"),
    [
        ("Kohl, Helmut", "Helmut Kohl", "person"),
        ("Chiang, Ching-kuo (Jiang Jingguo)", "Ching-kuo Chiang (Jiang Jingguo)", "person"),
        ("Japan-China Import-Export Association", "Japan-China Import-Export Association", "organization"),
        ("Poland. Embassy (Canada)", "Poland. Embassy (Canada)", "organization"),
    ],
)
def test_catalogue_headings(heading, name, kind):
    person = person_from_heading(heading)
    assert (person["name"], person["sort_name"], person["kind"]) == (name, heading, kind)


@pytest.mark.parametrize(
    ("line", "escaped"),
    [
        ("# 1 Secret", "\\# 1 Secret"),
        ("- not a list", "\\- not a list"),
        ("> not a quotation", "\\> not a quotation"),
        ("---", "\\---"),
        ("72. Mr. AIKEN (Ireland): Mr. President", "72. Mr. AIKEN (Ireland): Mr. President"),
        ("[handwritten] Copy sent to P.R./UN.", "[handwritten] Copy sent to P.R./UN."),
    ],
)
def test_block_markup_at_the_start_of_a_paragraph_is_escaped(line, escaped):
    assert escape_block_start(line) == escaped


def test_inline_escaping_keeps_a_literal_bracketed_number_from_becoming_a_marker():
    escaped = escape_inline("see item [3] and *stars* or snake_case")
    assert find_markers(escaped) == []
    assert escaped == "see item \\[3] and \\*stars\\* or snake\\_case"


@pytest.mark.parametrize(
    ("title", "document_type"),
    [
        ("Letter, Jawaharlal Nehru to All Provincial Premiers", "letter"),
        ("Telegram From the Embassy in the Soviet Union to the Department of State", "telegram"),
        ("Address by Mr. Frank Aiken to the United Nations General Assembly", "speech"),
        ("Memorandum of Conversation between Mao Zedong and Khrushchev", "memcon"),
        ("The Chancellor's Conversation with the President of Ukraine", ""),
    ],
)
def test_document_type_from_the_first_word_of_the_title(title, document_type):
    assert guess_document_type(title) == document_type
