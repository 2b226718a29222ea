"""The archive's own JSON record files, as export_records writes them (docs/record-format.md)."""

from pathlib import Path

from archive.importers.candidates import Candidate
from archive.importers.jsontext import InvalidJSON, load_json
from archive.importers.problems import FileRejected
from archive.importers.records import FORMAT_NAME, FORMAT_VERSION

TOP_LEVEL = {"format", "version", "records"}
SHAPE = f'{{"format": "{FORMAT_NAME}", "version": {FORMAT_VERSION}, "records": [...]}}'


def looks_like_json(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n").startswith("{")


def read_json(path: Path, text: str) -> list[Candidate]:
    try:
        data = load_json(text, with_line=True)
    except InvalidJSON as error:
        raise FileRejected(str(error)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise FileRejected(f"not an archive records file: expected {SHAPE}.")
    if data.get("version") != FORMAT_VERSION:
        raise FileRejected(
            f"format version {data.get('version')!r} is not one this archive reads ({FORMAT_VERSION})."
        )
    unknown = sorted(set(data) - TOP_LEVEL)
    if unknown:
        raise FileRejected(f'"{unknown[0]}" is not a top-level field; expected {SHAPE}.')
    if not isinstance(data.get("records"), list):
        raise FileRejected(f'"records" must be a list; expected {SHAPE}.')
    return [
        Candidate.read(path, f"record {number}", record) for number, record in enumerate(data["records"], 1)
    ]
