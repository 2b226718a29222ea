"""What django-reversion records.

A Document's revision follows everything that belongs to it (texts and their footnotes, provenance
events, credits, attachments), so one revision is one complete state of a record. Authority records
(people, places, subjects, collections, repositories, donors) are versioned on their own.
"""

import reversion


def register_models() -> None:
    from archive import models

    if reversion.is_registered(models.Document):
        return
    reversion.register(models.Document, follow=["texts", "provenance_events", "contributions", "attachments"])
    reversion.register(models.Text, follow=["footnotes"])
    for model in (
        models.Footnote,
        models.ProvenanceEvent,
        models.Contribution,
        models.Attachment,
        models.Person,
        models.Place,
        models.Subject,
        models.Collection,
        models.Repository,
        models.Donor,
    ):
        reversion.register(model)
