"""manage.py export_records [--output FILE] [--ids ID ...] : the archive's JSON records."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from archive.importers import dump_records, export_queryset
from archive.importers.writer import find_document
from archive.models import Document


class Command(BaseCommand):
    help = (
        "Write records in the archive's JSON record format (docs/record-format.md), which "
        "import_records reads back: exporting and importing again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")
        parser.add_argument(
            "--ids",
            nargs="+",
            metavar="ID",
            help='only these records: database ids or external ids ("wcda:300240")',
        )

    def handle(self, *args, output: str | None, ids: list[str] | None, **options) -> None:
        documents = export_queryset(self._selected(ids))
        payload = dump_records(documents)
        if output:
            Path(output).write_text(payload, encoding="utf-8")
            self.stderr.write(f"Exported {len(documents)} record(s) to {output}.")
        else:
            self.stdout.write(payload, ending="")

    def _selected(self, ids: list[str] | None):
        if not ids:
            return Document.objects.all()
        found = {value: self._find(value) for value in ids}
        missing = [value for value, document in found.items() if document is None]
        if missing:
            raise CommandError(f"No record with the id(s): {', '.join(missing)}.")
        return Document.objects.filter(pk__in=[document.pk for document in found.values()])

    def _find(self, value: str) -> Document | None:
        if value.isdigit():
            return Document.objects.filter(pk=int(value)).first()
        return find_document(value)
