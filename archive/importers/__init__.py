"""Reading records from files into the archive, and writing them back out.

Formats: the Wilson Center Digital Archive's plain-text records (wcda), TEI P5 as FRUS publishes it
(tei), and the archive's own JSON records (jsonrecords, docs/record-format.md), which is also what
export writes. Every reader produces records of one shape (records); one writer stores them (writer);
core runs an import and reports on every record.
"""

from archive.importers.core import ImportReport, Outcome, Status, import_paths
from archive.importers.records import dump_records, export_queryset

__all__ = ["ImportReport", "Outcome", "Status", "dump_records", "export_queryset", "import_paths"]
