"""manage.py export_dataset [--full] [--keep N] : the published archive as JSON Lines and CSV in MEDIA_ROOT/data/."""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat

from archive.dataset import ExportRunning, export_dataset


class Command(BaseCommand):
    help = (
        "Write the current published version of every record as JSON Lines and CSV (gzip), with "
        "SHA-256 checksums and a README, to MEDIA_ROOT/data/<timestamp>/, then make it the export that "
        "/data/ offers. Safe while the site serves: the switch is one atomic rename. Records whose "
        "version has not changed since the last export are copied from it, not serialised again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--full", action="store_true", help="serialise every record, reusing nothing")
        parser.add_argument("--keep", type=int, default=3, help="exports to keep, the new one included (3)")

    def handle(self, *args, full: bool, keep: int, **options) -> None:
        started = time.monotonic()
        try:
            result = export_dataset(full=full, keep=keep, progress=self._progress)
        except ExportRunning as error:
            raise CommandError(f"Not exported: {error}.") from None
        manifest = result.manifest
        size = sum(entry["size"] for entry in manifest["files"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {manifest['records']} records to {result.directory} ({filesizeformat(size)}) "
                f"in {time.monotonic() - started:.1f} s: {result.serialised} serialised, {result.reused} "
                "reused from the previous export."
            )
        )

    def _progress(self, done: int, total: int) -> None:
        self.stderr.write(f"{done}/{total} records")
