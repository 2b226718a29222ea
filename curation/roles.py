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
