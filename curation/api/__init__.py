"""The curation API (/api/v1/curation/): drafts and the workflow, for translators and editors.

Every rule it applies is someone else's: who may do what is curation.permissions, how a record is
validated is the admin's own forms (curation.forms, driven by curation.api.writes), and every state
change is one of curation.actions. The views only translate between HTTP and those.
"""
