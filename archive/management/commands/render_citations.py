"""manage.py render_citations: store the Chicago, MLA and APA citations of published versions that
are not stored yet (archive.models.CitationRendering).

Publishing stores a version's renderings by itself. This is for versions written in bulk (the
benchmark's corpus, which skips citeproc-py), and after ARCHIVE_NAME or SITE_URL change: every
citation then reads differently and is stored afresh under a new digest. A second run makes
nothing. citeproc-py takes about a tenth of a second per version, so 100,000 versions cost about
three hours of one core; `--documents` renders only the records named.
"""

import time

from django.core.management.base import BaseCommand, CommandParser

from archive.citations import store_renderings
from archive.models import PublishedVersion


class Command(BaseCommand):
    help = "Render and store the citations of published versions that have none stored."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--documents", nargs="+", type=int, metavar="ID", help="only these records")
        parser.add_argument(
            "--all-versions", action="store_true", help="earlier versions too, not only the current ones"
        )
        parser.add_argument("--batch", type=int, default=100, help="versions per query (default 100)")

    def handle(self, *args, documents: list[int] | None, all_versions: bool, batch: int, **options) -> None:
        versions = PublishedVersion.objects.all() if all_versions else PublishedVersion.objects.current()
        if documents:
            versions = versions.filter(document_id__in=documents)
        ids = list(versions.order_by("pk").values_list("pk", flat=True))
        made, started = 0, time.monotonic()
        for start in range(0, len(ids), batch):
            chunk = PublishedVersion.objects.filter(pk__in=ids[start : start + batch])
            made += store_renderings(chunk.only("document_id", "number", "payload"))
            self._progress(min(start + batch, len(ids)), len(ids), made, started)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(ids)} published versions cited: {made} renderings made, the rest stored."
            )
        )

    def _progress(self, done: int, total: int, made: int, started: float) -> None:
        elapsed = time.monotonic() - started
        left = elapsed / done * (total - done)
        self.stdout.write(f"{done} of {total} versions, {made} renderings made, about {left:.0f} s left")
