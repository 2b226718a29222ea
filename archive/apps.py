from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Archive"

    def ready(self) -> None:
        from archive import versioning
        from archive.search.index import fill_empty_index, sync_index
        from archive.signals import current_version_changed

        versioning.register_models()
        current_version_changed.connect(sync_index, dispatch_uid="archive_search_sync_index")
        post_migrate.connect(fill_empty_index, sender=self, dispatch_uid="archive_search_fill_empty_index")
