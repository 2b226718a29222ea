"""manage.py import_records PATH... : import records from WCDA text files, TEI, or the archive's JSON."""

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

    def handle(self, *args, paths: list[str], user: str | None, **options) -> None:
        report = import_paths(paths, user=self._user(user))
        for outcome in report.outcomes:
            style = self.style.ERROR if outcome.status == Status.REJECTED else self.style.SUCCESS
            self.stdout.write(str(outcome), style_func=style if outcome.status != Status.UNCHANGED else None)
        self.stdout.write(report.summary())
        if report.rejected:
            raise CommandError(f"{report.rejected} record(s) rejected; the others were imported.")

    def _user(self, username: str | None):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f'No user named "{username}".') from None
