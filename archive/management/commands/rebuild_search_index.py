"""manage.py rebuild_search_index: index every current published version afresh.

Publishing and withdrawing keep the index in step by themselves; this is for a database that had
published records before the index existed, or after a change to what is indexed.
"""

from django.core.management.base import BaseCommand

from archive.search import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the search index from the current published versions."

    def handle(self, *args, **options) -> None:
        count = rebuild_index()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} published records."))
