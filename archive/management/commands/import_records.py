"""manage.py import_records PATH... : import records from WCDA text files, TEI, or the archive's JSON."""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from archive.importers import Status, import_paths


class Command(BaseCommand):
    help = (
        "Import records from files: the Wilson Center Digital Archive's plain-text records (.txt), "
        "TEI P5 as FRUS publishes it (.xml) and the archive's own JSON records (.json, see "
        "docs/record-format.md). Directories are read recursively. Records arrive as drafts; a record "
        "imported before (same external id) is updated, or reported unchanged. Exits non-zero if any "
        "record was rejected."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories to import")
        parser.add_argument("--user", help="username recorded as the author of the imported revisions")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="report what would be created, updated or left unchanged, and write nothing",
        )

    def handle(self, *args, paths: list[str], user: str | None, dry_run: bool, **options) -> None:
        self._started = self._shown = time.monotonic()
        report = import_paths(paths, user=self._user(user), dry_run=dry_run, progress=self._progress)
        if dry_run:
            self.stdout.write("Dry run: nothing was written. Without --dry-run, the import would do this:")
        for outcome in report.outcomes:
            style = self.style.ERROR if outcome.status == Status.REJECTED else self.style.SUCCESS
            self.stdout.write(str(outcome), style_func=style if outcome.status != Status.UNCHANGED else None)
        self.stdout.write(report.summary())
        if report.rejected:
            outcome = "would be imported" if dry_run else "were imported"
            raise CommandError(f"{report.rejected} record(s) rejected; the others {outcome}.")

    def _progress(self, done: int, total: int) -> None:
        """A line on stderr every few seconds of a long import: records done, rate and the time left."""
        now = time.monotonic()
        if now - self._shown < 5:
            return
        self._shown = now
        rate = done / max(now - self._started, 1e-6)
        left = (total - done) / rate if rate else 0
        self.stderr.write(
            f"{done}/{total} records ({done * 100 // total}%), {rate:.0f}/s, about {left:.0f} s left"
        )

    def _user(self, username: str | None):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f'No user named "{username}".') from None
