from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Archive"

    def ready(self) -> None:
        from archive import versioning
        from archive.search.index import sync_index
        from archive.signals import current_version_changed

        versioning.register_models()
        current_version_changed.connect(sync_index, dispatch_uid="archive_search_sync_index")
