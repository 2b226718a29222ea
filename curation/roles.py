"""The roles, as Django groups with model permissions (DESIGN.md, "Roles").

Per-object rules (a translator edits only their own or assigned records, only while draft) live in
curation/permissions.py; these are the model-level permissions each role starts from.
"""

TRANSLATORS = "Translators"
EDITORS = "Editors"

RECORD_PARTS = ("text", "footnote", "provenanceevent", "contribution", "attachment")
AUTHORITIES = ("person", "place", "subject", "collection", "repository", "donor")

ROLE_PERMISSIONS: dict[str, set[tuple[str, str]]] = {
    TRANSLATORS: {
        *(("archive", f"{verb}_document") for verb in ("add", "change", "view")),
        *(
            ("archive", f"{verb}_{model}")
            for model in RECORD_PARTS
            for verb in ("add", "change", "delete", "view")
        ),
        # Translators may add a person, place or subject they need while entering a record; editors
        # curate the authority files (change, merge, delete).
        *(
            ("archive", f"{verb}_{model}")
            for model in ("person", "place", "subject")
            for verb in ("add", "view")
        ),
        *(("archive", f"view_{model}") for model in ("collection", "repository", "donor")),
    },
    EDITORS: {
        *(("archive", f"{verb}_document") for verb in ("add", "change", "delete", "view")),
        ("archive", "review_document"),
        ("archive", "publish_document"),
        *(
            ("archive", f"{verb}_{model}")
            for model in (*RECORD_PARTS, *AUTHORITIES)
            for verb in ("add", "change", "delete", "view")
        ),
        ("reversion", "view_revision"),
        ("reversion", "view_version"),
    },
}


def ensure_roles(*, using: str = "default", **kwargs) -> None:
    """Create the role groups and give them their permissions; safe to run any number of times.

    Runs after every `migrate` and every `flush` (post_migrate), so the roles exist on any database,
    including a test database flushed between tests; it only adds what is missing, and never takes
    away a permission an administrator granted.
    """
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    for app_label in {app_label for wanted in ROLE_PERMISSIONS.values() for app_label, _ in wanted}:
        create_permissions(apps.get_app_config(app_label), verbosity=0, using=using)
    for group_name, wanted in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=group_name)
        codenames = {codename for _, codename in wanted}
        candidates = (
            Permission.objects.using(using).filter(codename__in=codenames).select_related("content_type")
        )
        group.permissions.add(
            *(perm for perm in candidates if (perm.content_type.app_label, perm.codename) in wanted)
        )
