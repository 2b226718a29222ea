"""A record as a reader found it in a file: ready to write, or rejected with the reason."""

from dataclasses import dataclass, field
from pathlib import Path

from archive.importers.problems import RecordRejected
from archive.importers.records import check_no_nul, normalise_record


@dataclass
class Candidate:
    file: Path
    label: str  # "record 2": where the record is in its file, for the report
    record: dict | None = None
    problem: str = ""
    notes: list[str] = field(default_factory=list)
    # The source sentence the file gives, which the stored record must regenerate (else it is kept
    # as the override); "" where the format has none to check against.
    source_sentence: str = ""

    @classmethod
    def read(
        cls,
        file: Path,
        label: str,
        data: object,
        notes: list[str] | None = None,
        *,
        source_sentence: str = "",
    ) -> "Candidate":
        """Check a record's shape; a wrong field makes a rejected candidate, never an exception."""
        try:
            record = normalise_record(data)
            check_no_nul(source_sentence, "source_sentence")
            return cls(file, label, record=record, notes=list(notes or []), source_sentence=source_sentence)
        except RecordRejected as rejected:
            return cls.rejected(file, label, rejected, external_id=_external_id(data))

    @classmethod
    def rejected(
        cls, file: Path, label: str, problem: Exception | str, *, external_id: str = ""
    ) -> "Candidate":
        if external_id:
            label = f"{label} ({external_id})"
        return cls(file, label, problem=str(problem))

    @property
    def external_id(self) -> str:
        return self.record["external_id"] if self.record else ""

    @property
    def name(self) -> str:
        """How the report names the record: its external id, else its place in the file."""
        return self.external_id or self.label


def _external_id(data: object) -> str:
    value = data.get("external_id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else ""
