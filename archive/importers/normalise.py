"""Turning the values other systems write into the archive's own: dates, languages, names, Markdown.

Every reader (the plain-text WCDA records, TEI) shares these, so that "November 1967" or "German"
means the same thing whichever file it came from.
"""

import datetime as dt
import re

import pycountry
from django.core.exceptions import ValidationError

from archive.dates import MONTHS, parse_date
from archive.importers.problems import RecordRejected
from archive.models import Document, Person

_MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTHS, start=1)}
_MONTH_NUMBERS |= {name[:3].lower(): number for name, number in list(_MONTH_NUMBERS.items())}
_MONTH_NUMBERS["sept"] = 9
_MONTH_DAY_YEAR = re.compile(r"^(?P<month>[A-Za-z]+)\.? (?P<day>\d{1,2})(?:st|nd|rd|th)?,? (?P<year>\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(?P<day>\d{1,2})(?:st|nd|rd|th)? (?P<month>[A-Za-z]+)\.?,? (?P<year>\d{4})$")
_MONTH_YEAR = re.compile(r"^(?P<month>[A-Za-z]+)\.?,? (?P<year>\d{4})$")
_CIRCA = re.compile(r"^(?:circa|ca?\.)\s*(?P<date>.+)$", re.IGNORECASE)
DATE_FORMS = '"July 30, 1997", "30 July 1997", "November 1967", "1997", "circa 1958" or EDTF ("1997-07-30")'


def edtf_from_display(text: str, *, field: str) -> str:
    """ "July 30, 1997" -> "1997-07-30"; "November 1967" -> "1967-11"; EDTF passes through unchanged."""
    text = " ".join(text.split())
    circa = _CIRCA.match(text)
    if circa:
        return f"{edtf_from_display(circa['date'], field=field)}~"
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _MONTH_YEAR):
        match = pattern.match(text)
        if match:
            return _calendar_date(match.groupdict(), text, field=field)
    try:
        return parse_date(text).edtf
    except ValidationError:
        raise RecordRejected(field, f'"{text}" is not a date; write it as {DATE_FORMS}.') from None


def _calendar_date(parts: dict, text: str, *, field: str) -> str:
    month = _MONTH_NUMBERS.get(parts["month"].lower())
    if month is None:
        raise RecordRejected(field, f'"{text}": "{parts["month"]}" is not the name of a month.')
    if not parts.get("day"):
        return f"{parts['year']}-{month:02d}"
    try:
        day = dt.date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        raise RecordRejected(field, f'"{text}" is not a day of the calendar.') from None
    return day.isoformat()


# Names that pycountry spells differently ("Modern Greek (1453-)") or not at all ("Farsi").
_LANGUAGE_ALIASES = {"greek": "el", "farsi": "fa", "slovene": "sl", "pashto": "ps", "kyrgyz": "ky"}


def language_code(name: str, *, field: str) -> str:
    """ "German" or "de" or "deu" -> "de": the shortest ISO 639 code, as texts store it."""
    cleaned = name.strip()
    if cleaned.lower() in _LANGUAGE_ALIASES:
        return _LANGUAGE_ALIASES[cleaned.lower()]
    try:
        language = pycountry.languages.lookup(cleaned)
    except LookupError:
        language = _macrolanguage(cleaned)
    if language is None:
        raise RecordRejected(
            field,
            f'"{name}" is not a language name or ISO 639 code known to the archive (e.g. "German", "de").',
        )
    return getattr(language, "alpha_2", None) or language.alpha_3


def _macrolanguage(name: str):
    """ "Malay" -> "Malay (macrolanguage)", the form pycountry uses for a few common languages."""
    prefix = f"{name.lower()} ("
    return next((lang for lang in pycountry.languages if lang.name.lower().startswith(prefix)), None)


_PARENTHESIS = re.compile(r"^(?P<name>.*?)\s*(?P<parenthesis>\([^()]*\))$")


def person_from_heading(heading: str) -> dict:
    """A person from a catalogue heading: "Kohl, Helmut" is filed as given and shown as "Helmut Kohl".

    A heading with a comma is a person ("Family, Given"); one without is an organisation, as in
    "Japan-China Import-Export Association" or "Poland. Embassy (Canada)". A trailing parenthesis
    ("Chiang, Ching-kuo (Jiang Jingguo)") stays at the end of the displayed name.
    """
    heading = " ".join(heading.split())
    if "," not in heading:
        return {"name": heading, "sort_name": heading, "kind": Person.Kind.ORGANIZATION.value}
    match = _PARENTHESIS.match(heading)
    core, parenthesis = (match["name"], f" {match['parenthesis']}") if match else (heading, "")
    family, _comma, given = core.partition(",")
    return {
        "name": f"{given.strip()} {family.strip()}{parenthesis}".strip(),
        "sort_name": heading,
        "kind": Person.Kind.PERSON.value,
    }


# A line that Markdown would read as a heading, list item, quotation, rule or code fence.
_BLOCK_START = re.compile(r"^(?P<mark>#{1,6}(?=\s|$)|[-+*](?=\s)|>|=+\s*$|-{3,}\s*$|`{3,}|~{3,})")


def escape_block_start(line: str) -> str:
    """Escape a paragraph's first character where Markdown would otherwise make it markup.

    A numbered paragraph ("72. Mr. AIKEN") is left alone: it renders as a list item with the same
    number, which reads the same and keeps the stored text as the translator sees it.
    """
    return f"\\{line}" if _BLOCK_START.match(line) else line


_INLINE_SPECIAL = re.compile(r"([\\`*_])")
_MARKER_LIKE = re.compile(r"\[(\d{1,3})\]")


def escape_inline(text: str) -> str:
    """Escape characters that would become emphasis or code, and "[n]" that would become a note marker."""
    return _MARKER_LIKE.sub(r"\\[\1]", _INLINE_SPECIAL.sub(r"\\\1", text))


_TYPE_WORDS = {
    "letter": Document.Type.LETTER,
    "memorandum": Document.Type.MEMORANDUM,
    "telegram": Document.Type.TELEGRAM,
    "cable": Document.Type.TELEGRAM,
    "minutes": Document.Type.MINUTES,
    "report": Document.Type.REPORT,
    "speech": Document.Type.SPEECH,
    "address": Document.Type.SPEECH,
    "statement": Document.Type.SPEECH,
    "transcript": Document.Type.TRANSCRIPT,
    "diary": Document.Type.DIARY,
    "petition": Document.Type.PETITION,
    "treaty": Document.Type.TREATY,
    "agreement": Document.Type.TREATY,
}


def guess_document_type(title: str) -> str:
    """The type a title announces in its first word ("Letter, …", "Telegram From …"), else ""."""
    first_word = re.match(r"\W*(\w+)", title)
    if first_word is None:
        return ""
    if first_word[1].lower() == "memorandum" and title.lower().startswith("memorandum of conversation"):
        return Document.Type.MEMORANDUM_OF_CONVERSATION.value
    document_type = _TYPE_WORDS.get(first_word[1].lower())
    return document_type.value if document_type else ""
