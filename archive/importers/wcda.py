"""The plain-text records of the Wilson Center Digital Archive (../shared/samples/wcda-*.txt).

One record per file: "#" comment lines, then "key: value" fields (list fields hold JSON arrays, and
"(none)" means empty), then the text between "----- text_body (verbatim) -----" and
"----- end text_body -----", whose trailing "[n] …" lines are the footnotes.

The body is the English text the archive shows: for a non-English original it is the translation,
for an English original it is the original itself. Each line of it is one Markdown paragraph.
"""

import re
from pathlib import Path

from archive.credits import compose_credits, parse_source, source_sentence
from archive.importers.candidates import Candidate
from archive.importers.jsontext import InvalidJSON, load_json
from archive.importers.normalise import (
    edtf_from_display,
    escape_block_start,
    guess_document_type,
    language_code,
    person_from_heading,
)
from archive.importers.problems import RecordRejected
from archive.models import Footnote, ProvenanceEvent, Text

BODY_START = "----- text_body (verbatim) -----"
BODY_END = "----- end text_body -----"
FIELD_LINE = re.compile(r"^(?P<key>[a-z][a-z0-9_]*): ?(?P<value>.*)$")
EMPTY_VALUE = re.compile(r"^\((?:none|field not captured[^)]*)\)$")
LIST_FIELDS = {
    "original_archive_title",
    "language",
    "authors",
    "document_contributors",
    "associated_places",
    "subjects_discussed",
    "associated_people_orgs",
    "donors",
}
# Free-text fields whose value may continue on the next lines (the rights statement does).
MULTILINE_FIELDS = {"summary", "rights", "source", "credits"}
# Facts about the copy, not the record: read, checked, not stored.
UNSTORED_FIELDS = {"scraped_at"}
KNOWN_FIELDS = LIST_FIELDS | MULTILINE_FIELDS | UNSTORED_FIELDS
KNOWN_FIELDS |= {"document_url", "record_id", "title", "original_publication_date", "original_classification"}
KNOWN_FIELDS |= {"original_upload_date"}
FUNDING_LINE = re.compile(r"^This document was made possible with support from (?P<donor>.+?)\.?$")
NOTE_LINE = re.compile(r"^\s*\[(?P<number>[1-9]\d{0,2})\]\s+(?P<body>\S.*?)\s*$")
REPOSITORY_NAME = re.compile(r"^(?P<name>.+?)\s*\((?P<abbreviation>[^()]+)\)$")
ARCHIVE_NAME = "Wilson Center Digital Archive"


def looks_like_wcda(text: str) -> bool:
    return BODY_START in text


def read_wcda(path: Path, text: str) -> list[Candidate]:
    # Named by its record id even when the header around it cannot be read.
    record_id = re.search(r"^record_id: *(\S+)", text, re.MULTILINE)
    label = f"record {record_id[1]}" if record_id else "record 1"
    try:
        fields, body = split_record(text)
        record, notes = wcda_record(fields, body)
    except RecordRejected as rejected:
        return [Candidate.rejected(path, label, rejected)]
    source = _Values(fields).text("source")
    return [Candidate.read(path, label, record, notes, source_sentence=source)]


def split_record(text: str) -> tuple[dict[str, str], str]:
    """The header fields (raw strings) and the verbatim body, or RecordRejected naming the line."""
    lines = text.replace("\r\n", "\n").split("\n")
    if BODY_START not in lines:
        raise RecordRejected("text_body", f'the line "{BODY_START}" that opens the text is missing.')
    start = lines.index(BODY_START)
    if BODY_END not in lines[start:]:
        raise RecordRejected("text_body", f'the text is not closed by a line "{BODY_END}".')
    end = lines.index(BODY_END, start)
    trailing = next((n for n, line in enumerate(lines[end + 1 :], start=end + 2) if line.strip()), None)
    if trailing is not None:
        raise RecordRejected("text_body", f'line {trailing}: text after "{BODY_END}".')
    return read_header(lines[:start]), "\n".join(lines[start + 1 : end])


def read_header(lines: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    current = None
    for number, line in enumerate(lines, start=1):
        match = FIELD_LINE.match(line)
        if match:
            current = match["key"]
            if current in fields:
                raise RecordRejected(current, f"line {number}: the field appears a second time.")
            fields[current] = match["value"]
        elif (line.startswith("#") and current is None) or not line.strip():
            continue
        elif current in MULTILINE_FIELDS:
            fields[current] += f"\n{line}"
        else:
            raise RecordRejected(
                "header", f'line {number}: "{line[:60]}" is not a "key: value" field (nor a comment).'
            )
    return fields


def wcda_record(fields: dict[str, str], body: str) -> tuple[dict, list[str]]:
    """The archive's record for a WCDA record's fields, and notes for the report."""
    value = _Values(fields)
    record_id = value.text("record_id")
    if not record_id:
        raise RecordRejected("record_id", "missing: it identifies the record when it is imported again.")
    languages = [language_code(name, field="language") for name in value.list("language")]
    if not languages:
        raise RecordRejected("language", 'missing: name the original language, e.g. ["German"].')
    original = languages[0]
    notes = [f"unknown field {key!r} ignored." for key in sorted(set(fields) - KNOWN_FIELDS)]
    record = {
        "external_id": f"wcda:{record_id}",
        "title": value.text("title"),
        "date": _date(value.text("original_publication_date")),
        "summary": value.text("summary"),
        "document_type": guess_document_type(value.text("title")),
        "original_language": original,
        "original_classification": value.text("original_classification"),
        "rights": value.text("rights"),
        "creators": [
            person_from_heading(h) for h in value.list("authors") + value.list("document_contributors")
        ],
        "people": [person_from_heading(heading) for heading in value.list("associated_people_orgs")],
        "places": [{"name": name} for name in value.list("associated_places")],
        "subjects": [{"heading": heading} for heading in value.list("subjects_discussed")],
        "donors": [{"name": name} for name in _donors(value)],
        "texts": [_text(body, original)],
        "provenance": _provenance(value),
    }
    source_notes = _add_source(record, value.text("source"), value.list("original_archive_title"))
    return record, notes + source_notes


class _Values:
    """Header values as the archive wants them: "(none)" is empty, list fields are JSON arrays."""

    def __init__(self, fields: dict[str, str]) -> None:
        self.fields = fields

    def text(self, key: str) -> str:
        raw = self.fields.get(key, "").strip()
        return "" if EMPTY_VALUE.match(raw) else raw

    def list(self, key: str) -> list[str]:
        raw = self.text(key)
        if not raw:
            return []
        try:
            values = load_json(raw)
        except InvalidJSON as error:
            if error.column is None:
                raise RecordRejected(key, str(error)) from None
            raise RecordRejected(
                key, f"not a JSON array of strings ({error.reason} at column {error.column})."
            ) from None
        if not isinstance(values, list) or not all(isinstance(item, str) for item in values):
            raise RecordRejected(key, "not a JSON array of strings.")
        return [item.strip() for item in values if item.strip()]


def _date(display: str) -> str:
    return edtf_from_display(display, field="original_publication_date") if display else ""


def _donors(value: _Values) -> list[str]:
    """Every donor listed, and the funding line's donor (the scraper kept only the first there)."""
    donors = value.list("donors")
    funding = value.text("credits")
    if funding:
        match = FUNDING_LINE.match(funding)
        if match is None:
            raise RecordRejected("credits", 'expected "This document was made possible with support from …".')
        if match["donor"] not in donors:
            donors.append(match["donor"])
    return donors


def _text(body: str, original_language: str) -> dict:
    lines = body.split("\n")
    notes_start, footnotes = split_footnotes(lines)
    paragraphs = [escape_block_start(line.strip()) for line in lines[:notes_start] if line.strip()]
    english_original = original_language == "en"
    note_kind = Footnote.Kind.ORIGINAL if english_original else Footnote.Kind.TRANSLATOR
    return {
        "kind": Text.Kind.ORIGINAL.value if english_original else Text.Kind.TRANSLATION.value,
        "language": "en",
        "body": "\n\n".join(paragraphs),
        "footnotes": [{"number": n, "kind": note_kind.value, "body": text} for n, text in footnotes],
    }


def split_footnotes(lines: list[str]) -> tuple[int, list[tuple[int, str]]]:
    """Where the notes begin, and the notes: the last run of lines "[1] …", "[2] …" up to the end.

    Only a run numbered 1, 2, 3 … to the very end counts, so that a bracketed "[1]" inside the body
    (a marker, or an editorial bracket) is never taken for a note.
    """
    content = [index for index, line in enumerate(lines) if line.strip()]
    for first in reversed(content):
        match = NOTE_LINE.match(lines[first])
        if match is None:
            break
        if match["number"] == "1":
            run = [NOTE_LINE.match(lines[index]) for index in content if index >= first]
            if all(run) and [int(m["number"]) for m in run] == list(range(1, len(run) + 1)):
                return first, [(int(m["number"]), m["body"]) for m in run]
            break
    return len(lines), []


def _provenance(value: _Values) -> list[dict]:
    """Where the text was published online: the WCDA page and the date it went up."""
    url, uploaded = value.text("document_url"), value.text("original_upload_date")
    if not url:
        return []
    return [
        {
            "kind": ProvenanceEvent.Kind.DIGITISED.value,
            "date": edtf_from_display(uploaded, field="original_upload_date") if uploaded else "",
            "agent": ARCHIVE_NAME,
            "reference": url,
        }
    ]


def _add_source(record: dict, source: str, archive_titles: list[str]) -> list[str]:
    """Repository, archival reference and credits from the source sentence, or the sentence kept whole."""
    repository = _repository(archive_titles[0]) if archive_titles else None
    record["repository"] = repository
    parsed = parse_source(source)
    if not parsed.matched:
        record["source_override"] = source
        return ["the source sentence follows no pattern: kept as the source override."]
    citation_name = (repository["abbreviation"] or repository["name"]) if repository else ""
    reference = parsed.cited_reference
    if citation_name and reference.startswith(f"{citation_name}, "):
        reference = reference[len(citation_name) + 2 :]
    record["archival_reference"] = reference
    record["credits"] = [
        {"role": credit.role, "person": {"name": name}, "qualifier": credit.qualifier, "order": order}
        for order, (credit, name) in enumerate((c, n) for c in parsed.contributions for n in c.names)
    ]
    regenerated = source_sentence(
        repository_abbrev_or_name=citation_name,
        repository_name=repository["name"] if repository else "",
        archival_reference=reference,
        credit_sentence=compose_credits(parsed.contributions),
    )
    if regenerated != source:
        record["source_override"] = source
        return ["the generated source sentence would differ: the original kept as the source override."]
    return []


def _repository(title: str) -> dict:
    """ "German Federal Archives (BArch)" -> name and abbreviation."""
    match = REPOSITORY_NAME.match(title)
    if match and " " not in match["abbreviation"]:
        return {"name": match["name"], "abbreviation": match["abbreviation"]}
    return {"name": title, "abbreviation": ""}
