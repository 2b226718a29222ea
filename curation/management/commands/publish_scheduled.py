"""`manage.py publish_scheduled`: publish the approvals whose go-live time has come.

Run it from cron every few minutes. It is idempotent: a second run publishes nothing twice.
"""

from django.core.management.base import BaseCommand

from curation.actions import publish_due
from curation.models import ScheduledPublication


class Command(BaseCommand):
    help = "Publish the approved revisions whose scheduled go-live time has come."

    def handle(self, *args, **options) -> None:
        closed = publish_due()
        for schedule in closed:
            if schedule.state == ScheduledPublication.State.PUBLISHED:
                version = schedule.published_version
                self.stdout.write(f"Published document {schedule.document_id} as version {version.number}.")
            else:
                self.stdout.write(
                    f"Cancelled the approval of document {schedule.document_id}: {schedule.cancel_reason}"
                )
        published = sum(schedule.state == ScheduledPublication.State.PUBLISHED for schedule in closed)
        self.stdout.write(self.style.SUCCESS(f"{published} published, {len(closed) - published} cancelled."))
