"""manage.py export_records [--output FILE] [--ids ID ...] : the archive's JSON records."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from archive.importers import dump_records, export_queryset
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
        numbers = [int(value) for value in ids if value.isdigit()]
        external = [value for value in ids if not value.isdigit()]
        documents = Document.objects.filter(Q(pk__in=numbers) | Q(external_id__in=external))
        found = {str(pk) for pk in documents.values_list("pk", flat=True)}
        found |= set(documents.values_list("external_id", flat=True))
        missing = [value for value in ids if value not in found]
        if missing:
            raise CommandError(f"No record with the id(s): {', '.join(missing)}.")
        return documents
