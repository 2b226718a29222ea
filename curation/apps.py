from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CurationConfig(AppConfig):
    name = "curation"
    verbose_name = "Curation"

    def ready(self) -> None:
        from curation.roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="curation_ensure_roles")
